using System.Globalization;
using System.Text.Json;
using NodaTime;
using Sla.Cli.Reports;
using Sla.Core.Calendars;
using Sla.Core.Text;

namespace Sla.Cli.Calendars;

/// <summary>How <c>sla calendar days</c> writes its list.</summary>
internal enum DaysFormat
{
    /// <summary>Aligned rows for people.</summary>
    Table,

    /// <summary>One JSON array of days.</summary>
    Json,

    /// <summary>A header and one row per date.</summary>
    Csv,
}

/// <summary>
/// <c>sla calendar days</c>: each date's hours over a range, their wall-clock length, and the rules or exception that shaped it;
/// with <c>--closed-only</c>, just the dates a rule or exception closes or shortens. Written as it goes, so a long range
/// does not wait or hold every day.
/// </summary>
internal static class CalendarDaysCommand
{
    /// <summary>How many days the JSON writer holds before it hands them on, so a range of centuries streams.</summary>
    private const int JsonDaysPerFlush = 512;

    public static int Run(CalendarsByDate calendarOn, LocalDate from, LocalDate to, bool closedOnly, DaysFormat format, CliConsole console)
    {
        var output = console.Out;
        var calendar = calendarOn.First;
        var days = Dates(from, to).Select(date => (Calendar: calendarOn.On(date), Date: date)).Select(d => (d.Calendar, Day: d.Calendar.GetDay(d.Date)))
            .Where(d => !closedOnly || CalendarCheckCommand.IsClosedOrShortened(d.Calendar, d.Day)).Select(d => d.Day);
        switch (format)
        {
            case DaysFormat.Json:
                console.WriteJson(writer =>
                {
                    writer.WriteStartArray();
                    var pending = 0;
                    foreach (var day in days)
                    {
                        if (++pending == JsonDaysPerFlush)
                        {
                            writer.Flush();
                            pending = 0;
                        }
                        writer.WriteStartObject();
                        writer.WriteString("date", Date(day.Date));
                        writer.WriteString("weekday", Weekday(day.Date));
                        writer.WriteStartArray("hours");
                        foreach (var window in day.Hours)
                        {
                            writer.WriteStringValue(window.ToString());
                        }
                        writer.WriteEndArray();
                        writer.WriteString("wallClockTime", DurationText.Format(CalendarCheckCommand.WallClock(day.Hours)));
                        writer.WriteBoolean("closed", !day.IsWorkingDay);
                        writer.WriteStartArray("shapedBy");
                        foreach (var name in day.ShapedBy)
                        {
                            writer.WriteStringValue(name);
                        }
                        writer.WriteEndArray();
                        writer.WriteEndObject();
                    }
                    writer.WriteEndArray();
                });
                break;
            case DaysFormat.Csv:
                output.WriteLine("date,weekday,hours,wallClockTime,shapedBy");
                foreach (var day in days)
                {
                    output.WriteLine(Csv.Row([Date(day.Date), Weekday(day.Date), string.Join(' ', day.Hours), DurationText.Format(CalendarCheckCommand.WallClock(day.Hours)),
                        string.Join("; ", day.ShapedBy)]));
                }
                break;
            default:
                output.WriteLine($"Calendar {calendar.Id} ({calendar.Zone.Id}), {Date(from)} to {Date(to)}{(closedOnly ? ", closed or shortened days only" : "")}:");
                var any = false;
                foreach (var day in days)
                {
                    var hours = day.IsWorkingDay ? string.Join(", ", day.Hours) : "closed";
                    output.WriteLine($"  {Date(day.Date)} {day.Date.DayOfWeek.ToString()[..3]}  {hours,-26} {DurationText.Format(CalendarCheckCommand.WallClock(day.Hours)),-8} {string.Join("; ", day.ShapedBy)}".TrimEnd());
                    any = true;
                }
                if (!any)
                {
                    output.WriteLine("  none");
                }
                break;
        }
        return ExitCodes.Ok;
    }

    private static IEnumerable<LocalDate> Dates(LocalDate from, LocalDate to)
    {
        for (var date = from; date <= to; date = date.PlusDays(1))
        {
            yield return date;
            if (date == to)
            {
                yield break;
            }
        }
    }

    internal static string Date(LocalDate date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    internal static string Weekday(LocalDate date) => date.DayOfWeek.ToString().ToLowerInvariant();
}
