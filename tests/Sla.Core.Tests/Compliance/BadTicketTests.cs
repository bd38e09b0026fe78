using NodaTime;
using Sla.Core.Compliance;
using Sla.Core.Tickets;
using static Sla.Core.Tests.Compliance.EvaluationFixture;

namespace Sla.Core.Tests.Compliance;

/// <summary>Tickets that cannot be evaluated: the error names the ticket and the event, and is a value.</summary>
public sealed class BadTicketTests
{
    private static MetricResult WithoutSegments(MetricResult result) => result with { Segments = [] };

    private static string? Error(Ticket ticket) => ComplianceEvaluator.Evaluate(Policy, ticket, At(30, 0)).Error;

    [Fact]
    public void An_event_before_creation() =>
        Assert.Equal("ticket T-1: event 1 (agentReply at 2026-03-16T08:00:00Z) is before the ticket was created at 2026-03-16T09:00:00Z.",
            Error(Ticket("P2", At(16, 9), TicketEvent.AgentReply(At(16, 8)))));

    [Fact]
    public void An_unordered_log() =>
        Assert.Equal("ticket T-1: event 3 (resolved at 2026-03-16T10:00:00Z) is earlier than event 2 at 2026-03-16T11:00:00Z: the log must be in time order.",
            Error(Ticket("P2", At(16, 9), TicketEvent.AgentReply(At(16, 9, 30)), TicketEvent.CustomerMessage(At(16, 11)), TicketEvent.Resolved(At(16, 10)))));

    [Fact]
    public void A_status_change_without_a_status() =>
        Assert.Equal("ticket T-1: event 1 (status at 2026-03-16T10:00:00Z) does not say which status.",
            Error(Ticket("P2", At(16, 9), new TicketEvent(At(16, 10), TicketEventKind.Status))));

    [Fact]
    public void An_assignment_to_an_empty_group_name() =>
        Assert.Equal("ticket T-1: event 1 (assigned '  ' at 2026-03-16T10:00:00Z) names an empty group: name the group, or null for no group.",
            Error(Ticket("P2", At(16, 9), TicketEvent.AssignedTo(At(16, 10), "  "))));

    [Theory]
    [InlineData(-1)]
    [InlineData(10)]
    [InlineData(int.MaxValue)]
    public void An_event_of_a_kind_that_does_not_exist(int kind) =>
        Assert.Equal($"ticket T-1: event 2 has an unknown kind ({kind}).",
            Error(Ticket("P2", At(16, 9), TicketEvent.AgentNote(At(16, 10)), new TicketEvent(At(16, 11), (TicketEventKind)kind))));

    [Fact]
    public void Every_kind_there_is_is_known() =>
        Assert.All(Enum.GetValues<TicketEventKind>(), kind => Assert.Null(Sla.Core.Tickets.Ticket.EventProblem("T-1", At(16, 9), At(16, 9),
            new TicketEvent(At(16, 10), kind, kind is TicketEventKind.Assigned ? null : "x", "n"), 0)));

    [Fact]
    public void An_unknown_priority_in_the_log() =>
        Assert.Equal("ticket T-1: event 2 (priority P9 at 2026-03-16T11:00:00Z) names priority 'P9', which is not in policy version v1; the priorities are P1, P2, P3, P4.",
            Error(Ticket("P2", At(16, 9), TicketEvent.AgentReply(At(16, 10)), TicketEvent.PriorityChange(At(16, 11), "P9"))));

    [Theory]
    [InlineData("fax", "P1", 16, "service")]
    [InlineData("email", "P9", 16, "priority")]
    public void Starting_a_state_the_policy_cannot_hold_blames_the_argument_at_fault(string service, string priority, int day, string blamed) =>
        Assert.Equal(blamed, Assert.Throws<ArgumentException>(() => TicketState.Start(Policy, "T-1", service, priority, At(day, 9))).ParamName);

    [Fact]
    public void Starting_a_state_before_any_version_blames_the_creation_instant() =>
        Assert.Equal("created", Assert.Throws<ArgumentException>(() => TicketState.Start(Policy, "T-1", "email", "P1", Instant.FromUtc(2000, 1, 1, 0, 0))).ParamName);

