using System.Collections.Immutable;

namespace Sla.Core.Policies;

/// <summary>Whether a metric measures one cycle per ticket or one per start.</summary>
public enum MetricCycles
{
    /// <summary>Only the first start ever counts.</summary>
    Once,

    /// <summary>A new cycle may start after the last one ended.</summary>
    Each,
}

/// <summary>A ready-made metric definition whose fields an explicit field replaces.</summary>
public enum MetricPreset
{
    /// <summary>Starts at creation; stops at an agent reply or resolution; once.</summary>
    FirstResponse,

    /// <summary>Starts at a customer message; stops at an agent reply or resolution; each.</summary>
    NextResponse,

    /// <summary>Starts at creation; stops at resolution; resumed by a reopening; once; paused in the version's pause statuses.</summary>
    Resolution,

    /// <summary>Starts at an agent reply; stops at the next agent reply or resolution; each.</summary>
    PeriodicUpdate,

    /// <summary>Like <see cref="PeriodicUpdate"/>, paused in the version's pause statuses.</summary>
    PausableUpdate,
}

/// <summary>
/// A metric a policy version measures: which events start, stop, cancel and resume its clock, whether it
/// has one cycle or one per start, which statuses pause it, and which metric must stop first. Order within
/// one event: the ticket's state is updated, then, metric by metric in definition order, cancel, stop,
/// resume, start. Nothing starts or resumes while the ticket is resolved.
/// </summary>
/// <remarks>Immutable and thread-safe. Built with <see cref="PolicyVersionBuilder.AddMetric(string, Action{MetricBuilder})"/>,
/// with its preset's fields already filled in.</remarks>
public sealed class MetricDefinition
{
    internal MetricDefinition(Metric metric, MetricPreset? preset, ImmutableArray<MetricTrigger> start, ImmutableArray<MetricTrigger> stop,
        ImmutableArray<MetricTrigger> cancel, ImmutableArray<MetricTrigger> resume, MetricCycles cycles, ImmutableArray<string> pauseWhile, Metric? startAfter)
    {
        Metric = metric;
        Preset = preset;
        Start = start;
        Stop = stop;
        Cancel = cancel;
        Resume = resume;
        Cycles = cycles;
        PauseWhile = pauseWhile;
        StartAfter = startAfter;
        StartSet = new Compliance.TriggerSet(start);
        StopSet = new Compliance.TriggerSet(stop);
        CancelSet = new Compliance.TriggerSet(cancel);
        ResumeSet = new Compliance.TriggerSet(resume);
        AnySet = new Compliance.TriggerSet([.. start, .. stop, .. cancel, .. resume]);
    }

    /// <summary>Gets the metric the definition measures.</summary>
    public Metric Metric { get; }

    /// <summary>Gets the preset it was built from, or <see langword="null"/>.</summary>
    public MetricPreset? Preset { get; }

    /// <summary>Gets the triggers that start a cycle (when none is open, <see cref="Cycles"/> allows one and <see cref="StartAfter"/> is satisfied).</summary>
    public ImmutableArray<MetricTrigger> Start { get; }

    /// <summary>Gets the triggers that stop the open cycle, which is then judged met or breached.</summary>
    public ImmutableArray<MetricTrigger> Stop { get; }

    /// <summary>Gets the triggers that cancel the open cycle: it is reported as cancelled and never judged.</summary>
    public ImmutableArray<MetricTrigger> Cancel { get; }

    /// <summary>Gets the triggers that run the last cycle again, its counted time kept, when it stopped (not cancelled) and none is open.</summary>
    public ImmutableArray<MetricTrigger> Resume { get; }

    /// <summary>Gets whether only the first start counts or each start opens a new cycle.</summary>
    public MetricCycles Cycles { get; }

    /// <summary>Gets the statuses during which an open cycle's clock is paused.</summary>
    public ImmutableArray<string> PauseWhile { get; }

    /// <summary>Gets the metric whose first cycle must have stopped before this one starts, or <see langword="null"/>.</summary>
    public Metric? StartAfter { get; }

    // Compiled once per definition, so evaluating a ticket allocates nothing to test its triggers.
    internal Compliance.TriggerSet StartSet { get; }

