using NodaTime;
using Sla.Core.Calendars;
using Sla.Core.Compliance;
using Sla.Core.Policies;
using Sla.Core.Tickets;
using static Sla.Core.Tests.Compliance.EvaluationFixture;

namespace Sla.Core.Tests.Compliance;

/// <summary>
/// Worked examples for metrics a version defines itself: one per rule (order within an event, cancel, resume,
/// start, startAfter, cycles, triggers that fire only on a change, the options, warnings and the next change).
/// Targets are on the 24/7 clock unless said otherwise, so every figure is wall-clock arithmetic.
/// </summary>
public sealed class MetricDefinitionExampleTests
{
    private static readonly Metric Update = Metric.Named("update");
    private static readonly Metric L2 = Metric.Named("l2");

    private static PolicySet Version(Action<PolicyVersionBuilder> metrics, Action<ServiceBuilder> targets) =>
        new PolicySetBuilder("p", "P").AddVersion("v1", Instant.FromUtc(2026, 1, 1, 0, 0), v =>
        {
            v.AddCalendar(Office).WithPriorities("P1", "P2").WithPauseStatuses("pending");
            metrics(v);
            v.AddService("email", "E-mail", targets);
        }).Build();

    private static TicketEvaluation Run(PolicySet policy, Instant now, params TicketEvent[] events) =>
        ComplianceEvaluator.Evaluate(policy, new Ticket("T-1", "email", "P2", At(16, 10), [.. events]), now);

    private static MetricResult[] Of(TicketEvaluation evaluation, Metric metric)
    {
        Assert.True(evaluation.IsValid, evaluation.Error);
        return [.. evaluation.Metrics.Where(m => m.Metric == metric)];
    }

    private static PolicySet Periodic() => Version(
        v => v.AddMetric("update", m => m.FromPreset(MetricPreset.PeriodicUpdate)),
        s => s.Target("P2", Update, SlaTarget.InBusinessTime(Duration.FromHours(1))));

    [Fact]
    public void One_reply_stops_one_periodic_update_cycle_and_starts_the_next()
    {
        var cycles = Of(Run(Periodic(), At(16, 13), TicketEvent.AgentReply(At(16, 10, 30)), TicketEvent.AgentReply(At(16, 11))), Update);
        Assert.Equal(2, cycles.Length);
        Assert.Equal((MetricStatus.Met, At(16, 10, 30), At(16, 11), Duration.FromMinutes(30)), (cycles[0].Status, cycles[0].Start, cycles[0].Stop!.Value, cycles[0].Elapsed));
        Assert.Equal((MetricStatus.Breached, At(16, 11), At(16, 12)), (cycles[1].Status, cycles[1].Start, cycles[1].BreachedAt!.Value));
        Assert.Equal(2, cycles[1].Cycle);
    }

    [Fact]
    public void A_metric_with_no_cycle_yet_gives_no_result()
    {
        var evaluation = Run(Periodic(), At(16, 13), TicketEvent.CustomerMessage(At(16, 11)));
        Assert.Empty(Of(evaluation, Update));
        Assert.Null(evaluation.NextChangeAt);
    }

    private static PolicySet Ola(Action<MetricBuilder>? adjust = null) => Version(
        v => v.AddMetric("l2", m =>
        {
            m.StartOn(MetricTrigger.AssignedTo("L2")).StopOn(MetricTrigger.StatusBecomes("solved")).ResumeOn(MetricTrigger.StatusBecomes("open"))
                .CancelOn(MetricTrigger.UnassignedFrom("L2")).WithCycles(MetricCycles.Each).PauseWhile("pending");
            adjust?.Invoke(m);
        }),
        s => s.Target("P2", L2, SlaTarget.InBusinessTime(Duration.FromHours(2))));

    [Fact]
    public void A_cancel_while_paused_ends_the_cycle_unjudged_with_what_it_counted()
    {
        var evaluation = Run(Ola(), At(16, 15),
            TicketEvent.AssignedTo(At(16, 10), "L2"), TicketEvent.StatusChange(At(16, 10, 30), "pending"), TicketEvent.AssignedTo(At(16, 12), "L3"));
        var cancelled = Assert.Single(Of(evaluation, L2));
        Assert.Equal(MetricStatus.Cancelled, cancelled.Status);
        Assert.Equal((At(16, 10), At(16, 12), Duration.FromMinutes(30)), (cancelled.Start, cancelled.Stop!.Value, cancelled.Elapsed));
        Assert.Equal(SlaTarget.InBusinessTime(Duration.FromHours(2)), cancelled.Target);
        Assert.Equal((null, null, null, null), (cancelled.Deadline, cancelled.BreachedAt, cancelled.Warning, cancelled.NextChangeAt));
    }

