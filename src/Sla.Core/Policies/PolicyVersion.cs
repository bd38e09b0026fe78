using System.Collections.Frozen;
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
    private readonly FrozenDictionary<string, CompiledService> compiledServices;

    internal PolicyVersion(string version, Instant effectiveFrom, ImmutableArray<BusinessCalendar> calendars,
        ImmutableArray<string> priorities, ImmutableArray<string> pauseStatuses, double warningAt,
        ImmutableArray<ServiceDefinition> services, ImmutableArray<ComplianceObjective> objectives,
        ImmutableArray<CreditTier> credits, ImmutableArray<AvailabilityObjective> availability,
        ImmutableArray<MetricDefinition> metrics, bool definesMetrics, PriorityChangeRule priorityChange,
        BusinessDaysPauseRule businessDaysPause, ImmutableArray<double> warnings, DateTimeZone? reportingTimeZone)
    {
        ExplicitReportingTimeZone = reportingTimeZone;
        ReportingTimeZone = reportingTimeZone ?? (calendars.IsEmpty ? DateTimeZone.Utc : calendars[0].Zone);
        Metrics = metrics;
        TimedFractions = [.. warnings.Append(warningAt).Distinct().Order().Select(f => (f, warnings.Contains(f)))];
        var indexes = new Dictionary<Metric, int>();
        for (var i = 0; i < metrics.Length; i++)
        {
            indexes.TryAdd(metrics[i].Metric, i);
        }
        StartAfterIndexes = [.. metrics.Select(m => m.StartAfter is { } after ? indexes[after] : -1)];
        DefinesMetrics = definesMetrics;
        PriorityChange = priorityChange;
        BusinessDaysPause = businessDaysPause;
        Warnings = warnings;
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
        Attributes = new AttributeCodes(services.SelectMany(s => s.Variants).SelectMany(v => v.When));
        compiledServices = services.ToFrozenDictionary(s => s.Id, s => new CompiledService(s, this, Attributes), StringComparer.Ordinal);
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

    /// <summary>
    /// Gets the metrics the version measures, in definition order (the order results are listed in): its own
    /// definitions, or the three built-ins (first response, next response, resolution) when it defines none.
    /// </summary>
    public ImmutableArray<MetricDefinition> Metrics { get; }

    /// <summary>The warning fractions and <see cref="WarningAt"/>, ascending, each marked whether it is a warning: the instants a running result's timer covers.</summary>
    internal ImmutableArray<(double Fraction, bool IsWarning)> TimedFractions { get; }

    /// <summary>For each of <see cref="Metrics"/>, the index of the metric it starts after, or -1.</summary>
    internal ImmutableArray<int> StartAfterIndexes { get; }

    /// <summary>Gets whether the version defines its own metrics (<see langword="false"/>: <see cref="Metrics"/> holds the three built-ins).</summary>
    public bool DefinesMetrics { get; }

    /// <summary>Gets what a change of target does to an open cycle.</summary>
    public PriorityChangeRule PriorityChange { get; }

    /// <summary>Gets what a pause does to a business-days deadline.</summary>
    public BusinessDaysPauseRule BusinessDaysPause { get; }

    /// <summary>Gets the warning fractions, ascending, each in (0, 1); <c>[WarningAt]</c> unless the version lists its own.</summary>
    public ImmutableArray<double> Warnings { get; }

    /// <summary>
    /// Gets the time zone report periods (weeks, months, quarters) are measured in: the one the version sets, or the
    /// zone of its first calendar, or UTC when it has none.
    /// </summary>
    public DateTimeZone ReportingTimeZone { get; }

    /// <summary>The reporting time zone the version sets itself, or <see langword="null"/> (documents write it only then).</summary>
    internal DateTimeZone? ExplicitReportingTimeZone { get; }

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

    /// <summary>The attributes any variant of the version names, and the values it names: the only ones evaluation keeps.</summary>
    internal AttributeCodes Attributes { get; }

    /// <summary>A service compiled for evaluation (its variants' conditions and every target in force), or <see langword="null"/>.</summary>
    internal CompiledService? Compiled(string service) => compiledServices.GetValueOrDefault(service);

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
    public SlaTarget? Target(string service, string priority, Metric metric) => Known(service, priority).TargetFor(priority, metric);

    private ServiceDefinition Known(string service, string priority)
    {
        var definition = Service(service)
            ?? throw new ArgumentException($"Policy version {Version} has no service '{service}'; it has {string.Join(", ", Services.Select(s => s.Id))}.", nameof(service));
        if (!Priorities.Contains(priority))
        {
            throw new ArgumentException($"Policy version {Version} has no priority '{priority}'; it has {string.Join(", ", Priorities)}.", nameof(priority));
        }
        return definition;
    }

    /// <summary>
    /// Computes every metric's deadline for a ticket created at <paramref name="created"/>, as if nothing
    /// (a reply, a pause, a priority change) happened after it.
    /// </summary>
    /// <param name="service">The service id.</param>
    /// <param name="priority">The priority.</param>
    /// <param name="created">When the ticket was created.</param>
    /// <returns>One entry per metric, in <see cref="Metrics"/> order, under the service's own targets.</returns>
    /// <exception cref="ArgumentException">The version has no such service or priority.</exception>
    public ImmutableArray<MetricDeadline> Deadlines(string service, string priority, Instant created) =>
        Deadlines(service, priority, created, Tickets.TicketAttributes.Empty);

    /// <summary>
    /// Computes every metric's deadline for a ticket with these attributes created at <paramref name="created"/>, as if
    /// nothing happened after it: under the first of the service's variants the attributes match, or its own targets.
    /// </summary>
    /// <param name="service">The service id.</param>
    /// <param name="priority">The priority.</param>
    /// <param name="created">When the ticket was created.</param>
    /// <param name="attributes">The ticket's attributes.</param>
    /// <returns>One entry per metric, in <see cref="Metrics"/> order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="attributes"/> is null.</exception>
    /// <exception cref="ArgumentException">The version has no such service or priority.</exception>
    public ImmutableArray<MetricDeadline> Deadlines(string service, string priority, Instant created, IReadOnlyDictionary<string, string> attributes)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        var definition = Known(service, priority);
        var variant = definition.VariantFor(attributes);
        return [.. Metrics.Select(m => DeadlineOf(m, variant is null ? definition.TargetFor(priority, m.Metric) : variant.TargetFor(priority, m.Metric), created))];
    }

    private MetricDeadline DeadlineOf(MetricDefinition definition, SlaTarget? target, Instant created)
    {
        var metric = definition.Metric;
        if (target is null)
        {
            return new MetricDeadline(metric, null, DeadlineKind.NotApplicable, null);
        }
        if (!definition.Start.Contains(MetricTrigger.Created) || definition.StartAfter is not null)
        {
            return new MetricDeadline(metric, target, DeadlineKind.StartsLater, null);
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

    /// <summary>The metric does not start at creation (next response starts with a customer message): its deadline comes with the event that starts it.</summary>
    StartsLater,

    /// <summary>The target's calendar has no working time left to reach it.</summary>
    Unreachable,
}
