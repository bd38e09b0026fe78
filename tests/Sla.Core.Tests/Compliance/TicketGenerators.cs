using FsCheck;
using FsCheck.Fluent;
using NodaTime;
using Sla.Core.Tickets;

namespace Sla.Core.Tests.Compliance;

/// <summary>A generated ticket, with an evaluation instant at or after its last event.</summary>
/// <param name="Ticket">The ticket (valid against <see cref="EvaluationFixture.Policy"/>).</param>
/// <param name="Now">The evaluation instant.</param>
public sealed record TicketScenario(Ticket Ticket, Instant Now)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"{Ticket.Priority} created {Ticket.Created}, now {Now}: {string.Join(", ", Ticket.Events.Select(Ticket.Describe))}";
}

/// <summary>Generators of valid event logs for the evaluation fixture's policy.</summary>
public static class TicketGenerators
{
    private static readonly string[] Priorities = ["P1", "P2", "P3", "P4"];
    private static readonly string[] Statuses = ["open", "pending", "on-hold", "solved-awaiting"];

    /// <summary>Tickets with up to twelve events over up to ten days, every event kind, the evaluation instant after the last.</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<TicketScenario> Tickets() =>
        (from created in Gen.Choose(0, 60 * 24 * 20).Select(m => Instant.FromUtc(2026, 3, 1, 0, 0) + Duration.FromMinutes(m))
         from priority in Gen.Elements(Priorities)
         from gaps in Gen.ListOf(Gen.Frequency((1, Gen.Constant(0)), (4, Gen.Choose(1, 600)), (1, Gen.Choose(600, 3000))), 12)
         from kinds in Gen.ListOf(Event(), 12)
         from count in Gen.Choose(0, 12)
         from tail in Gen.Choose(0, 3000)
         let events = Build(created, gaps.Take(count), kinds)
         select new TicketScenario(
             new Ticket("T-gen", "email", priority, created, [.. events]),
             (events.Count == 0 ? created : events[^1].At) + Duration.FromMinutes(tail)))
        .ToArbitrary();

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
            (2, Gen.Elements(Priorities).Select(p => (Func<Instant, TicketEvent>)(at => TicketEvent.PriorityChange(at, p)))),
            (2, Gen.Constant<Func<Instant, TicketEvent>>(TicketEvent.Resolved)),
            (1, Gen.Constant<Func<Instant, TicketEvent>>(TicketEvent.Reopened)));
}
