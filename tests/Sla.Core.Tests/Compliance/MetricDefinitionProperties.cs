using System.Collections.Immutable;
using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using NodaTime.Text;
using Sla.Core.Calendars;
using Sla.Core.Compliance;
using Sla.Core.Policies;
using Sla.Core.Tickets;
using Sla.Core.Validation;

namespace Sla.Core.Tests.Compliance;

/// <summary>
/// Properties of configurable metric definitions over generated definitions, targets, calendars and event logs:
/// the engine against <see cref="MetricReference"/>, incremental against whole-log evaluation, presets against
/// their triggers written out, counted time against the calendar, the restart rule, and the timers hosts set.
/// </summary>
[Properties(Arbitrary = [typeof(MetricScenarios)], MaxTest = 300)]
public sealed class MetricDefinitionProperties
{
    private static readonly Duration Tick = Duration.FromTicks(1);

    [Property]
    public void The_engine_agrees_with_the_reference_on_every_result(DefinitionScenario s)
    {
        var expected = MetricReference.Evaluate(s.Reference(), s.Ticket, s.Now);
        var actual = ComplianceEvaluator.Evaluate(s.BuildPolicy(), s.Ticket, s.Now);
        Assert.True(actual.IsValid, actual.Error);
        Assert.Equal(Describe(expected), Describe(actual.Metrics));
        Assert.Equal(expected.Select(r => r.NextChangeAt).Where(t => t is not null).Min(), actual.NextChangeAt);
    }

    [Property]
    public bool Applying_events_one_by_one_equals_evaluating_the_whole_log(DefinitionScenario s)
    {
        var policy = s.BuildPolicy();
        var options = new EvaluationOptions(Explain: true);
        var state = TicketState.Start(policy, s.Ticket.Id, s.Ticket.Service, s.Ticket.Priority, s.Ticket.Created, options);
        foreach (var e in s.Ticket.Events.Where(e => e.At <= s.Now))
        {
            state = state.Apply(e);
        }
        return Same(ComplianceEvaluator.Evaluate(policy, s.Ticket, s.Now, options), state.Evaluate(s.Now));
    }

    [Property]
    public bool A_preset_evaluates_like_its_triggers_written_out(PresetScenario p)
    {
        var s = p.Scenario;
        var spelled = s with { Metrics = [.. s.Metrics.Select(m => m.SpelledOut())] };
        var options = new EvaluationOptions(Explain: true);
        return Same(ComplianceEvaluator.Evaluate(s.BuildPolicy(), s.Ticket, s.Now, options),
            ComplianceEvaluator.Evaluate(spelled.BuildPolicy(), s.Ticket, s.Now, options));
    }

    [Property]
    public bool On_one_calendar_counted_time_is_at_most_its_business_time_from_start_to_stop(DefinitionScenario s)
    {
        var calendarId = s.Targets.IsEmpty ? null : s.Targets[0].Calendar;
        var one = s with { Targets = [.. s.Targets.Select(t => t with { Calendar = calendarId })] };
        var calendar = calendarId is null ? BusinessCalendar.AlwaysOpen : MetricScenarios.Calendars[calendarId];
        var evaluation = ComplianceEvaluator.Evaluate(one.BuildPolicy(), one.Ticket, one.Now);
        return evaluation.Metrics.All(r => r.Elapsed <= calendar.Elapsed(r.Start, r.Stop ?? one.Now));
    }

    [Property]
    public void Under_restart_counted_time_is_at_most_the_time_since_the_last_change_of_target(DefinitionScenario s)
    {
        var restart = s with { PriorityChange = PriorityChangeRule.Restart };
        var evaluation = ComplianceEvaluator.Evaluate(restart.BuildPolicy(), restart.Ticket, restart.Now, new EvaluationOptions(Explain: true));
        var changes = PriorityChanges(restart);
        // A cancelled result does not say whether it breached first, and a breached cycle does not restart.
        foreach (var r in evaluation.Metrics.Where(r => r.Status != MetricStatus.Cancelled))
        {
            var end = r.Stop ?? restart.Now;
            // A change counts only if it met the cycle open (not in a stopped gap) and not yet breached, and changed its target.
            var since = changes
                .Where(c => c.At > r.Start && c.At < end && (r.BreachedAt is not { } breached || c.At < breached)
                    && restart.TargetOf(c.From, r.Metric.Id) != restart.TargetOf(c.To, r.Metric.Id)
                    && !r.Segments.Any(g => g.Kind == SegmentKind.Resolved && g.Interval.Start <= c.At && c.At <= g.Interval.End))
                .Select(c => c.At)
                .Append(r.Start)
                .Max();
            Assert.True(r.Elapsed <= end - since, $"{Describe(r)} counted more than the {end - since} since {since}");
        }
    }

