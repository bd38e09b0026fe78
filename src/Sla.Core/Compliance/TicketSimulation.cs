using System.Collections.Immutable;
using System.Runtime.InteropServices;
using NodaTime;
using Sla.Core.Policies;
using Sla.Core.Tickets;

namespace Sla.Core.Compliance;

/// <summary>
/// Applies a ticket's events, one at a time, to the clocks of its version's metrics (semantics.md §3, §5):
/// for each event the ticket's state (status, priority, group, resolved) is updated first, then metric by
/// metric in definition order its cycle is cancelled, stopped, resumed or started. Mutable;
/// <see cref="Clone"/> gives an independent copy, so an immutable state can be built on it.
/// </summary>
internal sealed class TicketSimulation
{
    private readonly PolicyVersion version;
    private readonly ServiceDefinition service;
    private readonly bool explain;
    private readonly MetricTrack[] tracks;
    private TargetInForce[] targets;
    private string priority;
    private string? status;
    private string? group;
    private bool resolved;

    public TicketSimulation(PolicyVersion version, ServiceDefinition service, string priority, Instant created, bool explain)
    {
        this.version = version;
        this.service = service;
        this.priority = priority;
        this.explain = explain;
        targets = version.TargetsInForce(service.Id, priority);
        LastEventAt = created;
        var definitions = version.Metrics;
        tracks = new MetricTrack[definitions.Length];
        for (var i = 0; i < tracks.Length; i++)
        {
            tracks[i] = new MetricTrack(definitions[i], version.StartAfterIndexes[i]);
        }
        ApplyTriggers(FiredTriggers.Created, created);
    }

    private TicketSimulation(TicketSimulation other)
    {
        version = other.version;
        service = other.service;
        explain = other.explain;
        priority = other.priority;
        targets = other.targets;
        status = other.status;
        group = other.group;
        resolved = other.resolved;
        LastEventAt = other.LastEventAt;
        tracks = new MetricTrack[other.tracks.Length];
        for (var i = 0; i < tracks.Length; i++)
        {
            tracks[i] = other.tracks[i].Clone();
        }
    }

    public PolicyVersion Version => version;

    public string Service => service.Id;

    public Instant LastEventAt { get; private set; }

    public TicketSimulation Clone() => new(this);

    public void Apply(TicketEvent e)
    {
        var at = e.At;
        LastEventAt = at;
        // Only open cycles count: advancing just those keeps a ticket's evaluation linear in its events,
        // however many cycles it has had.
        var memo = default(ElapsedMemo);
        foreach (var track in tracks)
        {
            track.Open?.AdvanceTo(at, ref memo);
        }
        var fired = new FiredTriggers(TriggerSet.BitOf(e.Kind), null, null, null);
        switch (e.Kind)
        {
            case TicketEventKind.Status when e.Value != status:
                status = e.Value;
                fired = fired with { StatusBecame = status };
                foreach (var track in tracks)
                {
                    SetPause(track, track.Open);
                }
                break;
            case TicketEventKind.Priority when e.Value != priority:
                priority = e.Value!;
                targets = version.TargetsInForce(service.Id, priority);
                fired = fired with { Kinds = TriggerSet.Bit(MetricTriggerKind.Priority) };
                for (var i = 0; i < tracks.Length; i++)
                {
                    if (tracks[i].Open is { } open)
                    {
                        SetTarget(open, i, at, changed: true);
                    }
                }
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
        ApplyTriggers(fired, at);
    }

    private void ApplyTriggers(in FiredTriggers fired, Instant at)
    {
        for (var i = 0; i < tracks.Length; i++)
        {
            var track = tracks[i];
            var definition = track.Definition;
            if (!definition.AnySet.FiresOn(fired))
            {
                continue;
            }
            if (track.Open is not null)
            {
                if (definition.CancelSet.FiresOn(fired))
                {
                    track.EndOpen(at, cancelled: true);
                }
                else if (definition.StopSet.FiresOn(fired))
                {
                    track.EndOpen(at, cancelled: false);
                }
            }
            if (resolved)
            {
                continue;
            }
            if (track.Resumable is { } last && definition.ResumeSet.FiresOn(fired))
            {
                var (target, calendar) = targets[i];
                last.Resume(at, target, calendar, PauseStatus(track), priority);
                track.Reopen(last);
            }
            if (track.MayStartCycle && definition.StartSet.FiresOn(fired) && (track.StartAfterIndex < 0 || tracks[track.StartAfterIndex].FirstCycleStopped))
            {
                var cycle = new MetricClock(definition.Metric, track.CycleCount + 1, at, version, explain);
                SetTarget(cycle, i, at, changed: false);
                track.Add(cycle);
                SetPause(track, cycle);
            }
        }
    }

    /// <summary>Every cycle's result, metric by metric in definition order.</summary>
    public ImmutableArray<MetricResult> Results(Instant now)
    {
        var count = 0;
        foreach (var track in tracks)
        {
            count += track.CycleCount;
        }
        var results = new MetricResult[count];
        var next = 0;
        var memo = default(ElapsedMemo);
        foreach (var track in tracks)
        {
            for (var c = 0; c < track.CycleCount; c++)
            {
                results[next++] = track.Cycle(c).ResultAt(now, ref memo);
            }
        }
        return ImmutableCollectionsMarshal.AsImmutableArray(results);
    }

    private string? PauseStatus(MetricTrack track) =>
        status is not null && track.Definition.PauseWhile.Contains(status) ? status : null;

    private void SetPause(MetricTrack track, MetricClock? open)
    {
        if (open is null)
        {
            return;
        }
        if (PauseStatus(track) is { } pausedBy)
        {
            open.Pause(pausedBy);
        }
        else if (open.PausedBy is not null)
        {
            open.Unpause();
        }
    }

    private void SetTarget(MetricClock clock, int track, Instant at, bool changed)
    {
        var (target, calendar) = targets[track];
        clock.SetTarget(target, calendar, at, priority, changed);
    }
}
