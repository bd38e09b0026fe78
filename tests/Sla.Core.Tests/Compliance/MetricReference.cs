using System.Collections.Immutable;
using NodaTime;
using Sla.Core.Calendars;
using Sla.Core.Compliance;
using Sla.Core.Policies;
using Sla.Core.Tickets;

namespace Sla.Core.Tests.Compliance;

/// <summary>A metric definition as the rules state it, with the presets spelled out from the rules' own table.</summary>
/// <param name="Id">The metric's id.</param>
/// <param name="Start">The triggers that start a cycle.</param>
/// <param name="Stop">The triggers that stop the open cycle.</param>
/// <param name="Cancel">The triggers that cancel the open cycle.</param>
/// <param name="Resume">The triggers that run the last stopped cycle again.</param>
/// <param name="Cycles">Once or each.</param>
/// <param name="PauseWhile">The statuses that pause an open cycle.</param>
/// <param name="StartAfter">The metric whose first cycle must have stopped first, or <see langword="null"/>.</param>
internal sealed record ReferenceMetric(string Id, ImmutableArray<MetricTrigger> Start, ImmutableArray<MetricTrigger> Stop,
    ImmutableArray<MetricTrigger> Cancel, ImmutableArray<MetricTrigger> Resume, MetricCycles Cycles, ImmutableArray<string> PauseWhile, string? StartAfter)
{
    /// <summary>The preset table of the rules, written out here rather than taken from <see cref="MetricDefinition.FromPreset"/>.</summary>
    public static ReferenceMetric FromPreset(string id, MetricPreset preset, ImmutableArray<string> pauseStatuses)
    {
        ImmutableArray<MetricTrigger> replyOrResolved = [MetricTrigger.AgentReply, MetricTrigger.Resolved];
        return preset switch
        {
            MetricPreset.FirstResponse => new(id, [MetricTrigger.Created], replyOrResolved, [], [], MetricCycles.Once, [], null),
            MetricPreset.NextResponse => new(id, [MetricTrigger.CustomerMessage], replyOrResolved, [], [], MetricCycles.Each, [], null),
            MetricPreset.Resolution => new(id, [MetricTrigger.Created], [MetricTrigger.Resolved], [], [MetricTrigger.Reopened], MetricCycles.Once, pauseStatuses, null),
            MetricPreset.PeriodicUpdate => new(id, [MetricTrigger.AgentReply], replyOrResolved, [], [], MetricCycles.Each, [], null),
            MetricPreset.PausableUpdate => new(id, [MetricTrigger.AgentReply], replyOrResolved, [], [], MetricCycles.Each, pauseStatuses, null),
            _ => throw new ArgumentOutOfRangeException(nameof(preset), preset, "Not a preset."),
        };
    }
}

/// <summary>What the reference needs of a policy version: its metrics, its duration targets for one service, and its clock options.</summary>
/// <param name="Metrics">The metrics, in definition order.</param>
/// <param name="Targets">The duration targets by priority and metric id; a missing entry is no target.</param>
/// <param name="Calendars">The calendars targets name, by id (a null calendar id is 24/7).</param>
/// <param name="WarningAt">The at-risk fraction.</param>
/// <param name="Warnings">The warning fractions, ascending.</param>
/// <param name="PriorityChange">What a change of target does to an open cycle.</param>
internal sealed record ReferencePolicy(ImmutableArray<ReferenceMetric> Metrics, ImmutableDictionary<(string Priority, string Metric), DurationTarget> Targets,
    ImmutableDictionary<string, BusinessCalendar> Calendars, double WarningAt, ImmutableArray<double> Warnings, PriorityChangeRule PriorityChange);

