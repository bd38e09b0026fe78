using NodaTime;
using Sla.Core.Policies;

namespace Sla.Core.Compliance;

/// <summary>
/// One metric definition as it applies to one ticket: the cycles it has had, which one is open, and
/// whether its first cycle has stopped. Mutable, used by one simulation at a time; <see cref="Clone"/>
/// gives an independent copy.
/// </summary>
internal sealed class MetricTrack
{
    // Most metrics have one cycle: it is kept in a field, and a list is made only for a second.
    private MetricClock? first;
    private List<MetricClock>? more;

    public MetricTrack(MetricDefinition definition, int startAfterIndex)
    {
        Definition = definition;
        StartAfterIndex = startAfterIndex;
    }

    private MetricTrack(MetricTrack other)
    {
        Definition = other.Definition;
        StartAfterIndex = other.StartAfterIndex;
        FirstCycleStopped = other.FirstCycleStopped;
        // Only the last cycle can change again (it may be open, or resumed); the copies share the others.
        if (other.more is { Count: > 0 } cycles)
        {
            first = other.first;
            more = [.. cycles];
            more[^1] = more[^1].Clone();
        }
        else
        {
            first = other.first?.Clone();
        }
        Open = other.Open is null ? null : Last;
    }

    public MetricDefinition Definition { get; }

    /// <summary>The index of the metric named by <see cref="MetricDefinition.StartAfter"/>, or -1.</summary>
    public int StartAfterIndex { get; }

    /// <summary>The running or paused cycle, or <see langword="null"/>.</summary>
    public MetricClock? Open { get; private set; }

    /// <summary>Whether the first cycle has stopped (not cancelled): what <see cref="MetricDefinition.StartAfter"/> waits for.</summary>
    public bool FirstCycleStopped { get; private set; }

    public int CycleCount => first is null ? 0 : 1 + (more?.Count ?? 0);

    public bool MayStartCycle => Open is null && (first is null || Definition.Cycles == MetricCycles.Each);

    /// <summary>The last cycle, when it stopped (not cancelled) and can run again.</summary>
    public MetricClock? Resumable => Open is null && Last is { IsCancelled: false } last ? last : null;

    private MetricClock? Last => more is { Count: > 0 } ? more[^1] : first;

    public MetricClock Cycle(int index) => index == 0 ? first! : more![index - 1];

    public MetricTrack Clone() => new(this);

    public void Add(MetricClock cycle)
    {
        if (first is null)
        {
            first = cycle;
        }
        else
        {
            (more ??= []).Add(cycle);
        }
        Open = cycle;
    }

    public void Reopen(MetricClock cycle) => Open = cycle;

    public void EndOpen(Instant at, bool cancelled)
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
            FirstCycleStopped |= ReferenceEquals(Open, first);
        }
        Open = null;
    }
}