    [Fact]
    public void An_unknown_service_or_priority_at_creation()
    {
        Assert.Equal("ticket T-2: service 'fax' is not in policy version v1; the services are email.",
            Error(new Ticket("T-2", "fax", "P1", At(16, 9), [])));
        Assert.Equal("ticket T-3: priority 'urgent' is not in policy version v1; the priorities are P1, P2, P3, P4.",
            Error(new Ticket("T-3", "email", "urgent", At(16, 9), [])));
    }

    [Fact]
    public void No_version_in_force_at_creation() =>
        Assert.Equal("ticket T-1: no version of policy test is in force at its creation, 2025-12-31T23:59:00Z.",
            Error(Ticket("P2", Instant.FromUtc(2025, 12, 31, 23, 59))));

    [Fact]
    public void A_batch_keeps_going_past_a_bad_ticket()
    {
        var tickets = new[]
        {
            Ticket("P2", At(16, 9), TicketEvent.AgentReply(At(16, 8))),
            Ticket("P2", At(16, 9), TicketEvent.AgentReply(At(16, 10))),
        };
        var results = tickets.Select(t => ComplianceEvaluator.Evaluate(Policy, t, At(17, 0))).ToList();
        Assert.False(results[0].IsValid);
        Assert.True(results[1].IsValid);
        Assert.Equal([Sla.Core.Policies.Metric.FirstResponse, Sla.Core.Policies.Metric.Resolution], results[1].Metrics.Select(m => m.Metric));
    }

    [Fact]
    public void A_ticket_that_fails_part_way_leaves_nothing_behind_for_the_next()
    {
        // Evaluations reuse their clocks' storage: a ticket stopped mid-log by a bad event must not leak its started
        // clocks into the ticket evaluated after it on the same thread.
        var good = Ticket("P2", At(16, 9), TicketEvent.CustomerMessage(At(16, 9, 30)));
        var bad = Ticket("P2", At(16, 9), TicketEvent.AgentReply(At(16, 10)), TicketEvent.Resolved(At(16, 11)), TicketEvent.PriorityChange(At(16, 12), "P9"));
        var before = ComplianceEvaluator.Evaluate(Policy, good, At(17, 0));
        Assert.NotNull(ComplianceEvaluator.Evaluate(Policy, bad, At(17, 0)).Error);
        var after = ComplianceEvaluator.Evaluate(Policy, good, At(17, 0));
        // Explanation segments compare by reference, so the results are compared without them.
        Assert.Equal(before.Metrics.Select(WithoutSegments), after.Metrics.Select(WithoutSegments));
        Assert.All(after.Metrics, m => Assert.Null(m.Stop));
    }

    [Fact]
    public void The_incremental_state_gives_the_same_error_as_the_whole_log_for_bad_events()
    {
        var created = At(16, 9);
        var reply = TicketEvent.AgentReply(At(16, 10));
        var state = TicketState.Start(Policy, "T-1", "email", "P2", created).Apply(reply);
        TicketEvent[][] badTails =
        [
            [TicketEvent.Resolved(At(16, 9, 30))],
            [TicketEvent.PriorityChange(At(16, 11), "P9")],
            [TicketEvent.PriorityChange(At(16, 11), "P9"), TicketEvent.Resolved(At(16, 12))],
        ];
        foreach (var tail in badTails)
        {
            var incremental = tail.Aggregate(state, (s, e) => s.Apply(e));
            var batch = ComplianceEvaluator.Evaluate(Policy, new Ticket("T-1", "email", "P2", created, [reply, .. tail]), At(16, 13));
            Assert.NotNull(batch.Error);
            Assert.Equal(batch.Error, incremental.Error);
            Assert.Equal(batch.Error, incremental.Evaluate(At(16, 13)).Error);
        }
        Assert.Equal("now", Assert.Throws<ArgumentOutOfRangeException>(() => state.Evaluate(At(16, 9, 59))).ParamName);
        Assert.Throws<ArgumentException>(() => TicketState.Start(Policy, "T-2", "fax", "P2", At(16, 9)));
    }
}
