using NodaTime;
using NodaTime.TimeZones;

namespace Sla.Core.Calendars;

/// <summary>
/// Business-days deadlines (semantics.md §2): finds the received day, counts working days after it, and
/// places the deadline at the end of that day's last window or at its <c>at</c> local time.
/// </summary>
/// <remarks>Thread-safe: reads only compiled, immutable years.</remarks>
internal sealed class BusinessDayCounter
{
    // A local time that does not exist maps to the instant the clocks jump; an ambiguous one to its earlier instant.
    private static readonly ZoneLocalMappingResolver AtResolver =
        Resolvers.CreateMappingResolver(Resolvers.ReturnEarlier, Resolvers.ReturnStartOfIntervalAfter);

    private readonly DateTimeZone zone;
    private readonly BusinessTimeEngine engine;

    public BusinessDayCounter(DateTimeZone zone, BusinessTimeEngine engine)
    {
        this.zone = zone;
        this.engine = engine;
    }

    public bool TryDeadline(Instant start, BusinessDays target, out Instant deadline)
    {
        deadline = start;
        engine.Years.Containing(start.ToUnixTimeTicks(), nameof(start));
        var local = start.InZone(zone).LocalDateTime;
        var date = local.Date;
        var receivedToday = LastWindowEnd(date) is { } lastEnd
            && (target.Cutoff is not { } cutoff || local.TimeOfDay < cutoff)
            && start.ToUnixTimeTicks() < lastEnd;
        var workingDaysAfter = target.Days + (receivedToday ? 0 : 1);
        if (workingDaysAfter > 0)
        {
            if (FindWorkingDayAfter(date, workingDaysAfter) is not { } found)
            {
                return false;
            }
            date = found;
        }
        if (target.At is not { } at)
        {
            deadline = Instant.FromUnixTimeTicks(LastWindowEnd(date)!.Value);
            return true;
        }
        // An 'at' before the start (a ticket received at 18:00 on a day whose deadline is at 12:00) moves
        // to the next working day's 'at': a deadline is never earlier than its start.
        var atInstant = date.At(at).InZone(zone, AtResolver).ToInstant();
        while (atInstant < start)
        {
            if (FindWorkingDayAfter(date, 1) is not { } next)
            {
                return false;
            }
            date = next;
            atInstant = date.At(at).InZone(zone, AtResolver).ToInstant();
        }
        deadline = atInstant;
        return true;
    }

    public bool IsWorkingDay(LocalDate date) => LastWindowEnd(date) is not null;

    private long? LastWindowEnd(LocalDate date) => engine.Years[date.Year].LastWindowEnd(date.Month, date.Day);

    /// <summary>The <paramref name="count"/>-th working day strictly after <paramref name="date"/>, skipping whole years (and 400-year cycles) when it can.</summary>
    private LocalDate? FindWorkingDayAfter(LocalDate date, long count)
    {
        var summaries = engine.Summaries;
        while (true)
        {
            if (date.Month == 12 && date.Day == 31)
            {
                var (year, left) = summaries.SkipCycles(date.Year + 1, count, engine.LastWorkingYear);
                int reached;
                while (true)
                {
                    if (summaries.NextWithWorkingDays(year, engine.LastWorkingYear) is not { } next)
                    {
                        return null;
                    }
                    if (summaries.WorkingDays(next) >= left)
                    {
                        reached = next;
                        break;
                    }
                    left -= summaries.WorkingDays(next);
                    year = next + 1;
                }
                (count, date) = (left, new LocalDate(reached, 1, 1).PlusDays(-1));
            }
            date = date.PlusDays(1);
            if (IsWorkingDay(date) && --count == 0)
            {
                return date;
            }
        }
    }
}
