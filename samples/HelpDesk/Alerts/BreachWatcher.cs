using HelpDesk.Storage;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace HelpDesk.Alerts;

/// <summary>
/// Keeps one timer, at the earliest instant any ticket's SLA status next changes (each ticket's
/// <c>NextChangeAt</c>, kept in the database), and when it fires evaluates the tickets that are due and records
/// their warnings and breaches. Writes wake it, since a new event can bring the earliest change forward. It works
/// from the database alone, so after a restart the first pass records whatever fell due while the service was down.
/// </summary>
public sealed partial class BreachWatcher(IServiceScopeFactory scopes, IClock clock, AlertRecorder alerts, ILogger<BreachWatcher> logger) : BackgroundService
{
    /// <summary>The longest the watcher sleeps without looking, so a clock that jumps is noticed.</summary>
    private static readonly TimeSpan LongestSleep = TimeSpan.FromMinutes(1);

    private static readonly TimeSpan ShortestSleep = TimeSpan.FromMilliseconds(100);

    private readonly SemaphoreSlim wake = new(0, 1);

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
        var dueIds = await db.Tickets.Where(t => t.NextChangeAt <= now).OrderBy(t => t.NextChangeAt).Select(t => t.Id).ToListAsync(cancellationToken);
        foreach (var id in dueIds)
        {
            db.ChangeTracker.Clear();
            var row = await db.Tickets.Include(t => t.Events).SingleAsync(t => t.Id == id, cancellationToken);
            if (row.NextChangeAt is not { } dueAt || dueAt > now)
            {
                continue;
            }
            var evaluation = store.Evaluate(row, now).Evaluation;
            await alerts.RecordAsync(db, evaluation, dueAt, now, cancellationToken);
            row.NextChangeAt = evaluation.NextChangeAt;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                // An event was appended meanwhile; its write evaluated the ticket and recorded what it showed.
            }
        }
        return await db.Tickets.Where(t => t.NextChangeAt != null).MinAsync(t => t.NextChangeAt, cancellationToken);
    }

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
        wake.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Looking for due tickets failed; trying again in {Sleep}.")]
    private static partial void LookFailed(ILogger logger, Exception exception, TimeSpan sleep);
}
