using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using HelpDesk.Alerts;
using HelpDesk.Policies;
using HelpDesk.Storage;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Sla.Core.Compliance;
using Sla.Core.Json.Tickets;
using Sla.Core.Policies;
using Sla.Core.Reports;
using Sla.Core.Text;
using Sla.Core.Tickets;

namespace HelpDesk.Tickets;

/// <summary>A ticket as the API shows it: what it was created with, its events, its version and where each metric stands now.</summary>
/// <param name="Id">The ticket's id.</param>
/// <param name="Service">Its service at creation.</param>
/// <param name="Priority">Its priority at creation.</param>
/// <param name="Created">When it was created.</param>
/// <param name="Attributes">Its attributes at creation.</param>
/// <param name="Version">How many events it has; send it back as <c>If-Match</c> to append only if nothing changed.</param>
/// <param name="Events">Its events, in order, in the form they are posted in (as a tickets file holds them).</param>
/// <param name="Evaluation">Each metric's status, deadline, remaining time and next change, now.</param>
public sealed record TicketView(string Id, string Service, string Priority, Instant Created, IReadOnlyDictionary<string, string> Attributes,
    int Version, IReadOnlyList<JsonNode> Events, TicketEvaluation Evaluation)
{
    /// <summary>The view of a stored ticket, its events in the form they are posted in.</summary>
    public static TicketView Of(StoredTicket stored) => new(stored.Ticket.Id, stored.Ticket.Service, stored.Ticket.Priority, stored.Ticket.Created,
        stored.Ticket.Attributes, stored.Version, [.. stored.Ticket.Events.Select(e => JsonNode.Parse(TicketDocument.FormatEvent(e))!)], stored.Evaluation);
}

/// <summary>A ticket about to be filed: what its deadlines depend on.</summary>
/// <param name="Service">Its service.</param>
/// <param name="Priority">Its priority.</param>
/// <param name="Attributes">Its attributes (such as the customer's tier), which may choose a variant of the service's targets.</param>
public sealed record NewTicket(string Service, string Priority, Dictionary<string, string>? Attributes);

/// <summary>A running metric whose deadline falls within the asked window.</summary>
/// <param name="TicketId">The ticket.</param>
/// <param name="Metric">The metric's id.</param>
/// <param name="Cycle">Its cycle.</param>
/// <param name="Status">Running or at risk.</param>
/// <param name="Deadline">Its deadline.</param>
/// <param name="Remaining">The business time left.</param>
public sealed record DueMetric(string TicketId, string Metric, int Cycle, MetricStatus Status, Instant Deadline, Duration? Remaining);

/// <summary>The desk's HTTP API.</summary>
public static class TicketEndpoints
{
    /// <summary>Maps the tickets, alerts, report and policy endpoints.</summary>
    public static void MapHelpDesk(this IEndpointRouteBuilder app)
    {
        app.MapPost("/deadlines", Deadlines);
        app.MapPost("/tickets", CreateAsync);
        app.MapGet("/tickets/{id}", GetAsync);
        app.MapPost("/tickets/{id}/events", AppendAsync);
        app.MapGet("/tickets/due", DueAsync);
        app.MapGet("/alerts", AlertsAsync);
        app.MapGet("/reports/compliance", ReportAsync);
        app.MapGet("/policy", (PolicyFile policy) => new
        {
            policy.Current.Id,
            Versions = policy.Current.Versions.Select(v => new { v.Version, v.EffectiveFrom }),
            RefusedEdit = policy.Refusal,
        });
    }

    /// <summary>The longest window <c>/tickets/due</c> looks ahead: a year, far beyond any target, and far from the end of time.</summary>
    private static readonly Duration LongestWindow = Duration.FromDays(366);

    private static readonly Dictionary<string, ReportingPeriod> Periods = new(StringComparer.OrdinalIgnoreCase)
    {
        ["week"] = ReportingPeriod.Week, ["month"] = ReportingPeriod.Month, ["quarter"] = ReportingPeriod.Quarter,
    };

