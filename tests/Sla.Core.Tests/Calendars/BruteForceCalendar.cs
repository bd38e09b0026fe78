using NodaTime;
using Sla.Core.Calendars;

namespace Sla.Core.Tests.Calendars;

/// <summary>
/// The reference the engine must agree with: the working-instant predicate of semantics.md §1 applied
/// minute by minute. It takes each date's hours from <see cref="BusinessCalendar.GetDay"/> (checked on
/// its own by examples and by the independent vectors) and does all the instant and zone work itself,
/// with none of the engine's compiled years. Correct for calendars and zones whose every edge is on a
/// whole minute, which all test calendars and zones in 1990-2060 are.
/// </summary>
internal sealed class BruteForceCalendar(BusinessCalendar calendar)
{
    private static readonly Duration Minute = Duration.FromMinutes(1);
    private readonly Dictionary<LocalDate, CalendarDay> days = [];

    public bool IsWorking(Instant instant)
    {
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

    /// <summary>Adds whole minutes of business time, stepping a minute at a time; null when none is found within the limit.</summary>
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
