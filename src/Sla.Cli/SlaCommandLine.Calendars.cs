using System.CommandLine;
using NodaTime;
using NodaTime.Text;
using Sla.Cli.Calc;
using Sla.Cli.Calendars;
using Sla.Core.Calendars;

namespace Sla.Cli;

/// <summary>The calendar commands: calc, calendar check and calendar days.</summary>
internal static partial class SlaCommandLine
{
    private static Command Calc(CliConsole console)
    {
        var calendarOption = new Option<string>("--calendar")
        {
            Description = "A calendar document, a policy document, or 24x7 for the 24/7 calendar.",
            Required = true,
        };
        var idOption = new Option<string?>("--id") { Description = "The calendar to use when the file holds several." };
        var versionOption = VersionOption();
        var command = new Command("calc", "Batch calendar arithmetic: JSON Lines requests on standard input, one response line each on standard output.")
        {
            calendarOption,
            idOption,
            versionOption,
        };
        command.SetAction(result =>
        {
            var calendars = CalendarSource.Load(result.GetValue(calendarOption)!, result.GetValue(idOption), result.GetValue(versionOption), console);
            return calendars is null ? ExitCodes.Invalid : CalcCommand.Run(calendars, console);
        });
        return command;
    }

    private static Option<string?> VersionOption(string byDefault = "the version in force at each request's instant") =>
        new("--version") { Description = $"With a policy document, the version whose calendar to use (default: {byDefault})." };

    private static Command CalendarCheck(CliConsole console, IClock clock)
    {
        var fileArgument = new Argument<string>("FILE") { Description = "The calendar document (or policy document) to check." };
        var idOption = new Option<string?>("--id") { Description = "The calendar to check when the file holds several." };
        var fromOption = new Option<string?>("--from") { Description = "List closed days from this date (yyyy-MM-dd); default today in the calendar's zone." };
        var countOption = new Option<int>("--count")
        {
            Description = $"How many closed or shortened days to list (default {CalendarCheckCommand.DefaultCount}).",
            DefaultValueFactory = _ => CalendarCheckCommand.DefaultCount,
        };
        var versionOption = VersionOption("the version in force on each date");
        var command = new Command("check", "Validate a calendar and summarise it: zone, weekly hours, the next closed days.")
        {
            fileArgument,
            idOption,
            fromOption,
            countOption,
            versionOption,
        };
        command.SetAction(result =>
        {
            var count = result.GetValue(countOption);
            if (count < 1)
            {
                console.Error.WriteLine($"--count: {count} lists nothing: give how many days to list, such as 20.");
                return ExitCodes.Invalid;
            }
            if (!TryDate(result.GetValue(fromOption), "--from", console, out var from))
            {
                return ExitCodes.Invalid;
            }
            if (CalendarsOn(result.GetValue(fileArgument)!, result.GetValue(idOption), result.GetValue(versionOption), from, clock, console) is not { } calendarOn)
            {
                return ExitCodes.Invalid;
            }
            return CalendarCheckCommand.Run(calendarOn, from ?? calendarOn.Today(clock), count, console);
        });
        return command;
    }

    private static Command CalendarDays(CliConsole console, IClock clock)
    {
        var fileArgument = new Argument<string>("FILE") { Description = "The calendar document (or policy document)." };
        var idOption = new Option<string?>("--id") { Description = "The calendar to list when the file holds several." };
        var fromOption = new Option<string?>("--from") { Description = "The first date (yyyy-MM-dd); default today in the calendar's zone." };
        var toOption = new Option<string?>("--to") { Description = "The last date, included (yyyy-MM-dd); default four weeks after --from." };
        var closedOnlyOption = new Option<bool>("--closed-only") { Description = "Only the dates a rule or exception closes or shortens." };
        var formatOption = CommandLineWords.Format("--format", DaysFormat.Table, DaysFormat.Table, DaysFormat.Json, DaysFormat.Csv);
        var versionOption = VersionOption("the version in force on each date");
        var command = new Command("days", "Each date's hours over a range, and the holiday or exception that closed or shortened it.")
        {
            fileArgument,
            idOption,
            fromOption,
            toOption,
            closedOnlyOption,
            formatOption.Option,
            versionOption,
        };
        command.SetAction(result =>
        {
            var range = DateRange(result.GetValue(fileArgument)!, result.GetValue(idOption), result.GetValue(versionOption), result.GetValue(fromOption),
                result.GetValue(toOption), first => first <= BusinessCalendar.LastDate.PlusDays(-27) ? first.PlusDays(27) : BusinessCalendar.LastDate, clock, console);
            return range is not var (calendarOn, first, last)
                ? ExitCodes.Invalid
                : CalendarDaysCommand.Run(calendarOn, first, last, result.GetValue(closedOnlyOption), formatOption.Get(result), console);
        });
        return command;
    }

    /// <summary>
    /// The calendar a file names, date by date, and the dates from <c>--from</c> (default today in its zone) to <c>--to</c>
    /// (default <paramref name="defaultLast"/> of the first), or <see langword="null"/> after saying what is wrong.
    /// </summary>
    private static (CalendarsByDate CalendarOn, LocalDate First, LocalDate Last)? DateRange(string file, string? id, string? version,
        string? fromText, string? toText, Func<LocalDate, LocalDate> defaultLast, IClock clock, CliConsole console)
    {
        if (!TryDate(fromText, "--from", console, out var from) || !TryDate(toText, "--to", console, out var to))
        {
            return null;
        }
        if (CalendarsOn(file, id, version, from, clock, console) is not { } calendarOn)
        {
            return null;
        }
        var first = from ?? calendarOn.Today(clock);
        var last = to ?? defaultLast(first);
        if (last < first)
        {
            console.Error.WriteLine($"--to: {last:yyyy-MM-dd} is before the first date, {first:yyyy-MM-dd}.");
            return null;
        }
        return (calendarOn, first, last);
    }

    /// <summary>Reads a date option (absent: <see langword="null"/>), saying why when it is not a date calendars cover.</summary>
    private static bool TryDate(string? text, string option, CliConsole console, out LocalDate? date)
    {
        date = null;
        if (text is null)
        {
            return true;
        }
        if (LocalDatePattern.Iso.Parse(text) is not { Success: true } parsed)
        {
            console.Error.WriteLine($"{option}: '{text}' is not a date: write yyyy-MM-dd.");
            return false;
        }
        if (parsed.Value < BusinessCalendar.FirstDate || parsed.Value > BusinessCalendar.LastDate)
        {
            console.Error.WriteLine($"{option}: {text} is outside the dates calendars cover ({BusinessCalendar.FirstDate:yyyy-MM-dd} to {BusinessCalendar.LastDate:yyyy-MM-dd}).");
            return false;
        }
        date = parsed.Value;
        return true;
    }

    /// <summary>
    /// The calendar a file names, date by date (a policy's versions may each define it: each date uses the version in force
    /// at its start), or <see langword="null"/> after saying why (no version in force on the first date, or now).
    /// </summary>
    private static CalendarsByDate? CalendarsOn(string file, string? id, string? version, LocalDate? from, IClock clock, CliConsole console)
    {
        var calendars = CalendarSource.Load(file, id, version, console);
        if (calendars is null)
        {
            return null;
        }
        var asOf = from?.AtMidnight().InUtc().ToInstant() ?? clock.GetCurrentInstant();
        if (calendars.At(asOf, out var error) is not { } calendar)
        {
            console.Error.WriteLine($"{file}: {error}");
            return null;
        }
        return new CalendarsByDate(calendars, calendar);
    }
}
