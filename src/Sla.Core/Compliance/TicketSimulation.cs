using System.Collections.Immutable;
using System.Runtime.InteropServices;
using NodaTime;
using Sla.Core.Policies;
using Sla.Core.Tickets;

namespace Sla.Core.Compliance;

/// <summary>
/// Applies a ticket's events, one at a time, to its metric clocks (semantics.md §3): first response,
/// next-response cycles, resolution with pauses and reopen, priority changes. Mutable; <see cref="Clone"/>
/// gives an independent copy, so an immutable state can be built on it.
/// </summary>
internal sealed class TicketSimulation
{
    private readonly PolicyVersion version;
    private readonly ServiceDefinition service;
    private readonly bool explain;
    private readonly MetricClock firstResponse;
    private readonly MetricClock resolution;
    private readonly List<MetricClock> nextResponse;
    private MetricClock? openCycle;
    private string priority;
    private string? status;
    private bool resolved;

    public TicketSimulation(PolicyVersion version, ServiceDefinition service, string priority, Instant created, bool explain)
    {
        this.version = version;
        this.service = service;
        this.priority = priority;
        this.explain = explain;
        LastEventAt = created;
        firstResponse = NewClock(Metric.FirstResponse, 1, created);
        resolution = NewClock(Metric.Resolution, 1, created);
        nextResponse = [];
    }

    private TicketSimulation(TicketSimulation other)
    {
        version = other.version;
        service = other.service;
        explain = other.explain;
        priority = other.priority;
        status = other.status;
        resolved = other.resolved;
        LastEventAt = other.LastEventAt;
        firstResponse = other.firstResponse.Clone();
        resolution = other.resolution.Clone();
        // Stopped cycles never change again, so the copies share them; only the open one is copied.
        openCycle = other.openCycle?.Clone();
        nextResponse = [.. other.nextResponse.Select(c => ReferenceEquals(c, other.openCycle) ? openCycle! : c)];
    }

    public PolicyVersion Version => version;

    public string Service => service.Id;

    public Instant LastEventAt { get; private set; }

    public TicketSimulation Clone() => new(this);

    public void Apply(TicketEvent e)
    {
        var at = e.At;
        LastEventAt = at;
        firstResponse.AdvanceTo(at);
        resolution.AdvanceTo(at);
        // Every next-response cycle but the open one has stopped: advancing only that one keeps a ticket's
        // evaluation linear in its events, however many cycles it has opened.
        openCycle?.AdvanceTo(at);
        switch (e.Kind)
        {
            case TicketEventKind.AgentReply:
                StopIfRunning(firstResponse, at);
                StopOpenCycle(at);
                break;
            case TicketEventKind.CustomerMessage when openCycle is null && !resolved:
                openCycle = NewClock(Metric.NextResponse, nextResponse.Count + 1, at);
                nextResponse.Add(openCycle);
                break;
            case TicketEventKind.Status:
                status = e.Value;
                if (!resolution.IsStopped)
                {
                    if (IsPauseStatus(status))
                    {
                        resolution.Pause(status!);
                    }
                    else
                    {
                        resolution.Resume();
                    }
                }
                break;
            case TicketEventKind.Priority:
                priority = e.Value!;
                SetTargetIfRunning(firstResponse, at);
                if (openCycle is not null)
                {
                    SetTargetIfRunning(openCycle, at);
                }
                SetTargetIfRunning(resolution, at);
                break;
            case TicketEventKind.Resolved:
                StopIfRunning(firstResponse, at);
                StopOpenCycle(at);
                StopIfRunning(resolution, at);
                resolved = true;
                break;
            case TicketEventKind.Reopened when resolved:
                resolved = false;
                var target = service.TargetFor(priority, Metric.Resolution);
                resolution.Reopen(at, target, target is null ? null : version.Calendar(target.CalendarId), IsPauseStatus(status) ? status : null, priority);
                break;
        }
    }

    /// <summary>Every clock's result: first response, each next-response cycle, resolution.</summary>
    public ImmutableArray<MetricResult> Results(Instant now)
    {
        var results = new MetricResult[nextResponse.Count + 2];
        results[0] = firstResponse.ResultAt(now, version.WarningAt);
        for (var i = 0; i < nextResponse.Count; i++)
        {
            results[i + 1] = nextResponse[i].ResultAt(now, version.WarningAt);
        }
        results[^1] = resolution.ResultAt(now, version.WarningAt);
        return ImmutableCollectionsMarshal.AsImmutableArray(results);
    }

    private bool IsPauseStatus(string? name) => name is not null && version.PauseStatuses.Contains(name);

    private MetricClock NewClock(Metric metric, int cycle, Instant start)
    {
        var clock = new MetricClock(metric, cycle, start, explain);
        SetTarget(clock, start);
        return clock;
    }

    private void SetTarget(MetricClock clock, Instant at)
    {
        var target = service.TargetFor(priority, clock.Metric);
        clock.SetTarget(target, target is null ? null : version.Calendar(target.CalendarId), at, priority);
    }

    private void SetTargetIfRunning(MetricClock clock, Instant at)
    {
        if (!clock.IsStopped)
        {
            SetTarget(clock, at);
        }
    }

    private void StopOpenCycle(Instant at)
    {
        openCycle?.Stop(at);
        openCycle = null;
    }

    private static void StopIfRunning(MetricClock clock, Instant at)
    {
        if (!clock.IsStopped)
        {
            clock.Stop(at);
        }
    }
}
