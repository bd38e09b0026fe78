using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using NodaTime;

namespace Sla.Core.Tickets;

/// <summary>
/// A ticket: its id, service, priority at creation, creation instant and its event log in the order
/// the events happened (events with the same instant keep their given order).
/// </summary>
/// <param name="Id">The ticket's id.</param>
/// <param name="Service">The service id.</param>
/// <param name="Priority">The priority at creation.</param>
/// <param name="Created">When it was created.</param>
/// <param name="Events">Its event log; see <see cref="FindProblem"/> for what makes a log invalid.</param>
public sealed record Ticket(string Id, string Service, string Priority, Instant Created, ImmutableArray<TicketEvent> Events)
{
    /// <summary>Creates a ticket with attributes at creation (customer, tier, region...): they choose the service's variant.</summary>
    /// <param name="id">The ticket's id.</param>
    /// <param name="service">The service id.</param>
    /// <param name="priority">The priority at creation.</param>
    /// <param name="created">When it was created.</param>
    /// <param name="events">Its event log.</param>
    /// <param name="attributes">Its attributes at creation; attribute events change them.</param>
    /// <exception cref="ArgumentNullException"><paramref name="attributes"/> is null.</exception>
    public Ticket(string id, string service, string priority, Instant created, ImmutableArray<TicketEvent> events, IReadOnlyDictionary<string, string> attributes)
        : this(id, service, priority, created, events)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        Attributes = TicketAttributes.Of(attributes);
    }

    /// <summary>Gets the ticket's attributes at creation (names to values, compared exactly; a snapshot, read-only); empty when it has none.</summary>
    public IReadOnlyDictionary<string, string> Attributes { get; } = TicketAttributes.Empty;

    /// <summary>
    /// Finds the first thing that makes the ticket impossible to evaluate on its own terms: an event
    /// before creation, an event earlier than the one before it, a status or priority change without a
    /// value, an assignment to an empty group name, an attribute without a name or with a missing value, a service change
    /// without a service. (Whether the service and priorities exist is a question for the policy.)
    /// </summary>
    /// <returns>A sentence naming the ticket and the event, or <see langword="null"/> when the log is sound.</returns>
    public string? FindProblem()
    {
        if (Events.IsDefault)
        {
            return $"ticket {Id}: the event log is missing.";
        }
        if (AttributesProblem(Id, Attributes) is { } attributesProblem)
        {
            return attributesProblem;
        }
        var previousAt = Created;
        for (var i = 0; i < Events.Length; i++)
        {
            var e = Events[i];
            if (EventProblem(Id, Created, previousAt, e, i) is { } problem)
            {
                return problem;
            }
            previousAt = e.At;
        }
        return null;
    }

    /// <summary>
    /// What is wrong with the event at <paramref name="index"/> of a ticket's log, given when the one before it happened (the
    /// creation, for the first), or <see langword="null"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static string? EventProblem(string ticketId, Instant created, Instant previousAt, TicketEvent? e, int index) =>
        FaultOf(created, previousAt, e) is var fault and not EventFault.None ? Sentence(fault, ticketId, created, previousAt, e, index) : null;

    // Every evaluation checks every event, so finding the fault is kept apart from wording it: the check stays small and
    // quick, and the sentences are only built for the rare event at fault.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static EventFault FaultOf(Instant created, Instant previousAt, TicketEvent? e)
    {
        if (e is null)
        {
            return EventFault.Missing;
        }
        if (e.At < created)
        {
            return EventFault.BeforeCreation;
        }
        if (e.At < previousAt)
        {
            return EventFault.OutOfOrder;
        }
        // The kinds are numbered from 0 to Service without a gap: a range check says what Enum.IsDefined says, at a fraction of its cost.
        return e.Kind switch
        {
            TicketEventKind.Status or TicketEventKind.Priority or TicketEventKind.Service when string.IsNullOrWhiteSpace(e.Value) => EventFault.NoValue,
            TicketEventKind.Attribute when string.IsNullOrWhiteSpace(e.Name) => EventFault.NoAttributeName,
            TicketEventKind.Assigned when e.Value is { } group && string.IsNullOrWhiteSpace(group) => EventFault.EmptyGroup,
            _ when (uint)e.Kind > (uint)TicketEventKind.Service => EventFault.UnknownKind,
            _ => EventFault.None,
        };
    }

    private static string Sentence(EventFault fault, string ticketId, Instant created, Instant previousAt, TicketEvent? e, int index) => fault switch
    {
        EventFault.Missing => $"ticket {ticketId}: event {index + 1} is missing.",
        EventFault.BeforeCreation => $"ticket {ticketId}: event {index + 1} ({Describe(e!)}) is before the ticket was created at {Text.InstantText.Format(created)}.",
        EventFault.OutOfOrder =>
            $"ticket {ticketId}: event {index + 1} ({Describe(e!)}) is earlier than event {index} at {Text.InstantText.Format(previousAt)}: the log must be in time order.",
        EventFault.NoValue => $"ticket {ticketId}: event {index + 1} ({Describe(e!)}) does not say which {KindName(e!.Kind)}.",
        EventFault.NoAttributeName => $"ticket {ticketId}: event {index + 1} ({Describe(e!)}) does not name the attribute.",
        EventFault.EmptyGroup => $"ticket {ticketId}: event {index + 1} ({Describe(e!)}) names an empty group: name the group, or null for no group.",
        _ => $"ticket {ticketId}: event {index + 1} has an unknown kind ({(int)e!.Kind}).",
    };

    private enum EventFault
    {
        None,
        Missing,
        BeforeCreation,
        OutOfOrder,
        NoValue,
        NoAttributeName,
        EmptyGroup,
        UnknownKind,
    }

    /// <summary>What is wrong with a ticket's attributes (a blank name, a missing value), or <see langword="null"/>.</summary>
    internal static string? AttributesProblem(string ticketId, IReadOnlyDictionary<string, string> attributes)
    {
        if (attributes.Count == 0)
        {
            return null;
        }
        foreach (var (name, value) in attributes)
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                return $"ticket {ticketId}: an attribute has an empty name.";
            }
            if (value is null)
            {
                return $"ticket {ticketId}: attribute '{name}' has no value: leave it out instead.";
            }
        }
        return null;
    }

    /// <summary>An event kind as documents and messages name it: <c>agentReply</c>, <c>status</c>.</summary>
    private static string KindName(TicketEventKind kind) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(kind.ToString());

    /// <summary>Describes an event for messages: its kind, value and instant.</summary>
    /// <param name="e">The event.</param>
    /// <returns>For example <c>priority P1 at 2026-03-03T10:00:00Z</c>.</returns>
    public static string Describe(TicketEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var kind = KindName(e.Kind);
        // A blank value is quoted, so the message shows what was given rather than a run of spaces.
        var value = e.Value is { } given ? " " + (string.IsNullOrWhiteSpace(given) ? $"'{given}'" : given)
            : e.Kind switch { TicketEventKind.Assigned => " to no group", TicketEventKind.Attribute => " removed", _ => "" };
        var name = e.Kind != TicketEventKind.Attribute ? "" : e.Name is null ? " without a name" : string.IsNullOrWhiteSpace(e.Name) ? $" '{e.Name}'" : $" {e.Name}";
        return $"{kind}{name}{value} at {Text.InstantText.Format(e.At)}";
    }
}
