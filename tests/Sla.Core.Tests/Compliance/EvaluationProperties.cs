using FsCheck.Xunit;
using NodaTime;
using Sla.Core.Compliance;
using Sla.Core.Policies;
using Sla.Core.Tickets;
using static Sla.Core.Tests.Compliance.EvaluationFixture;
using Sla.Core.Testing;

namespace Sla.Core.Tests.Compliance;

/// <summary>Properties of the evaluator over generated event logs.</summary>
[Properties(Arbitrary = [typeof(FixtureTickets)], MaxTest = 300)]
public sealed class EvaluationProperties
{
    [Property]
    public bool Incremental_evaluation_equals_evaluating_the_whole_log(TicketScenario s)
    {
        var batch = ComplianceEvaluator.Evaluate(Policy, s.Ticket, s.Now, new EvaluationOptions(Explain: true));
        var state = TicketState.Start(Policy, s.Ticket.Id, s.Ticket.Service, s.Ticket.Priority, s.Ticket.Created, new EvaluationOptions(Explain: true));
        var intermediate = new List<TicketState> { state };
        foreach (var e in s.Ticket.Events)
        {
            state = state.Apply(e);
            intermediate.Add(state);
        }
        var incremental = state.Evaluate(s.Now);
        // Earlier states are untouched by later events: evaluating the first one again gives the creation-time view.
        var first = intermediate[0].Evaluate(s.Ticket.Created);
        var fresh = ComplianceEvaluator.Evaluate(Policy, s.Ticket with { Events = [] }, s.Ticket.Created);
        return Same(batch, incremental) && Same(first, fresh);
    }

    [Property]
    public bool Counted_time_never_exceeds_the_wall_time_between_start_and_stop(TicketScenario s)
    {
        var evaluation = ComplianceEvaluator.Evaluate(Policy, s.Ticket, s.Now);
        return evaluation.Metrics.All(m => m.Elapsed >= Duration.Zero && m.Elapsed <= (m.Stop ?? s.Now) - m.Start);
    }

    [Property]
    public bool On_one_calendar_counted_time_never_exceeds_its_business_time_between_start_and_stop(TicketScenario s)
    {
        // P2's targets are all on the office calendar; keep the ticket on P2.
        var ticket = s.Ticket with { Priority = "P2", Events = [.. s.Ticket.Events.Where(e => e.Kind != TicketEventKind.Priority)] };
        var evaluation = ComplianceEvaluator.Evaluate(Policy, ticket, s.Now);
        return evaluation.Metrics.All(m => m.Elapsed <= Office.Elapsed(m.Start, m.Stop ?? s.Now));
    }

    [Property]
    public bool Adding_a_pause_never_moves_the_resolution_deadline_earlier(TicketScenario s)
    {
        var plain = s.Ticket with { Events = [.. s.Ticket.Events.Where(e => e.Kind is not (TicketEventKind.Status or TicketEventKind.Resolved or TicketEventKind.Reopened))] };
        var pauseFrom = plain.Created + Duration.FromMinutes(37);
        var pauseTo = pauseFrom + Duration.FromMinutes(300);
        var paused = plain with
        {
            Events = [.. plain.Events.Append(TicketEvent.StatusChange(pauseFrom, "pending")).Append(TicketEvent.StatusChange(pauseTo, "open")).OrderBy(e => e.At)],
        };
        var now = s.Now > pauseTo ? s.Now : pauseTo;
        var before = Result(ComplianceEvaluator.Evaluate(Policy, plain, now), Metric.Resolution);
        var after = Result(ComplianceEvaluator.Evaluate(Policy, paused, now), Metric.Resolution);
        return after.Elapsed <= before.Elapsed
            && (before.Deadline is not { } d1 || after.Deadline is not { } d2 || d2 >= d1)
            && (before.Status != MetricStatus.Met || after.Status != MetricStatus.Breached);
    }

    [Property]
    public bool A_met_first_response_stays_met_when_the_reply_comes_earlier(TicketScenario s)
    {
        // Without priority changes, so the same target is in force wherever the reply moves.
        var ticket = s.Ticket with { Events = [.. s.Ticket.Events.Where(e => e.Kind != TicketEventKind.Priority)] };
        var evaluation = ComplianceEvaluator.Evaluate(Policy, ticket, s.Now);
        var first = Result(evaluation, Metric.FirstResponse);
        if (first.Status != MetricStatus.Met || first.Stop is not { } stop || stop == ticket.Created)
        {
            return true;
        }
        var earlier = ticket.Created + (stop - ticket.Created) / 2;
        var moved = ticket with
        {
            Events = [.. ticket.Events.Where(e => e.At < earlier).Append(TicketEvent.AgentReply(earlier)).Concat(ticket.Events.Where(e => e.At >= earlier))],
        };
        return Result(ComplianceEvaluator.Evaluate(Policy, moved, s.Now), Metric.FirstResponse).Status == MetricStatus.Met;
    }

    [Property]
    public bool A_note_between_events_changes_no_result_nor_its_explanation(TicketScenario s)
    {
        // No metric of the policy heeds notes: one halfway to each event (and to now) must leave counted time, deadlines,
        // breaches and the explanation's segments as they were, whether the clocks measure the stretch in one piece or two.
        var noted = new List<TicketEvent>();
        var last = s.Ticket.Created;
        foreach (var e in s.Ticket.Events.Append(TicketEvent.AgentReply(s.Now)))
        {
            noted.Add(TicketEvent.AgentNote(last + (e.At - last) / 2));
            noted.Add(e);
            last = e.At;
        }
        noted.RemoveAt(noted.Count - 1);
        var explain = new EvaluationOptions(Explain: true);
        return Same(ComplianceEvaluator.Evaluate(Policy, s.Ticket, s.Now, explain),
            ComplianceEvaluator.Evaluate(Policy, s.Ticket with { Events = [.. noted] }, s.Now, explain));
    }

    private static bool Same(TicketEvaluation a, TicketEvaluation b) =>
        a.TicketId == b.TicketId && a.PolicyVersion == b.PolicyVersion && a.Error == b.Error
        && a.Metrics.Length == b.Metrics.Length
        && a.Metrics.Zip(b.Metrics).All(p => p.First with { Segments = [] } == p.Second with { Segments = [] }
            && p.First.Segments.SequenceEqual(p.Second.Segments));
}