    [Property]
    public void A_running_result_changes_exactly_at_its_next_change(DefinitionScenario s, byte split)
    {
        // Whatever the warning fractions, turning at risk (at warningAt) has a timer too.
        var timed = s with { Ticket = s.Ticket with { Events = [.. s.Ticket.Events.Where(e => e.At <= s.Now)] } };
        var policy = timed.BuildPolicy();
        (MetricStatus, double?) At(Instant instant, MetricResult r)
        {
            var later = ComplianceEvaluator.Evaluate(policy, timed.Ticket, instant).Metrics.Single(m => m.Metric == r.Metric && m.Cycle == r.Cycle);
            return (later.Status, later.Warning);
        }
        foreach (var r in ComplianceEvaluator.Evaluate(policy, timed.Ticket, timed.Now).Metrics)
        {
            if (r.Status is not (MetricStatus.Running or MetricStatus.AtRisk) || r.NextChangeAt is not { } t || t <= timed.Now)
            {
                continue;
            }
            var between = timed.Now + ((t - timed.Now) * (split + 1) / 257.0);
            Assert.Equal((r.Status, r.Warning), At(between, r));
            Assert.Equal((r.Status, r.Warning), At(t - Duration.Epsilon, r));
            Assert.NotEqual((r.Status, r.Warning), At(t + Duration.Epsilon, r));
            Assert.NotEqual((r.Status, r.Warning), At(t + Tick, r));
        }
    }

    private static List<(Instant At, string From, string To)> PriorityChanges(DefinitionScenario s)
    {
        var changes = new List<(Instant, string, string)>();
        var priority = s.Ticket.Priority;
        foreach (var e in s.Ticket.Events.Where(e => e.At <= s.Now && e.Kind == TicketEventKind.Priority))
        {
            if (e.Value != priority)
            {
                changes.Add((e.At, priority, e.Value!));
                priority = e.Value!;
            }
        }
        return changes;
    }

    private static string Describe(IEnumerable<MetricResult> results) => string.Join(Environment.NewLine, results.Select(Describe));

    private static string Describe(MetricResult r) => string.Create(CultureInfo.InvariantCulture,
        $"{r.Metric.Id}#{r.Cycle} {r.Status} start={Text(r.Start)} stop={Text(r.Stop)} elapsed={r.Elapsed} target={r.Target?.Describe()} priority={r.Priority} " +
        $"deadline={Text(r.Deadline)} breachedAt={Text(r.BreachedAt)} remaining={r.Remaining} warning={r.Warning} next={Text(r.NextChangeAt)}");

    private static string Text(Instant? instant) => instant is { } at ? InstantPattern.ExtendedIso.Format(at) : "-";

    private static bool Same(TicketEvaluation a, TicketEvaluation b) =>
        a.TicketId == b.TicketId && a.PolicyVersion == b.PolicyVersion && a.Error == b.Error
        && a.Metrics.Length == b.Metrics.Length
        && a.Metrics.Zip(b.Metrics).All(p => p.First with { Segments = [] } == p.Second with { Segments = [] }
            && p.First.Segments.SequenceEqual(p.Second.Segments));
}

