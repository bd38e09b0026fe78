using HelpDesk.Policies;
using HelpDesk.Storage;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace HelpDesk.Alerts;

/// <summary>
/// Keeps one timer, at the earliest instant any ticket's SLA status next changes (each ticket's
/// <c>NextChangeAt</c>, kept in the database), and when it fires evaluates the tickets that are due and records
/// their warnings and breaches; it is the only writer of alerts. Writes wake it, since a new event can bring the
/// earliest change forward. It works from the database alone, so after a restart the first pass records whatever
/// fell due while the service was down, each change at the instant it happened. At start-up and after each policy
/// reload it looks at every ticket once, since the policy may have changed what is due.
/// </summary>
public sealed partial class BreachWatcher : BackgroundService
{
    /// <summary>The most changes one ticket is walked through in a pass: far more than warnings and cycles make.</summary>
    private const int MostChangesPerPass = 1000;

    /// <summary>The longest the watcher sleeps without looking, so a clock that jumps is noticed.</summary>
    private static readonly TimeSpan LongestSleep = TimeSpan.FromMinutes(1);

    private static readonly TimeSpan ShortestSleep = TimeSpan.FromMilliseconds(100);

    private readonly SemaphoreSlim wake = new(0, 1);
    private readonly IServiceScopeFactory scopes;
    private readonly IClock clock;
    private readonly AlertRecorder alerts;
    private readonly PolicyFile policy;
    private readonly ILogger<BreachWatcher> logger;

    /// <summary>The policy's generation the stored next changes were planned under; none yet.</summary>
    private int plannedUnder = -1;

    /// <summary>Creates the watcher; it wakes whenever the policy file is reloaded.</summary>
    public BreachWatcher(IServiceScopeFactory scopes, IClock clock, AlertRecorder alerts, PolicyFile policy, ILogger<BreachWatcher> logger)
    {
        (this.scopes, this.clock, this.alerts, this.policy, this.logger) = (scopes, clock, alerts, policy, logger);
        policy.Replaced += Wake;
    }

    /// <summary>Asks the watcher to look again now (after a write, or when a test moves its clock).</summary>
    public void Wake()
    {
        if (wake.CurrentCount == 0)
        {
            try
            {
                wake.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another writer woke it first: once is enough.
            }
        }
    }

    /// <summary>
    /// Evaluates every ticket whose next change is due now and records its alerts; returns when the next ticket
    /// falls due, or <see langword="null"/> when none runs.
    /// </summary>
    public async Task<Instant?> ProcessDueAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HelpDeskDb>();
        var store = scope.ServiceProvider.GetRequiredService<TicketStore>();
        var now = clock.GetCurrentInstant();
        if (policy.Generation is var generation && generation != Volatile.Read(ref plannedUnder))
        {
            // Every ticket is due now (one whose change was already due keeps that instant, so its alerts keep theirs).
            await db.Tickets.Where(t => t.NextChangeAt == null || t.NextChangeAt > now)
                .ExecuteUpdateAsync(set => set.SetProperty(t => t.NextChangeAt, (Instant?)now), cancellationToken);
            Volatile.Write(ref plannedUnder, generation);
        }
        var dueIds = await db.Tickets.Where(t => t.NextChangeAt <= now).OrderBy(t => t.NextChangeAt).Select(t => t.Id).ToListAsync(cancellationToken);
        foreach (var id in dueIds)
        {
            db.ChangeTracker.Clear();
            var row = await db.Tickets.Include(t => t.Events).SingleAsync(t => t.Id == id, cancellationToken);
            if (row.NextChangeAt is not { } dueAt || dueAt > now)
            {
                continue;
            }
            row.NextChangeAt = await RecordChangesAsync(db, store, row, dueAt, now, cancellationToken);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException e) when (DatabaseErrors.IsLostRace(e))
            {
                // An event was appended meanwhile (its write made the ticket due from the event), or another instance of the desk
                // recorded the same alert first: either way the ticket is still due, and the next pass looks again.
            }
        }
        return await db.Tickets.Where(t => t.NextChangeAt != null).MinAsync(t => t.NextChangeAt, cancellationToken);
    }

    /// <summary>
    /// Records what changed in a ticket from <paramref name="dueAt"/> to <paramref name="now"/>, walking from change to change
    /// so each warning is recorded at the instant it was crossed, and returns when the ticket next changes.
    /// </summary>
    private async Task<Instant?> RecordChangesAsync(HelpDeskDb db, TicketStore store, TicketRow row, Instant dueAt, Instant now,
        CancellationToken cancellationToken)
    {
        var at = dueAt;
        for (var step = 0; step < MostChangesPerPass; step++)
        {
            var evaluation = store.Evaluate(row, at).Evaluation;
            await alerts.RecordAsync(db, evaluation, at, now, cancellationToken);
            if (at == now)
            {
                return evaluation.NextChangeAt;
            }
            // The next instant anything can change: the evaluation's next change, or the next event (which the evaluation at
            // this instant did not see yet). One at or before the instant just looked at cannot move the walk on.
            var next = Earliest(evaluation.NextChangeAt, row.Events.Where(e => e.At > at).Select(e => (Instant?)e.At).Min());
            at = next is { } change && change > at && change < now ? change : now;
        }
        // Still due: the next pass walks on from here.
        return at;
    }

    private static Instant? Earliest(Instant? a, Instant? b) => a is null ? b : b is null ? a : a < b ? a : b;

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var sleep = LongestSleep;
            try
            {
                if (await ProcessDueAsync(stoppingToken) is { } next)
                {
                    var untilNext = (next - clock.GetCurrentInstant()).ToTimeSpan();
                    // Never less than a moment, so a change due this very instant cannot spin the loop.
                    sleep = untilNext < ShortestSleep ? ShortestSleep : untilNext < sleep ? untilNext : sleep;
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LookFailed(logger, e, sleep);
            }
            try
            {
                await wake.WaitAsync(sleep, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        policy.Replaced -= Wake;
        wake.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Looking for due tickets failed; trying again in {Sleep}.")]
    private static partial void LookFailed(ILogger logger, Exception exception, TimeSpan sleep);
}
