using System.Collections.Immutable;
using NodaTime;
using Sla.Core.Calendars;
using Sla.Core.Policies;
using Sla.Core.Tickets;

namespace Sla.Core.Compliance;

/// <summary>
/// Evaluates tickets against a policy (semantics.md §3): each ticket under the version in force at its
/// creation, as of an instant the caller passes (the library never reads the clock).
/// </summary>
/// <remarks>Stateless and thread-safe: evaluate tickets from as many threads as you like.</remarks>
public static class ComplianceEvaluator
{
    /// <summary>
    /// Evaluates one ticket as of <paramref name="now"/>; events after <paramref name="now"/> are ignored.
    /// </summary>
    /// <param name="policy">The policy.</param>
    /// <param name="ticket">The ticket.</param>
    /// <param name="now">The evaluation instant.</param>
    /// <param name="options">Options, such as whether to explain each result.</param>
    /// <returns>The results, or (a value, not an exception) the reason the ticket cannot be evaluated:
    /// an event before creation, an unordered log, an unknown service or priority, no version in force.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="policy"/> or <paramref name="ticket"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="now"/> is outside <see cref="Calendars.BusinessCalendar.SupportedRange"/>.</exception>
    public static TicketEvaluation Evaluate(PolicySet policy, Ticket ticket, Instant now, EvaluationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(ticket);
        CheckSupported(now, nameof(now));
        if (ticket.FindProblem() is { } problem)
        {
            return TicketEvaluation.Failed(ticket.Id, ticket.Service, problem);
        }
        if (Prepare(policy, ticket.Id, ticket.Service, ticket.Priority, ticket.Created, ticket.Attributes, options, borrowed: true, out var simulation, out _) is { } error)
        {
            return TicketEvaluation.Failed(ticket.Id, ticket.Service, error);
        }
        using (simulation)
        {
            var time = default(BusinessTimeCursor);
            for (var i = 0; i < ticket.Events.Length; i++)
            {
                var e = ticket.Events[i];
                if (e.At > now)
                {
                    break;
                }
                if (UnknownValue(ticket.Id, i, e, simulation!.Version) is { } unknown)
                {
                    return TicketEvaluation.Failed(ticket.Id, ticket.Service, unknown);
                }
                simulation!.Apply(e, ref time);
            }
            return Results(ticket.Id, simulation!, Max(now, ticket.Created), ref time);
        }
    }

    /// <summary>
    /// Checks the ticket's header against the policy and starts a simulation (with borrowed clocks, for an evaluation that
    /// disposes of it at once); returns the problem and names the argument it is about (for callers that throw), or null.
    /// </summary>
    internal static string? Prepare(PolicySet policy, string ticketId, string service, string priority, Instant created,
        IReadOnlyDictionary<string, string> attributes, EvaluationOptions? options, bool borrowed, out TicketSimulation? simulation, out string blamed)
    {
        simulation = null;
        blamed = nameof(created);
        if (!Calendars.BusinessCalendar.SupportedRange.Contains(created))
        {
            return $"ticket {ticketId}: it was created at {Text.InstantText.Format(created)}, outside the instants calendars support ({SupportedRangeText}).";
        }
        var version = policy.VersionAt(created);
        if (version is null)
        {
            return $"ticket {ticketId}: no version of policy {policy.Id} is in force at its creation, {Text.InstantText.Format(created)}.";
        }
        blamed = nameof(service);
        var definition = version.Compiled(service);
        if (definition is null)
        {
            return $"ticket {ticketId}: service '{service}' is not in policy version {version.Version}; the services are {string.Join(", ", version.Services.Select(s => s.Id))}.";
        }
        blamed = nameof(priority);
        if (!version.Priorities.Contains(priority))
        {
            return $"ticket {ticketId}: priority '{priority}' is not in policy version {version.Version}; the priorities are {string.Join(", ", version.Priorities)}.";
        }
        simulation = new TicketSimulation(version, definition, priority, created, attributes, (options ?? EvaluationOptions.Default).Explain, borrowed);
        return null;
    }

    /// <summary>The problem with an event naming a priority or service the ticket's policy version does not have, or <see langword="null"/>.</summary>
    /// <remarks>Asked of every event evaluated, so the test of its kind (most events name neither) stays inline.</remarks>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal static string? UnknownValue(string ticketId, int index, TicketEvent e, PolicyVersion version) =>
        e.Kind is TicketEventKind.Priority or TicketEventKind.Service ? UnknownPriorityOrService(ticketId, index, e, version) : null;

    private static string? UnknownPriorityOrService(string ticketId, int index, TicketEvent e, PolicyVersion version) => e.Kind switch
    {
        TicketEventKind.Priority when !version.Priorities.Contains(e.Value!) =>
            $"ticket {ticketId}: event {index + 1} ({Ticket.Describe(e)}) names priority '{e.Value}', which is not in policy version {version.Version}; the priorities are {string.Join(", ", version.Priorities)}.",
        TicketEventKind.Service when version.Service(e.Value!) is null =>
            $"ticket {ticketId}: event {index + 1} ({Ticket.Describe(e)}) names service '{e.Value}', which is not in policy version {version.Version}; the services are {string.Join(", ", version.Services.Select(s => s.Id))}.",
        _ => null,
    };

    internal static TicketEvaluation Results(string ticketId, TicketSimulation simulation, Instant now, ref BusinessTimeCursor time) =>
        new(ticketId, simulation.Service, simulation.Version.Version, simulation.Results(now, ref time), null);

    private static Instant Max(Instant a, Instant b) => a > b ? a : b;

    internal static void CheckSupported(Instant now, string parameterName)
    {
        if (!Calendars.BusinessCalendar.SupportedRange.Contains(now))
        {
            throw new ArgumentOutOfRangeException(parameterName, now, $"Evaluation supports instants from {SupportedRangeText}.");
        }
    }

    private static string SupportedRangeText =>
        $"{Text.InstantText.Format(Calendars.BusinessCalendar.SupportedRange.Start)} to {Text.InstantText.Format(Calendars.BusinessCalendar.SupportedRange.End)}";
}