/// <summary>A generated metric definition: a preset or none, and the fields set explicitly (<see langword="null"/>: not set).</summary>
/// <param name="Id">The metric's id.</param>
/// <param name="Preset">The preset, or <see langword="null"/>.</param>
/// <param name="Start">The start triggers, when set.</param>
/// <param name="Stop">The stop triggers, when set.</param>
/// <param name="Cancel">The cancel triggers, when set.</param>
/// <param name="Resume">The resume triggers, when set.</param>
/// <param name="Cycles">Once or each, when set.</param>
/// <param name="PauseWhile">The pause statuses, when set.</param>
/// <param name="StartAfter">The metric it starts after, or <see langword="null"/>.</param>
public sealed record MetricSpec(string Id, MetricPreset? Preset, ImmutableArray<MetricTrigger>? Start, ImmutableArray<MetricTrigger>? Stop,
    ImmutableArray<MetricTrigger>? Cancel, ImmutableArray<MetricTrigger>? Resume, MetricCycles? Cycles, ImmutableArray<string>? PauseWhile, string? StartAfter)
{
    /// <summary>The definition the rules give it: the preset's fields (none: start nothing, once), each replaced by the one set explicitly.</summary>
    internal ReferenceMetric Resolve()
    {
        var basis = Preset is { } preset
            ? ReferenceMetric.FromPreset(Id, preset, MetricScenarios.PauseStatuses)
            : new ReferenceMetric(Id, [], [], [], [], MetricCycles.Once, [], null);
        return basis with
        {
            Start = Start ?? basis.Start, Stop = Stop ?? basis.Stop, Cancel = Cancel ?? basis.Cancel, Resume = Resume ?? basis.Resume,
            Cycles = Cycles ?? basis.Cycles, PauseWhile = PauseWhile ?? basis.PauseWhile, StartAfter = StartAfter ?? basis.StartAfter,
        };
    }

    /// <summary>The same definition with no preset: every field the preset gave written out.</summary>
    internal MetricSpec SpelledOut()
    {
        var resolved = Resolve();
        return new MetricSpec(Id, null, resolved.Start, resolved.Stop, resolved.Cancel.IsEmpty ? null : resolved.Cancel,
            resolved.Resume.IsEmpty ? null : resolved.Resume, resolved.Cycles, resolved.PauseWhile.IsEmpty ? null : resolved.PauseWhile, resolved.StartAfter);
    }

    internal void Configure(MetricBuilder m)
    {
        if (Preset is { } preset)
        {
            m.FromPreset(preset);
        }
        if (Start is { } start)
        {
            m.StartOn([.. start]);
        }
        if (Stop is { } stop)
        {
            m.StopOn([.. stop]);
        }
        if (Cancel is { } cancel)
        {
            m.CancelOn([.. cancel]);
        }
        if (Resume is { } resume)
        {
            m.ResumeOn([.. resume]);
        }
        if (Cycles is { } cycles)
        {
            m.WithCycles(cycles);
        }
        if (PauseWhile is { } pauses)
        {
            m.PauseWhile([.. pauses]);
        }
        if (StartAfter is { } after)
        {
            m.StartAfter(after);
        }
    }

    /// <inheritdoc />
    public override string ToString()
    {
        static string List<T>(ImmutableArray<T>? items) => items is { } list ? $"[{string.Join(", ", list)}]" : "-";
        return $"{Id}: preset={Preset?.ToString() ?? "-"} start={List(Start)} stop={List(Stop)} cancel={List(Cancel)} resume={List(Resume)} " +
            $"cycles={Cycles?.ToString() ?? "-"} pauseWhile={List(PauseWhile)} startAfter={StartAfter ?? "-"}";
    }
}

/// <summary>A duration target of the generated service.</summary>
/// <param name="Priority">The priority.</param>
/// <param name="Metric">The metric's id.</param>
/// <param name="Minutes">The business time allowed, in minutes.</param>
/// <param name="Calendar">The calendar's id, or <see langword="null"/> for 24/7.</param>
public sealed record TargetSpec(string Priority, string Metric, int Minutes, string? Calendar)
{
    internal DurationTarget ToTarget() => SlaTarget.InBusinessTime(Duration.FromMinutes(Minutes), Calendar);
}

