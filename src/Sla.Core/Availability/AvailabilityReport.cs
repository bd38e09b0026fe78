using System.Collections.Immutable;
using NodaTime;
using Sla.Core.Policies;
using Sla.Core.Reports;

namespace Sla.Core.Availability;

/// <summary>One availability objective over one period.</summary>
/// <param name="Objective">The objective.</param>
/// <param name="Period">The period.</param>
/// <param name="Measured">The business time measured: the objective's calendar over the period, less planned maintenance.</param>
/// <param name="Downtime">The unplanned outage time within it (overlapping outages merged, planned time not counted twice).</param>
/// <param name="Uptime">One minus downtime over measured time (1 when nothing was measured).</param>
/// <param name="IsMet">Whether uptime reached the objective.</param>
/// <param name="Credit">The credit tier that applies, or <see langword="null"/>.</param>
public sealed record AvailabilityRow(AvailabilityObjective Objective, ReportPeriod Period, Duration Measured, Duration Downtime, decimal Uptime, bool IsMet, AvailabilityCredit? Credit);

/// <summary>Uptime per service and period against a policy's availability objectives.</summary>
/// <param name="Rows">One row per objective and period, in objective then period order.</param>
public sealed record AvailabilityReport(ImmutableArray<AvailabilityRow> Rows)
{
    /// <summary>
    /// Measures each availability objective of the policy version in force at each period's start, over
    /// the periods that overlap <c>[from, to)</c>.
    /// </summary>
    /// <param name="policy">The policy.</param>
    /// <param name="outages">The outages; overlapping ones are merged, planned ones excluded from measured time.</param>
    /// <param name="from">The start of the range reported.</param>
    /// <param name="to">The end of the range reported.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">An outage ends before it starts (the message names it).</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="from"/> or <paramref name="to"/> is outside
    /// <see cref="Calendars.BusinessCalendar.SupportedRange"/>. Periods that reach past it are measured up to its ends.</exception>
    public static AvailabilityReport Build(PolicySet policy, IEnumerable<Outage> outages, Instant from, Instant to)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(outages);
        var supported = Calendars.BusinessCalendar.SupportedRange;
        if (!supported.Contains(from))
        {
            throw new ArgumentOutOfRangeException(nameof(from), from, "The range reported must lie within BusinessCalendar.SupportedRange.");
        }
        if (to < supported.Start || to > supported.End)
        {
            throw new ArgumentOutOfRangeException(nameof(to), to, "The range reported must lie within BusinessCalendar.SupportedRange.");
        }
        var all = outages.ToList();
        if (all.Select(o => o.FindProblem()).FirstOrDefault(p => p is not null) is { } problem)
        {
            throw new ArgumentException(problem, nameof(outages));
        }
        var rows = ImmutableArray.CreateBuilder<AvailabilityRow>();
        foreach (var version in policy.Versions)
        {
            var zone = version.ReportingTimeZone;
            foreach (var objective in version.Availability)
            {
                var calendar = version.Calendar(objective.CalendarId);
                var planned = Merge(all.Where(o => o.Service == objective.Service && o.Planned));
                var unplanned = Merge(all.Where(o => o.Service == objective.Service && !o.Planned));
                for (var period = ReportPeriod.Containing(objective.Period, from, zone); period.Start < to; period = ReportPeriod.Containing(objective.Period, period.End, zone))
                {
                    // Each period is judged by the version in force when it starts (the first version before any is).
                    if ((policy.VersionAt(period.Start) ?? policy.Versions[0]) == version)
                    {
                        rows.Add(Measure(objective, calendar, planned, unplanned, period, supported));
                    }
                    if (period.End >= to)
                    {
                        // The next period may begin past the last local year there is.
                        break;
                    }
                }
            }
        }
        return new AvailabilityReport(rows.ToImmutable());
    }

    /// <summary>One objective over one period: measured time, downtime, uptime and the credit owed.</summary>
    private static AvailabilityRow Measure(AvailabilityObjective objective, Calendars.BusinessCalendar calendar, List<Interval> planned, List<Interval> unplanned,
        ReportPeriod period, Interval supported)
    {
        // The first and last periods of the supported range are measured within it.
        var window = new Interval(Instant.Max(period.Start, supported.Start), Instant.Min(period.End, supported.End));
        var maintenance = Sum(calendar, planned, window);
        var measured = calendar.Elapsed(window.Start, window.End) - maintenance;
        var down = Sum(calendar, unplanned, window) - Overlap(calendar, unplanned, planned, window);
        var uptime = measured <= Duration.Zero ? 1m : 1m - ((decimal)down.TotalTicks / (decimal)measured.TotalTicks);
        var credit = objective.Credits.IsDefaultOrEmpty ? null : objective.Credits.Where(c => uptime < c.Below).MaxBy(c => c.CreditPercent);
        return new AvailabilityRow(objective, period, measured, down, uptime, uptime >= objective.AtLeast, credit);
    }

    /// <summary>Merges overlapping or touching outages into disjoint intervals, in time order.</summary>
    internal static List<Interval> Merge(IEnumerable<Outage> outages)
    {
        var merged = new List<Interval>();
        foreach (var outage in outages.OrderBy(o => o.Start))
        {
            if (merged.Count > 0 && outage.Start <= merged[^1].End)
            {
                merged[^1] = new Interval(merged[^1].Start, Instant.Max(merged[^1].End, outage.End));
            }
            else
            {
                merged.Add(new Interval(outage.Start, outage.End));
            }
        }
        return merged;
    }

    private static Duration Sum(Calendars.BusinessCalendar calendar, List<Interval> intervals, Interval window) =>
        intervals.Aggregate(Duration.Zero, (total, i) => total + Clipped(calendar, i.Start, i.End, window));

    private static Duration Overlap(Calendars.BusinessCalendar calendar, List<Interval> down, List<Interval> planned, Interval window) =>
        down.SelectMany(d => planned.Select(p => (Start: Instant.Max(d.Start, p.Start), End: Instant.Min(d.End, p.End))))
            .Where(i => i.Start < i.End)
            .Aggregate(Duration.Zero, (total, i) => total + Clipped(calendar, i.Start, i.End, window));

    private static Duration Clipped(Calendars.BusinessCalendar calendar, Instant start, Instant end, Interval window)
    {
        var (from, to) = (Instant.Max(start, window.Start), Instant.Min(end, window.End));
        return from < to ? calendar.Elapsed(from, to) : Duration.Zero;
    }
}