    /// <summary>The deadlines a ticket filed now would get: what a form shows while the customer is still typing.</summary>
    private static IResult Deadlines(NewTicket ticket, PolicyFile policies, IClock clock)
    {
        if (string.IsNullOrEmpty(ticket.Service) || string.IsNullOrEmpty(ticket.Priority))
        {
            return Problem("service and priority are required, such as {\"service\":\"email\",\"priority\":\"P1\"}.");
        }
        var created = clock.GetCurrentInstant();
        var version = policies.Current.VersionAt(created);
        if (version is null)
        {
            return Problem($"no version of policy {policies.Current.Id} is in force at {InstantText.Format(created)}.");
        }
        // Deadlines throws for a service or priority the version does not have: check them at the edge.
        if (version.Service(ticket.Service) is null || !version.Priorities.Contains(ticket.Priority))
        {
            return Problem($"policy version {version.Version} has services {string.Join(", ", version.Services.Select(s => s.Id))} " +
                $"and priorities {string.Join(", ", version.Priorities)}; '{ticket.Service}' with '{ticket.Priority}' is not among them.");
        }
        return Results.Ok(version.Deadlines(ticket.Service, ticket.Priority, created, ticket.Attributes ?? []));
    }

    /// <summary>Creates a ticket from a ticket document (one line of a tickets file: id, service, priority, created, attributes, events).</summary>
    private static async Task<IResult> CreateAsync(HttpRequest request, TicketStore store, BreachWatcher watcher, CancellationToken cancellationToken)
    {
        var (body, unreadable) = await ReadBodyAsync(request, cancellationToken);
        if (unreadable is not null)
        {
            return unreadable;
        }
        if (!TicketDocument.TryParseLine(body!, 1, out var ticket, out _, out var error))
        {
            return Problem(error!);
        }
        var written = await store.CreateAsync(ticket, cancellationToken);
        watcher.Wake();
        return Answer(written, created: true, request.HttpContext.Response);
    }

