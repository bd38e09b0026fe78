using System.Text.Json;
using HelpDesk.Policies;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Sla.Core.Compliance;
using Sla.Core.Tickets;

namespace HelpDesk.Storage;

/// <summary>What became of a request to create a ticket or append an event.</summary>
public enum WriteOutcome
{
    /// <summary>Stored.</summary>
    Stored,

    /// <summary>No ticket has that id.</summary>
    NotFound,

    /// <summary>The ticket or event is not valid; the error says why in the library's words.</summary>
    Invalid,

    /// <summary>A ticket with that id exists, or the ticket changed since the version the caller named.</summary>
    Conflict,
}

/// <summary>A ticket as stored, with its evaluation at the instant it was read or written.</summary>
/// <param name="Ticket">The ticket and its whole event log.</param>
/// <param name="Version">The number of events appended so far.</param>
/// <param name="Evaluation">Where each metric stands.</param>
public sealed record StoredTicket(Ticket Ticket, int Version, TicketEvaluation Evaluation);

/// <summary>The result of a write: the outcome, the ticket when there is one, and the sentence when there is a problem.</summary>
/// <param name="Outcome">What happened.</param>
/// <param name="Ticket">The ticket after the write (or as it stands, on a conflict), when it exists.</param>
/// <param name="Error">Why the write was refused, or <see langword="null"/>.</param>
public sealed record WriteResult(WriteOutcome Outcome, StoredTicket? Ticket, string? Error);

/// <summary>
/// Reads and writes tickets. Every write evaluates the ticket as it would stand, refuses it when the library
/// cannot evaluate it (its sentence is the error) or the desk cannot keep it (<see cref="DeskRules"/>), and stores the
/// event with the ticket's next version; a concurrent write to the same ticket makes the second one stale. Writes do
/// not record alerts: a write makes the ticket due from the instant it changed (its creation, the event's instant), and
/// the watcher (the one writer of alerts) walks it from there, so a write never fails over an alert another writer
/// recorded first, and an alert is recorded at the instant it happened.
/// </summary>
public sealed class TicketStore(HelpDeskDb db, PolicyFile policy, IClock clock)
{
    /// <summary>How many times an append without an expected version is retried after losing a race.</summary>
    private const int Attempts = 50;

    /// <summary>Reads a ticket and evaluates it now, or returns <see langword="null"/>.</summary>
    public async Task<StoredTicket?> FindAsync(string id, CancellationToken cancellationToken)
    {
        var row = await db.Tickets.AsNoTracking().Include(t => t.Events).SingleOrDefaultAsync(t => t.Id == id, cancellationToken);
        return row is null ? null : Evaluate(ToTicket(row), row.Version, clock.GetCurrentInstant());
    }

