using System.Collections.Immutable;
using NodaTime;
using Sla.Core.Calendars;
using Sla.Core.Validation;

namespace Sla.Core.Policies;

/// <summary>Configures one version of a policy; obtained from <see cref="PolicySetBuilder.AddVersion(string, Instant, Action{PolicyVersionBuilder})"/>.</summary>
/// <remarks>Mutable and not thread-safe.</remarks>
public sealed class PolicyVersionBuilder
{
    /// <summary>The warning fraction used when none is set.</summary>
    public const double DefaultWarningAt = 0.75;

    private readonly List<Pathed<BusinessCalendar>> calendars = [];
    private readonly List<Pathed<string>> priorities = [];
    private readonly List<Pathed<string>> pauseStatuses = [];
    private readonly List<ServiceBuilder> services = [];
    private readonly List<MetricBuilder> metrics = [];
    private readonly List<Pathed<ComplianceObjective>> objectives = [];
    private readonly List<Pathed<CreditTier>> credits = [];
    private readonly List<Pathed<AvailabilityObjective>> availability = [];
    private readonly HashSet<string> unreadableCalendarIds = [];

    internal PolicyVersionBuilder(string version, Instant effectiveFrom, string path)
    {
        Version = version;
        EffectiveFrom = effectiveFrom;
        Path = path;
    }

    /// <summary>Gets the version's name.</summary>
    public string Version { get; }

    /// <summary>Gets the instant the version comes into force.</summary>
    public Instant EffectiveFrom { get; }

    /// <summary>Gets the warning fraction (default <see cref="DefaultWarningAt"/>).</summary>
    public double WarningAt { get; private set; } = DefaultWarningAt;

    /// <summary>Gets what a change of target does to an open cycle (default <see cref="PriorityChangeRule.KeepCounted"/>).</summary>
    public PriorityChangeRule PriorityChange { get; private set; }

    /// <summary>Gets what a pause does to a business-days deadline (default <see cref="BusinessDaysPauseRule.Extend"/>).</summary>
    public BusinessDaysPauseRule BusinessDaysPause { get; private set; }

    internal string Path { get; }

    internal DateTimeZone? ReportingTimeZone { get; private set; }

    internal ImmutableArray<double>? WarningFractions { get; private set; }

    internal string WarningsPath => $"{Path}.warnings";

    internal bool DefinesMetrics { get; private set; }

    internal IReadOnlyList<MetricBuilder> MetricBuilders => metrics;

    internal string WarningAtPath { get; private set; } = "warningAt";

    internal IReadOnlyList<Pathed<BusinessCalendar>> CalendarEntries => calendars;

    internal IReadOnlyList<Pathed<string>> PriorityEntries => priorities;

    internal IReadOnlyList<Pathed<string>> PauseStatusEntries => pauseStatuses;

    internal IReadOnlyList<ServiceBuilder> ServiceBuilders => services;

    internal IReadOnlyList<Pathed<ComplianceObjective>> ObjectiveEntries => objectives;

    internal IReadOnlyList<Pathed<CreditTier>> CreditEntries => credits;

    internal IReadOnlyList<Pathed<AvailabilityObjective>> AvailabilityEntries => availability;

    /// <summary>Ids of calendars a document named but that could not be read; references to them are not reported again.</summary>
    internal IReadOnlySet<string> UnreadableCalendarIds => unreadableCalendarIds;

    /// <summary>Adds a calendar that targets and availability objectives can name.</summary>
    /// <param name="calendar">The calendar.</param>
    /// <returns>This builder.</returns>
    public PolicyVersionBuilder AddCalendar(BusinessCalendar calendar) => AddCalendar(calendar, null);

    /// <summary>Sets the priorities, most urgent first (replacing any set before).</summary>
    /// <param name="names">The priority names.</param>
    /// <returns>This builder.</returns>
    public PolicyVersionBuilder WithPriorities(params string[] names)
    {
        ArgumentNullException.ThrowIfNull(names);
        priorities.Clear();
        priorities.AddRange(names.Select((n, i) => new Pathed<string>(n, $"{Path}.priorities[{i}]")));
        return this;
    }

