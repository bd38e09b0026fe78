using NodaTime;

namespace Sla.Core.Tickets;

/// <summary>What happened on a ticket.</summary>
public enum TicketEventKind
{
    /// <summary>A public reply by an agent: stops first response and the open next-response cycle.</summary>
    AgentReply,

    /// <summary>An internal note: stops nothing.</summary>
    AgentNote,

    /// <summary>A message from the customer: opens a next-response cycle when none is open and the ticket is not resolved.</summary>
    CustomerMessage,

    /// <summary>A status change (to <see cref="TicketEvent.Value"/>); a pause status pauses the resolution clock.</summary>
    Status,

    /// <summary>A priority change (to <see cref="TicketEvent.Value"/>); the new priority's targets apply from this instant.</summary>
    Priority,

    /// <summary>The ticket was resolved: stops every clock.</summary>
    Resolved,

    /// <summary>The ticket was reopened: the resolution clock runs again, time already counted stays counted.</summary>
    Reopened,

    /// <summary>The ticket was assigned to the group <see cref="TicketEvent.Value"/>, or to no group when it is <see langword="null"/>.</summary>
    Assigned,

    /// <summary>The attribute <see cref="TicketEvent.Name"/> was set to <see cref="TicketEvent.Value"/>, or removed when it is <see langword="null"/>: the service's variant is chosen again.</summary>
    Attribute,

    /// <summary>The ticket moved to the service <see cref="TicketEvent.Value"/>: its targets (and variant) are chosen again.</summary>
    Service,
}

/// <summary>One event of a ticket's log.</summary>
/// <param name="At">When it happened.</param>
/// <param name="Kind">What happened.</param>
/// <param name="Value">The new status for <see cref="TicketEventKind.Status"/>, the new priority for
/// <see cref="TicketEventKind.Priority"/>, the new group (or <see langword="null"/> for none) for
/// <see cref="TicketEventKind.Assigned"/>, the attribute's new value (or <see langword="null"/> to remove it) for
/// <see cref="TicketEventKind.Attribute"/>, the new service for <see cref="TicketEventKind.Service"/>; otherwise <see langword="null"/>.</param>
/// <param name="Name">The attribute's name for <see cref="TicketEventKind.Attribute"/>; otherwise <see langword="null"/>.</param>
public sealed record TicketEvent(Instant At, TicketEventKind Kind, string? Value = null, string? Name = null)
{
    /// <summary>Creates a public agent reply.</summary>
    /// <param name="at">When.</param>
    /// <returns>The event.</returns>
    public static TicketEvent AgentReply(Instant at) => new(at, TicketEventKind.AgentReply);

    /// <summary>Creates an internal agent note.</summary>
    /// <param name="at">When.</param>
    /// <returns>The event.</returns>
    public static TicketEvent AgentNote(Instant at) => new(at, TicketEventKind.AgentNote);

    /// <summary>Creates a customer message.</summary>
    /// <param name="at">When.</param>
    /// <returns>The event.</returns>
    public static TicketEvent CustomerMessage(Instant at) => new(at, TicketEventKind.CustomerMessage);

    /// <summary>Creates a status change.</summary>
    /// <param name="at">When.</param>
    /// <param name="status">The new status.</param>
    /// <returns>The event.</returns>
    public static TicketEvent StatusChange(Instant at, string status) => new(at, TicketEventKind.Status, status);

    /// <summary>Creates a priority change.</summary>
    /// <param name="at">When.</param>
    /// <param name="priority">The new priority.</param>
    /// <returns>The event.</returns>
    public static TicketEvent PriorityChange(Instant at, string priority) => new(at, TicketEventKind.Priority, priority);

    /// <summary>Creates a resolution.</summary>
    /// <param name="at">When.</param>
    /// <returns>The event.</returns>
    public static TicketEvent Resolved(Instant at) => new(at, TicketEventKind.Resolved);

    /// <summary>Creates an assignment to a group, or to none.</summary>
    /// <param name="at">When.</param>
    /// <param name="group">The group, or <see langword="null"/> for none.</param>
    /// <returns>The event.</returns>
    public static TicketEvent AssignedTo(Instant at, string? group) => new(at, TicketEventKind.Assigned, group);

    /// <summary>Creates an attribute change: sets <paramref name="name"/> to <paramref name="value"/>, or removes it when <paramref name="value"/> is <see langword="null"/>.</summary>
    /// <param name="at">When.</param>
    /// <param name="name">The attribute's name.</param>
    /// <param name="value">Its new value, or <see langword="null"/> to remove it.</param>
    /// <returns>The event.</returns>
    public static TicketEvent AttributeChange(Instant at, string name, string? value) => new(at, TicketEventKind.Attribute, value, name);

    /// <summary>Creates a move to another service.</summary>
    /// <param name="at">When.</param>
    /// <param name="service">The new service's id.</param>
    /// <returns>The event.</returns>
    public static TicketEvent ServiceChange(Instant at, string service) => new(at, TicketEventKind.Service, service);

    /// <summary>Creates a reopening.</summary>
    /// <param name="at">When.</param>
    /// <returns>The event.</returns>
    public static TicketEvent Reopened(Instant at) => new(at, TicketEventKind.Reopened);
}
