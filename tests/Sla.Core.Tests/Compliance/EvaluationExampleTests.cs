using NodaTime;
using Sla.Core.Compliance;
using Sla.Core.Policies;
using Sla.Core.Tickets;
using static Sla.Core.Tests.Compliance.EvaluationFixture;

namespace Sla.Core.Tests.Compliance;

/// <summary>Worked examples of every rule of semantics.md §3.</summary>
public sealed class EvaluationExampleTests
{
    [Fact]
    public void First_response_met_by_a_public_reply()
    {
        var result = Result(Evaluate(Ticket("P2", At(16, 10), TicketEvent.AgentReply(At(16, 10, 25))), At(16, 12)), Metric.FirstResponse);
        Assert.Equal(MetricStatus.Met, result.Status);
        Assert.Equal(At(16, 10, 25), result.Stop);
        Assert.Equal(At(16, 12), result.Deadline);
        Assert.Equal(Duration.FromMinutes(25), result.Elapsed);
        Assert.Null(result.BreachedAt);
    }

    [Fact]
    public void First_response_breached_across_the_night_reports_the_deadline_as_the_breach()
    {
        // Monday 17:00 + 2 business hours = Tuesday 10:00; the reply at 11:00 is an hour late.
        var result = Result(Evaluate(Ticket("P2", At(16, 17), TicketEvent.AgentReply(At(17, 11))), At(18, 0)), Metric.FirstResponse);
        Assert.Equal(MetricStatus.Breached, result.Status);
        Assert.Equal(At(17, 10), result.BreachedAt);
        Assert.Equal(At(17, 10), result.Deadline);
        Assert.Equal(Duration.FromHours(3), result.Elapsed);
    }

    [Fact]
    public void A_reply_exactly_at_the_deadline_is_met()
    {
        var result = Result(Evaluate(Ticket("P2", At(16, 17), TicketEvent.AgentReply(At(17, 10))), At(18, 0)), Metric.FirstResponse);
        Assert.Equal(MetricStatus.Met, result.Status);
    }

    [Fact]
    public void Internal_notes_stop_nothing()
    {
        var result = Result(Evaluate(Ticket("P2", At(16, 10), TicketEvent.AgentNote(At(16, 10, 5))), At(16, 11)), Metric.FirstResponse);
        Assert.Equal(MetricStatus.Running, result.Status);
        Assert.Null(result.Stop);
        Assert.Equal(Duration.FromHours(1), result.Remaining);
    }

    [Fact]
    public void Resolving_before_any_reply_stops_first_response()
    {
        var result = Result(Evaluate(Ticket("P2", At(16, 10), TicketEvent.Resolved(At(16, 11))), At(16, 15)), Metric.FirstResponse);
        Assert.Equal(MetricStatus.Met, result.Status);
        Assert.Equal(At(16, 11), result.Stop);
    }

    [Fact]
    public void Next_response_cycles_run_from_the_oldest_unanswered_message_to_the_next_reply()
    {
        var ticket = Ticket("P2", At(16, 9),
            TicketEvent.AgentReply(At(16, 9, 30)),
            TicketEvent.CustomerMessage(At(16, 10)),
            TicketEvent.CustomerMessage(At(16, 11)),
            TicketEvent.AgentReply(At(16, 12)),
            TicketEvent.AgentNote(At(16, 12, 30)),
            TicketEvent.CustomerMessage(At(16, 17)));
        var cycles = Cycles(Evaluate(ticket, At(17, 10)));
        Assert.Equal(2, cycles.Length);
        Assert.Equal((1, MetricStatus.Met, At(16, 10), (Instant?)At(16, 12), Duration.FromHours(2)), (cycles[0].Cycle, cycles[0].Status, cycles[0].Start, cycles[0].Stop, cycles[0].Elapsed));
        // Cycle 2: Monday 17:00 + 4 business hours = Tuesday 12:00; at Tuesday 10:00, 2 h counted of 4 h.
        Assert.Equal((2, MetricStatus.Running, At(16, 17), (Instant?)At(17, 12), Duration.FromHours(2)), (cycles[1].Cycle, cycles[1].Status, cycles[1].Start, cycles[1].Deadline, cycles[1].Elapsed));
    }

