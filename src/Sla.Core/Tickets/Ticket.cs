using System.Collections.Immutable;
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
    /// <summary>
    /// Finds the first thing that makes the ticket impossible to evaluate on its own terms: an event
    /// before creation, an event earlier than the one before it, a status or priority change without a
    /// value. (Whether the service and priorities exist is a question for the policy.)
    /// </summary>
    /// <returns>A sentence naming the ticket and the event, or <see langword="null"/> when the log is sound.</returns>
    public string? FindProblem()
    {
        if (Events.IsDefault)
        {
            return $"ticket {Id}: the event log is missing.";
        }
        for (var i = 0; i < Events.Length; i++)
        {
            var e = Events[i];
            if (e is null)
            {
                return $"ticket {Id}: event {i + 1} is missing.";
            }
            if (e.At < Created)
            {
                return $"ticket {Id}: event {i + 1} ({Describe(e)}) is before the ticket was created at {Text.InstantText.Format(Created)}.";
            }
            if (i > 0 && e.At < Events[i - 1].At)
            {
                return $"ticket {Id}: event {i + 1} ({Describe(e)}) is earlier than event {i} at {Text.InstantText.Format(Events[i - 1].At)}: the log must be in time order.";
            }
            if (e.Kind is TicketEventKind.Status or TicketEventKind.Priority && string.IsNullOrWhiteSpace(e.Value))
            {
                return $"ticket {Id}: event {i + 1} ({Describe(e)}) does not say which {(e.Kind == TicketEventKind.Status ? "status" : "priority")}.";
            }
            if (!Enum.IsDefined(e.Kind))
            {
                return $"ticket {Id}: event {i + 1} has an unknown kind ({(int)e.Kind}).";
            }
        }
        return null;
    }

    /// <summary>Describes an event for messages: its kind, value and instant.</summary>
    /// <param name="e">The event.</param>
    /// <returns>For example <c>priority P1 at 2026-03-03T10:00:00Z</c>.</returns>
    public static string Describe(TicketEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var kind = System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(e.Kind.ToString());
        return $"{kind}{(e.Value is null ? "" : " " + e.Value)} at {Text.InstantText.Format(e.At)}";
    }
}