    [Fact]
    public void A_resume_after_a_stop_runs_the_same_cycle_again_with_its_counted_time_kept()
    {
        var cycle = Assert.Single(Of(Run(Ola(), At(16, 12),
            TicketEvent.AssignedTo(At(16, 10), "L2"), TicketEvent.StatusChange(At(16, 10, 30), "solved"), TicketEvent.StatusChange(At(16, 11), "open")), L2));
        Assert.Equal((1, MetricStatus.AtRisk, Duration.FromMinutes(90), At(16, 12, 30)), (cycle.Cycle, cycle.Status, cycle.Elapsed, cycle.Deadline!.Value));
        Assert.Null(cycle.Stop);
    }

    [Fact]
    public void After_a_cancel_nothing_resumes_and_the_next_start_opens_a_new_cycle()
    {
        var cycles = Of(Run(Ola(), At(16, 13),
            TicketEvent.AssignedTo(At(16, 10), "L2"), TicketEvent.AssignedTo(At(16, 10, 20), null),
            TicketEvent.StatusChange(At(16, 10, 30), "solved"), TicketEvent.StatusChange(At(16, 11), "open"),
            TicketEvent.AssignedTo(At(16, 12), "L2")), L2);
        Assert.Equal([MetricStatus.Cancelled, MetricStatus.Running], cycles.Select(c => c.Status));
        Assert.Equal((Duration.FromMinutes(20), At(16, 12), Duration.FromHours(1)), (cycles[0].Elapsed, cycles[1].Start, cycles[1].Elapsed));
    }

    [Fact]
    public void Once_counts_only_the_first_start()
    {
        var cycles = Of(Run(Ola(m => m.WithCycles(MetricCycles.Once)), At(16, 13),
            TicketEvent.AssignedTo(At(16, 10), "L2"), TicketEvent.AssignedTo(At(16, 10, 20), "L3"), TicketEvent.AssignedTo(At(16, 12), "L2")), L2);
        Assert.Equal(MetricStatus.Cancelled, Assert.Single(cycles).Status);
    }

    [Fact]
    public void Group_and_status_triggers_fire_only_when_the_value_changes()
    {
        // The second "L2" assignment is no change, so it neither cancels nor restarts the cycle.
        var cycle = Assert.Single(Of(Run(Ola(m => m.CancelOn(MetricTrigger.AssignedTo("L2"))), At(16, 11),
            TicketEvent.AssignedTo(At(16, 10), "L2"), TicketEvent.AssignedTo(At(16, 10, 30), "L2")), L2));
        Assert.Equal((MetricStatus.Running, Duration.FromHours(1)), (cycle.Status, cycle.Elapsed));
    }

    [Fact]
    public void The_state_is_updated_before_the_triggers_so_a_cycle_started_by_a_pause_status_starts_paused()
    {
        var policy = Version(
            v => v.AddMetric("waiting", m => m.StartOn(MetricTrigger.StatusBecomes("pending")).StopOn(MetricTrigger.Resolved).PauseWhile("pending")),
            s => s.Target("P2", Metric.Named("waiting"), SlaTarget.InBusinessTime(Duration.FromHours(1))));
        var cycle = Assert.Single(Of(Run(policy, At(16, 12), TicketEvent.StatusChange(At(16, 10), "pending")), Metric.Named("waiting")));
        Assert.Equal((MetricStatus.Paused, Duration.Zero), (cycle.Status, cycle.Elapsed));
    }

    [Fact]
    public void Nothing_starts_or_resumes_while_the_ticket_is_resolved_but_a_running_cycle_keeps_counting()
    {
        var policy = Version(
            v => v.AddMetric("update", m => m.FromPreset(MetricPreset.PeriodicUpdate))
                .AddMetric("l2", m => m.StartOn(MetricTrigger.AssignedTo("L2")).StopOn(MetricTrigger.UnassignedFrom("L2"))),
            s => s.Target("P2", Update, SlaTarget.InBusinessTime(Duration.FromHours(4))).Target("P2", L2, SlaTarget.InBusinessTime(Duration.FromHours(4))));
        var evaluation = Run(policy, At(16, 12),
            TicketEvent.AssignedTo(At(16, 10), "L2"), TicketEvent.Resolved(At(16, 10, 30)), TicketEvent.AgentReply(At(16, 11)));
        Assert.Empty(Of(evaluation, Update));
        var l2 = Assert.Single(Of(evaluation, L2));
        Assert.Equal((MetricStatus.Running, Duration.FromHours(2)), (l2.Status, l2.Elapsed));
    }

