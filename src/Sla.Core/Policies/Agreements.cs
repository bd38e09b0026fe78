namespace Sla.Core.Policies;

/// <summary>A service the agreement covers.</summary>
/// <param name="Id">The service's id, unique within a policy version.</param>
/// <param name="Name">Its name for people.</param>
/// <param name="Targets">Its targets, at most one per (priority, metric).</param>
/// <param name="Variants">Its variants, in the order they are tried: the first whose conditions a ticket's attributes
/// match replaces <paramref name="Targets"/> for that ticket. Empty when it has none.</param>
public sealed record ServiceDefinition(string Id, string Name, System.Collections.Immutable.ImmutableArray<ServiceTarget> Targets,
    System.Collections.Immutable.ImmutableArray<ServiceVariant> Variants = default)
{
    /// <summary>Gets the variants, in the order they are tried; empty when the service has none.</summary>
    public System.Collections.Immutable.ImmutableArray<ServiceVariant> Variants { get; init; } = Variants.IsDefault ? [] : Variants;

    /// <summary>Gets the service's own target for a priority and metric, or <see langword="null"/> when the policy sets none (the metric is not applicable).</summary>
    /// <param name="priority">The priority.</param>
    /// <param name="metric">The metric.</param>
    /// <returns>The target, or <see langword="null"/>.</returns>
    public SlaTarget? TargetFor(string priority, Metric metric) => ServiceTarget.Find(Targets, priority, metric);

    /// <summary>Gets the target for a priority and metric under a variant (the service's own when <paramref name="variant"/> is <see langword="null"/>).</summary>
    /// <param name="priority">The priority.</param>
    /// <param name="metric">The metric.</param>
    /// <param name="variant">The variant's id, or <see langword="null"/> for the service's own targets.</param>
    /// <returns>The target, or <see langword="null"/> when none is set.</returns>
    /// <exception cref="ArgumentException">The service has no such variant.</exception>
    public SlaTarget? TargetFor(string priority, Metric metric, string? variant)
    {
        if (variant is null)
        {
            return TargetFor(priority, metric);
        }
        var chosen = Variant(variant) ?? throw new ArgumentException($"Service '{Id}' has no variant '{variant}'.", nameof(variant));
        return chosen.TargetFor(priority, metric);
    }

    /// <summary>Gets a variant by id, or <see langword="null"/>.</summary>
    /// <param name="id">The variant's id.</param>
    /// <returns>The variant, or <see langword="null"/>.</returns>
    public ServiceVariant? Variant(string id)
    {
        foreach (var variant in Variants)
        {
            if (variant.Id == id)
            {
                return variant;
            }
        }
        return null;
    }

    /// <summary>Gets the variant that applies to a ticket with these attributes: the first that matches, or <see langword="null"/> (the service's own targets apply).</summary>
    /// <param name="attributes">The ticket's attributes.</param>
    /// <returns>The variant, or <see langword="null"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="attributes"/> is null.</exception>
    public ServiceVariant? VariantFor(IReadOnlyDictionary<string, string> attributes)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        var exact = Tickets.TicketAttributes.Of(attributes);
        foreach (var variant in Variants)
        {
            if (variant.Matches(exact))
            {
                return variant;
            }
        }
        return null;
    }
}

/// <summary>One target of a service.</summary>
/// <param name="Priority">The priority it applies to.</param>
/// <param name="Metric">The metric it measures.</param>
/// <param name="Target">The target.</param>
public sealed record ServiceTarget(string Priority, Metric Metric, SlaTarget Target)
{
    internal static SlaTarget? Find(System.Collections.Immutable.ImmutableArray<ServiceTarget> targets, string priority, Metric metric)
    {
        // A loop, not LINQ: looked up for every priority of every metric when a version is built.
        foreach (var target in targets)
        {
            if (target.Metric == metric && target.Priority == priority)
            {
                return target.Target;
            }
        }
        return null;
    }
}

/// <summary>A compliance objective: at least <paramref name="AtLeast"/> of a service's results for a metric met per period.</summary>
/// <param name="Service">The service id.</param>
/// <param name="Metric">The metric.</param>
/// <param name="AtLeast">The fraction of results that must be met, in (0, 1].</param>
/// <param name="Period">The period it is measured over.</param>
/// <param name="Priority">The priority it is limited to, or <see langword="null"/> for all priorities.</param>
/// <param name="Variant">The service's variant it is limited to, or <see langword="null"/> for all of the service's results.</param>
public sealed record ComplianceObjective(string Service, Metric Metric, decimal AtLeast, ReportingPeriod Period, string? Priority = null, string? Variant = null);

/// <summary>A service-credit tier: when the measured compliance falls below <paramref name="Below"/>, the customer is owed <paramref name="CreditPercent"/>.</summary>
/// <param name="Service">The service id.</param>
/// <param name="Metric">The metric.</param>
/// <param name="Below">The compliance fraction under which the tier applies, in (0, 1].</param>
/// <param name="CreditPercent">The credit, in percent of the period's fee, in (0, 100].</param>
/// <param name="Priority">The priority it is limited to, or <see langword="null"/> for all priorities.</param>
/// <param name="Variant">The service's variant it is limited to, or <see langword="null"/> for all of the service's results.</param>
/// <remarks>Of several tiers for the same service, metric, priority and variant, the largest credit whose threshold the figure falls under applies.</remarks>
public sealed record CreditTier(string Service, Metric Metric, decimal Below, decimal CreditPercent, string? Priority = null, string? Variant = null);

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