/// <summary>
/// A brute-force oracle for configurable metrics: the rules of semantics §3 and §5 applied a minute at a time,
/// with <see cref="BusinessCalendar.IsWorking"/> as the only calendar question. It shares no code with the engine,
/// so a disagreement points at one of the two readings of the rules.
/// </summary>
/// <remarks>
/// Exact only for instants on whole minutes and calendars whose working time changes on whole minutes (so
/// <c>IsWorking</c> at a minute's start holds for the whole minute). Duration targets only: business-days targets
/// are left out, as their deadlines are not a count of working time. Slow by design.
/// </remarks>
internal static class MetricReference
{
    private static readonly Duration Minute = Duration.FromMinutes(1);

    // A deadline further than this is treated as unreachable; the generated calendars work every week.
    private static readonly Duration Horizon = Duration.FromDays(60);

    /// <summary>Evaluates a ticket as of <paramref name="now"/> (on a whole minute, not before creation).</summary>
    public static ImmutableArray<MetricResult> Evaluate(ReferencePolicy policy, Ticket ticket, Instant now)
    {
        var run = new Run(policy, ticket.Service, ticket.Priority, now);
        var at = ticket.Created;
        run.Apply(at, null);
        foreach (var e in ticket.Events.Where(e => e.At <= now))
        {
            if (e.At != at)
            {
                // Every event at an instant is applied before that instant's breach check.
                run.CheckBreaches(at);
                run.Advance(at, e.At);
                at = e.At;
            }
            run.Apply(at, e);
        }
        run.CheckBreaches(at);
        run.Advance(at, now);
        return run.Results();
    }

    private sealed class Cycle(int number, Instant start)
    {
        public int Number { get; } = number;

        public Instant Start { get; set; } = start;

        public Instant? Stop { get; set; }

        public bool Open { get; set; } = true;

        public bool Cancelled { get; set; }

        public Duration Counted { get; set; }

        public Instant? BreachedAt { get; set; }

        public DurationTarget? BreachTarget { get; set; }

        public string? BreachPriority { get; set; }

        public DurationTarget? EndTarget { get; set; }

        public string? EndPriority { get; set; }

        public bool PausedAtEnd { get; set; }
    }

    private sealed class MetricRun(ReferenceMetric definition)
    {
        public ReferenceMetric Definition { get; } = definition;

        public List<Cycle> Cycles { get; } = [];

        public bool FirstStopped { get; set; }

        public Cycle? Open => Cycles.Count > 0 && Cycles[^1].Open ? Cycles[^1] : null;
    }

    private sealed class Run(ReferencePolicy policy, string service, string priority, Instant now)
    {
        private readonly List<MetricRun> metrics = [.. policy.Metrics.Select(m => new MetricRun(m))];
        private string priority = priority;
        private string? status;
        private string? group;
        private bool resolved;

        /// <summary>Applies one event (<see langword="null"/>: the creation pseudo-event): the ticket's state first, then each metric in order.</summary>
        public void Apply(Instant at, TicketEvent? e)
        {
            var fired = new List<MetricTrigger>();
            switch (e?.Kind)
            {
                case null:
                    fired.Add(MetricTrigger.Created);
                    break;
                case TicketEventKind.AgentReply:
                    fired.Add(MetricTrigger.AgentReply);
                    break;
                case TicketEventKind.AgentNote:
                    fired.Add(MetricTrigger.AgentNote);
                    break;
                case TicketEventKind.CustomerMessage:
                    fired.Add(MetricTrigger.CustomerMessage);
                    break;
                case TicketEventKind.Resolved:
                    resolved = true;
                    fired.Add(MetricTrigger.Resolved);
                    break;
                case TicketEventKind.Reopened:
                    resolved = false;
                    fired.Add(MetricTrigger.Reopened);
                    break;
                case TicketEventKind.Status when e.Value != status:
                    status = e.Value;
                    fired.Add(MetricTrigger.StatusBecomes(e.Value!));
                    break;
                case TicketEventKind.Priority when e.Value != priority:
                    var old = priority;
                    priority = e.Value!;
                    fired.Add(MetricTrigger.PriorityChanged);
                    ChangeTargets(at, old);
                    break;
                case TicketEventKind.Assigned when e.Value != group:
                    if (group is not null)
                    {
                        fired.Add(MetricTrigger.UnassignedFrom(group));
                    }
                    if (e.Value is not null)
                    {
                        fired.Add(MetricTrigger.AssignedTo(e.Value));
                    }
                    group = e.Value;
                    break;
            }
            foreach (var metric in metrics)
            {
                Step(metric, at, fired);
            }
        }