    [Fact]
    public void A_customer_message_on_a_resolved_ticket_opens_no_cycle_until_it_is_reopened()
    {
        var ticket = Ticket("P2", At(16, 9),
            TicketEvent.Resolved(At(16, 10)),
            TicketEvent.CustomerMessage(At(16, 11)),
            TicketEvent.Reopened(At(16, 12)),
            TicketEvent.CustomerMessage(At(16, 13)));
        var cycle = Assert.Single(Cycles(Evaluate(ticket, At(16, 14))));
        Assert.Equal(At(16, 13), cycle.Start);
    }

    [Fact]
    public void Resolving_stops_the_open_next_response_cycle()
    {
        var ticket = Ticket("P2", At(16, 9), TicketEvent.CustomerMessage(At(16, 10)), TicketEvent.Resolved(At(16, 11)));
        var cycle = Assert.Single(Cycles(Evaluate(ticket, At(16, 14))));
        Assert.Equal((MetricStatus.Met, (Instant?)At(16, 11)), (cycle.Status, cycle.Stop));
    }

    [Fact]
    public void A_pause_status_pauses_only_the_resolution_clock_and_pushes_its_deadline()
    {
        // 16 business hours from Monday 09:00 is Tuesday 16:00; 3 hours paused push it to Wednesday 10:00.
        var ticket = Ticket("P2", At(16, 9),
            TicketEvent.StatusChange(At(16, 10), "pending"),
            TicketEvent.StatusChange(At(16, 13), "open"));
        var paused = Evaluate(ticket, At(16, 12));
        Assert.Equal(MetricStatus.Paused, Result(paused, Metric.Resolution).Status);
        Assert.Null(Result(paused, Metric.Resolution).Deadline);
        // First response does not pause: its 2 h ran out at 11:00.
        Assert.Equal((MetricStatus.Breached, (Instant?)At(16, 11)), (Result(paused, Metric.FirstResponse).Status, Result(paused, Metric.FirstResponse).BreachedAt));
        var resumed = Result(Evaluate(ticket, At(16, 14)), Metric.Resolution);
        Assert.Equal((MetricStatus.Running, (Instant?)At(18, 10), Duration.FromHours(2)), (resumed.Status, resumed.Deadline, resumed.Elapsed));
    }

    [Fact]
    public void Reopening_resumes_the_same_clock_and_reports_against_the_last_resolution()
    {
        var ticket = Ticket("P2", At(16, 9),
            TicketEvent.Resolved(At(16, 12)),
            TicketEvent.Reopened(At(17, 9)),
            TicketEvent.Resolved(At(17, 11)));
        var result = Result(Evaluate(ticket, At(18, 9)), Metric.Resolution);
        Assert.Equal((MetricStatus.Met, (Instant?)At(17, 11), Duration.FromHours(5)), (result.Status, result.Stop, result.Elapsed));
        var reopened = Result(Evaluate(Ticket("P2", At(16, 9), TicketEvent.Resolved(At(16, 12)), TicketEvent.Reopened(At(17, 9))), At(17, 10)), Metric.Resolution);
        Assert.Equal((MetricStatus.Running, (Instant?)null, Duration.FromHours(4)), (reopened.Status, reopened.Stop, reopened.Elapsed));
        // 12 h left from Tuesday 09:00 with 3 h already counted: 13 h more business time, Wednesday 13:00.
        Assert.Equal(At(18, 13), reopened.Deadline);
    }

    [Fact]
    public void Reopening_after_a_breach_keeps_the_breach()
    {
        // P1 resolution, 4 h on 24/7: breached at 13:00, resolved at 14:00, reopened, resolved again quickly.
        var ticket = Ticket("P1", At(16, 9),
            TicketEvent.Resolved(At(16, 14)),
            TicketEvent.Reopened(At(16, 15)),
            TicketEvent.Resolved(At(16, 15, 10)));
        var result = Result(Evaluate(ticket, At(16, 16)), Metric.Resolution);
        Assert.Equal((MetricStatus.Breached, (Instant?)At(16, 13), (Instant?)At(16, 13)), (result.Status, result.BreachedAt, result.Deadline));
        Assert.Equal(Duration.FromMinutes(5 * 60 + 10), result.Elapsed);
    }

