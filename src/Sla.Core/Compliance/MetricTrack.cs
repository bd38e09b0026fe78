using Sla.Core.Policies;

namespace Sla.Core.Compliance;

/// <summary>
/// One metric definition as it applies to one ticket: its compiled triggers and the cycles it has had.
/// Mutable, used by one simulation at a time; <see cref="Clone"/> gives an independent copy.
/// </summary>
internal sealed class MetricTrack
{
    private readonly List<MetricClock> cycles;

    public MetricTrack(MetricDefinition definition, int startAfterIndex)
    {
        Definition = definition;
        StartAfterIndex = startAfterIndex;
        cycles = [];
    }

    private MetricTrack(MetricTrack other)
    {
        Definition = other.Definition;
        StartAfterIndex = other.StartAfterIndex;
        FirstCycleStopped = other.FirstCycleStopped;
        // Only the last cycle can change again (it may be open, or resumed); the copies share the others.
        cycles = [.. other.cycles];
        if (cycles.Count > 0)
        {
            cycles[^1] = cycles[^1].Clone();
            Open = other.Open is null ? null : cycles[^1];
        }
    }

    public MetricDefinition Definition { get; }

    /// <summary>The index of the metric named by <see cref="MetricDefinition.StartAfter"/>, or -1.</summary>
    public int StartAfterIndex { get; }

    public TriggerSet Start => Definition.StartSet;

    public TriggerSet Stop => Definition.StopSet;

    public TriggerSet Cancel => Definition.CancelSet;

    public TriggerSet Resume => Definition.ResumeSet;

    /// <summary>The running or paused cycle, or <see langword="null"/>.</summary>
    public MetricClock? Open { get; private set; }

    /// <summary>Whether the first cycle has stopped (not cancelled): what <see cref="MetricDefinition.StartAfter"/> waits for.</summary>
    public bool FirstCycleStopped { get; private set; }

    public IReadOnlyList<MetricClock> Cycles => cycles;

    public bool MayStartCycle => Open is null && (cycles.Count == 0 || Definition.Cycles == MetricCycles.Each);

    /// <summary>The last cycle, when it stopped (not cancelled) and can run again.</summary>
    public MetricClock? Resumable => Open is null && cycles.Count > 0 && cycles[^1] is { IsCancelled: false } last ? last : null;

    public MetricTrack Clone() => new(this);

    public void Add(MetricClock cycle)
    {
        cycles.Add(cycle);
        Open = cycle;
    }

    public void Reopen(MetricClock cycle) => Open = cycle;

    public void EndOpen(NodaTime.Instant at, bool cancelled)
    {
        if (Open is null)
        {
            return;
        }
        if (cancelled)
        {
            Open.Cancel(at);
        }
        else
        {
            Open.Stop(at);
            FirstCycleStopped |= ReferenceEquals(Open, cycles[0]);
        }
        Open = null;
    }
}