        /// <summary>Breaches every running cycle whose counted time has reached its target at <paramref name="at"/>, unless that is now.</summary>
        public void CheckBreaches(Instant at)
        {
            if (at >= now)
            {
                return;
            }
            foreach (var metric in metrics)
            {
                if (metric.Open is { BreachedAt: null } cycle && !IsPaused(metric) && TargetOf(metric) is { } target && cycle.Counted >= target.Within)
                {
                    Breach(cycle, at, target);
                }
            }
        }

        /// <summary>Counts <c>[from, to)</c> a minute at a time, with the breach check at every minute boundary before <paramref name="to"/>.</summary>
        public void Advance(Instant from, Instant to)
        {
            for (var minute = from; minute < to; minute += Minute)
            {
                foreach (var metric in metrics)
                {
                    if (metric.Open is { } cycle && !IsPaused(metric) && TargetOf(metric) is { } target && CalendarOf(target).IsWorking(minute))
                    {
                        cycle.Counted += Minute;
                    }
                }
                if (minute + Minute < to)
                {
                    CheckBreaches(minute + Minute);
                }
            }
        }

        public ImmutableArray<MetricResult> Results() => [.. metrics.SelectMany(m => m.Cycles.Select(c => ResultOf(m, c)))];

        private void Step(MetricRun metric, Instant at, List<MetricTrigger> fired)
        {
            var definition = metric.Definition;
            if (metric.Open is { } cancelled && Fires(definition.Cancel, fired))
            {
                End(metric, cancelled, at, cancel: true);
            }
            if (metric.Open is { } stopped && Fires(definition.Stop, fired))
            {
                End(metric, stopped, at, cancel: false);
                metric.FirstStopped |= stopped.Number == 1;
            }
            if (!resolved && metric.Open is null && Fires(definition.Resume, fired) && metric.Cycles.Count > 0 && metric.Cycles[^1] is { Cancelled: false } last)
            {
                last.Open = true;
                last.Stop = null;
                UsedUp(metric, last, at);
            }
            if (!resolved && metric.Open is null && Fires(definition.Start, fired)
                && (definition.Cycles == MetricCycles.Each || metric.Cycles.Count == 0)
                && (definition.StartAfter is not { } after || metrics.Single(m => m.Definition.Id == after).FirstStopped))
            {
                metric.Cycles.Add(new Cycle(metric.Cycles.Count + 1, at));
            }
        }

        private void End(MetricRun metric, Cycle cycle, Instant at, bool cancel)
        {
            cycle.Open = false;
            cycle.Stop = at;
            cycle.Cancelled = cancel;
            cycle.EndTarget = TargetOf(metric);
            cycle.EndPriority = priority;
            cycle.PausedAtEnd = IsPaused(metric);
        }

        private void ChangeTargets(Instant at, string oldPriority)
        {
            foreach (var metric in metrics)
            {
                if (metric.Open is not { BreachedAt: null } cycle)
                {
                    continue;
                }
                if (policy.PriorityChange == PriorityChangeRule.Restart && TargetOf(metric, oldPriority) != TargetOf(metric))
                {
                    cycle.Start = at;
                    cycle.Counted = Duration.Zero;
                }
                else
                {
                    UsedUp(metric, cycle, at);
                }
            }
        }

        /// <summary>A target found already exceeded when it comes into force breaches the cycle at once, paused or not.</summary>
        private void UsedUp(MetricRun metric, Cycle cycle, Instant at)
        {
            if (cycle.BreachedAt is null && TargetOf(metric) is { } target && cycle.Counted > target.Within)
            {
                Breach(cycle, at, target);
            }
        }

