using System.Collections.Immutable;

namespace Sla.Core.Policies;

/// <summary>
/// Defines one metric of a policy version; obtained from <see cref="PolicyVersionBuilder.AddMetric(string, Action{MetricBuilder})"/>.
/// Start from a preset and replace the fields that differ, or set every field yourself.
/// </summary>
/// <remarks>Mutable and not thread-safe.</remarks>
public sealed class MetricBuilder
{
    internal MetricBuilder(string id, string path)
    {
        Id = id;
        Path = path;
    }

    /// <summary>Gets the metric's id.</summary>
    public string Id { get; }

    internal string Path { get; }

    internal MetricPreset? PresetValue { get; private set; }

    internal ImmutableArray<MetricTrigger>? StartTriggers { get; private set; }

    internal ImmutableArray<MetricTrigger>? StopTriggers { get; private set; }

    internal ImmutableArray<MetricTrigger>? CancelTriggers { get; private set; }

    internal ImmutableArray<MetricTrigger>? ResumeTriggers { get; private set; }

    internal MetricCycles? CyclesValue { get; private set; }

    internal ImmutableArray<string>? PauseStatuses { get; private set; }

    internal string? StartAfterId { get; private set; }

    /// <summary>Starts from a preset; the fields set explicitly replace the preset's.</summary>
    /// <param name="preset">The preset.</param>
    /// <returns>This builder.</returns>
    public MetricBuilder FromPreset(MetricPreset preset)
    {
        PresetValue = preset;
        return this;
    }

    /// <summary>Sets the triggers that start a cycle.</summary>
    /// <param name="triggers">The triggers.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="triggers"/> or one of them is null.</exception>
    public MetricBuilder StartOn(params MetricTrigger[] triggers)
    {
        StartTriggers = Checked(triggers);
        return this;
    }

    /// <summary>Sets the triggers that stop the open cycle.</summary>
    /// <param name="triggers">The triggers.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="triggers"/> or one of them is null.</exception>
    public MetricBuilder StopOn(params MetricTrigger[] triggers)
    {
        StopTriggers = Checked(triggers);
        return this;
    }

    /// <summary>Sets the triggers that cancel the open cycle.</summary>
    /// <param name="triggers">The triggers.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="triggers"/> or one of them is null.</exception>
    public MetricBuilder CancelOn(params MetricTrigger[] triggers)
    {
        CancelTriggers = Checked(triggers);
        return this;
    }

    /// <summary>Sets the triggers that run the last stopped cycle again.</summary>
    /// <param name="triggers">The triggers.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="triggers"/> or one of them is null.</exception>
    public MetricBuilder ResumeOn(params MetricTrigger[] triggers)
    {
        ResumeTriggers = Checked(triggers);
        return this;
    }

    /// <summary>Sets whether the metric has one cycle or one per start.</summary>
    /// <param name="cycles">The cycles.</param>
    /// <returns>This builder.</returns>
    public MetricBuilder WithCycles(MetricCycles cycles)
    {
        CyclesValue = cycles;
        return this;
    }

    /// <summary>Sets the statuses during which an open cycle is paused.</summary>
    /// <param name="statuses">The statuses.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="statuses"/> or one of them is null.</exception>
    public MetricBuilder PauseWhile(params string[] statuses)
    {
        ArgumentNullException.ThrowIfNull(statuses);
        foreach (var status in statuses)
        {
            ArgumentNullException.ThrowIfNull(status, nameof(statuses));
        }
        PauseStatuses = [.. statuses];
        return this;
    }

    /// <summary>Makes the metric start only after another metric's first cycle has stopped.</summary>
    /// <param name="metricId">The other metric's id.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="metricId"/> is null.</exception>
    public MetricBuilder StartAfter(string metricId)
    {
        ArgumentNullException.ThrowIfNull(metricId);
        StartAfterId = metricId;
        return this;
    }

    internal MetricDefinition ToDefinition(ImmutableArray<string> versionPauseStatuses)
    {
        var metric = Metric.Named(Id);
        var basis = PresetValue is { } preset
            ? MetricDefinition.FromPreset(metric, preset, versionPauseStatuses)
            : new MetricDefinition(metric, null, [], [], [], [], MetricCycles.Once, [], null);
        return basis.With(StartTriggers, StopTriggers, CancelTriggers, ResumeTriggers, CyclesValue, PauseStatuses,
            string.IsNullOrWhiteSpace(StartAfterId) ? null : Metric.Named(StartAfterId));
    }

    private static ImmutableArray<MetricTrigger> Checked(MetricTrigger[] triggers)
    {
        ArgumentNullException.ThrowIfNull(triggers);
        foreach (var trigger in triggers)
        {
            ArgumentNullException.ThrowIfNull(trigger, nameof(triggers));
        }
        return [.. triggers];
    }
}
