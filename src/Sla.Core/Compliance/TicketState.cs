using NodaTime;
using Sla.Core.Policies;
using Sla.Core.Tickets;

namespace Sla.Core.Compliance;

/// <summary>
/// A ticket's SLA state for services that keep it between events: apply one event at a time and ask
/// again, without replaying the log. Each <see cref="Apply"/> returns a new state; the old one is
/// unchanged. Evaluating a state equals evaluating the whole log with <see cref="ComplianceEvaluator"/>.
/// </summary>
/// <example>
/// <code>
/// var state = TicketState.Start(policy, "T-1", "email", "P2", created);
/// state = state.Apply(TicketEvent.AgentReply(repliedAt));
/// var results = state.Evaluate(now);
/// </code>
/// </example>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class TicketState
{
    private readonly TicketSimulation simulation;

    private TicketState(string ticketId, TicketSimulation simulation)
    {
        TicketId = ticketId;
        this.simulation = simulation;
    }

    /// <summary>Gets the ticket's id.</summary>
    public string TicketId { get; }

    /// <summary>Gets the instant of the last event applied (the creation instant before any).</summary>
    public Instant LastEventAt => simulation.LastEventAt;

    /// <summary>Starts the state of a new ticket under the policy version in force at <paramref name="created"/>.</summary>
    /// <param name="policy">The policy.</param>
    /// <param name="ticketId">The ticket's id.</param>
    /// <param name="service">The service id.</param>
    /// <param name="priority">The priority at creation.</param>
    /// <param name="created">When the ticket was created.</param>
    /// <param name="options">Options, such as whether to explain each result.</param>
    /// <returns>The state before any event.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">No version is in force at <paramref name="created"/>, or it lacks the service or priority.</exception>
    public static TicketState Start(PolicySet policy, string ticketId, string service, string priority, Instant created, EvaluationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(ticketId);
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(priority);
        return ComplianceEvaluator.Prepare(policy, ticketId, service, priority, created, options, out var simulation) is { } error
            ? throw new ArgumentException(error, nameof(policy))
            : new TicketState(ticketId, simulation!);
    }

    /// <summary>Applies the next event of the log.</summary>
    /// <param name="ticketEvent">The event; not earlier than <see cref="LastEventAt"/>.</param>
    /// <returns>The new state.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="ticketEvent"/> is null.</exception>
    /// <exception cref="ArgumentException">The event is earlier than the last one, lacks its status or
    /// priority, or names a priority the policy version does not have.</exception>
    public TicketState Apply(TicketEvent ticketEvent)
    {
        ArgumentNullException.ThrowIfNull(ticketEvent);
        if (ticketEvent.At < LastEventAt)
        {
            throw new ArgumentException($"ticket {TicketId}: {Ticket.Describe(ticketEvent)} is earlier than the last event applied, at {Text.InstantText.Format(LastEventAt)}.", nameof(ticketEvent));
        }
        if (ticketEvent.Kind is TicketEventKind.Status or TicketEventKind.Priority && string.IsNullOrWhiteSpace(ticketEvent.Value))
        {
            throw new ArgumentException($"ticket {TicketId}: {Ticket.Describe(ticketEvent)} does not say which {(ticketEvent.Kind == TicketEventKind.Status ? "status" : "priority")}.", nameof(ticketEvent));
        }
        if (ticketEvent.Kind == TicketEventKind.Priority && !simulation.Version.Priorities.Contains(ticketEvent.Value!))
        {
            throw new ArgumentException($"ticket {TicketId}: {Ticket.Describe(ticketEvent)} names a priority that is not in policy version {simulation.Version.Version}.", nameof(ticketEvent));
        }
        var next = simulation.Clone();
        next.Apply(ticketEvent);
        return new TicketState(TicketId, next);
    }

    /// <summary>Evaluates the state as of <paramref name="now"/>.</summary>
    /// <param name="now">The evaluation instant; not earlier than <see cref="LastEventAt"/>.</param>
    /// <returns>The results.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="now"/> is before the last event applied.</exception>
    public TicketEvaluation Evaluate(Instant now)
    {
        if (now < LastEventAt)
        {
            throw new ArgumentOutOfRangeException(nameof(now), now, $"The state already holds an event at {Text.InstantText.Format(LastEventAt)}; evaluate it at or after that instant.");
        }
        return ComplianceEvaluator.Results(TicketId, simulation, now);
    }
}
