namespace Sla.Core.Policies;

/// <summary>A service the agreement covers.</summary>
/// <param name="Id">The service's id, unique within a policy version.</param>
/// <param name="Name">Its name for people.</param>
/// <param name="Targets">Its targets, at most one per (priority, metric).</param>
public sealed record ServiceDefinition(string Id, string Name, System.Collections.Immutable.ImmutableArray<ServiceTarget> Targets)
{
    /// <summary>Gets the target for a priority and metric, or <see langword="null"/> when the policy sets none (the metric is not applicable).</summary>
    /// <param name="priority">The priority.</param>
    /// <param name="metric">The metric.</param>
    /// <returns>The target, or <see langword="null"/>.</returns>
    public SlaTarget? TargetFor(string priority, Metric metric)
    {
        // A loop, not LINQ: evaluation looks targets up for every clock of every ticket.
        foreach (var target in Targets)
        {
            if (target.Metric == metric && target.Priority == priority)
            {
                return target.Target;
            }
        }
        return null;
    }
}

/// <summary>One target of a service.</summary>
/// <param name="Priority">The priority it applies to.</param>
/// <param name="Metric">The metric it measures.</param>
/// <param name="Target">The target.</param>
public sealed record ServiceTarget(string Priority, Metric Metric, SlaTarget Target);

/// <summary>A compliance objective: at least <paramref name="AtLeast"/> of a service's results for a metric met per period.</summary>
/// <param name="Service">The service id.</param>
/// <param name="Metric">The metric.</param>
/// <param name="AtLeast">The fraction of results that must be met, in (0, 1].</param>
/// <param name="Period">The period it is measured over.</param>
/// <param name="Priority">The priority it is limited to, or <see langword="null"/> for all priorities.</param>
public sealed record ComplianceObjective(string Service, Metric Metric, decimal AtLeast, ReportingPeriod Period, string? Priority = null);

/// <summary>A service-credit tier: when the measured compliance falls below <paramref name="Below"/>, the customer is owed <paramref name="CreditPercent"/>.</summary>
/// <param name="Service">The service id.</param>
/// <param name="Metric">The metric.</param>
/// <param name="Below">The compliance fraction under which the tier applies, in (0, 1].</param>
/// <param name="CreditPercent">The credit, in percent of the period's fee, in (0, 100].</param>
/// <param name="Priority">The priority it is limited to, or <see langword="null"/> for all priorities.</param>
/// <remarks>Of several tiers for the same service, metric and priority, the largest credit whose threshold the figure falls under applies.</remarks>
public sealed record CreditTier(string Service, Metric Metric, decimal Below, decimal CreditPercent, string? Priority = null);

/// <summary>An availability objective: a service's uptime per period, within a calendar, maintenance excluded.</summary>
/// <param name="Service">The service id.</param>
/// <param name="AtLeast">The uptime fraction promised, in (0, 1].</param>
/// <param name="Period">The period it is measured over.</param>
/// <param name="CalendarId">The calendar uptime is measured within, or <see langword="null"/> for 24/7.</param>
/// <param name="Credits">The credit tiers.</param>
public sealed record AvailabilityObjective(string Service, decimal AtLeast, ReportingPeriod Period, string? CalendarId,
    System.Collections.Immutable.ImmutableArray<AvailabilityCredit> Credits);

/// <summary>An availability credit tier.</summary>
/// <param name="Below">The uptime fraction under which the tier applies, in (0, 1].</param>
/// <param name="CreditPercent">The credit, in percent, in (0, 100].</param>
public sealed record AvailabilityCredit(decimal Below, decimal CreditPercent);