    private static PolicySet NextAfterFirst() => Version(
        v => v.AddMetric("firstResponse", m => m.FromPreset(MetricPreset.FirstResponse))
            .AddMetric("nextResponse", m => m.FromPreset(MetricPreset.NextResponse).StartAfter("firstResponse")),
        s => s.Target("P2", Metric.FirstResponse, SlaTarget.InBusinessTime(Duration.FromHours(1)))
            .Target("P2", Metric.NextResponse, SlaTarget.InBusinessTime(Duration.FromHours(1))));

    [Fact]
    public void StartAfter_holds_a_metric_back_until_the_named_metric_first_stops()
    {
        var cycles = Of(Run(NextAfterFirst(), At(16, 14),
            TicketEvent.CustomerMessage(At(16, 10, 10)), TicketEvent.AgentReply(At(16, 10, 30)), TicketEvent.CustomerMessage(At(16, 12))), Metric.NextResponse);
        var only = Assert.Single(cycles);
        Assert.Equal((At(16, 12), MetricStatus.Breached), (only.Start, only.Status));
    }

    [Fact]
    public void A_cancelled_first_cycle_never_satisfies_startAfter()
    {
        var policy = Version(
            v => v.AddMetric("triage", m => m.StartOn(MetricTrigger.Created).StopOn(MetricTrigger.AgentReply).CancelOn(MetricTrigger.StatusBecomes("spam")))
                .AddMetric("update", m => m.FromPreset(MetricPreset.PeriodicUpdate).StartAfter("triage")),
            s => s.Target("P2", Update, SlaTarget.InBusinessTime(Duration.FromHours(1))));
        var evaluation = Run(policy, At(16, 14), TicketEvent.StatusChange(At(16, 10, 10), "spam"), TicketEvent.AgentReply(At(16, 11)), TicketEvent.AgentReply(At(16, 12)));
        Assert.Equal(MetricStatus.Cancelled, Assert.Single(Of(evaluation, Metric.Named("triage"))).Status);
        Assert.Empty(Of(evaluation, Update));
    }

    private static PolicySet Priorities(PriorityChangeRule rule) => new PolicySetBuilder("p", "P").AddVersion("v1", Instant.FromUtc(2026, 1, 1, 0, 0), v => v
        .WithPriorities("P1", "P2", "P3").WithPriorityChange(rule)
        .AddService("email", "E-mail", s => s
            .Target("P1", Metric.Resolution, SlaTarget.InBusinessTime(Duration.FromHours(2)))
            .Target("P2", Metric.Resolution, SlaTarget.InBusinessTime(Duration.FromHours(8)))
            .Target("P3", Metric.Resolution, SlaTarget.InBusinessTime(Duration.FromHours(8))))).Build();

    [Fact]
    public void Under_restart_a_priority_change_to_a_different_target_starts_the_cycle_again_from_the_change()
    {
        var ticket = new Ticket("T-1", "email", "P2", At(16, 10), [TicketEvent.PriorityChange(At(16, 13), "P1")]);
        var kept = Result(ComplianceEvaluator.Evaluate(Priorities(PriorityChangeRule.KeepCounted), ticket, At(16, 14)), Metric.Resolution);
        var restarted = Result(ComplianceEvaluator.Evaluate(Priorities(PriorityChangeRule.Restart), ticket, At(16, 14)), Metric.Resolution);
        Assert.Equal((MetricStatus.Breached, At(16, 13)), (kept.Status, kept.BreachedAt!.Value));
        Assert.Equal((MetricStatus.Running, At(16, 13), Duration.FromHours(1), At(16, 15)), (restarted.Status, restarted.Start, restarted.Elapsed, restarted.Deadline!.Value));
    }

    [Fact]
    public void Under_restart_a_priority_change_that_keeps_the_same_target_keeps_counting()
    {
        var ticket = new Ticket("T-1", "email", "P2", At(16, 10), [TicketEvent.PriorityChange(At(16, 13), "P3")]);
        var result = Result(ComplianceEvaluator.Evaluate(Priorities(PriorityChangeRule.Restart), ticket, At(16, 14)), Metric.Resolution);
        Assert.Equal((At(16, 10), Duration.FromHours(4)), (result.Start, result.Elapsed));
    }

    [Fact]
    public void Under_restart_a_breach_stays_final()
    {
        var ticket = new Ticket("T-1", "email", "P1", At(16, 10), [TicketEvent.PriorityChange(At(16, 13), "P2")]);
        var result = Result(ComplianceEvaluator.Evaluate(Priorities(PriorityChangeRule.Restart), ticket, At(16, 14)), Metric.Resolution);
        Assert.Equal((MetricStatus.Breached, At(16, 12), At(16, 10)), (result.Status, result.BreachedAt!.Value, result.Start));
        Assert.Equal(SlaTarget.InBusinessTime(Duration.FromHours(2)), result.Target);
    }

