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
}

/// <summary>One event of a ticket's log.</summary>
/// <param name="At">When it happened.</param>
/// <param name="Kind">What happened.</param>
/// <param name="Value">The new status for <see cref="TicketEventKind.Status"/>, the new priority for
/// <see cref="TicketEventKind.Priority"/>, the new group (or <see langword="null"/> for none) for
/// <see cref="TicketEventKind.Assigned"/>; otherwise <see langword="null"/>.</param>
public sealed record TicketEvent(Instant At, TicketEventKind Kind, string? Value = null)
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

    /// <summary>Creates a reopening.</summary>
    /// <param name="at">When.</param>
    /// <returns>The event.</returns>
    public static TicketEvent Reopened(Instant at) => new(at, TicketEventKind.Reopened);
}
