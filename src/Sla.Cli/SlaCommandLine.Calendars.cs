using System.CommandLine;
using NodaTime;
using NodaTime.Text;
using Sla.Cli.Calc;
using Sla.Cli.Calendars;

namespace Sla.Cli;

/// <summary>The calendar commands: calc and calendar check.</summary>
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

    private static Option<string?> VersionOption() =>
        new("--version") { Description = "With a policy document, the version whose calendar to use (default: the version in force at each request's instant)." };

    private static Command CalendarCheck(CliConsole console, IClock clock)
    {
        var fileArgument = new Argument<string>("FILE") { Description = "The calendar document (or policy document) to check." };
        var idOption = new Option<string?>("--id") { Description = "The calendar to check when the file holds several." };
        var fromOption = new Option<string?>("--from") { Description = "List closed days from this date (yyyy-MM-dd); default today in the calendar's zone." };
        var versionOption = VersionOption();
        var command = new Command("check", "Validate a calendar and summarise it: zone, weekly hours, the next closed days.")
        {
            fileArgument,
            idOption,
            fromOption,
            versionOption,
        };
        command.SetAction(result =>
        {
            var fromText = result.GetValue(fromOption);
            LocalDate? from = null;
            if (fromText is not null)
            {
                if (LocalDatePattern.Iso.Parse(fromText) is not { Success: true } parsed)
                {
                    console.Error.WriteLine($"--from: '{fromText}' is not a date: write yyyy-MM-dd.");
                    return ExitCodes.Invalid;
                }
                if (!CalendarCheckCommand.Covers(parsed.Value))
                {
                    console.Error.WriteLine($"--from: {fromText} is outside the dates calendars cover ({CalendarCheckCommand.FirstDate:yyyy-MM-dd} to {CalendarCheckCommand.LastDate:yyyy-MM-dd}).");
                    return ExitCodes.Invalid;
                }
                from = parsed.Value;
            }
            var calendars = CalendarSource.Load(result.GetValue(fileArgument)!, result.GetValue(idOption), result.GetValue(versionOption), console);
            var asOf = from?.AtMidnight().InUtc().ToInstant() ?? clock.GetCurrentInstant();
            if (calendars is null)
            {
                return ExitCodes.Invalid;
            }
            if (calendars.At(asOf, out var error) is not { } calendar)
            {
                console.Error.WriteLine($"{result.GetValue(fileArgument)}: {error}");
                return ExitCodes.Invalid;
            }
            return CalendarCheckCommand.Run(calendar, from ?? asOf.InZone(calendar.Zone).Date, console);
        });
        return command;
    }
}
