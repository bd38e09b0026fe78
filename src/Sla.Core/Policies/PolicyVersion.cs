using System.Collections.Immutable;
using NodaTime;
using Sla.Core.Calendars;

namespace Sla.Core.Policies;

/// <summary>
/// One version of an agreement, in force from <see cref="EffectiveFrom"/> until the next version's: its
/// calendars, ordered priorities, services and their targets, pause statuses, warning threshold,
/// compliance objectives, credit tiers and availability objectives.
/// </summary>
/// <remarks>Built by <see cref="PolicySetBuilder"/>; immutable and thread-safe.</remarks>
public sealed class PolicyVersion
{
    private readonly ImmutableDictionary<string, BusinessCalendar> calendarsById;
    private readonly ImmutableDictionary<string, ServiceDefinition> servicesById;

    internal PolicyVersion(string version, Instant effectiveFrom, ImmutableArray<BusinessCalendar> calendars,
        ImmutableArray<string> priorities, ImmutableArray<string> pauseStatuses, double warningAt,
        ImmutableArray<ServiceDefinition> services, ImmutableArray<ComplianceObjective> objectives,
        ImmutableArray<CreditTier> credits, ImmutableArray<AvailabilityObjective> availability)
    {
        Version = version;
        EffectiveFrom = effectiveFrom;
        Calendars = calendars;
        Priorities = priorities;
        PauseStatuses = pauseStatuses;
        WarningAt = warningAt;
        Services = services;
        Objectives = objectives;
        Credits = credits;
        Availability = availability;
        calendarsById = calendars.ToImmutableDictionary(c => c.Id);
        servicesById = services.ToImmutableDictionary(s => s.Id);
    }

    /// <summary>Gets the version's name, such as <c>2026.1</c>.</summary>
    public string Version { get; }

    /// <summary>Gets the instant the version comes into force (tickets created at or after it use it).</summary>
    public Instant EffectiveFrom { get; }

    /// <summary>Gets the version's calendars (the 24/7 calendar is always available besides them, as <c>24x7</c>).</summary>
    public ImmutableArray<BusinessCalendar> Calendars { get; }

    /// <summary>Gets the priorities, most urgent first.</summary>
    public ImmutableArray<string> Priorities { get; }

    /// <summary>Gets the ticket statuses that pause the resolution clock.</summary>
    public ImmutableArray<string> PauseStatuses { get; }

    /// <summary>Gets the fraction of a target at which a running metric is reported at risk, in (0, 1).</summary>
    public double WarningAt { get; }

    /// <summary>Gets the services.</summary>
    public ImmutableArray<ServiceDefinition> Services { get; }

    /// <summary>Gets the compliance objectives.</summary>
    public ImmutableArray<ComplianceObjective> Objectives { get; }

    /// <summary>Gets the service-credit tiers.</summary>
    public ImmutableArray<CreditTier> Credits { get; }

    /// <summary>Gets the availability objectives.</summary>
    public ImmutableArray<AvailabilityObjective> Availability { get; }

    /// <summary>Gets a calendar by id; <c>24x7</c> (or <see langword="null"/>) is the built-in 24/7 calendar.</summary>
    /// <param name="id">The calendar id.</param>
    /// <returns>The calendar.</returns>
    /// <exception cref="KeyNotFoundException">The version has no such calendar.</exception>
    public BusinessCalendar Calendar(string? id) =>
        id is null or BusinessCalendar.AlwaysOpenId ? BusinessCalendar.AlwaysOpen
        : calendarsById.TryGetValue(id, out var calendar) ? calendar
        : throw new KeyNotFoundException($"Policy version {Version} has no calendar '{id}'.");

    /// <summary>Gets a service by id, or <see langword="null"/>.</summary>
    /// <param name="id">The service id.</param>
    /// <returns>The service, or <see langword="null"/>.</returns>
    public ServiceDefinition? Service(string id) => servicesById.GetValueOrDefault(id);

    /// <summary>Gets the target for a service, priority and metric, or <see langword="null"/> when none is set.</summary>
    /// <param name="service">The service id.</param>
    /// <param name="priority">The priority.</param>
    /// <param name="metric">The metric.</param>
    /// <returns>The target, or <see langword="null"/> (not applicable).</returns>
    /// <exception cref="ArgumentException">The version has no such service or priority.</exception>
    public SlaTarget? Target(string service, string priority, Metric metric)
    {
        var definition = Service(service) ?? throw new ArgumentException($"Policy version {Version} has no service '{service}'.", nameof(service));
        if (!Priorities.Contains(priority))
        {
            throw new ArgumentException($"Policy version {Version} has no priority '{priority}'; it has {string.Join(", ", Priorities)}.", nameof(priority));
        }
        return definition.TargetFor(priority, metric);
    }

    /// <summary>
    /// Computes every metric's deadline for a ticket created at <paramref name="created"/>, as if nothing
    /// (a reply, a pause, a priority change) happened after it.
    /// </summary>
    /// <param name="service">The service id.</param>
    /// <param name="priority">The priority.</param>
    /// <param name="created">When the ticket was created.</param>
    /// <returns>One entry per metric, in the order first response, next response, resolution.</returns>
    /// <exception cref="ArgumentException">The version has no such service or priority.</exception>
    public ImmutableArray<MetricDeadline> Deadlines(string service, string priority, Instant created) =>
        [.. Enum.GetValues<Metric>().Select(metric => DeadlineOf(metric, Target(service, priority, metric), created))];

    private MetricDeadline DeadlineOf(Metric metric, SlaTarget? target, Instant created)
    {
        if (target is null)
        {
            return new MetricDeadline(metric, null, DeadlineKind.NotApplicable, null);
        }
        if (metric == Metric.NextResponse)
        {
            return new MetricDeadline(metric, target, DeadlineKind.PerCustomerMessage, null);
        }
        return target.TryGetDeadline(Calendar(target.CalendarId), created, out var deadline)
            ? new MetricDeadline(metric, target, DeadlineKind.Due, deadline)
            : new MetricDeadline(metric, target, DeadlineKind.Unreachable, null);
    }
}

/// <summary>A metric's deadline for a new ticket.</summary>
/// <param name="Metric">The metric.</param>
/// <param name="Target">The target in force, or <see langword="null"/> when the policy sets none.</param>
/// <param name="Kind">Whether there is a deadline, and if not, why.</param>
/// <param name="Deadline">The deadline, when <paramref name="Kind"/> is <see cref="DeadlineKind.Due"/>.</param>
public sealed record MetricDeadline(Metric Metric, SlaTarget? Target, DeadlineKind Kind, Instant? Deadline);

/// <summary>Whether a <see cref="MetricDeadline"/> has a deadline.</summary>
public enum DeadlineKind
{
    /// <summary>The metric has a deadline.</summary>
    Due,

    /// <summary>The policy sets no target for this service, priority and metric.</summary>
    NotApplicable,

    /// <summary>Next response: a deadline starts with each customer message, none at creation.</summary>
    PerCustomerMessage,

    /// <summary>The target's calendar has no working time left to reach it.</summary>
    Unreachable,
}