/// <summary>
/// A generated policy version (metric definitions, duration targets of one service on 24/7, a UTC office calendar
/// and a London calendar around the clock changes, warning fractions, a priority-change rule) with a ticket and an
/// evaluation instant, all on whole minutes.
/// </summary>
/// <param name="Metrics">The metric definitions, in order.</param>
/// <param name="Targets">The service's targets.</param>
/// <param name="WarningAt">The at-risk fraction.</param>
/// <param name="Warnings">The warning fractions, or <see langword="null"/> for the default <c>[WarningAt]</c>.</param>
/// <param name="PriorityChange">The priority-change rule.</param>
/// <param name="Ticket">The ticket.</param>
/// <param name="Now">The evaluation instant (events after it are ignored).</param>
public sealed record DefinitionScenario(ImmutableArray<MetricSpec> Metrics, ImmutableArray<TargetSpec> Targets, double WarningAt,
    ImmutableArray<double>? Warnings, PriorityChangeRule PriorityChange, Ticket Ticket, Instant Now)
{
    /// <summary>Builds the policy (not cached: scenarios are copied with <c>with</c>).</summary>
    public PolicySet BuildPolicy() => Builder().Build();

    internal bool IsValid => Builder().Validate().All(p => p.Severity != ValidationSeverity.Error);

    internal ReferencePolicy Reference() => new(
        [.. Metrics.Select(m => m.Resolve())],
        Targets.ToImmutableDictionary(t => (t.Priority, t.Metric), t => t.ToTarget()),
        MetricScenarios.Calendars, WarningAt, Warnings ?? [WarningAt], PriorityChange);

    internal DurationTarget? TargetOf(string priority, string metric) =>
        Targets.FirstOrDefault(t => t.Priority == priority && t.Metric == metric)?.ToTarget();

    /// <inheritdoc />
    public override string ToString() =>
        string.Join(Environment.NewLine,
        [
            "",
            .. Metrics.Select(m => $"  metric {m}"),
            $"  targets: {string.Join(", ", Targets.Select(t => $"{t.Priority}.{t.Metric}={t.Minutes}min@{t.Calendar ?? "24x7"}"))}",
            $"  warningAt={WarningAt.ToString(CultureInfo.InvariantCulture)} warnings=[{string.Join(", ", Warnings ?? [])}] priorityChange={PriorityChange}",
            $"  ticket {Ticket.Priority} created {Ticket.Created}, now {Now}: {string.Join(", ", Ticket.Events.Select(Ticket.Describe))}",
        ]);

    private PolicySetBuilder Builder()
    {
        var builder = new PolicySetBuilder("p", "P");
        builder.AddVersion("1", Instant.FromUtc(2020, 1, 1, 0, 0), v =>
        {
            v.AddCalendar(MetricScenarios.Calendars["office"]).AddCalendar(MetricScenarios.Calendars["london"])
                .WithPriorities([.. MetricScenarios.Priorities]).WithPauseStatuses([.. MetricScenarios.PauseStatuses])
                .WithWarningAt(WarningAt).WithPriorityChange(PriorityChange);
            if (Warnings is { } warnings)
            {
                v.WithWarnings([.. warnings]);
            }
            foreach (var metric in Metrics)
            {
                v.AddMetric(metric.Id, metric.Configure);
            }
            v.AddService("s", "S", service =>
            {
                foreach (var target in Targets)
                {
                    service.Target(target.Priority, Metric.Named(target.Metric), target.ToTarget());
                }
            });
        });
        return builder;
    }
}

/// <summary>A <see cref="DefinitionScenario"/> whose every metric starts from a preset.</summary>
/// <param name="Scenario">The scenario.</param>
public sealed record PresetScenario(DefinitionScenario Scenario)
{
    /// <inheritdoc />
    public override string ToString() => Scenario.ToString();
}

/// <summary>
/// FsCheck generators for <see cref="DefinitionScenario"/>: one to three metrics from presets or triggers of every
/// kind, with cancel, resume, cycles, pause statuses and startAfter; targets of a minute to eight hours, often shared
/// between priorities, sometimes missing; tickets created in the three days after a Friday before one of London's
/// clock changes or after a plain Monday, with up to ten events of every kind; a third of them with an event or
/// priority change placed where met meets breached. Failing cases shrink by dropping events, metrics, fields and
/// targets. Business-days targets are left out: the reference counts working time, which they are not.
/// </summary>
public static class MetricScenarios
{
    internal static readonly ImmutableArray<string> Priorities = ["P1", "P2", "P3"];

    internal static readonly ImmutableArray<string> PauseStatuses = ["pending"];