    internal Compliance.TriggerSet StopSet { get; }

    internal Compliance.TriggerSet CancelSet { get; }

    internal Compliance.TriggerSet ResumeSet { get; }

    /// <summary>Every trigger of the definition: an event none of them fires on leaves the metric alone.</summary>
    internal Compliance.TriggerSet AnySet { get; }

    /// <summary>Gets the definitions a version without its own metrics has: first response, next response and resolution.</summary>
    /// <param name="pauseStatuses">The version's pause statuses, which pause the resolution clock.</param>
    /// <returns>The three built-in definitions.</returns>
    public static ImmutableArray<MetricDefinition> BuiltIn(ImmutableArray<string> pauseStatuses) =>
    [
        FromPreset(Metric.FirstResponse, MetricPreset.FirstResponse, pauseStatuses),
        FromPreset(Metric.NextResponse, MetricPreset.NextResponse, pauseStatuses),
        FromPreset(Metric.Resolution, MetricPreset.Resolution, pauseStatuses),
    ];

    /// <summary>Gets a preset's definition under an id.</summary>
    /// <param name="metric">The metric it measures.</param>
    /// <param name="preset">The preset.</param>
    /// <param name="pauseStatuses">The version's pause statuses, for the presets that pause.</param>
    /// <returns>The definition.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="metric"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="preset"/> is not a preset.</exception>
    public static MetricDefinition FromPreset(Metric metric, MetricPreset preset, ImmutableArray<string> pauseStatuses)
    {
        ArgumentNullException.ThrowIfNull(metric);
        var pauses = pauseStatuses.IsDefault ? [] : pauseStatuses;
        ImmutableArray<MetricTrigger> replyOrResolved = [MetricTrigger.AgentReply, MetricTrigger.Resolved];
        return preset switch
        {
            MetricPreset.FirstResponse => new(metric, preset, [MetricTrigger.Created], replyOrResolved, [], [], MetricCycles.Once, [], null),
            MetricPreset.NextResponse => new(metric, preset, [MetricTrigger.CustomerMessage], replyOrResolved, [], [], MetricCycles.Each, [], null),
            MetricPreset.Resolution => new(metric, preset, [MetricTrigger.Created], [MetricTrigger.Resolved], [], [MetricTrigger.Reopened], MetricCycles.Once, pauses, null),
            MetricPreset.PeriodicUpdate => new(metric, preset, [MetricTrigger.AgentReply], replyOrResolved, [], [], MetricCycles.Each, [], null),
            MetricPreset.PausableUpdate => new(metric, preset, [MetricTrigger.AgentReply], replyOrResolved, [], [], MetricCycles.Each, pauses, null),
            _ => throw new ArgumentOutOfRangeException(nameof(preset), preset, "Not a metric preset."),
        };
    }

    /// <summary>Gets a preset's document name, such as <c>pausableUpdate</c>.</summary>
    /// <param name="preset">The preset.</param>
    /// <returns>The name.</returns>
    public static string NameOf(MetricPreset preset) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(preset.ToString());

    /// <summary>Tries to read a preset's document name.</summary>
    /// <param name="name">The name.</param>
    /// <param name="preset">The preset, when the name is known.</param>
    /// <returns><see langword="true"/> when <paramref name="name"/> names a preset.</returns>
    public static bool TryParsePreset(string? name, out MetricPreset preset)
    {
        foreach (var candidate in Enum.GetValues<MetricPreset>())
        {
            if (NameOf(candidate) == name)
            {
                preset = candidate;
                return true;
            }
        }
        preset = default;
        return false;
    }

    internal MetricDefinition With(ImmutableArray<MetricTrigger>? start, ImmutableArray<MetricTrigger>? stop, ImmutableArray<MetricTrigger>? cancel,
        ImmutableArray<MetricTrigger>? resume, MetricCycles? cycles, ImmutableArray<string>? pauseWhile, Metric? startAfter) =>
        new(Metric, Preset, start ?? Start, stop ?? Stop, cancel ?? Cancel, resume ?? Resume, cycles ?? Cycles, pauseWhile ?? PauseWhile, startAfter ?? StartAfter);
}