    [Fact]
    public void A_priority_change_keeps_the_original_start_and_the_time_already_counted()
    {
        // P2 (office) from Monday 09:00; at 11:00 the ticket becomes P1 (24/7): resolution had 2 h, P1 allows 4 h.
        var ticket = Ticket("P2", At(16, 9), TicketEvent.PriorityChange(At(16, 11), "P1"));
        var evaluation = Evaluate(ticket, At(16, 12));
        var resolution = Result(evaluation, Metric.Resolution);
        Assert.Equal(SlaTarget.InBusinessTime(Duration.FromHours(4)), resolution.Target);
        Assert.Equal((At(16, 9), (Instant?)At(16, 13), Duration.FromHours(3)), (resolution.Start, resolution.Deadline, resolution.Elapsed));
        // First response had 2 h counted; P1's 1 h target is already used up: breached at the change.
        var first = Result(evaluation, Metric.FirstResponse);
        Assert.Equal((MetricStatus.Breached, (Instant?)At(16, 11)), (first.Status, first.BreachedAt));
    }

    [Fact]
    public void A_priority_change_after_a_pause_counts_neither_the_pause_nor_resets_the_clock()
    {
        // Monday 09:00-10:00 counted on office (1 h), paused 10:00-15:00, open at 15:00, P1 at 16:00 (1 h more on office).
        // From 16:00 the 24/7 clock runs: 4 h - 2 h counted = 2 h, so the deadline is 18:00.
        var ticket = Ticket("P2", At(16, 9),
            TicketEvent.StatusChange(At(16, 10), "pending"),
            TicketEvent.StatusChange(At(16, 15), "open"),
            TicketEvent.PriorityChange(At(16, 16), "P1"));
        var result = Result(Evaluate(ticket, At(16, 17)), Metric.Resolution);
        Assert.Equal((MetricStatus.AtRisk, (Instant?)At(16, 18), Duration.FromHours(3), (Duration?)Duration.FromHours(1)),
            (result.Status, result.Deadline, result.Elapsed, result.Remaining));
    }

    [Fact]
    public void A_stopped_metric_is_judged_by_the_target_in_force_when_it_stopped()
    {
        var ticket = Ticket("P2", At(16, 9), TicketEvent.AgentReply(At(16, 10, 30)), TicketEvent.PriorityChange(At(16, 11), "P1"));
        var first = Result(Evaluate(ticket, At(16, 12)), Metric.FirstResponse);
        Assert.Equal((MetricStatus.Met, SlaTarget.InBusinessTime(Duration.FromHours(2), "office")), (first.Status, first.Target));
    }

    [Fact]
    public void While_no_target_is_in_force_the_clock_counts_nothing()
    {
        // P3 has no first-response target; at 10:00 the ticket becomes P2 (2 h on office).
        var ticket = Ticket("P3", At(16, 9), TicketEvent.PriorityChange(At(16, 10), "P2"));
        var first = Result(Evaluate(ticket, At(16, 11)), Metric.FirstResponse);
        Assert.Equal((MetricStatus.Running, Duration.FromHours(1), (Instant?)At(16, 12)), (first.Status, first.Elapsed, first.Deadline));
        var before = Result(Evaluate(Ticket("P3", At(16, 9)), At(16, 11)), Metric.FirstResponse);
        Assert.Equal((MetricStatus.NotApplicable, (Instant?)null), (before.Status, before.Deadline));
    }

    [Fact]
    public void A_breach_stays_a_breach_when_a_later_priority_change_leaves_no_target()
    {
        // P1 resolution: 4 h on 24/7, breached at 13:00; at 14:00 the ticket becomes P4, which has no targets.
        var ticket = Ticket("P1", At(16, 9), TicketEvent.PriorityChange(At(16, 14), "P4"));
        var resolution = Result(Evaluate(ticket, At(16, 15)), Metric.Resolution);
        Assert.Equal((MetricStatus.Breached, (Instant?)At(16, 13), (Instant?)At(16, 13), Duration.FromHours(5)),
            (resolution.Status, resolution.BreachedAt, resolution.Deadline, resolution.Elapsed));
        var unbreached = Result(Evaluate(Ticket("P1", At(16, 9), TicketEvent.PriorityChange(At(16, 12), "P4")), At(16, 15)), Metric.Resolution);
        Assert.Equal(MetricStatus.NotApplicable, unbreached.Status);
    }