    /// <summary>Sets the statuses that pause the resolution clock (replacing any set before).</summary>
    /// <param name="statuses">The status names.</param>
    /// <returns>This builder.</returns>
    public PolicyVersionBuilder WithPauseStatuses(params string[] statuses)
    {
        ArgumentNullException.ThrowIfNull(statuses);
        pauseStatuses.Clear();
        pauseStatuses.AddRange(statuses.Select((s, i) => new Pathed<string>(s, $"{Path}.pauseStatuses[{i}]")));
        return this;
    }

    /// <summary>Sets the fraction of a target at which a running metric is at risk.</summary>
    /// <param name="fraction">A fraction in (0, 1).</param>
    /// <returns>This builder.</returns>
    public PolicyVersionBuilder WithWarningAt(double fraction)
    {
        WarningAt = fraction;
        WarningAtPath = $"{Path}.warningAt";
        return this;
    }

    /// <summary>
    /// Sets the warning fractions (ascending, each in (0, 1)) a running cycle reports as it crosses them;
    /// without them the only one is <see cref="WarningAt"/>.
    /// </summary>
    /// <param name="fractions">The fractions, such as 0.5, 0.75, 0.9.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="fractions"/> is null.</exception>
    public PolicyVersionBuilder WithWarnings(params double[] fractions)
    {
        ArgumentNullException.ThrowIfNull(fractions);
        WarningFractions = [.. fractions];
        return this;
    }

    /// <summary>
    /// Sets the time zone report periods (weeks, months, quarters) are measured in; without it, the zone of the
    /// version's first calendar, or UTC when it has none.
    /// </summary>
    /// <param name="zone">The zone.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="zone"/> is null.</exception>
    public PolicyVersionBuilder WithReportingTimeZone(DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        ReportingTimeZone = zone;
        return this;
    }

    /// <summary>Sets what a change of target does to an open cycle.</summary>
    /// <param name="rule">The rule.</param>
    /// <returns>This builder.</returns>
    public PolicyVersionBuilder WithPriorityChange(PriorityChangeRule rule)
    {
        PriorityChange = rule;
        return this;
    }

    /// <summary>Sets what a pause does to a business-days deadline.</summary>
    /// <param name="rule">The rule.</param>
    /// <returns>This builder.</returns>
    public PolicyVersionBuilder WithBusinessDaysPause(BusinessDaysPauseRule rule)
    {
        BusinessDaysPause = rule;
        return this;
    }