    /// <summary>The calendars targets may name: office hours in UTC, and London with a night window that the clock changes cut into.</summary>
    internal static readonly ImmutableDictionary<string, BusinessCalendar> Calendars = new Dictionary<string, BusinessCalendar>
    {
        ["office"] = Weekdays(new BusinessCalendarBuilder("office", "UTC"), "09:00-17:00").Build(),
        ["london"] = Weekdays(new BusinessCalendarBuilder("london", "Europe/London"), "09:00-12:00")
            .AddHours(IsoDayOfWeek.Saturday, "00:30-02:30").AddHours(IsoDayOfWeek.Sunday, "00:30-02:30").Build(),
    }.ToImmutableDictionary();

    private static readonly string[] Statuses = ["pending", "hold", "open", "merged"];

    private static readonly MetricTrigger[] Triggers =
    [
        MetricTrigger.Created, MetricTrigger.CustomerMessage, MetricTrigger.AgentReply, MetricTrigger.AgentNote, MetricTrigger.Resolved,
        MetricTrigger.Reopened, MetricTrigger.PriorityChanged, MetricTrigger.StatusBecomes("pending"), MetricTrigger.StatusBecomes("open"),
        MetricTrigger.StatusBecomes("merged"), MetricTrigger.AssignedTo("L1"), MetricTrigger.AssignedTo("L2"),
        MetricTrigger.UnassignedFrom("L1"), MetricTrigger.UnassignedFrom("L2"),
    ];

    // Friday before the spring change (Sunday 29 March, 01:00 UTC), Friday before the autumn one (25 October), a plain Monday.
    private static readonly Instant[] Days = [Instant.FromUtc(2026, 3, 27, 0, 0), Instant.FromUtc(2026, 10, 23, 0, 0), Instant.FromUtc(2026, 6, 15, 0, 0)];

    /// <summary>Scenarios with any definitions.</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<DefinitionScenario> Scenarios() => Arb.From(Scenario(presetsOnly: false), Shrink);

    /// <summary>Scenarios whose metrics all start from presets.</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<PresetScenario> PresetScenarios() =>
        Arb.From(Scenario(presetsOnly: true).Select(s => new PresetScenario(s)),
            p => Shrink(p.Scenario).Where(s => s.Metrics.All(m => m.Preset is not null)).Select(s => new PresetScenario(s)));

    private static BusinessCalendarBuilder Weekdays(BusinessCalendarBuilder builder, string window)
    {
        foreach (var day in new[] { IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday })
        {
            builder.AddHours(day, window);
        }
        return builder;
    }

    private static Gen<DefinitionScenario> Scenario(bool presetsOnly) =>
        Gen.Frequency(
            (3, Plain(presetsOnly)),
            (1, Plain(presetsOnly).SelectMany(EventAtADeadline)),
            (1, Plain(presetsOnly).SelectMany(PriorityChangeToAUsedUpTarget)));

    /// <summary>
    /// Adds an event exactly at a running result's deadline, where met and breached meet (often one that stops that
    /// metric, sometimes none), and evaluates at or after it.
    /// </summary>
    private static Gen<DefinitionScenario> EventAtADeadline(DefinitionScenario s) =>
        from pick in Gen.Choose(0, 100)
        from random in Event()
        from kind in Gen.Elements(Added.Stop, Added.Stop, Added.Random, Added.None)
        from tail in Gen.Frequency((1, Gen.Constant(0)), (2, Gen.Choose(1, 120)))
        let running = MetricReference.Evaluate(s.Reference(), s.Ticket, s.Now)
            .Where(r => r.Status is MetricStatus.Running or MetricStatus.AtRisk && r.Deadline is not null).ToArray()
        select running.Length == 0 || s.Ticket.Events.Any(e => e.At > s.Now)
            ? s
            : AddAt(s, running[pick % running.Length].Deadline!.Value, [], running[pick % running.Length].Metric.Id, kind, random, tail);