    /// <summary>Creates a ticket, with the events it already has (a ticket moved from another system keeps its history).</summary>
    public async Task<WriteResult> CreateAsync(Ticket ticket, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        if ((DeskRules.IdProblem(ticket.Id) ?? DeskRules.KeepProblem(ticket, now)) is { } refused)
        {
            return new WriteResult(WriteOutcome.Invalid, null, refused);
        }
        var stored = Evaluate(ticket, ticket.Events.Length, now);
        if ((ticket.FindProblem() ?? stored.Evaluation.Error) is { } problem)
        {
            return new WriteResult(WriteOutcome.Invalid, null, problem);
        }
        db.Tickets.Add(new TicketRow
        {
            Id = ticket.Id, Service = ticket.Service, Priority = ticket.Priority, Created = ticket.Created,
            AttributesJson = JsonSerializer.Serialize(ticket.Attributes), Version = ticket.Events.Length,
            // The watcher walks a new ticket from its creation, so one filed late (imported, queued) gets its alerts at their instants.
            NextChangeAt = ticket.Created,
            Events = [.. ticket.Events.Select((e, i) => Row(ticket.Id, i + 1, e))],
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsDuplicate(e))
        {
            db.ChangeTracker.Clear();
            return new WriteResult(WriteOutcome.Conflict, await FindAsync(ticket.Id, cancellationToken), $"ticket {ticket.Id} already exists.");
        }
        return new WriteResult(WriteOutcome.Stored, stored, null);
    }

    /// <summary>
    /// Appends an event. With <paramref name="expectedVersion"/>, the write is refused as stale when the ticket has moved on;
    /// without it, a write that loses a race to another append is tried again on the newer ticket, so no event is lost.
    /// </summary>
    public async Task<WriteResult> AppendAsync(string id, TicketEvent ticketEvent, int? expectedVersion, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            db.ChangeTracker.Clear();
            var row = await db.Tickets.Include(t => t.Events).SingleOrDefaultAsync(t => t.Id == id, cancellationToken);
            if (row is null)
            {
                return new WriteResult(WriteOutcome.NotFound, null, $"ticket {id} does not exist.");
            }
            var now = clock.GetCurrentInstant();
            if (expectedVersion is { } expected && expected != row.Version)
            {
                return Stale(id, expected, Evaluate(ToTicket(row), row.Version, now));
            }
            var ticket = ToTicket(row);
            ticket = ticket with { Events = ticket.Events.Add(ticketEvent) };
            var stored = Evaluate(ticket, row.Version + 1, now);
            if ((DeskRules.KeepProblem(ticket, now) ?? ticket.FindProblem() ?? stored.Evaluation.Error) is { } problem)
            {
                return new WriteResult(WriteOutcome.Invalid, Evaluate(ToTicket(row), row.Version, now), problem);
            }
            row.Version++;
            // Due again from the event's instant (or the earlier change the watcher has not looked at yet): the watcher walks on from
            // there, so what the event changed, even in the past, is recorded at its instant.
            row.NextChangeAt = row.NextChangeAt is { } pending && pending < ticketEvent.At ? pending : ticketEvent.At;
            db.Events.Add(Row(id, row.Version, ticketEvent));
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return new WriteResult(WriteOutcome.Stored, stored, null);
            }
            catch (DbUpdateException e) when (DatabaseErrors.IsLostRace(e) && expectedVersion is null && attempt < Attempts)
            {
                // Another append took this version first: read the ticket again and append after it, after a short
                // random pause so that writers racing for one ticket spread out instead of colliding again.
                await Task.Delay(Random.Shared.Next(1, 5 * Math.Min(attempt, 20)), cancellationToken);
            }
            catch (DbUpdateException e) when (DatabaseErrors.IsLostRace(e) && expectedVersion is null)
            {
                db.ChangeTracker.Clear();
                return new WriteResult(WriteOutcome.Conflict, await FindAsync(id, cancellationToken),
                    $"ticket {id} is being changed by too many writers at once: try again.");
            }
            catch (DbUpdateException e) when (DatabaseErrors.IsLostRace(e))
            {
                db.ChangeTracker.Clear();
                var latest = await FindAsync(id, cancellationToken);
                return Stale(id, expectedVersion!.Value, latest!);
            }
        }
    }

    /// <summary>Evaluates a stored ticket's row again now: what the watcher does when its next change is due.</summary>
    public StoredTicket Evaluate(TicketRow row, Instant now) => Evaluate(ToTicket(row), row.Version, now);

    private StoredTicket Evaluate(Ticket ticket, int version, Instant now) =>
        new(ticket, version, ComplianceEvaluator.Evaluate(policy.Current, ticket, now));

    private static WriteResult Stale(string id, int expected, StoredTicket latest) =>
        new(WriteOutcome.Conflict, latest, $"ticket {id} has changed since version {expected} (it is at version {latest.Version}): read it again and retry.");

    private static EventRow Row(string ticketId, int sequence, TicketEvent e) =>
        new() { TicketId = ticketId, Sequence = sequence, At = e.At, Kind = e.Kind.ToString(), Value = e.Value, Name = e.Name };

    private static Ticket ToTicket(TicketRow row) => new(
        row.Id, row.Service, row.Priority, row.Created,
        [.. row.Events.OrderBy(e => e.Sequence).Select(e => new TicketEvent(e.At, Enum.Parse<TicketEventKind>(e.Kind), e.Value, e.Name))],
        JsonSerializer.Deserialize<Dictionary<string, string>>(row.AttributesJson) ?? []);
}