    private static PolicySet BusinessDays(BusinessDaysPauseRule rule) => new PolicySetBuilder("p", "P").AddVersion("v1", Instant.FromUtc(2026, 1, 1, 0, 0), v => v
        .AddCalendar(Office).WithPriorities("P1").WithPauseStatuses("pending").WithBusinessDaysPause(rule)
        .AddService("email", "E-mail", s => s.Target("P1", Metric.Resolution, SlaTarget.InBusinessDays(new BusinessDays(1), "office")))).Build();

    [Fact]
    public void Under_ignore_a_pause_stops_the_counting_but_never_moves_a_business_days_deadline_and_the_cycle_can_breach_while_paused()
    {
        // Monday 10:00, one business day: due Tuesday 18:00. Paused from Monday 11:00 to Wednesday 12:00.
        var ticket = new Ticket("T-1", "email", "P1", At(16, 10), [TicketEvent.StatusChange(At(16, 11), "pending"), TicketEvent.StatusChange(At(18, 12), "open")]);
        var extended = Result(ComplianceEvaluator.Evaluate(BusinessDays(BusinessDaysPauseRule.Extend), ticket, At(18, 13)), Metric.Resolution);
        var ignored = Result(ComplianceEvaluator.Evaluate(BusinessDays(BusinessDaysPauseRule.Ignore), ticket, At(18, 13)), Metric.Resolution);
        Assert.Equal(MetricStatus.Running, extended.Status);
        Assert.Equal((MetricStatus.Breached, At(17, 18)), (ignored.Status, ignored.BreachedAt!.Value));
        Assert.Equal(Duration.FromHours(2), ignored.Elapsed);

        var whilePaused = Result(ComplianceEvaluator.Evaluate(BusinessDays(BusinessDaysPauseRule.Ignore), ticket, At(17, 12)), Metric.Resolution);
        Assert.Equal((MetricStatus.Paused, At(17, 18)), (whilePaused.Status, whilePaused.Deadline!.Value));
        // The breach comes while paused, so the host's timer is set for it (a deadline pauses move has none while paused).
        Assert.Equal((At(17, 18), null), (whilePaused.NextChangeAt!.Value, whilePaused.Warning));
        var extendedWhilePaused = Result(ComplianceEvaluator.Evaluate(BusinessDays(BusinessDaysPauseRule.Extend), ticket, At(17, 12)), Metric.Resolution);
        Assert.Equal((MetricStatus.Paused, null, null), (extendedWhilePaused.Status, extendedWhilePaused.Deadline, extendedWhilePaused.NextChangeAt));
    }

    private static PolicySet Warned() => new PolicySetBuilder("p", "P").AddVersion("v1", Instant.FromUtc(2026, 1, 1, 0, 0), v => v
        .AddCalendar(Office).WithPriorities("P1").WithPauseStatuses("pending").WithWarnings(0.5, 0.75, 0.9)
        .AddService("email", "E-mail", s => s
            .Target("P1", Metric.FirstResponse, SlaTarget.InBusinessTime(Duration.FromHours(1)))
            .Target("P1", Metric.Resolution, SlaTarget.InBusinessTime(Duration.FromHours(8), "office")))).Build();

    [Fact]
    public void A_running_result_reports_the_highest_crossed_warning_and_when_the_next_change_comes()
    {
        // Friday 16:00, eight office hours: 50 % (4 h) is Monday 11:00, 75 % Monday 13:00, the deadline Monday 15:00.
        var ticket = new Ticket("T-1", "email", "P1", At(13, 16), [TicketEvent.AgentReply(At(13, 16, 10))]);
        var early = ComplianceEvaluator.Evaluate(Warned(), ticket, At(13, 17));
        var resolution = Result(early, Metric.Resolution);
        Assert.Equal((MetricStatus.Running, null, At(16, 11)), (resolution.Status, resolution.Warning, resolution.NextChangeAt));
        Assert.Equal(At(16, 11), early.NextChangeAt);

        var atHalf = Result(ComplianceEvaluator.Evaluate(Warned(), ticket, At(16, 11)), Metric.Resolution);
        Assert.Equal((0.5, At(16, 13)), (atHalf.Warning, atHalf.NextChangeAt));
        var late = Result(ComplianceEvaluator.Evaluate(Warned(), ticket, At(16, 14, 30)), Metric.Resolution);
        Assert.Equal((MetricStatus.AtRisk, 0.9, At(16, 15)), (late.Status, late.Warning, late.NextChangeAt));
        var met = Result(ComplianceEvaluator.Evaluate(Warned(), ticket, At(16, 14, 30)), Metric.FirstResponse);
        Assert.Equal((MetricStatus.Met, null, null), (met.Status, met.Warning, met.NextChangeAt));
    }