    /// <summary>
    /// Changes the priority, at the evaluation instant, to one whose target an open cycle has already used up or just
    /// reached (sometimes paused just before, sometimes with an event after at the same instant), and evaluates at or after it.
    /// </summary>
    private static Gen<DefinitionScenario> PriorityChangeToAUsedUpTarget(DefinitionScenario s) =>
        from pick in Gen.Choose(0, 100)
        from pause in Gen.Elements(true, false)
        from random in Event()
        from kind in Gen.Elements(Added.Stop, Added.Random, Added.None, Added.None)
        from tail in Gen.Frequency((1, Gen.Constant(0)), (2, Gen.Choose(1, 120)))
        let candidates = (
            from r in MetricReference.Evaluate(s.Reference(), s.Ticket, s.Now)
            where r.Stop is null && r.BreachedAt is null
            from priority in Priorities
            where priority != r.Priority && s.TargetOf(priority, r.Metric.Id) is { } target && target.Within <= r.Elapsed
            select (r.Metric.Id, Priority: priority)).ToArray()
        let chosen = candidates.Length == 0 ? default : candidates[pick % candidates.Length]
        let pauses = chosen.Id is null ? [] : s.Metrics.Single(m => m.Id == chosen.Id).Resolve().PauseWhile
        select candidates.Length == 0 || s.Ticket.Events.Any(e => e.At > s.Now)
            ? s
            : AddAt(s, s.Now,
                [.. pause && !pauses.IsEmpty ? [TicketEvent.StatusChange(s.Now, pauses[0])] : Array.Empty<TicketEvent>(), TicketEvent.PriorityChange(s.Now, chosen.Priority)],
                chosen.Id, kind, random, tail);

    /// <summary>Appends events at <paramref name="at"/>, then one that stops the metric, a random one or none, and evaluates <paramref name="tail"/> minutes later.</summary>
    private static DefinitionScenario AddAt(DefinitionScenario s, Instant at, TicketEvent[] first, string metric, Added kind, Func<Instant, TicketEvent> random, int tail)
    {
        var stop = s.Metrics.Single(m => m.Id == metric).Resolve().Stop.Select(t => Firing(t, at)).OfType<TicketEvent>().FirstOrDefault();
        TicketEvent[] then = kind switch
        {
            Added.Stop => [stop ?? random(at)],
            Added.Random => [random(at)],
            _ => [],
        };
        return s with { Ticket = s.Ticket with { Events = [.. s.Ticket.Events, .. first, .. then] }, Now = at + Duration.FromMinutes(tail) };
    }

    /// <summary>An event that fires the trigger (unless it repeats the current value), or none for the creation.</summary>
    private static TicketEvent? Firing(MetricTrigger trigger, Instant at) => trigger.Kind switch
    {
        MetricTriggerKind.AgentReply => TicketEvent.AgentReply(at),
        MetricTriggerKind.AgentNote => TicketEvent.AgentNote(at),
        MetricTriggerKind.CustomerMessage => TicketEvent.CustomerMessage(at),
        MetricTriggerKind.Resolved => TicketEvent.Resolved(at),
        MetricTriggerKind.Reopened => TicketEvent.Reopened(at),
        MetricTriggerKind.Status => TicketEvent.StatusChange(at, trigger.Value!),
        MetricTriggerKind.Assigned => TicketEvent.AssignedTo(at, trigger.Value),
        MetricTriggerKind.Unassigned => TicketEvent.AssignedTo(at, null),
        MetricTriggerKind.Priority => TicketEvent.PriorityChange(at, "P2"),
        _ => null,
    };

    private enum Added
    {
        Stop,
        Random,
        None,
    }

    private static Gen<DefinitionScenario> Plain(bool presetsOnly) =>
        (from count in Gen.Choose(1, 3)
         let ids = Enumerable.Range(0, count).Select(i => $"m{i}").ToArray()
         from metrics in Gen.CollectToArray(ids.Select(id => Definition(id, ids, presetsOnly)))
         from targets in Gen.CollectToArray(ids.Select(Targets))
         from warningAt in Gen.Elements(0.5, 0.75, 0.9, 1 / 3.0, 5 / 7.0)
         from warnings in Gen.Frequency(
             (1, Gen.Constant<ImmutableArray<double>?>(null)),
             (2, Gen.SubListOf(0.1, 1 / 7.0, 0.25, 1 / 3.0, 0.5, 5 / 7.0, 0.9).Where(l => l.Count > 0).Select(l => (ImmutableArray<double>?)[.. l.Order()])))
         from rule in Gen.Elements(PriorityChangeRule.KeepCounted, PriorityChangeRule.Restart)
         from ticket in Tickets()
         select new DefinitionScenario([.. metrics], [.. targets.SelectMany(t => t)], warningAt, warnings, rule, ticket.Ticket, ticket.Now))
        .Where(s => s.IsValid);

