using System.Collections.Immutable;
using NodaTime;
using Sla.Core.Compliance;
using Sla.Core.Policies;

namespace Sla.Core.Reports;

/// <summary>
/// Accumulates evaluations one at a time (so a report over millions of tickets keeps only counted times,
/// not results) and builds a <see cref="ComplianceReport"/>.
/// </summary>
/// <remarks>Not thread-safe: one builder per thread, or add from one thread.</remarks>
public sealed class ComplianceReportBuilder
{
    private readonly PolicySet policy;
    private readonly ReportingPeriod period;
    private readonly Instant? from;
    private readonly Instant? to;
    private readonly Dictionary<Judged, List<Duration>> judged = [];
    private int evaluated;
    private int rejected;
    private ReportingDays days;

    /// <summary>Creates a builder.</summary>
    /// <param name="policy">The policy the tickets are evaluated under.</param>
    /// <param name="period">The period rows are grouped by.</param>
    /// <param name="from">Only results judged at or after this instant, or <see langword="null"/>.</param>
    /// <param name="to">Only results judged before this instant, or <see langword="null"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="policy"/> is null.</exception>
    public ComplianceReportBuilder(PolicySet policy, ReportingPeriod period = ReportingPeriod.Month, Instant? from = null, Instant? to = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        this.policy = policy;
        this.period = period;
        this.from = from;
        this.to = to;
    }

