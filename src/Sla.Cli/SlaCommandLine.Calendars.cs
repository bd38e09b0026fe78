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
        var command = new Command("calc", "Batch calendar arithmetic: JSON Lines requests on standard input, one response line each on standard output.")
        {
            calendarOption,
            idOption,
        };
        command.SetAction(result =>
        {
            var calendar = CalendarSource.Load(result.GetValue(calendarOption)!, result.GetValue(idOption), console);
            return calendar is null ? ExitCodes.Invalid : CalcCommand.Run(calendar, console);
        });
        return command;
    }

    private static Command CalendarCheck(CliConsole console, IClock clock)
    {
        var fileArgument = new Argument<string>("FILE") { Description = "The calendar document (or policy document) to check." };
        var idOption = new Option<string?>("--id") { Description = "The calendar to check when the file holds several." };
        var fromOption = new Option<string?>("--from") { Description = "List closed days from this date (yyyy-MM-dd); default today in the calendar's zone." };
        var command = new Command("check", "Validate a calendar and summarise it: zone, weekly hours, the next closed days.")
        {
            fileArgument,
            idOption,
            fromOption,
        };
        command.SetAction(result =>
        {
            var calendar = CalendarSource.Load(result.GetValue(fileArgument)!, result.GetValue(idOption), console);
            if (calendar is null)
            {
                return ExitCodes.Invalid;
            }
            var fromText = result.GetValue(fromOption);
            LocalDate from;
            if (fromText is null)
            {
                from = clock.GetCurrentInstant().InZone(calendar.Zone).Date;
            }
            else if (LocalDatePattern.Iso.Parse(fromText) is { Success: true } parsed)
            {
                from = parsed.Value;
            }
            else
            {
                console.Error.WriteLine($"--from: '{fromText}' is not a date: write yyyy-MM-dd.");
                return ExitCodes.Invalid;
            }
            return CalendarCheckCommand.Run(calendar, from, console);
        });
        return command;
    }
}
