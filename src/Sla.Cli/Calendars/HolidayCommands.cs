using NodaTime;
using Sla.Cli.Reports;
using Sla.Core.Calendars;
using Sla.Core.Holidays.Countries;
using Sla.Core.Holidays.ICalendar;
using Sla.Core.Json.Calendars;

namespace Sla.Cli.Calendars;

/// <summary>
/// Holidays from and to elsewhere: <c>sla calendar import-ics</c> (an iCalendar feed into a calendar document),
/// <c>export-ics</c> (a calendar's closed and shortened days as iCalendar) and <c>holidays</c> (a country's days off).
/// </summary>
internal static class HolidayCommands
{
    public static int Import(BusinessCalendar calendar, string icsFile, int fromYear, int toYear, string? output, CliConsole console)
    {
        if (calendar.IsAlwaysOpen || calendar.IsComposite)
        {
            console.Error.WriteLine($"--calendar: '{calendar.Id}' has no dated exceptions of its own{(calendar.IsComposite ? ": import into one of its members with --id" : "")}.");
            return ExitCodes.Invalid;
        }
        if (CliFiles.ReadText(icsFile, console) is not { } ics)
        {
            return ExitCodes.Invalid;
        }
        BusinessCalendar updated;
        try
        {
            updated = ICalendarImport.Import(ics, calendar, fromYear, toYear);
        }
        catch (ICalendarFormatException e)
        {
            console.Error.WriteLine($"{icsFile}: {e.Message}");
            return ExitCodes.Invalid;
        }
        catch (Sla.Core.Validation.DefinitionValidationException e)
        {
            console.Error.WriteLine($"{icsFile}: the imported closures do not make a valid calendar: {string.Join("; ", e.Problems)}");
            return ExitCodes.Invalid;
        }
        var imported = updated.Exceptions.Count(e => !calendar.Exceptions.Contains(e));
        console.Error.WriteLine($"{icsFile}: {CountText(imported, "dated exception")} from {fromYear} to {toYear}.");
        return Write(CalendarDocument.Write(updated) + "\n", output, console);
    }

    public static int Export(BusinessCalendar calendar, LocalDate from, LocalDate to, string? output, CliConsole console)
    {
        if (calendar.IsComposite)
        {
            console.Error.WriteLine($"'{calendar.Id}' is built from other calendars: export its members, each with --id.");
            return ExitCodes.Invalid;
        }
        return Write(ICalendarExport.Write(calendar, from, to), output, console);
    }

    public static int Holidays(string country, string? region, int fromYear, int toYear, DaysFormat format, CliConsole console)
    {
        System.Collections.Immutable.ImmutableArray<DateOverride> holidays;
        try
        {
            holidays = CountryHolidays.Exceptions(country, fromYear, toYear, region);
        }
        catch (ArgumentOutOfRangeException e)
        {
            console.Error.WriteLine($"--{(e.ParamName == "toYear" ? "to" : "from")}: {e.Message.Split(" (Parameter")[0]}");
            return ExitCodes.Invalid;
        }
        catch (ArgumentException e)
        {
            console.Error.WriteLine($"--{(e.ParamName == "region" ? "region" : "country")}: {e.Message.Split(" (Parameter")[0]}");
            return ExitCodes.Invalid;
        }
        var text = console.Out;
        switch (format)
        {
            case DaysFormat.Json:
                // The shape of a calendar document's "exceptions", so the list can be pasted into one.
                console.WriteJson(writer =>
                {
                    writer.WriteStartArray();
                    foreach (var holiday in holidays)
                    {
                        writer.WriteStartObject();
                        writer.WriteString("date", CalendarDaysCommand.Date(holiday.Date));
                        writer.WriteString("name", holiday.Name);
                        writer.WriteStartArray("hours");
                        writer.WriteEndArray();
                        writer.WriteEndObject();
                    }
                    writer.WriteEndArray();
                });
                break;
            case DaysFormat.Csv:
                text.WriteLine("date,weekday,name");
                foreach (var holiday in holidays)
                {
                    text.WriteLine(Csv.Row([CalendarDaysCommand.Date(holiday.Date), CalendarDaysCommand.Weekday(holiday.Date), holiday.Name ?? ""]));
                }
                break;
            default:
                text.WriteLine($"Public holidays of {country.ToUpperInvariant()}{(region is null ? "" : $" ({region.ToUpperInvariant()})")}, {fromYear} to {toYear}: {holidays.Length}");
                foreach (var holiday in holidays)
                {
                    text.WriteLine($"  {CalendarDaysCommand.Date(holiday.Date)} {holiday.Date.DayOfWeek.ToString()[..3]}  {holiday.Name}");
                }
                break;
        }
        return ExitCodes.Ok;
    }

    private static string CountText(int count, string what) => $"{count} {what}{(count == 1 ? "" : "s")}";

    /// <summary>Writes to standard output, or to a file through a temporary one beside it, so a failure leaves the file as it was.</summary>
    private static int Write(string text, string? output, CliConsole console)
    {
        if (output is null)
        {
            console.Out.Write(text);
            return ExitCodes.Ok;
        }
        var temporary = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(output))!, $".{Path.GetFileName(output)}.{Environment.ProcessId}.tmp");
        try
        {
            File.WriteAllText(temporary, text);
            File.Move(temporary, output, overwrite: true);
            return ExitCodes.Ok;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            File.Delete(temporary);
            console.Error.WriteLine($"--output: cannot write {output}: {e.Message}");
            return ExitCodes.Invalid;
        }
    }
}