    /// <summary>Adds one ticket's evaluation.</summary>
    /// <param name="evaluation">The evaluation; an invalid one counts as rejected.</param>
    /// <exception cref="ArgumentNullException"><paramref name="evaluation"/> is null.</exception>
    public void Add(TicketEvaluation evaluation)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        if (!evaluation.IsValid)
        {
            rejected++;
            return;
        }
        evaluated++;
        var version = policy.Versions.First(v => v.Version == evaluation.PolicyVersion);
        var zone = ZoneOf(version);
        foreach (var result in evaluation.Metrics)
        {
            // Cancelled cycles are counted beside the judged ones, never in a compliance figure.
            if (result.Status is not (MetricStatus.Met or MetricStatus.Breached or MetricStatus.Cancelled) || result.Target is null)
            {
                continue;
            }
            var at = result.Stop ?? result.BreachedAt!.Value;
            if (at < from || at >= to)
            {
                continue;
            }
            var key = new Judged(result.Service, result.Variant, result.Priority, result.Metric, days.DateOf(at, zone), result.Status, version);
            if (!judged.TryGetValue(key, out var times))
            {
                judged[key] = times = [];
            }
            times.Add(result.Elapsed);
        }
    }

    /// <summary>Builds the report from everything added.</summary>
    /// <returns>The report.</returns>
    public ComplianceReport Build()
    {
        var rows = judged
            .GroupBy(j => (j.Key.Service, j.Key.Variant, j.Key.Priority, j.Key.Metric, Period: ReportPeriod.OfDate(period, j.Key.Date, ZoneOf(j.Key.Version)), j.Key.Version))
            .Select(g => Row(g.Key.Service, g.Key.Variant, g.Key.Priority, g.Key.Metric, g.Key.Period, g.Key.Version, g))
            .OrderBy(r => r.Service, StringComparer.Ordinal).ThenBy(r => r.Variant, StringComparer.Ordinal).ThenBy(r => r.Priority, StringComparer.Ordinal)
            .ThenBy(r => r.Metric.Id, StringComparer.Ordinal).ThenBy(r => r.Period.Start)
            .ToImmutableArray();
        var objectives = ImmutableArray.CreateBuilder<ObjectiveResult>();
        var credits = ImmutableArray.CreateBuilder<CreditOwed>();
        foreach (var version in policy.Versions)
        {
            var zone = ZoneOf(version);
            foreach (var objective in version.Objectives)
            {
                foreach (var (periodOf, met, total) in Figures(version, new Scope(objective.Service, objective.Metric, objective.Priority, objective.Variant), objective.Period, zone))
                {
                    var figure = total == 0 ? (decimal?)null : (decimal)met / total;
                    objectives.Add(new ObjectiveResult(objective, periodOf, total, figure, figure is null || figure >= objective.AtLeast));
                }
            }
            foreach (var group in version.Credits.GroupBy(c => new Scope(c.Service, c.Metric, c.Priority, c.Variant)))
            {
                var periodKind = version.Objectives.FirstOrDefault(o => o.Service == group.Key.Service && o.Metric == group.Key.Metric)?.Period ?? ReportingPeriod.Month;
                foreach (var (periodOf, met, total) in Figures(version, group.Key, periodKind, zone))
                {
                    var figure = (decimal)met / total;
                    var tier = group.Where(t => figure < t.Below).MaxBy(t => t.CreditPercent);
                    if (tier is not null)
                    {
                        credits.Add(new CreditOwed(group.Key.Service, group.Key.Metric, group.Key.Priority, periodOf, figure, tier, group.Key.Variant));
                    }
                }
            }
        }
        var breaches = judged.Where(j => j.Key.Outcome == MetricStatus.Breached)
            .GroupBy(j => j.Key.Date)
            .Select(g => new DailyCount(g.Key, g.Sum(e => e.Value.Count)))
            .OrderBy(d => d.Date)
            .ToImmutableArray();
        return new ComplianceReport(rows, objectives.ToImmutable(), credits.ToImmutable(), breaches, evaluated, rejected);
    }

    private static ComplianceRow Row(string service, string? variant, string priority, Metric metric, ReportPeriod periodOf, PolicyVersion version,
        IEnumerable<KeyValuePair<Judged, List<Duration>>> entries)
    {
        var met = entries.Where(e => e.Key.Outcome == MetricStatus.Met).Sum(e => e.Value.Count);
        var breached = entries.Where(e => e.Key.Outcome == MetricStatus.Breached).Sum(e => e.Value.Count);
        var cancelled = entries.Where(e => e.Key.Outcome == MetricStatus.Cancelled).Sum(e => e.Value.Count);
        var times = entries.Where(e => e.Key.Outcome != MetricStatus.Cancelled).SelectMany(e => e.Value).ToArray();
        // Equal durations are indistinguishable, so an unstable in-place sort gives what a stable one would, several times faster.
        Array.Sort(times);
        var total = met + breached;
        return new ComplianceRow(service, priority, metric, periodOf, total, met, breached, total == 0 ? null : (decimal)met / total,
            version.Service(service)?.TargetFor(priority, metric, variant), Percentile(times, 0.50), Percentile(times, 0.90), Percentile(times, 0.99), cancelled, variant);
    }

    /// <summary>Nearest-rank percentile.</summary>
    internal static Duration Percentile(Duration[] sorted, double fraction) =>
        sorted.Length == 0 ? Duration.Zero : sorted[Math.Clamp((int)Math.Ceiling(fraction * sorted.Length) - 1, 0, sorted.Length - 1)];

    /// <summary>Met and judged counts per period (of the given kind) for a scope, over this version's results.</summary>
    private IEnumerable<(ReportPeriod Period, int Met, int Total)> Figures(PolicyVersion version, Scope scope, ReportingPeriod kind, DateTimeZone zone) =>
        judged
            .Where(j => j.Key.Version == version && j.Key.Service == scope.Service && j.Key.Metric == scope.Metric
                && (scope.Priority is null || j.Key.Priority == scope.Priority) && (scope.Variant is null || j.Key.Variant == scope.Variant)
                && j.Key.Outcome != MetricStatus.Cancelled)
            .GroupBy(j => ReportPeriod.OfDate(kind, j.Key.Date, zone))
            .Select(g => (g.Key, g.Where(e => e.Key.Outcome == MetricStatus.Met).Sum(e => e.Value.Count), g.Sum(e => e.Value.Count)))
            .OrderBy(f => f.Key.Start);

    /// <summary>Periods follow the local dates of the version's reporting time zone.</summary>
    private static DateTimeZone ZoneOf(PolicyVersion version) => version.ReportingTimeZone;

    /// <summary>Results with the same scope, local date and outcome (met, breached or cancelled).</summary>
    private readonly record struct Judged(string Service, string? Variant, string Priority, Metric Metric, LocalDate Date, MetricStatus Outcome, PolicyVersion Version);

    /// <summary>What an objective or a group of credit tiers covers: a service's results for a metric, perhaps of one priority or variant only.</summary>
    private readonly record struct Scope(string Service, Metric Metric, string? Priority, string? Variant);
}