    private static Gen<MetricSpec> Definition(string id, string[] ids, bool presetsOnly) =>
        from preset in presetsOnly
            ? Gen.Elements(Enum.GetValues<MetricPreset>()).Select(p => (MetricPreset?)p)
            : Gen.Frequency((2, Gen.Constant<MetricPreset?>(null)), (1, Gen.Elements(Enum.GetValues<MetricPreset>()).Select(p => (MetricPreset?)p)))
        from start in preset is null ? TriggerList(1, 2, 2).Select(l => (ImmutableArray<MetricTrigger>?)l) : Sometimes(TriggerList(1, 2, 2))
        from stop in preset is null ? TriggerList(0, 2, 1).Select(l => (ImmutableArray<MetricTrigger>?)l) : Sometimes(TriggerList(1, 2, 1))
        from cancel in Sometimes(TriggerList(1, 1, 1))
        from resume in Sometimes(TriggerList(1, 1, 1))
        from cycles in Gen.Frequency((2, Gen.Constant<MetricCycles?>(null)), (1, Gen.Constant<MetricCycles?>(MetricCycles.Once)), (1, Gen.Constant<MetricCycles?>(MetricCycles.Each)))
        from pauses in Gen.Frequency((1, Gen.Constant<ImmutableArray<string>?>(null)), (1, Gen.SubListOf("pending", "hold").Select(l => (ImmutableArray<string>?)[.. l])))
        from after in ids.Length == 1
            ? Gen.Constant<string?>(null)
            : Gen.Frequency((3, Gen.Constant<string?>(null)), (1, Gen.Elements(ids.Where(other => other != id).ToArray()).Select(a => (string?)a)))
        select new MetricSpec(id, preset, start, stop, cancel, resume, cycles, pauses, after);

    private static Gen<ImmutableArray<T>?> Sometimes<T>(Gen<ImmutableArray<T>> gen) =>
        Gen.Frequency((3, Gen.Constant<ImmutableArray<T>?>(null)), (1, gen.Select(l => (ImmutableArray<T>?)l)));

    /// <summary>Triggers of every kind, the ones tickets fire most often weighted by <paramref name="common"/>.</summary>
    private static Gen<ImmutableArray<MetricTrigger>> TriggerList(int least, int most, int common) =>
        from count in Gen.Choose(least, most)
        from triggers in Gen.ListOf(Gen.Frequency((common, Gen.Elements(MetricTrigger.Created, MetricTrigger.AgentReply, MetricTrigger.CustomerMessage)), (1, Gen.Elements(Triggers))), count)
        select triggers.Distinct().ToImmutableArray();

    /// <summary>A target for each priority: often the same one (so a priority change may keep it), sometimes none.</summary>
    private static Gen<TargetSpec[]> Targets(string metric) =>
        from shared in Target(metric, "P1")
        from each in Gen.CollectToArray(Priorities.Select(p => Gen.Frequency(
            (2, Gen.Constant<TargetSpec?>(shared with { Priority = p })),
            (2, Target(metric, p).Select(t => (TargetSpec?)t)),
            (1, Gen.Constant<TargetSpec?>(null)))))
        select each.OfType<TargetSpec>().ToArray();

    private static Gen<TargetSpec> Target(string metric, string priority) =>
        from minutes in Gen.Frequency((2, Gen.Elements(15, 30, 60, 90, 120)), (2, Gen.Choose(1, 240)), (1, Gen.Choose(241, 480)))
        from calendar in Gen.Elements<string?>(null, "office", "london")
        select new TargetSpec(priority, metric, minutes, calendar);

    private static Gen<(Ticket Ticket, Instant Now)> Tickets() =>
        from day in Gen.Elements(Days)
        from offset in Gen.Choose(0, 3 * 24 * 60)
        from priority in Gen.Elements(Priorities.ToArray())
        from count in Gen.Frequency((1, Gen.Choose(0, 2)), (4, Gen.Choose(3, 10)))
        from gaps in Gen.ListOf(Gen.Frequency((1, Gen.Constant(0)), (3, Gen.Elements(15, 30, 60)), (3, Gen.Choose(1, 120)), (1, Gen.Choose(121, 720))), count)
        from kinds in Gen.ListOf(Event(), count)
        from tail in Gen.Frequency((3, Gen.Choose(0, 60)), (1, Gen.Choose(61, 720)))
        from inside in Gen.Frequency((6, Gen.Constant(false)), (1, Gen.Constant(true)))
        from split in Gen.Choose(0, 100)
        let created = day + Duration.FromMinutes(offset)
        let events = Build(created, gaps, kinds)
        let last = events.Count == 0 ? created : events[^1].At
        select (new Ticket("T-def", "s", priority, created, [.. events]),
            inside ? created + Duration.FromMinutes((long)((last - created).TotalMinutes * split / 100)) : last + Duration.FromMinutes(tail));

