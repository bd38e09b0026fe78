using System.Collections.Immutable;
using NodaTime;
using Sla.Core.Calendars;
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
    private readonly Instant created;
    private readonly int eventsApplied;

    private TicketState(string ticketId, TicketSimulation simulation, Instant created, int eventsApplied, string? error)
    {
        TicketId = ticketId;
        this.simulation = simulation;
        this.created = created;
        this.eventsApplied = eventsApplied;
        Error = error;
    }

    /// <summary>Gets the ticket's id.</summary>
    public string TicketId { get; }

    /// <summary>Gets the instant of the last event applied (the creation instant before any).</summary>
    public Instant LastEventAt => simulation.LastEventAt;

    /// <summary>
    /// Gets why the ticket cannot be evaluated, once an event that the whole-log evaluation would reject has
    /// been applied (the same sentence <see cref="ComplianceEvaluator.Evaluate"/> gives), or <see langword="null"/>.
    /// </summary>
    public string? Error { get; }

    /// <summary>Starts the state of a new ticket under the policy version in force at <paramref name="created"/>.</summary>
    /// <param name="policy">The policy.</param>
    /// <param name="ticketId">The ticket's id.</param>
    /// <param name="service">The service id.</param>
    /// <param name="priority">The priority at creation.</param>
    /// <param name="created">When the ticket was created.</param>
    /// <param name="options">Options, such as whether to explain each result.</param>
    /// <param name="attributes">The ticket's attributes at creation (they choose the service's variant), or <see langword="null"/> for none.</param>
    /// <returns>The state before any event.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="policy"/>, <paramref name="ticketId"/>, <paramref name="service"/> or <paramref name="priority"/> is null.</exception>
    /// <exception cref="ArgumentException">No version is in force at <paramref name="created"/>, it lacks the service or
    /// priority, <paramref name="created"/> is outside <see cref="Calendars.BusinessCalendar.SupportedRange"/>, or an
    /// attribute has an empty name or no value.</exception>
    public static TicketState Start(PolicySet policy, string ticketId, string service, string priority, Instant created, EvaluationOptions? options = null,
        IReadOnlyDictionary<string, string>? attributes = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(ticketId);
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(priority);
        attributes = attributes is null ? TicketAttributes.Empty : TicketAttributes.Of(attributes);
        if (Ticket.AttributesProblem(ticketId, attributes) is { } problem)
        {
            throw new ArgumentException(problem, nameof(attributes));
        }
        return ComplianceEvaluator.Prepare(policy, ticketId, service, priority, created, attributes, options, borrowed: false, out var simulation, out var blamed) is { } error
            ? throw new ArgumentException(error, blamed)
            : new TicketState(ticketId, simulation!, created, 0, null);
    }

    /// <summary>
    /// Applies the next event of the log. An event the whole-log evaluation would reject (earlier than the one
    /// before it or than the creation, without its status or priority, or naming a priority or service the policy version
    /// does not have) does not throw: the new state carries the same <see cref="Error"/>, and so does every
    /// state after it, so incremental and whole-log evaluation agree on bad logs too.
    /// </summary>
    /// <param name="ticketEvent">The event.</param>
    /// <returns>The new state.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="ticketEvent"/> is null.</exception>
    public TicketState Apply(TicketEvent ticketEvent)
    {
        ArgumentNullException.ThrowIfNull(ticketEvent);
        if (Error is not null)
        {
            return this;
        }
        var problem = Ticket.EventProblem(TicketId, created, LastEventAt, ticketEvent, eventsApplied);
        problem ??= ComplianceEvaluator.UnknownValue(TicketId, eventsApplied, ticketEvent, simulation.Version);
        if (problem is not null)
        {
            return new TicketState(TicketId, simulation, created, eventsApplied + 1, problem);
        }
        var next = simulation.Clone();
        // A fresh cursor per call: this state may be shared between threads, and a cursor is written at every question.
        var time = default(BusinessTimeCursor);
        next.Apply(ticketEvent, ref time);
        return new TicketState(TicketId, next, created, eventsApplied + 1, null);
    }

    /// <summary>Evaluates the state as of <paramref name="now"/>.</summary>
    /// <param name="now">The evaluation instant; not earlier than <see cref="LastEventAt"/>.</param>
    /// <returns>The results, or the <see cref="Error"/> as a failed evaluation.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="now"/> is before the last event applied, or outside
    /// <see cref="Calendars.BusinessCalendar.SupportedRange"/>.</exception>
    public TicketEvaluation Evaluate(Instant now)
    {
        ComplianceEvaluator.CheckSupported(now, nameof(now));
        if (Error is not null)
        {
            return TicketEvaluation.Failed(TicketId, simulation.Service, Error);
        }
        if (now < LastEventAt)
        {
            throw new ArgumentOutOfRangeException(nameof(now), now, $"The state already holds an event at {Text.InstantText.Format(LastEventAt)}; evaluate it at or after that instant.");
        }
        var time = default(BusinessTimeCursor);
        return ComplianceEvaluator.Results(TicketId, simulation, now, ref time);
    }
}