    [Fact]
    public void A_business_days_target_moves_later_by_the_business_time_spent_paused()
    {
        // P3: 2 business days, cutoff 16:00. Received Monday; due Wednesday 18:00. Thursday 10:00-12:00 is
        // no pause, but Tuesday 10:00-13:00 is: 3 business hours push the deadline to Thursday 12:00.
        var ticket = Ticket("P3", At(16, 9),
            TicketEvent.StatusChange(At(17, 10), "on-hold"),
            TicketEvent.StatusChange(At(17, 13), "open"));
        var result = Result(Evaluate(ticket, At(17, 14)), Metric.Resolution);
        Assert.Equal(At(19, 12), result.Deadline);
        Assert.Equal(Duration.FromHours(9 + 1 + 1), result.Elapsed);
        var unpaused = Result(Evaluate(Ticket("P3", At(16, 9)), At(17, 14)), Metric.Resolution);
        Assert.Equal(At(18, 18), unpaused.Deadline);
    }

    [Fact]
    public void A_business_days_deadline_skips_the_holiday()
    {
        // Received Thursday 19th before the cutoff; Friday 20th is Founders Day: due Tuesday 24th 18:00.
        var result = Result(Evaluate(Ticket("P3", At(19, 10)), At(19, 11)), Metric.Resolution);
        Assert.Equal(At(24, 18), result.Deadline);
        // Thursday 11:00-18:00, Monday and Tuesday 09:00-18:00.
        Assert.Equal(Duration.FromHours(7 + 9 + 9), result.Remaining);
    }

    [Fact]
    public void At_risk_from_the_warning_fraction_of_the_target()
    {
        var ticket = Ticket("P1", At(16, 9));
        Assert.Equal(MetricStatus.Running, Result(Evaluate(ticket, At(16, 11, 59)), Metric.Resolution).Status);
        Assert.Equal(MetricStatus.AtRisk, Result(Evaluate(ticket, At(16, 12)), Metric.Resolution).Status);
        Assert.Equal(MetricStatus.AtRisk, Result(Evaluate(ticket, At(16, 13)), Metric.Resolution).Status);
        Assert.Equal(MetricStatus.Breached, Result(Evaluate(ticket, At(16, 13, 1)), Metric.Resolution).Status);
    }

    [Fact]
    public void Events_after_the_evaluation_instant_are_ignored()
    {
        var ticket = Ticket("P2", At(16, 9), TicketEvent.AgentReply(At(16, 10)), TicketEvent.Resolved(At(16, 12)));
        var evaluation = Evaluate(ticket, At(16, 11));
        Assert.Equal(MetricStatus.Met, Result(evaluation, Metric.FirstResponse).Status);
        Assert.Equal(MetricStatus.Running, Result(evaluation, Metric.Resolution).Status);
    }

    [Fact]
    public void Outside_hours_time_is_not_counted_and_the_explanation_says_why()
    {
        // Created Thursday 17:00; Friday is Founders Day; resolved Monday 10:00: 1 h + 1 h counted.
        var ticket = Ticket("P2", At(19, 17), TicketEvent.StatusChange(At(23, 9, 30), "pending"), TicketEvent.StatusChange(At(23, 9, 45), "open"), TicketEvent.Resolved(At(23, 10)));
        var result = Result(Evaluate(ticket, At(23, 12), explain: true), Metric.Resolution);
        Assert.Equal(Duration.FromMinutes(60 + 30 + 15), result.Elapsed);
        Assert.Equal(
            [
                "Counted 2026-03-19T17:00:00Z/2026-03-19T18:00:00Z PT1H",
                "OutsideHours 2026-03-19T18:00:00Z/2026-03-20T00:00:00Z -",
                "OutsideHours 2026-03-20T00:00:00Z/2026-03-21T00:00:00Z Founders Day",
                "OutsideHours 2026-03-21T00:00:00Z/2026-03-23T09:00:00Z -",
                "Counted 2026-03-23T09:00:00Z/2026-03-23T09:30:00Z PT30M",
                "Paused 2026-03-23T09:30:00Z/2026-03-23T09:45:00Z pending",
                "Counted 2026-03-23T09:45:00Z/2026-03-23T10:00:00Z PT15M",
            ],
            result.Segments.Select(s => $"{s.Kind} {s.Interval.Start}/{s.Interval.End} {(s.Kind == SegmentKind.Counted ? Sla.Core.Text.DurationText.Format(s.BusinessTime) : s.Reason ?? "-")}"));
    }

    [Fact]
    public void Without_explain_no_segments_are_built()
    {
        Assert.Empty(Result(Evaluate(Ticket("P2", At(16, 9)), At(16, 12)), Metric.Resolution).Segments);
    }
}
