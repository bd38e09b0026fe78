using System.Buffers;
using System.Collections.Immutable;
using System.Runtime.InteropServices;
using NodaTime;
using Sla.Core.Calendars;
using Sla.Core.Policies;
using Sla.Core.Tickets;

namespace Sla.Core.Compliance;

/// <summary>
/// Applies a ticket's events, one at a time, to the clocks of its version's metrics (semantics.md §3, §5, §6):
/// for each event the ticket's state (status, priority, group, attributes, service, resolved) is updated first, and the
/// targets in force found again when the service, an attribute or the priority changed; then metric by
/// metric in definition order its cycle is cancelled, stopped, resumed or started. Mutable;
/// <see cref="Clone"/> gives an independent copy, so an immutable state can be built on it. A one-off evaluation
/// borrows its clocks from a pool (see the constructor) and gives them back (<see cref="Dispose"/>).
/// </summary>
/// <remarks>
/// Each metric has one clock, at its latest cycle (open, or stopped and perhaps to be resumed). When a new
/// cycle starts, the stopped one can never change again, so its result is kept and the clock reused.
/// An open clock is brought up to an event only when the event changes it (stops, cancels, pauses, unpauses or
/// retargets it): between changes it counts on one calendar, and counted time, the instant a deadline passes and the
/// stretches explained are the same measured in one piece as in many, so an event no clock heeds measures nothing, and
/// the result measures from the last change to the instant asked about. This keeps a ticket's evaluation linear in its
/// events, however many cycles it has had.
/// </remarks>
internal sealed class TicketSimulation : IDisposable
{
    private readonly PolicyVersion version;
    private readonly bool explain;
    // The codes of the ticket's values of the attributes the version's variants name, by slot; empty when none are named.
    private readonly int[] attributes;
    private CompiledService service;
    // One per metric of the version, in definition order; a borrowed array may be longer.
    private MetricClock[] clocks;
    private readonly bool borrowed;
    // Results of cycles before each metric's latest, in the order they were kept (so each metric's in cycle order).
    private List<MetricResult>? earlierCycles;
    private TargetInForce[] targets;
    private string priority;
    private string? status;
    private string? group;
    private bool resolved;

    /// <summary>
    /// Starts a ticket's simulation at its creation, its clocks borrowed from the pool when <c>borrowed</c> (then
    /// <see cref="Dispose"/> gives them back) or else allocated.
    /// </summary>
    public TicketSimulation(PolicyVersion version, CompiledService service, string priority, Instant created, IReadOnlyDictionary<string, string> attributes, bool explain,
        bool borrowed)
    {
        this.version = version;
        this.service = service;
        this.priority = priority;
        this.explain = explain;
        this.attributes = version.Attributes.Codes(attributes);
        targets = TargetsFound();
        LastEventAt = created;
        this.borrowed = borrowed;
        clocks = borrowed ? ArrayPool<MetricClock>.Shared.Rent(version.Metrics.Length) : new MetricClock[version.Metrics.Length];
        var time = default(BusinessTimeCursor);
        ApplyTriggers(FiredTriggers.Created, created, ref time);
    }

    private TicketSimulation(TicketSimulation other)
    {
        version = other.version;
        service = other.service;
        attributes = (int[])other.attributes.Clone();
        explain = other.explain;
        priority = other.priority;
        targets = other.targets;
        status = other.status;
        group = other.group;
        resolved = other.resolved;
        LastEventAt = other.LastEventAt;
        clocks = new MetricClock[other.version.Metrics.Length];
        for (var i = 0; i < clocks.Length; i++)
        {
            clocks[i] = other.clocks[i].Clone();
        }
        // Kept results never change; the list that holds them is copied, since this copy may add to it.
        earlierCycles = other.earlierCycles is null ? null : [.. other.earlierCycles];
    }

    public PolicyVersion Version => version;

    /// <summary>The clocks, one per metric of the version in definition order.</summary>
    private Span<MetricClock> Clocks => clocks.AsSpan(0, version.Metrics.Length);

    /// <summary>The ticket's service as it stands (after any service change).</summary>
    public string Service => service.Definition.Id;

    public Instant LastEventAt { get; private set; }

    public TicketSimulation Clone() => new(this);

    /// <summary>
    /// Applies the next event. <paramref name="time"/> is the caller's for the whole run of events (and the results after
    /// them): one ticket's questions to its calendars mostly fall in one month, and clocks brought up to one event from the
    /// same instant share one measure.
    /// </summary>
    public void Apply(TicketEvent e, ref BusinessTimeCursor time)
    {
        var at = e.At;
        LastEventAt = at;
        var fired = new FiredTriggers(TriggerSet.BitOf(e.Kind), null, null, null);
        switch (e.Kind)
        {
            case TicketEventKind.Status when e.Value != status:
                status = e.Value;
                fired = fired with { StatusBecame = status };
                var all = Clocks;
                for (var i = 0; i < all.Length; i++)
                {
                    if (all[i].IsOpen)
                    {
                        SetPause(i, ref all[i], at, ref time);
                    }
                }
                break;
            case TicketEventKind.Priority when e.Value != priority:
                priority = e.Value!;
                fired = fired with { Kinds = TriggerSet.Bit(MetricTriggerKind.Priority) };
                Retarget(at, ref time);
                break;
            case TicketEventKind.Attribute when version.Attributes.Slot(e.Name!) is >= 0 and var slot && version.Attributes.Code(slot, e.Value) is var code
                && code != attributes[slot]:
                attributes[slot] = code;
                Retarget(at, ref time);
                break;
            case TicketEventKind.Service when e.Value != service.Definition.Id:
                // The evaluator checked the service exists before applying the event.
                service = version.Compiled(e.Value!)!;
                Retarget(at, ref time);
                break;
            case TicketEventKind.Assigned when e.Value != group:
                fired = fired with { AssignedTo = e.Value, UnassignedFrom = group };
                group = e.Value;
                break;
            case TicketEventKind.Resolved:
                resolved = true;
                break;
            case TicketEventKind.Reopened:
                resolved = false;
                break;
        }
        ApplyTriggers(fired, at, ref time);
    }

