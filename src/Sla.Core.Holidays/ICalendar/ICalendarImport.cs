using System.Collections.Immutable;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using NodaTime;
using Sla.Core.Calendars;
using IcalCalendar = Ical.Net.Calendar;

namespace Sla.Core.Holidays.ICalendar;

/// <summary>
/// Reads holidays and closures from iCalendar (RFC 5545, <c>.ics</c>) text, as national-holiday feeds and
/// office-closure calendars publish them, into dated exceptions of a business calendar.
/// </summary>
/// <remarks>
/// <para>Each VEVENT's occurrences over the years asked for (RRULE and EXDATE expanded) close time, named by the
/// event's SUMMARY: an all-day event closes its dates as a holiday does (an overnight window that starts on one
/// too); a timed event closes just the wall-clock times it covers in the calendar's zone, on each date it
/// touches, the evening before's overnight tail included. Times carry the zone the file gives (TZID, UTC, or
/// floating times read in the calendar's zone). A date keeps the names of what shaped it before, so an imported
/// closure on Christmas Eve's short day reads <c>Christmas Eve; Network maintenance</c>.</para>
/// <para>Stateless and thread-safe.</para>
/// </remarks>
public static class ICalendarImport
{
    /// <summary>Reads the events of <paramref name="ics"/> as dated exceptions for <paramref name="calendar"/>.</summary>
    /// <param name="ics">The iCalendar text.</param>
    /// <param name="calendar">The calendar the closures apply to: its zone places timed events, its hours are what they cut.</param>
    /// <param name="fromYear">The first local year to take occurrences from.</param>
    /// <param name="toYear">The last local year, included.</param>
    /// <returns>One exception per date whose hours change, in date order, each giving the date exactly its hours less the closures.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The years are out of order or outside 2 to 9998.</exception>
    /// <exception cref="ArgumentException">The calendar is the 24/7 one or a composite (add holidays to its members).</exception>
    /// <exception cref="ICalendarFormatException">The text is not iCalendar, or an event cannot be read (the message names the line).</exception>
    public static ImmutableArray<DateOverride> ReadExceptions(string ics, BusinessCalendar calendar, int fromYear, int toYear)
    {
        ArgumentNullException.ThrowIfNull(ics);
        ArgumentNullException.ThrowIfNull(calendar);
        if (calendar.IsAlwaysOpen || calendar.IsComposite)
        {
            throw new ArgumentException($"Calendar '{calendar.Id}' has no dated exceptions of its own: import into a calendar of windows.", nameof(calendar));
        }
        CheckYears(fromYear, toYear);
        var eventLines = IcsStructure.EventLines(ics);
        var events = Load(ics);
        var closures = new DateClosures(calendar, new LocalDate(fromYear, 1, 1), new LocalDate(toYear, 12, 31));
        // Start a day early: an occurrence that begins on December 31 may close January 1's morning.
        var from = new CalDateTime(fromYear - 1, 12, 31);
        var until = new CalDateTime(toYear + 1, 1, 1);
        for (var i = 0; i < events.Count; i++)
        {
            var calendarEvent = events[i];
            var line = i < eventLines.Count ? eventLines[i] : (int?)null;
            var name = string.IsNullOrWhiteSpace(calendarEvent.Summary) ? $"event {calendarEvent.Uid ?? (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)}" : calendarEvent.Summary.Trim();
            if (calendarEvent.DtStart is null)
            {
                throw new ICalendarFormatException(line, $"the event '{name}' has no DTSTART the reader understands (write DTSTART;VALUE=DATE:20270101 or DTSTART;TZID=Europe/London:20270101T090000).");
            }
            try
            {
                foreach (var occurrence in calendarEvent.GetOccurrences(from).TakeWhileBefore(until))
                {
                    Close(closures, calendar, occurrence, name);
                }
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or FormatException)
            {
                throw new ICalendarFormatException(line, $"the event '{name}' cannot be expanded: {e.Message}");
            }
        }
        return closures.Exceptions();
    }

    /// <summary>Reads the events of <paramref name="ics"/> into a copy of <paramref name="calendar"/> (see <see cref="ReadExceptions"/>).</summary>
    /// <param name="ics">The iCalendar text.</param>
    /// <param name="calendar">The calendar to add the closures to.</param>
    /// <param name="fromYear">The first local year to take occurrences from.</param>
    /// <param name="toYear">The last local year, included.</param>
    /// <returns>The calendar with the imported exceptions, each replacing the calendar's own on its date; this one is unchanged.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The years are out of order or outside 2 to 9998.</exception>
    /// <exception cref="ArgumentException">The calendar is the 24/7 one or a composite.</exception>
    /// <exception cref="ICalendarFormatException">The text is not iCalendar, or an event cannot be read.</exception>
    public static BusinessCalendar Import(string ics, BusinessCalendar calendar, int fromYear, int toYear) =>
        calendar.WithExceptions(ReadExceptions(ics, calendar, fromYear, toYear));

    internal static void CheckYears(int fromYear, int toYear)
    {
        if (fromYear < BusinessCalendar.FirstDate.Year || fromYear > BusinessCalendar.LastDate.Year)
        {
            throw new ArgumentOutOfRangeException(nameof(fromYear), fromYear, $"Years run from {BusinessCalendar.FirstDate.Year} to {BusinessCalendar.LastDate.Year}.");
        }
        if (toYear < fromYear || toYear > BusinessCalendar.LastDate.Year)
        {
            throw new ArgumentOutOfRangeException(nameof(toYear), toYear, $"The last year must be from {fromYear} to {BusinessCalendar.LastDate.Year}.");
        }
    }

    private static List<CalendarEvent> Load(string ics)
    {
        try
        {
            return [.. (IcalCalendar.Load(ics) ?? throw new ICalendarFormatException(null, "the text holds no calendar.")).Events];
        }
        catch (Exception e) when (e is not ICalendarFormatException and (System.Runtime.Serialization.SerializationException or ArgumentException or FormatException or InvalidOperationException))
        {
            throw new ICalendarFormatException(null, $"the text cannot be read as iCalendar: {e.Message}");
        }
    }

    private static void Close(DateClosures closures, BusinessCalendar calendar, Occurrence occurrence, string name)
    {
        var start = occurrence.Period.StartTime;
        var end = occurrence.Period.EffectiveEndTime ?? start;
        if (!start.HasTime)
        {
            var first = LocalDate.FromDateOnly(start.Date);
            var until = LocalDate.FromDateOnly(end.Date);
            closures.CloseDates(first, until > first ? until : first.PlusDays(1), name);
        }
        else if (start.TzId is null)
        {
            // A floating time is the same wall-clock time wherever it is read: here, on the calendar's clock.
            closures.CloseInstants(LocalDateTime.FromDateTime(start.Value).InZoneLeniently(calendar.Zone).ToInstant(),
                LocalDateTime.FromDateTime(end.Value).InZoneLeniently(calendar.Zone).ToInstant(), name);
        }
        else
        {
            closures.CloseInstants(Instant.FromDateTimeUtc(DateTime.SpecifyKind(start.AsUtc, DateTimeKind.Utc)),
                Instant.FromDateTimeUtc(DateTime.SpecifyKind(end.AsUtc, DateTimeKind.Utc)), name);
        }
    }
}