    /// <summary>
    /// Defines a metric. A version that defines none has the three built-in metrics (first response, next
    /// response, resolution); one that defines any has exactly the ones it defines, in that order.
    /// </summary>
    /// <param name="id">The metric's id, unique in the version; targets, objectives and credits name it.</param>
    /// <param name="configure">Sets its preset and triggers.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public PolicyVersionBuilder AddMetric(string id, Action<MetricBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        configure(AddMetric(id, path: null));
        return this;
    }

    /// <summary>Adds a service and configures its targets.</summary>
    /// <param name="id">The service id.</param>
    /// <param name="name">Its name for people.</param>
    /// <param name="configure">Sets its targets.</param>
    /// <returns>This builder.</returns>
    public PolicyVersionBuilder AddService(string id, string name, Action<ServiceBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        configure(AddService(id, name, path: null));
        return this;
    }

    /// <summary>Adds a compliance objective.</summary>
    /// <param name="objective">The objective.</param>
    /// <returns>This builder.</returns>
    public PolicyVersionBuilder AddObjective(ComplianceObjective objective) => Add(objectives, objective, "objectives", null);

    /// <summary>Adds a service-credit tier.</summary>
    /// <param name="tier">The tier.</param>
    /// <returns>This builder.</returns>
    public PolicyVersionBuilder AddCredit(CreditTier tier) => Add(credits, tier, "credits", null);

    /// <summary>Adds an availability objective.</summary>
    /// <param name="objective">The objective.</param>
    /// <returns>This builder.</returns>
    public PolicyVersionBuilder AddAvailability(AvailabilityObjective objective) => Add(availability, objective, "availability", null);

    internal PolicyVersionBuilder AddCalendar(BusinessCalendar calendar, string? path) => Add(calendars, calendar, "calendars", path);

    internal PolicyVersionBuilder AddObjective(ComplianceObjective objective, string path) => Add(objectives, objective, "objectives", path);

    internal PolicyVersionBuilder AddCredit(CreditTier tier, string path) => Add(credits, tier, "credits", path);

    internal PolicyVersionBuilder AddAvailability(AvailabilityObjective objective, string path) => Add(availability, objective, "availability", path);

    internal void NoteUnreadableCalendar(string id) => unreadableCalendarIds.Add(id);

    internal MetricBuilder AddMetric(string id, string? path)
    {
        ArgumentNullException.ThrowIfNull(id);
        DefinesMetrics = true;
        var metric = new MetricBuilder(id, path ?? $"{Path}.metrics[{metrics.Count}]");
        metrics.Add(metric);
        return metric;
    }

    /// <summary>Records that a document listed metrics, even when none of them could be read.</summary>
    internal void NoteMetricsListed() => DefinesMetrics = true;

    /// <summary>Records that a document listed a metric that could not be read: references to metric ids are then not checked.</summary>
    internal void NoteUnreadableMetric() => HasUnreadableMetrics = true;

    internal bool HasUnreadableMetrics { get; private set; }

    internal ServiceBuilder AddService(string id, string name, string? path)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(name);
        var service = new ServiceBuilder(id, name, path ?? $"{Path}.services[{services.Count}]");
        services.Add(service);
        return service;
    }

    internal PolicyVersion ToVersion()
    {
        ImmutableArray<string> pauses = [.. pauseStatuses.Select(p => p.Value)];
        return new(
            Version, EffectiveFrom,
            [.. calendars.Select(c => c.Value)],
            [.. priorities.Select(p => p.Value)],
            pauses,
            WarningAt,
            [.. services.Select(s => s.ToDefinition())],
            [.. objectives.Select(o => o.Value)],
            [.. credits.Select(c => c.Value)],
            [.. availability.Select(a => a.Value)],
            DefinesMetrics ? [.. metrics.Select(m => m.ToDefinition(pauses))] : MetricDefinition.BuiltIn(pauses),
            DefinesMetrics,
            PriorityChange, BusinessDaysPause, WarningFractions ?? [WarningAt], ReportingTimeZone);
    }

    private PolicyVersionBuilder Add<T>(List<Pathed<T>> list, T value, string field, string? path)
    {
        ArgumentNullException.ThrowIfNull(value);
        list.Add(new Pathed<T>(value, path ?? $"{Path}.{field}[{list.Count}]"));
        return this;
    }
}

/// <summary>Sets a service's targets; obtained from <see cref="PolicyVersionBuilder.AddService(string, string, Action{ServiceBuilder})"/>.</summary>
/// <remarks>Mutable and not thread-safe.</remarks>
public sealed class ServiceBuilder
{
    private readonly TargetList targets;
    private readonly List<VariantBuilder> variants = [];

    internal ServiceBuilder(string id, string name, string path)
    {
        Id = id;
        Name = name;
        Path = path;
        targets = new TargetList(path);
    }

    /// <summary>Gets the service id.</summary>
    public string Id { get; }

    /// <summary>Gets the service's name.</summary>
    public string Name { get; }

    internal string Path { get; }

    internal IReadOnlyList<Pathed<ServiceTarget>> TargetEntries => targets.Entries;

    internal IReadOnlyList<VariantBuilder> VariantBuilders => variants;

    /// <summary>Sets the target for a priority and metric.</summary>
    /// <param name="priority">The priority.</param>
    /// <param name="metric">The metric.</param>
    /// <param name="target">The target.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public ServiceBuilder Target(string priority, Metric metric, SlaTarget target)
    {
        targets.Add(priority, metric, target);
        return this;
    }

    /// <summary>
    /// Adds a variant after those already added: the first variant whose conditions a ticket's attributes match
    /// replaces the service's own targets for it.
    /// </summary>
    /// <param name="id">The variant's id, unique within the service.</param>
    /// <param name="configure">Sets its conditions and targets.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public ServiceBuilder AddVariant(string id, Action<VariantBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        configure(AddVariant(id, path: null));
        return this;
    }

    internal VariantBuilder AddVariant(string id, string? path)
    {
        ArgumentNullException.ThrowIfNull(id);
        var variant = new VariantBuilder(id, path ?? $"{Path}.variants[{variants.Count}]");
        variants.Add(variant);
        return variant;
    }

    internal ServiceDefinition ToDefinition() => new(Id, Name, targets.ToArray(), [.. variants.Select(v => v.ToVariant())]);
}