    private void ApplyTriggers(in FiredTriggers fired, Instant at, ref BusinessTimeCursor time)
    {
        var definitions = version.Metrics;
        var all = Clocks;
        for (var i = 0; i < definitions.Length; i++)
        {
            var definition = definitions[i];
            if (!definition.AnySet.FiresOn(fired))
            {
                continue;
            }
            ref var clock = ref all[i];
            if (clock.IsOpen)
            {
                if (definition.CancelSet.FiresOn(fired))
                {
                    clock.AdvanceTo(at, ref time);
                    clock.Cancel(at);
                }
                else if (definition.StopSet.FiresOn(fired))
                {
                    clock.AdvanceTo(at, ref time);
                    clock.Stop(at);
                }
            }
            if (resolved)
            {
                continue;
            }
            if (clock is { IsStopped: true, IsCancelled: false } && definition.ResumeSet.FiresOn(fired))
            {
                clock.Resume(at, targets[i], PauseStatus(i));
            }
            var mayStart = !clock.IsStarted || (clock.IsStopped && definition.Cycles == MetricCycles.Each);
            if (mayStart && definition.StartSet.FiresOn(fired) && version.StartAfterIndexes[i] is var after && (after < 0 || all[after].FirstCycleStopped))
            {
                StartCycle(i, ref clock, at, ref time);
                clock.SetTarget(targets[i], at, changed: false);
                SetPause(i, ref clock, at, ref time);
            }
        }
    }

    /// <summary>Starts the metric's first cycle, or keeps the stopped cycle's result and makes the clock the next cycle.</summary>
    private void StartCycle(int metric, ref MetricClock clock, Instant at, ref BusinessTimeCursor time)
    {
        if (!clock.IsStarted)
        {
            clock = new MetricClock(version.Metrics[metric].Metric, at, version, explain);
            return;
        }
        (earlierCycles ??= []).Add(clock.ResultAt(clock.StopAt!.Value, ref time));
        clock.StartNextCycle(at);
    }

    /// <summary>Every cycle's result, metric by metric in definition order (see <see cref="Apply"/> for <paramref name="time"/>).</summary>
    public ImmutableArray<MetricResult> Results(Instant now, ref BusinessTimeCursor time)
    {
        var all = Clocks;
        var count = earlierCycles?.Count ?? 0;
        foreach (ref readonly var clock in all)
        {
            count += clock.IsStarted ? 1 : 0;
        }
        var results = new MetricResult[count];
        var next = 0;
        foreach (ref var clock in all)
        {
            if (!clock.IsStarted)
            {
                continue;
            }
            for (var e = 0; e < (earlierCycles?.Count ?? 0); e++)
            {
                if (earlierCycles![e].Metric == clock.Metric)
                {
                    results[next++] = earlierCycles[e];
                }
            }
            results[next++] = clock.ResultAt(now, ref time);
        }
        return ImmutableCollectionsMarshal.AsImmutableArray(results);
    }

    private string? PauseStatus(int metric) =>
        status is not null && version.Metrics[metric].PauseWhile.Contains(status) ? status : null;

    /// <summary>Pauses or unpauses an open clock at <paramref name="at"/> as the status now asks, when that changes anything.</summary>
    private void SetPause(int metric, ref MetricClock open, Instant at, ref BusinessTimeCursor time)
    {
        var pausedBy = PauseStatus(metric);
        if (pausedBy == open.PausedBy)
        {
            return;
        }
        open.AdvanceTo(at, ref time);
        if (pausedBy is not null)
        {
            open.Pause(pausedBy);
        }
        else
        {
            open.Unpause();
        }
    }

    /// <summary>The targets the service, the first of its variants the attributes match, and the priority give now.</summary>
    private TargetInForce[] TargetsFound() => service.Targets(service.Match(attributes), priority);

    /// <summary>
    /// Finds the targets in force again after the service, an attribute or the priority changed; when they differ, the open
    /// cycles take them at <paramref name="at"/> under the priority-change rule.
    /// </summary>
    private void Retarget(Instant at, ref BusinessTimeCursor time)
    {
        var found = TargetsFound();
        if (ReferenceEquals(found, targets))
        {
            return;
        }
        targets = found;
        var all = Clocks;
        for (var i = 0; i < all.Length; i++)
        {
            if (all[i].IsOpen)
            {
                all[i].AdvanceTo(at, ref time);
                all[i].SetTarget(targets[i], at, changed: true);
            }
        }
    }

    /// <summary>Gives borrowed clocks back to the pool (cleared, so it holds no policy or ticket alive); the simulation is then done with.</summary>
    public void Dispose()
    {
        if (borrowed && clocks.Length > 0)
        {
            // Only the clocks used are cleared: the pool's array is larger (16 at least), and the rest is still clear.
            Clocks.Clear();
            ArrayPool<MetricClock>.Shared.Return(clocks);
            clocks = [];
        }
    }
}
