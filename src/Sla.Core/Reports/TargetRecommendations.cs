using System.Collections.Immutable;
using NodaTime;
using Sla.Core.Compliance;
using Sla.Core.Policies;

namespace Sla.Core.Reports;

/// <summary>What history says a target could have been, for one service (and variant), priority and metric.</summary>
/// <param name="Service">The service id.</param>
/// <param name="Priority">The priority.</param>
/// <param name="Metric">The metric.</param>
/// <param name="Current">The current target (the one the results were judged under).</param>
/// <param name="Judged">Results judged.</param>
/// <param name="CurrentCompliance">The share of them met under the current target.</param>
/// <param name="Percentile">The percentile asked for, such as 0.95.</param>
/// <param name="Recommended">The smallest business time (on the current target's calendar) within which that share of the results stopped, rounded up to a whole minute.</param>
/// <param name="Variant">The service's variant the target belongs to, or <see langword="null"/> for the service's own targets.</param>
public sealed record TargetRecommendation(string Service, string Priority, Metric Metric, SlaTarget Current, int Judged, decimal CurrentCompliance,
    double Percentile, Duration Recommended, string? Variant = null);

/// <summary>
/// Recommends targets from history: for each service (and variant), priority and metric, the smallest target that the
/// judged results would have met at a percentile, beside the current one. Counted time is measured on
/// the current target's calendar, so the recommendation is business time on that calendar; a breached
/// result still running counts with the time it has counted so far (a lower bound).
/// </summary>
/// <remarks>Not thread-safe while adding; the result is immutable.</remarks>
public sealed class TargetRecommender
{
    private readonly Dictionary<(string Service, string? Variant, string Priority, Metric Metric, SlaTarget Target), (List<Duration> Times, int Met)> groups = [];

    /// <summary>Adds a ticket's evaluation (invalid ones are ignored).</summary>
    /// <param name="evaluation">The evaluation.</param>
    /// <exception cref="ArgumentNullException"><paramref name="evaluation"/> is null.</exception>
    public void Add(TicketEvaluation evaluation)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        if (!evaluation.IsValid)
        {
            return;
        }
        foreach (var result in evaluation.Metrics)
        {
            if (result.Status is not (MetricStatus.Met or MetricStatus.Breached) || result.Target is null)
            {
                continue;
            }
            var key = (result.Service, result.Variant, result.Priority, result.Metric, result.Target);
            if (!groups.TryGetValue(key, out var group))
            {
                group = ([], 0);
            }
            group.Times.Add(result.Elapsed);
            groups[key] = (group.Times, group.Met + (result.Status == MetricStatus.Met ? 1 : 0));
        }
    }

    /// <summary>The recommendations at a percentile.</summary>
    /// <param name="percentile">A fraction in (0, 1], such as 0.95.</param>
    /// <returns>One per service, variant, priority, metric and current target, ordered by service, variant, priority and metric.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="percentile"/> is not in (0, 1].</exception>
    public ImmutableArray<TargetRecommendation> Recommend(double percentile)
    {
        if (!(percentile > 0 && percentile <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(percentile), percentile, "Expected a fraction in (0, 1], such as 0.95.");
        }
        return [.. groups
            .Select(g =>
            {
                var sorted = g.Value.Times.Order().ToArray();
                var at = ComplianceReportBuilder.Percentile(sorted, percentile);
                var minutes = Duration.FromMinutes(Math.Ceiling(at.TotalMinutes));
                return new TargetRecommendation(g.Key.Service, g.Key.Priority, g.Key.Metric, g.Key.Target, sorted.Length,
                    (decimal)g.Value.Met / sorted.Length, percentile, minutes, g.Key.Variant);
            })
            .OrderBy(r => r.Service, StringComparer.Ordinal).ThenBy(r => r.Variant, StringComparer.Ordinal).ThenBy(r => r.Priority, StringComparer.Ordinal)
            .ThenBy(r => r.Metric.Id, StringComparer.Ordinal)];
    }
}
