using System.Globalization;
using HelpDesk.Storage;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Sla.Core.Compliance;

namespace HelpDesk.Alerts;

/// <summary>
/// Records the warnings and breaches an evaluation shows, each once per ticket, metric, cycle and kind: what a
/// desk notifies people of. A breach is recorded with the instant it happened; a warning with the instant it
/// was due (when the watcher's timer fired, or the write that revealed it). After the service was down, a metric
/// that crossed several warning fractions meanwhile is recorded at the highest it reached.
/// </summary>
public sealed partial class AlertRecorder(ILogger<AlertRecorder> logger)
{
    /// <summary>Adds to <paramref name="db"/> (without saving) the alerts of <paramref name="evaluation"/> not yet recorded.</summary>
    /// <param name="db">The database to add them to.</param>
    /// <param name="evaluation">The ticket's evaluation.</param>
    /// <param name="due">The instant the evaluation was made for (the warnings' instant).</param>
    /// <param name="now">When they are recorded.</param>
    /// <param name="cancellationToken">Cancels the read of the ticket's alerts so far.</param>
    /// <returns>The alerts added.</returns>
    public async Task<List<AlertRow>> RecordAsync(HelpDeskDb db, TicketEvaluation evaluation, Instant due, Instant now, CancellationToken cancellationToken)
    {
        if (!evaluation.Metrics.Any(m => m.BreachedAt is not null || m.Warning is not null))
        {
            return [];
        }
        // Those saved, and those added to this unit of work but not saved yet (the watcher records several instants of one ticket at once).
        var seen = (await db.Alerts.AsNoTracking().Where(a => a.TicketId == evaluation.TicketId)
                .Select(a => new { a.Metric, a.Cycle, a.Kind }).ToListAsync(cancellationToken))
            .Concat(db.Alerts.Local.Where(a => a.TicketId == evaluation.TicketId).Select(a => new { a.Metric, a.Cycle, a.Kind }))
            .ToList();
        var added = new List<AlertRow>();
        foreach (var result in evaluation.Metrics)
        {
            var metric = result.Metric.Id;
            var (kind, at) = result switch
            {
                { BreachedAt: { } breached } => ("breach", breached),
                { Warning: { } fraction } => ($"warning {fraction.ToString(CultureInfo.InvariantCulture)}", due),
                _ => (null, default(Instant)),
            };
            if (kind is null || seen.Any(s => s.Metric == metric && s.Cycle == result.Cycle && s.Kind == kind))
            {
                continue;
            }
            var alert = new AlertRow
            {
                TicketId = evaluation.TicketId, Metric = metric, Cycle = result.Cycle, Kind = kind,
                At = DeskRules.ToMicroseconds(at), RecordedAt = DeskRules.ToMicroseconds(now),
            };
            db.Alerts.Add(alert);
            added.Add(alert);
            Recorded(logger, alert.TicketId, metric, alert.Cycle, kind, at);
        }
        return added;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ticket {Ticket}: {Metric} (cycle {Cycle}) {Kind} at {At}.")]
    private static partial void Recorded(ILogger logger, string ticket, string metric, int cycle, string kind, Instant at);
}