        private void Breach(Cycle cycle, Instant at, DurationTarget target)
        {
            cycle.BreachedAt = at;
            cycle.BreachTarget = target;
            cycle.BreachPriority = priority;
        }

        private MetricResult ResultOf(MetricRun metric, Cycle cycle)
        {
            var result = new MetricResult(Metric.Named(metric.Definition.Id), cycle.Number, MetricStatus.NotApplicable, cycle.Start, cycle.Stop,
                null, null, cycle.Counted, null, null, [], priority, null, null, service, null);
            if (cycle.Cancelled)
            {
                return result with { Status = MetricStatus.Cancelled, Target = cycle.EndTarget, Priority = cycle.EndPriority! };
            }
            if (cycle.BreachedAt is { } breachedAt)
            {
                return result with
                {
                    Status = MetricStatus.Breached, Target = cycle.BreachTarget, Priority = cycle.BreachPriority!, Deadline = breachedAt, BreachedAt = breachedAt,
                };
            }
            if (!cycle.Open)
            {
                return cycle.EndTarget is not { } stopTarget
                    ? result with { Priority = cycle.EndPriority! }
                    : result with
                    {
                        Status = MetricStatus.Met, Target = stopTarget, Priority = cycle.EndPriority!,
                        Deadline = cycle.PausedAtEnd ? null : Reach(stopTarget, cycle.Stop!.Value, stopTarget.Within - cycle.Counted),
                    };
            }
            if (TargetOf(metric) is not { } target)
            {
                return result;
            }
            if (IsPaused(metric))
            {
                return result with { Status = MetricStatus.Paused, Target = target };
            }
            var deadline = Reach(target, now, target.Within - cycle.Counted);
            var crossed = policy.Warnings.Where(f => cycle.Counted >= Threshold(f, target)).ToList();
            var atRisk = cycle.Counted >= Threshold(policy.WarningAt, target);
            var next = policy.Warnings.Except(crossed).Concat(atRisk ? [] : [policy.WarningAt])
                .Select(f => Reach(target, now, Threshold(f, target) - cycle.Counted))
                .Append(deadline)
                .Where(t => t is not null)
                .Min();
            return result with
            {
                Status = atRisk ? MetricStatus.AtRisk : MetricStatus.Running,
                Target = target,
                Deadline = deadline,
                Remaining = target.Within - cycle.Counted,
                Warning = crossed.Count == 0 ? null : crossed[^1],
                NextChangeAt = next,
            };
        }

        /// <summary>The first instant at or after <paramref name="from"/> by which the target's calendar has worked <paramref name="amount"/> (a part-minute lands inside a working minute).</summary>
        private Instant? Reach(DurationTarget target, Instant from, Duration amount)
        {
            var calendar = CalendarOf(target);
            var left = amount;
            for (var minute = from; left > Duration.Zero; minute += Minute)
            {
                if (minute - from > Horizon)
                {
                    return null;
                }
                if (calendar.IsWorking(minute))
                {
                    if (left <= Minute)
                    {
                        return minute + left;
                    }
                    left -= Minute;
                }
            }
            return from;
        }

        private static Duration Threshold(double fraction, DurationTarget target) =>
            Duration.FromTicks((long)Math.Ceiling(fraction * target.Within.BclCompatibleTicks));

        private static bool Fires(ImmutableArray<MetricTrigger> triggers, List<MetricTrigger> fired) => triggers.Any(fired.Contains);

        private bool IsPaused(MetricRun metric) => status is not null && metric.Definition.PauseWhile.Contains(status);

        private DurationTarget? TargetOf(MetricRun metric, string? at = null) => policy.Targets.GetValueOrDefault((at ?? priority, metric.Definition.Id));

        private BusinessCalendar CalendarOf(DurationTarget target) =>
            target.CalendarId is null ? BusinessCalendar.AlwaysOpen : policy.Calendars[target.CalendarId];
    }
}