    [Fact]
    public void Paused_and_breached_results_have_no_warning_and_no_next_change()
    {
        var ticket = new Ticket("T-1", "email", "P1", At(16, 10), [TicketEvent.StatusChange(At(16, 11), "pending")]);
        var evaluation = ComplianceEvaluator.Evaluate(Warned(), ticket, At(16, 12));
        var paused = Result(evaluation, Metric.Resolution);
        var breached = Result(evaluation, Metric.FirstResponse);
        Assert.Equal((MetricStatus.Paused, null, null), (paused.Status, paused.Warning, paused.NextChangeAt));
        Assert.Equal((MetricStatus.Breached, null, null), (breached.Status, breached.Warning, breached.NextChangeAt));
        Assert.Null(evaluation.NextChangeAt);
    }

    [Fact]
    public void A_reply_after_a_deadline_at_the_close_of_day_is_late_though_no_working_time_passed_since()
    {
        // Friday 16:00 with two office hours: due at Friday's close. Nothing more is counted over the weekend.
        var late = Result(Evaluate(Ticket("P2", At(13, 16), TicketEvent.AgentReply(At(14, 10))), At(16, 12)), Metric.FirstResponse);
        Assert.Equal((MetricStatus.Breached, At(13, 18), Duration.FromHours(2)), (late.Status, late.BreachedAt!.Value, late.Elapsed));
        var onTime = Result(Evaluate(Ticket("P2", At(13, 16), TicketEvent.AgentReply(At(13, 18))), At(16, 12)), Metric.FirstResponse);
        Assert.Equal((MetricStatus.Met, At(13, 18)), (onTime.Status, onTime.Deadline!.Value));
        var running = Result(Evaluate(Ticket("P2", At(13, 16)), At(14, 12)), Metric.FirstResponse);
        Assert.Equal((MetricStatus.Breached, At(13, 18)), (running.Status, running.BreachedAt!.Value));
    }

    [Fact]
    public void Time_without_a_target_is_explained_the_same_whenever_the_evaluation_instant_falls()
    {
        // No resolution target for P2 here: the clock counts nothing, paused or not, and the explanation must not
        // depend on whether the last stretch ended at an event or at the evaluation instant.
        var policy = Version(_ => { }, s => s.Target("P2", Metric.FirstResponse, SlaTarget.InBusinessTime(Duration.FromHours(1))));
        var ticket = new Ticket("T-1", "email", "P2", At(16, 9), [TicketEvent.AgentReply(At(16, 9, 10)), TicketEvent.StatusChange(At(16, 9, 20), "pending"),
            TicketEvent.AgentReply(At(16, 9, 30)), TicketEvent.StatusChange(At(16, 10), "open")]);
        ExplanationSegment[] Segments(Instant now) =>
            [.. Result(ComplianceEvaluator.Evaluate(policy, ticket, now, new EvaluationOptions(Explain: true)), Metric.Resolution).Segments];
        Assert.Equal([new ExplanationSegment(new Interval(At(16, 9), At(16, 9, 45)), SegmentKind.NoTarget, null, null, Duration.Zero)], Segments(At(16, 9, 45)));
        Assert.Equal([new ExplanationSegment(new Interval(At(16, 9), At(16, 10, 30)), SegmentKind.NoTarget, null, null, Duration.Zero)], Segments(At(16, 10, 30)));
    }

    [Fact]
    public void A_version_without_metrics_has_the_three_built_ins_as_their_presets()
    {
        var version = Policy.Versions[0];
        Assert.False(version.DefinesMetrics);
        Assert.Equal([Metric.FirstResponse, Metric.NextResponse, Metric.Resolution], version.Metrics.Select(m => m.Metric));
        Assert.Equal(["pending", "on-hold"], version.Metrics[2].PauseWhile.ToArray());
        Assert.Equal([0.75], version.Warnings.ToArray());
    }

    [Fact]
    public void Deadlines_for_a_new_ticket_say_which_metrics_start_later()
    {
        var deadlines = Ola().Versions[0].Deadlines("email", "P2", At(16, 10));
        Assert.Equal(DeadlineKind.StartsLater, Assert.Single(deadlines).Kind);
    }
}