    private static List<TicketEvent> Build(Instant created, IEnumerable<int> gaps, IEnumerable<Func<Instant, TicketEvent>> kinds)
    {
        var at = created;
        return [.. gaps.Zip(kinds, (gap, make) => make(at += Duration.FromMinutes(gap)))];
    }

    private static Gen<Func<Instant, TicketEvent>> Event() =>
        Gen.Frequency<Func<Instant, TicketEvent>>(
            (3, Gen.Constant<Func<Instant, TicketEvent>>(TicketEvent.AgentReply)),
            (1, Gen.Constant<Func<Instant, TicketEvent>>(TicketEvent.AgentNote)),
            (3, Gen.Constant<Func<Instant, TicketEvent>>(TicketEvent.CustomerMessage)),
            (3, Gen.Elements(Statuses).Select(s => (Func<Instant, TicketEvent>)(at => TicketEvent.StatusChange(at, s)))),
            (2, Gen.Elements(Priorities.ToArray()).Select(p => (Func<Instant, TicketEvent>)(at => TicketEvent.PriorityChange(at, p)))),
            (2, Gen.Constant<Func<Instant, TicketEvent>>(TicketEvent.Resolved)),
            (1, Gen.Constant<Func<Instant, TicketEvent>>(TicketEvent.Reopened)),
            (2, Gen.Elements<string?>("L1", "L2", null).Select(g => (Func<Instant, TicketEvent>)(at => TicketEvent.AssignedTo(at, g)))));

    private static IEnumerable<DefinitionScenario> Shrink(DefinitionScenario s) => Smaller(s).Where(c => c.IsValid);

    private static IEnumerable<DefinitionScenario> Smaller(DefinitionScenario s)
    {
        var events = s.Ticket.Events;
        for (var i = events.Length - 1; i >= 0; i--)
        {
            yield return s with { Ticket = s.Ticket with { Events = events.RemoveAt(i) } };
        }
        var lastBefore = events.Where(e => e.At < s.Now).Select(e => e.At).Append(s.Ticket.Created).Max();
        if (lastBefore < s.Now)
        {
            yield return s with { Now = lastBefore };
        }
        for (var i = 0; i < s.Metrics.Length && s.Metrics.Length > 1; i++)
        {
            var id = s.Metrics[i].Id;
            yield return s with
            {
                Metrics = [.. s.Metrics.RemoveAt(i).Select(m => m.StartAfter == id ? m with { StartAfter = null } : m)],
                Targets = [.. s.Targets.Where(t => t.Metric != id)],
            };
        }
        for (var i = 0; i < s.Metrics.Length; i++)
        {
            var m = s.Metrics[i];
            var oneStart = m.Start is { Length: > 1 } starts ? starts.Select(t => m with { Start = [t] }) : [];
            var oneStop = m.Stop is { Length: > 1 } stops ? stops.Select(t => m with { Stop = [t] }) : [];
            MetricSpec[] simpler =
            [
                m with { Cancel = null }, m with { Resume = null }, m with { PauseWhile = null }, m with { StartAfter = null }, m with { Cycles = null },
                .. oneStart, .. oneStop,
            ];
            foreach (var candidate in simpler.Where(c => c != m))
            {
                yield return s with { Metrics = s.Metrics.SetItem(i, candidate) };
            }
        }
        for (var i = 0; i < s.Targets.Length; i++)
        {
            yield return s with { Targets = s.Targets.RemoveAt(i) };
        }
        if (s.Warnings is not null)
        {
            yield return s with { Warnings = null };
        }
        if (s.PriorityChange != PriorityChangeRule.KeepCounted)
        {
            yield return s with { PriorityChange = PriorityChangeRule.KeepCounted };
        }
    }
}