    private static async Task<IResult> GetAsync(string id, TicketStore store, HttpResponse response, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(id, cancellationToken) is not { } stored)
        {
            return Results.NotFound(new { error = $"ticket {id} does not exist." });
        }
        response.Headers.ETag = $"\"{stored.Version}\"";
        return Results.Ok(TicketView.Of(stored));
    }

    /// <summary>Appends one event (as a ticket's events list holds it); <c>If-Match: "N"</c> appends only to version N.</summary>
    private static async Task<IResult> AppendAsync(string id, HttpRequest request, TicketStore store, BreachWatcher watcher, CancellationToken cancellationToken)
    {
        if (!TryReadIfMatch(request, out var expected, out var ifMatchProblem))
        {
            return Problem(ifMatchProblem);
        }
        var (body, unreadable) = await ReadBodyAsync(request, cancellationToken);
        if (unreadable is not null)
        {
            return unreadable;
        }
        if (!TicketDocument.TryParseEvent(body!, out var ticketEvent, out var error))
        {
            return Problem(error!);
        }
        var written = await store.AppendAsync(id, ticketEvent, expected, cancellationToken);
        watcher.Wake();
        return Answer(written, created: false, request.HttpContext.Response);
    }

    /// <summary>Running metrics whose deadline falls within <c>within</c> (an ISO duration, four hours by default), soonest first.</summary>
    private static async Task<IResult> DueAsync(string? within, HelpDeskDb db, TicketStore store, IClock clock, CancellationToken cancellationToken)
    {
        var window = Duration.FromHours(4);
        if (within is not null && !DurationText.TryParse(within, out window, out var problem))
        {
            return Problem($"within: {problem}");
        }
        if (window <= Duration.Zero || window > LongestWindow)
        {
            return Problem($"within: '{within}' is not a window ahead; use more than zero and at most 366 days ({DurationText.Format(LongestWindow)}).");
        }
        var now = clock.GetCurrentInstant();
        var until = now + window;
        // A deadline is never before its ticket's next change, so the index narrows the tickets to look at.
        var rows = await db.Tickets.AsNoTracking().Include(t => t.Events).Where(t => t.NextChangeAt <= until).ToListAsync(cancellationToken);
        var due = rows.SelectMany(row => store.Evaluate(row, now).Evaluation.Metrics
                .Where(m => m.Status is MetricStatus.Running or MetricStatus.AtRisk && m.Deadline <= until)
                .Select(m => new DueMetric(row.Id, m.Metric.Id, m.Cycle, m.Status, m.Deadline!.Value, m.Remaining)))
            .OrderBy(d => d.Deadline).ThenBy(d => d.TicketId, StringComparer.Ordinal)
            .ToList();
        return Results.Ok(due);
    }

    private static async Task<IResult> AlertsAsync(string? ticket, HelpDeskDb db, CancellationToken cancellationToken)
    {
        var alerts = db.Alerts.AsNoTracking();
        if (ticket is not null)
        {
            alerts = alerts.Where(a => a.TicketId == ticket);
        }
        var list = await alerts.OrderBy(a => a.Id).ToListAsync(cancellationToken);
        return Results.Ok(list.Select(a => new { ticket = a.TicketId, a.Metric, a.Cycle, a.Kind, a.At, a.RecordedAt }));
    }

    /// <summary>The compliance report over every stored ticket, as of now: JSON, or <c>?format=html</c> for the HTML report.</summary>
    private static async Task<IResult> ReportAsync(string? format, string? period, HelpDeskDb db, TicketStore store, PolicyFile policy, IClock clock,
        CancellationToken cancellationToken)
    {
        format = format?.ToLowerInvariant();
        if (format is not (null or "json" or "html"))
        {
            return Problem($"format: '{format}' is not a report format; use json or html.");
        }
        if (!Periods.TryGetValue(period ?? "month", out var reportingPeriod))
        {
            return Problem($"period: '{period}' is not a reporting period; use week, month or quarter.");
        }
        var now = clock.GetCurrentInstant();
        var current = policy.Current;
        var builder = new ComplianceReportBuilder(current, reportingPeriod);
        await foreach (var row in db.Tickets.AsNoTracking().Include(t => t.Events).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            builder.Add(store.Evaluate(row, now).Evaluation);
        }
        var report = builder.Build();
        return format == "html"
            ? Results.Content(ComplianceReportHtml.Render(current, report, now), "text/html; charset=utf-8")
            : Results.Ok(report);
    }

    /// <summary>The answer to a write; a stored ticket, or the one a stale write lost to, carries its version as the ETag.</summary>
    private static IResult Answer(WriteResult written, bool created, HttpResponse response)
    {
        if (written is { Outcome: WriteOutcome.Stored or WriteOutcome.Conflict, Ticket: { } ticket })
        {
            response.Headers.ETag = $"\"{ticket.Version}\"";
        }
        return written.Outcome switch
        {
            WriteOutcome.Stored when created => Results.Created($"/tickets/{Uri.EscapeDataString(written.Ticket!.Ticket.Id)}", TicketView.Of(written.Ticket)),
            WriteOutcome.Stored => Results.Ok(TicketView.Of(written.Ticket!)),
            WriteOutcome.NotFound => Results.NotFound(new { error = written.Error }),
            WriteOutcome.Conflict => Results.Conflict(new { error = written.Error, ticket = written.Ticket is { } t ? TicketView.Of(t) : null }),
            _ => Problem(written.Error!),
        };
    }

    private static IResult Problem(string error) => Results.BadRequest(new { error });

    /// <summary>
    /// Reads <c>If-Match</c>: absent or <c>*</c> (the ticket exists) appends to whatever version the ticket is at; one strong
    /// tag naming a version (<c>"3"</c>, as this service's ETags are) appends only to that version. A weak tag never matches
    /// (If-Match compares exactly), and a list is refused, since one writer read one version.
    /// </summary>
    private static bool TryReadIfMatch(HttpRequest request, out int? expected, [NotNullWhen(false)] out string? problem)
    {
        (expected, problem) = (null, null);
        var header = request.Headers.IfMatch.ToString();
        if (header.Length == 0 || header.Trim() == "*")
        {
            return true;
        }
        var tag = header.Trim();
        if (tag.Length > 2 && tag[0] == '"' && tag[^1] == '"'
            && int.TryParse(tag.AsSpan(1, tag.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            expected = version;
            return true;
        }
        problem = $"If-Match must be one version this service gave, in quotes (such as \"3\"), or *; not {header}.";
        return false;
    }

    /// <summary>
    /// Reads a JSON body as text, refusing one not sent as JSON (415) and one that is not UTF-8 (400): decoding must not
    /// quietly replace bytes, or what is stored would differ from what was sent.
    /// </summary>
    private static async Task<(string? Body, IResult? Refusal)> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!request.HasJsonContentType())
        {
            return (null, Results.Json(new { error = RefusalsInWords.NotJson }, statusCode: StatusCodes.Status415UnsupportedMediaType));
        }
        using var reader = new StreamReader(request.Body, StrictUtf8);
        try
        {
            return (await reader.ReadToEndAsync(cancellationToken), null);
        }
        catch (DecoderFallbackException)
        {
            return (null, Problem("the body is not UTF-8: send JSON encoded as UTF-8."));
        }
    }

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
}
