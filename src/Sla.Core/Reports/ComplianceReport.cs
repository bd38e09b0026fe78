using System.Collections.Immutable;
using NodaTime;
using Sla.Core.Compliance;
using Sla.Core.Policies;

namespace Sla.Core.Reports;

/// <summary>One row of a compliance report: a service (and variant), priority and metric over one period.</summary>
/// <param name="Service">The service id.</param>
/// <param name="Priority">The priority in force when each result was judged.</param>
/// <param name="Metric">The metric.</param>
/// <param name="Period">The period.</param>
/// <param name="Count">Results judged in the period (met plus breached).</param>
/// <param name="Met">Results met.</param>
/// <param name="Breached">Results breached.</param>
/// <param name="Compliance">Met divided by count, or <see langword="null"/> when nothing was judged.</param>
/// <param name="Target">The target of the row's priority and metric in the policy version, when there is one.</param>
/// <param name="P50">The median counted time of the judged results (zero when none was judged: a row of cancelled cycles only).</param>
/// <param name="P90">The 90th percentile of counted time.</param>
/// <param name="P99">The 99th percentile of counted time.</param>
/// <param name="Cancelled">Cycles cancelled in the period: reported, never judged, in no figure above.</param>
/// <param name="Variant">The service's variant the results' targets came from, or <see langword="null"/> for the service's own targets.</param>
public sealed record ComplianceRow(string Service, string Priority, Metric Metric, ReportPeriod Period, int Count, int Met, int Breached,
    decimal? Compliance, SlaTarget? Target, Duration P50, Duration P90, Duration P99, int Cancelled, string? Variant = null);

/// <summary>An objective over one period, and whether it was met.</summary>
/// <param name="Objective">The objective.</param>
/// <param name="Period">The period.</param>
/// <param name="Count">Results judged.</param>
/// <param name="Compliance">The measured figure, or <see langword="null"/> when nothing was judged.</param>
/// <param name="IsMet">Whether the figure reached the objective (vacuously true when nothing was judged).</param>
public sealed record ObjectiveResult(ComplianceObjective Objective, ReportPeriod Period, int Count, decimal? Compliance, bool IsMet);

/// <summary>A count for one local date.</summary>
/// <param name="Date">The date.</param>
/// <param name="Count">The count.</param>
public sealed record DailyCount(LocalDate Date, int Count);

/// <summary>A service credit owed for one period.</summary>
/// <param name="Service">The service id.</param>
/// <param name="Metric">The metric.</param>
/// <param name="Priority">The priority the tiers are limited to, or <see langword="null"/>.</param>
/// <param name="Period">The period.</param>
/// <param name="Compliance">The measured figure.</param>
/// <param name="Tier">The tier that applies: the largest credit whose threshold the figure falls under.</param>
/// <param name="Variant">The variant the tiers are limited to, or <see langword="null"/>.</param>
public sealed record CreditOwed(string Service, Metric Metric, string? Priority, ReportPeriod Period, decimal Compliance, CreditTier Tier, string? Variant = null);

/// <summary>
/// Compliance over evaluated tickets, per service, variant, priority, metric and period, with objectives checked
/// and credits owed.
/// </summary>
/// <remarks>
/// A result is <em>judged</em> when it is met or breached. It counts in the period that contains its stop
/// (met or breached after stopping), or its breach instant when it was breached and is still running.
/// Running, paused, at-risk and not-applicable results are not judged. A result belongs to the service and variant its
/// target came from. Periods follow the local dates of the policy version's reporting time zone. Immutable and thread-safe.
/// </remarks>
/// <param name="Rows">One row per service, variant, priority, metric and period with judged results, in that order (the service's own targets before its variants).</param>
/// <param name="Objectives">Each objective of the policy for each period with judged results in its scope.</param>
/// <param name="Credits">The credits owed.</param>
/// <param name="DailyBreaches">Breached results per local date (in the version's reporting time zone), in date order, for timelines.</param>
/// <param name="TicketsEvaluated">Tickets evaluated.</param>
/// <param name="TicketsRejected">Tickets that could not be evaluated.</param>
public sealed record ComplianceReport(ImmutableArray<ComplianceRow> Rows, ImmutableArray<ObjectiveResult> Objectives,
    ImmutableArray<CreditOwed> Credits, ImmutableArray<DailyCount> DailyBreaches, int TicketsEvaluated, int TicketsRejected)
{
    /// <summary>Builds a report from evaluations made under a policy.</summary>
    /// <param name="policy">The policy the tickets were evaluated under.</param>
    /// <param name="evaluations">The evaluations (invalid ones are counted as rejected).</param>
    /// <param name="period">The period rows are grouped by.</param>
    /// <param name="from">Only results judged at or after this instant, or <see langword="null"/>.</param>
    /// <param name="to">Only results judged before this instant, or <see langword="null"/>.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static ComplianceReport Build(PolicySet policy, IEnumerable<TicketEvaluation> evaluations, ReportingPeriod period = ReportingPeriod.Month,
        Instant? from = null, Instant? to = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(evaluations);
        var builder = new ComplianceReportBuilder(policy, period, from, to);
        foreach (var evaluation in evaluations)
        {
            builder.Add(evaluation);
        }
        return builder.Build();
    }
}
