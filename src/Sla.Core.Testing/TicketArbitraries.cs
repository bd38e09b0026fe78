using FsCheck;
using FsCheck.Fluent;
using NodaTime;
using Sla.Core.Policies;
using Sla.Core.Tickets;

namespace Sla.Core.Testing;

/// <summary>A generated ticket with an evaluation instant at or after its last event.</summary>
/// <param name="Ticket">The ticket (valid against the policy it was generated for).</param>
/// <param name="Now">The evaluation instant.</param>
public sealed record TicketScenario(Ticket Ticket, Instant Now)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"{Ticket.Service} {Ticket.Priority}{string.Concat(Ticket.Attributes.Select(a => $" {a.Key}={a.Value}"))} created {Ticket.Created}, now {Now}: {string.Join(", ", Ticket.Events.Select(Ticket.Describe))}";
}

/// <summary>
/// FsCheck generators for valid ticket event logs: up to twelve events of every kind over up to ten days,
/// statuses that pause and that do not, priority changes among the policy's priorities, resolutions and
/// reopenings, and for a version that defines its own metrics the statuses and groups its triggers and
/// pauses name (with assignments to them and to no group). For a service with variants, tickets carry the
/// attributes its variants name (a value some variant lists, another value, or none) and their logs change
/// them. Failing cases shrink by dropping events and moving the evaluation instant earlier.
/// </summary>
public static class TicketArbitraries
{
    /// <summary>Tickets for one service of a policy version, created in the 20 days from <paramref name="earliest"/>.</summary>
    /// <param name="version">The policy version (its priorities and pause statuses are used).</param>
    /// <param name="service">The service id.</param>
    /// <param name="earliest">The earliest creation instant.</param>
    /// <returns>The arbitrary.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static Arbitrary<TicketScenario> For(PolicyVersion version, string service, Instant earliest)
    {
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(service);
        var priorities = version.Priorities.ToArray();
        var triggers = version.Metrics.SelectMany(m => m.Start.Concat(m.Stop).Concat(m.Cancel).Concat(m.Resume)).ToList();
        var statuses = version.PauseStatuses.Concat(["open", "in-progress"])
            .Concat(version.Metrics.SelectMany(m => m.PauseWhile))
            .Concat(triggers.Where(t => t.Kind == MetricTriggerKind.Status).Select(t => t.Value!))
            .Distinct().ToArray();
        var groups = triggers.Where(t => t.Kind is MetricTriggerKind.Assigned or MetricTriggerKind.Unassigned).Select(t => t.Value).Distinct().ToArray();
        // Each attribute the service's variants name, with the values they list and one they do not.
        var attributes = (version.Service(service)?.Variants ?? []).SelectMany(v => v.When)
            .GroupBy(c => c.Attribute, StringComparer.Ordinal)
            .Select(g => (Name: g.Key, Values: g.SelectMany(c => c.Values).Append("unlisted").Distinct(StringComparer.Ordinal).ToArray()))
            .ToArray();
        return Arb.From(
            from created in Gen.Choose(0, 60 * 24 * 20).Select(m => earliest + Duration.FromMinutes(m))
            from priority in Gen.Elements(priorities)
            from given in Gen.CollectToArray(attributes.Select(a => Gen.Elements<string?>([.. a.Values, null]).Select(v => (a.Name, Value: v))))
            from gaps in Gen.ListOf(Gen.Frequency((1, Gen.Constant(0)), (4, Gen.Choose(1, 600)), (1, Gen.Choose(600, 3000))), 12)
            from kinds in Gen.ListOf(Event(priorities, statuses, groups, attributes), 12)
            from count in Gen.Choose(0, 12)
            from tail in Gen.Choose(0, 3000)
            let events = Build(created, gaps.Take(count), kinds)
            select new TicketScenario(
                new Ticket("T-gen", service, priority, created, [.. events], given.Where(a => a.Value is not null).ToDictionary(a => a.Name, a => a.Value!)),
                (events.Count == 0 ? created : events[^1].At) + Duration.FromMinutes(tail)),
            Shrink);
    }

    private static IEnumerable<TicketScenario> Shrink(TicketScenario s)
    {
        var events = s.Ticket.Events;
        for (var i = events.Length - 1; i >= 0; i--)
        {
            yield return s with { Ticket = s.Ticket with { Events = events.RemoveAt(i) } };
        }
        var last = events.IsEmpty ? s.Ticket.Created : events[^1].At;
        if (s.Now > last)
        {
            yield return s with { Now = last };
        }
    }

    private static List<TicketEvent> Build(Instant created, IEnumerable<int> gaps, IEnumerable<Func<Instant, TicketEvent>> kinds)
    {
        var at = created;
        return [.. gaps.Zip(kinds, (gap, make) => make(at += Duration.FromMinutes(gap)))];
    }

    private static Gen<Func<Instant, TicketEvent>> Event(string[] priorities, string[] statuses, string?[] groups, (string Name, string[] Values)[] attributes)
    {
        (int, Gen<Func<Instant, TicketEvent>>)[] kinds =
        [
            (3, Gen.Constant<Func<Instant, TicketEvent>>(TicketEvent.AgentReply)),
            (1, Gen.Constant<Func<Instant, TicketEvent>>(TicketEvent.AgentNote)),
            (3, Gen.Constant<Func<Instant, TicketEvent>>(TicketEvent.CustomerMessage)),
            (3, Gen.Elements(statuses).Select(s => (Func<Instant, TicketEvent>)(at => TicketEvent.StatusChange(at, s)))),
            (2, Gen.Elements(priorities).Select(p => (Func<Instant, TicketEvent>)(at => TicketEvent.PriorityChange(at, p)))),
            (2, Gen.Constant<Func<Instant, TicketEvent>>(TicketEvent.Resolved)),
            (1, Gen.Constant<Func<Instant, TicketEvent>>(TicketEvent.Reopened)),
        ];
        // Assignments only where a metric watches groups, and attribute changes only where variants name attributes,
        // so the logs of a policy with neither stay as they were.
        if (groups.Length > 0)
        {
            kinds = [.. kinds, (2, Gen.Elements([.. groups, null]).Select(g => (Func<Instant, TicketEvent>)(at => TicketEvent.AssignedTo(at, g))))];
        }
        if (attributes.Length > 0)
        {
            kinds = [.. kinds, (3, from attribute in Gen.Elements(attributes)
                                   from value in Gen.Elements<string?>([.. attribute.Values, null])
                                   select (Func<Instant, TicketEvent>)(at => TicketEvent.AttributeChange(at, attribute.Name, value)))];
        }
        return Gen.Frequency(kinds);
    }
}
