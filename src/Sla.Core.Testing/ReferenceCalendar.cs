using NodaTime;
using Sla.Core.Calendars;

namespace Sla.Core.Testing;

/// <summary>
/// A brute-force oracle for a calendar: the working-instant predicate of the specification applied
/// minute by minute. It takes each date's hours from <see cref="BusinessCalendar.GetDay"/> and does all
/// the instant and zone work itself, with none of the engine's compiled years, so disagreement points at
/// the engine. Exact for calendars and zones whose every edge is on a whole minute (all TZDB zones since
/// the 1970s, and every calendar a document can express). A composite calendar is mirrored by its
/// definition: its members' references combined instant by instant, none of its own compiled days used.
/// </summary>
/// <remarks>Slow by design (hundreds of microseconds for a day); not thread-safe (it caches days).</remarks>
/// <param name="calendar">The calendar to mirror.</param>
public sealed class ReferenceCalendar(BusinessCalendar calendar)
{
    private static readonly Duration Minute = Duration.FromMinutes(1);
    private readonly Dictionary<LocalDate, CalendarDay> days = [];
    private readonly ReferenceCalendar[] members = [.. calendar.Members.Select(m => new ReferenceCalendar(m))];

    /// <summary>Tells whether an instant is working: its local time lies in its date's same-day hours or in the previous date's overnight tail.</summary>
    /// <param name="instant">The instant.</param>
    /// <returns><see langword="true"/> when working.</returns>
    public bool IsWorking(Instant instant)
    {
        switch (calendar.Operation)
        {
            case CalendarOperation.Union:
                return members.Any(m => m.IsWorking(instant));
            case CalendarOperation.Intersection:
                return members.All(m => m.IsWorking(instant));
            case CalendarOperation.Difference:
                return members[0].IsWorking(instant) && !members.Skip(1).Any(m => m.IsWorking(instant));
        }
        var local = instant.InZone(calendar.Zone).LocalDateTime;
        var time = local.TimeOfDay;
        foreach (var window in Day(local.Date).Hours)
        {
            var endsLater = window.End == LocalTime.Midnight || window.IsOvernight;
            if (time >= window.Start && (endsLater || time < window.End))
            {
                return true;
            }
        }
        return Day(local.Date.PlusDays(-1)).Hours.Any(w => w.IsOvernight && time < w.End);
    }

    /// <summary>Counts working minutes in <c>[from, to)</c> (both on whole minutes); negative when <paramref name="to"/> is earlier.</summary>
    /// <param name="from">The start, on a whole minute.</param>
    /// <param name="to">The end, on a whole minute.</param>
    /// <returns>The working time.</returns>
    public Duration Elapsed(Instant from, Instant to)
    {
        if (to < from)
        {
            return -Elapsed(to, from);
        }
        var total = Duration.Zero;
        for (var minute = from; minute < to; minute += Minute)
        {
            if (IsWorking(minute))
            {
                total += Minute;
            }
        }
        return total;
    }

    /// <summary>Adds whole minutes of business time, a minute at a time.</summary>
    /// <param name="start">The start, on a whole minute.</param>
    /// <param name="amount">Whole minutes, either sign.</param>
    /// <param name="searchLimit">How far to search before giving up.</param>
    /// <returns>The result, or <see langword="null"/> when not found within <paramref name="searchLimit"/>.</returns>
    public Instant? Add(Instant start, Duration amount, Duration searchLimit)
    {
        if (amount == Duration.Zero)
        {
            return start;
        }
        var forward = amount > Duration.Zero;
        var remaining = forward ? amount : -amount;
        for (var steps = Duration.Zero; steps < searchLimit; steps += Minute)
        {
            var minute = forward ? start + steps : start - steps - Minute;
            if (IsWorking(minute))
            {
                remaining -= Minute;
                if (remaining == Duration.Zero)
                {
                    return forward ? minute + Minute : minute;
                }
            }
        }
        return null;
    }

    private CalendarDay Day(LocalDate date)
    {
        if (!days.TryGetValue(date, out var day))
        {
            day = calendar.GetDay(date);
            days[date] = day;
        }
        return day;
    }
}
