using System.CommandLine;
using NodaTime;
using Sla.Cli.Calendars;
using Sla.Core.Calendars;

namespace Sla.Cli;

/// <summary>The holiday commands: calendar import-ics, export-ics and holidays.</summary>
internal static partial class SlaCommandLine
{
    private static Command CalendarImportIcs(CliConsole console)
    {
        var icsArgument = new Argument<string>("ICS") { Description = "The iCalendar (.ics) file, or - for standard input." };
        var calendarOption = new Option<string>("--calendar") { Description = "The calendar document (or policy document) to add the closures to.", Required = true };
        var idOption = new Option<string?>("--id") { Description = "The calendar to use when the file holds several." };
        var versionOption = VersionOption("the version in force on January 1 of --from");
        var fromOption = new Option<int>("--from") { Description = "The first year whose occurrences to take.", Required = true };
        var toOption = new Option<int?>("--to") { Description = "The last year, included (default: --from)." };
        var outputOption = new Option<string?>("--output") { Description = "Write the updated calendar document here (default: standard output); the file changes only when all went well." };
        var command = new Command("import-ics", "Add an iCalendar feed's holidays and closures to a calendar, as dated exceptions; writes the updated calendar document.")
        {
            icsArgument, calendarOption, idOption, versionOption, fromOption, toOption, outputOption,
        };
        command.SetAction(result =>
        {
            var from = result.GetValue(fromOption);
            var to = result.GetValue(toOption) ?? from;
            if (!TryYears(from, to, console))
            {
                return ExitCodes.Invalid;
            }
            if (CalendarSource.Load(result.GetValue(calendarOption)!, result.GetValue(idOption), result.GetValue(versionOption), console) is not { } source)
            {
                return ExitCodes.Invalid;
            }
            if (source.At(new LocalDate(from, 1, 1).AtMidnight().InUtc().ToInstant(), out var error) is not { } calendar)
            {
                console.Error.WriteLine($"{result.GetValue(calendarOption)}: {error}");
                return ExitCodes.Invalid;
            }
            return HolidayCommands.Import(calendar, result.GetValue(icsArgument)!, from, to, result.GetValue(outputOption), console);
        });
        return command;
    }

    private static Command CalendarExportIcs(CliConsole console, IClock clock)
    {
        var fileArgument = new Argument<string>("FILE") { Description = "The calendar document (or policy document)." };
        var idOption = new Option<string?>("--id") { Description = "The calendar to export when the file holds several." };
        var versionOption = VersionOption("the version in force on --from");
        var fromOption = new Option<string?>("--from") { Description = "The first date (yyyy-MM-dd); default today in the calendar's zone." };
        var toOption = new Option<string?>("--to") { Description = "The last date, included (yyyy-MM-dd); default a year after --from, less a day." };
        var outputOption = new Option<string?>("--output") { Description = "Write the .ics here (default: standard output); the file changes only when all went well." };
        var command = new Command("export-ics", "Write a calendar's closed and shortened days as iCalendar (.ics), to see them in Outlook or Google Calendar.")
        {
            fileArgument, idOption, versionOption, fromOption, toOption, outputOption,
        };
        command.SetAction(result =>
        {
            var range = DateRange(result.GetValue(fileArgument)!, result.GetValue(idOption), result.GetValue(versionOption), result.GetValue(fromOption),
                result.GetValue(toOption), first => first.Year < BusinessCalendar.LastDate.Year ? first.PlusYears(1).PlusDays(-1) : BusinessCalendar.LastDate, clock, console);
            return range is not var (calendarOn, first, last)
                ? ExitCodes.Invalid
                : HolidayCommands.Export(calendarOn.First, first, last, result.GetValue(outputOption), console);
        });
        return command;
    }

    private static Command CalendarHolidays(CliConsole console, IClock clock)
    {
        var countryOption = new Option<string>("--country") { Description = "The country, as an ISO 3166 code such as GB, US or DE.", Required = true };
        var regionOption = new Option<string?>("--region") { Description = "A region: GB ENG, WLS, SCT or NIR; a German state (BY, NW, ...); an Australian state (NSW, VIC, ...)." };
        var fromOption = new Option<int?>("--from") { Description = "The first year (default: this year)." };
        var toOption = new Option<int?>("--to") { Description = "The last year, included (default: --from)." };
        var formatOption = CommandLineWords.Format("--format", DaysFormat.Table, DaysFormat.Table, DaysFormat.Json, DaysFormat.Csv);
        var command = new Command("holidays", "A country's public holidays as closed dates; --format json gives them as a calendar document's exceptions.")
        {
            countryOption, regionOption, fromOption, toOption, formatOption.Option,
        };
        command.SetAction(result =>
        {
            var from = result.GetValue(fromOption) ?? clock.GetCurrentInstant().InUtc().Year;
            var to = result.GetValue(toOption) ?? from;
            return HolidayCommands.Holidays(result.GetValue(countryOption)!, result.GetValue(regionOption), from, to, formatOption.Get(result), console);
        });
        return command;
    }

    private static bool TryYears(int from, int to, CliConsole console)
    {
        var (first, last) = (BusinessCalendar.FirstDate.Year, BusinessCalendar.LastDate.Year);
        if (from < first || from > last)
        {
            console.Error.WriteLine($"--from: {from} is outside the years calendars cover ({first} to {last}).");
            return false;
        }
        if (to < from || to > last)
        {
            console.Error.WriteLine($"--to: {to} must be from {from} to {last}.");
            return false;
        }
        return true;
    }
}
