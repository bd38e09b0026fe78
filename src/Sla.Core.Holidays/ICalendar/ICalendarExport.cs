using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using NodaTime;
using Sla.Core.Calendars;
using IcalCalendar = Ical.Net.Calendar;

namespace Sla.Core.Holidays.ICalendar;

/// <summary>
/// Writes a calendar's closed and shortened days as iCalendar (RFC 5545) text, so people see the SLA calendar
/// beside their own in Outlook or Google Calendar.
/// </summary>
/// <remarks>
/// <para>A date that a rule or dated exception closes (and whose weekday has hours) becomes an all-day event; a date
/// they shorten becomes a timed event (in the calendar's zone) for each stretch of weekly hours it loses. The
/// SUMMARY is the names of what shaped the date. Hours an exception adds (a working Saturday) are not events.
/// Reading the text back into the same weekly schedule gives the same days.</para>
/// <para>The output is the same for the same calendar and range: each event's UID is made from the calendar's id
/// and the date, and DTSTAMP is the range's first date (the library never reads the clock). Stateless and thread-safe.</para>
/// </remarks>
public static class ICalendarExport
{
    /// <summary>Writes the closed and shortened days from <paramref name="from"/> to <paramref name="to"/> (both included).</summary>
    /// <param name="calendar">A calendar of windows (export a composite's members).</param>
    /// <param name="from">The first date.</param>
    /// <param name="to">The last date.</param>
    /// <returns>The iCalendar text (CRLF line ends, as the format requires).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="calendar"/> is null.</exception>
    /// <exception cref="ArgumentException">The calendar is a composite, or <paramref name="to"/> is before <paramref name="from"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A date is outside the dates calendars cover.</exception>
    public static string Write(BusinessCalendar calendar, LocalDate from, LocalDate to)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        if (calendar.IsComposite)
        {
            throw new ArgumentException($"Calendar '{calendar.Id}' is built from other calendars: export its members.", nameof(calendar));
        }
        var days = calendar.Days(from, to);
        var output = new IcalCalendar { ProductId = "-//Sla.Core//business calendar//EN" };
        var stamp = new CalDateTime(from.Year, from.Month, from.Day, 0, 0, 0, CalDateTime.UtcTzId);
        foreach (var day in days)
        {
            var lost = WallRanges.Subtract(WallRanges.Of(calendar.Weekly[day.Date.DayOfWeek]), WallRanges.Of(day.Hours));
            if (day.ShapedBy.IsEmpty || lost.Count == 0)
            {
                continue;
            }
            var summary = string.Join("; ", day.ShapedBy);
            var uid = $"{calendar.Id}-{day.Date:yyyyMMdd}";
            if (!day.IsWorkingDay)
            {
                output.Events.Add(new CalendarEvent
                {
                    Uid = $"{uid}@sla-core",
                    Summary = summary,
                    DtStamp = stamp,
                    DtStart = new CalDateTime(day.Date.Year, day.Date.Month, day.Date.Day),
                    DtEnd = new CalDateTime(day.Date.PlusDays(1).Year, day.Date.PlusDays(1).Month, day.Date.PlusDays(1).Day),
                });
                continue;
            }
            for (var k = 0; k < lost.Count; k++)
            {
                output.Events.Add(new CalendarEvent
                {
                    Uid = $"{uid}-{k + 1}@sla-core",
                    Summary = summary,
                    DtStamp = stamp,
                    DtStart = At(day.Date, lost[k].Start, calendar.Zone),
                    DtEnd = At(day.Date, lost[k].End, calendar.Zone),
                });
            }
        }
        return new CalendarSerializer().SerializeToString(output) ?? string.Empty;
    }

    private static CalDateTime At(LocalDate date, long ticksFromMidnight, DateTimeZone zone)
    {
        var local = date.AtMidnight().PlusTicks(ticksFromMidnight);
        return new CalDateTime(local.Year, local.Month, local.Day, local.Hour, local.Minute, local.Second, zone.Id);
    }
}
