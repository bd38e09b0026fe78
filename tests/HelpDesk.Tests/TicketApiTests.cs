using System.Net;
using System.Text.Json.Nodes;
using NodaTime;
using static HelpDesk.Tests.HelpDeskHost;
using static HelpDesk.Tests.RunningDesk;

namespace HelpDesk.Tests;

/// <summary>The ticket endpoints through real HTTP, on SQLite and on PostgreSQL.</summary>
public sealed class TicketApiTests
{
    public static TheoryData<Database> Databases => RunningDesk.Databases;

    [SkippableTheory, MemberData(nameof(Databases))]
    public async Task A_new_ticket_shows_each_metric_with_its_deadline_remaining_time_and_next_change(Database database)
    {
        await using var desk = await RunningDesk.StartAsync(database, withTicket: false);
        var (host, client) = (desk.Host, desk.Client);

        var created = await CreateAsync(client, NewTicket);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/tickets/T-1", created.Headers.Location!.ToString());
        var view = await JsonAsync(created);
        Assert.Equal(0, view["version"]!.GetValue<int>());
        var firstResponse = Metric(view, "firstResponse");
        Assert.Equal("running", firstResponse["status"]!.GetValue<string>());
        Assert.Equal("2026-03-02T09:15:00Z", firstResponse["deadline"]!.GetValue<string>());
        Assert.Equal("PT15M", firstResponse["remaining"]!.GetValue<string>());
        // The first warning (half the target) is the first change: the time a host sets its timer for.
        Assert.Equal("2026-03-02T09:07:30Z", firstResponse["nextChangeAt"]!.GetValue<string>());

        host.Clock.Advance(Duration.FromMinutes(5));
        var read = await client.GetAsync("/tickets/T-1");
        Assert.Equal("\"0\"", read.Headers.ETag!.ToString());
        Assert.Equal("PT10M", Metric(await JsonAsync(read), "firstResponse")["remaining"]!.GetValue<string>());

        var replied = await AppendAsync(client, "T-1", """{"at":"2026-03-02T09:05:00Z","type":"agentReply"}""");
        Assert.Equal(HttpStatusCode.OK, replied.StatusCode);
        Assert.Equal("\"1\"", replied.Headers.ETag!.ToString());
        var after = await JsonAsync(replied);
        Assert.Equal("met", Metric(after, "firstResponse")["status"]!.GetValue<string>());
        // Events are shown in the form they are posted in, so a client can send one back as it is.
        Assert.Equal("""{"at":"2026-03-02T09:05:00Z","type":"agentReply"}""", Text(after["events"]![0]));
    }

    [SkippableTheory, MemberData(nameof(Databases))]
    public async Task Bad_input_is_refused_with_the_library_sentence_and_changes_nothing(Database database)
    {
        await using var desk = await RunningDesk.StartAsync(database);
        var (host, client) = (desk.Host, desk.Client);
        host.Clock.Advance(Duration.FromMinutes(10));

        await AssertRefusedAsync(HttpStatusCode.BadRequest, "line 1 is not JSON at position 7: Expected depth to be zero at the end of the JSON payload. There is an open JSON object or array that should be closed.",
            await CreateAsync(client, """{"id":"""));
        await AssertRefusedAsync(HttpStatusCode.BadRequest, "ticket T-2: service 'fax' is not in policy version 2026.1; the services are email, erp.",
            await CreateAsync(client, """{"id":"T-2","service":"fax","priority":"P1","created":"2026-03-02T09:00:00Z"}"""));
        await AssertRefusedAsync(HttpStatusCode.Conflict, "ticket T-1 already exists.", await CreateAsync(client, NewTicket));
        await AssertRefusedAsync(HttpStatusCode.BadRequest, "the event has an unknown type 'call': use agentReply, agentNote, customerMessage, status, priority, resolved, reopened, assigned, attribute, service.",
            await AppendAsync(client, "T-1", """{"at":"2026-03-02T09:05:00Z","type":"call"}"""));
        await AssertRefusedAsync(HttpStatusCode.BadRequest, "the event (status): \"status\" is missing.",
            await AppendAsync(client, "T-1", """{"at":"2026-03-02T09:05:00Z","type":"status"}"""));
        await AssertRefusedAsync(HttpStatusCode.BadRequest, "ticket T-1: event 1 (agentReply at 2026-03-02T08:00:00Z) is before the ticket was created at 2026-03-02T09:00:00Z.",
            await AppendAsync(client, "T-1", """{"at":"2026-03-02T08:00:00Z","type":"agentReply"}"""));
        await AssertRefusedAsync(HttpStatusCode.BadRequest, "ticket T-1: event 1 (priority P9 at 2026-03-02T09:05:00Z) names priority 'P9', which is not in policy version 2026.1; the priorities are P1, P2, P3, P4.",
            await AppendAsync(client, "T-1", """{"at":"2026-03-02T09:05:00Z","type":"priority","priority":"P9"}"""));
        await AssertRefusedAsync(HttpStatusCode.BadRequest, "ticket T-1: the event (agentReply at 2026-03-02T09:30:00Z) is after now (2026-03-02T09:10:00Z): record events as they happen.",
            await AppendAsync(client, "T-1", """{"at":"2026-03-02T09:30:00Z","type":"agentReply"}"""));
        await AssertRefusedAsync(HttpStatusCode.BadRequest, "ticket T-4 is created at 2026-03-02T10:00:00Z, after now (2026-03-02T09:10:00Z): record tickets as they arrive.",
            await CreateAsync(client, """{"id":"T-4","service":"email","priority":"P1","created":"2026-03-02T10:00:00Z"}"""));
        await AssertRefusedAsync(HttpStatusCode.NotFound, "ticket T-9 does not exist.",
            await AppendAsync(client, "T-9", """{"at":"2026-03-02T09:05:00Z","type":"agentReply"}"""));
        await AssertRefusedAsync(HttpStatusCode.NotFound, "ticket T-9 does not exist.", await client.GetAsync("/tickets/T-9"));

        var view = await JsonAsync(await client.GetAsync("/tickets/T-1"));
        Assert.Equal(0, view["version"]!.GetValue<int>());
        Assert.Empty(view["events"]!.AsArray());
        Assert.Equal("2026-03-02T09:15:00Z", Metric(view, "firstResponse")["deadline"]!.GetValue<string>());
        // The refused tickets were not stored either.
        Assert.Equal(1, JsonNode.Parse(await client.GetStringAsync("/reports/compliance"))!["ticketsEvaluated"]!.GetValue<int>());
    }

    [SkippableTheory, MemberData(nameof(Databases))]
    public async Task Concurrent_appends_lose_no_event_and_a_stale_write_gets_409(Database database)
    {
        await using var desk = await RunningDesk.StartAsync(database);
        var (host, client) = (desk.Host, desk.Client);
        host.Clock.Advance(Duration.FromMinutes(5));

        // Twenty notes at once, without If-Match: each lands, each with its own version.
        var notes = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ =>
            AppendAsync(client, "T-1", """{"at":"2026-03-02T09:01:00Z","type":"agentNote"}""")));
        Assert.All(notes, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(Enumerable.Range(1, 20), notes.Select(r => int.Parse(r.Headers.ETag!.Tag.Trim('"'), System.Globalization.CultureInfo.InvariantCulture)).Order());
        var view = await JsonAsync(await client.GetAsync("/tickets/T-1"));
        Assert.Equal(20, view["version"]!.GetValue<int>());
        Assert.Equal(20, view["events"]!.AsArray().Count);

        // Ten writers that all read version 20: one appends, nine are told their copy is stale.
        var racing = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ =>
            AppendAsync(client, "T-1", """{"at":"2026-03-02T09:02:00Z","type":"agentReply"}""", ifMatch: 20)));
        Assert.Single(racing, r => r.StatusCode == HttpStatusCode.OK);
        Assert.Equal(9, racing.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        var stale = await JsonAsync(racing.First(r => r.StatusCode == HttpStatusCode.Conflict));
        Assert.Equal("ticket T-1 has changed since version 20 (it is at version 21): read it again and retry.", stale["error"]!.GetValue<string>());
        Assert.Equal(21, stale["ticket"]!["version"]!.GetValue<int>());
        Assert.Equal(21, (await JsonAsync(await client.GetAsync("/tickets/T-1")))["events"]!.AsArray().Count);
    }

    [SkippableTheory, MemberData(nameof(Databases))]
    public async Task Due_soon_lists_running_deadlines_soonest_first(Database database)
    {
        await using var desk = await RunningDesk.StartAsync(database);
        var (host, client) = (desk.Host, desk.Client);
        await CreateAsync(client, """{"id":"T-2","service":"email","priority":"P1","created":"2026-03-02T08:55:00Z"}""");
        await CreateAsync(client, """{"id":"T-3","service":"email","priority":"P1","created":"2026-03-02T08:50:00Z","events":[{"at":"2026-03-02T08:51:00Z","type":"agentReply"}]}""");

        var due = await GetArrayAsync(client, "/tickets/due?within=PT15M");
        Assert.Equal(["T-2 firstResponse 2026-03-02T09:10:00Z", "T-1 firstResponse 2026-03-02T09:15:00Z"],
            due.Select(d => $"{d!["ticketId"]} {d["metric"]} {d["deadline"]}"));
        // T-3 was answered: its first response is met, and the agreement's update clock runs from the reply.
        Assert.Equal(["T-2 firstResponse", "T-1 firstResponse", "T-3 update"],
            (await GetArrayAsync(client, "/tickets/due?within=PT2H")).Select(d => $"{d!["ticketId"]} {d["metric"]}"));
        await AssertRefusedAsync(HttpStatusCode.BadRequest, "within: 'soon' is not a duration: write ISO-8601 such as PT8H30M, PT45S or -PT2H, or the shorthand 8h30m, 45m, 90s.",
            await client.GetAsync("/tickets/due?within=soon"));
    }

    [SkippableTheory, MemberData(nameof(Databases))]
    public async Task The_compliance_report_covers_every_ticket_in_json_and_html(Database database)
    {
        await using var desk = await RunningDesk.StartAsync(database);
        var (host, client) = (desk.Host, desk.Client);
        await CreateAsync(client, """{"id":"T-2","service":"email","priority":"P1","created":"2026-03-02T08:00:00Z","events":[{"at":"2026-03-02T08:30:00Z","type":"agentReply"}]}""");

        var report = JsonNode.Parse(await client.GetStringAsync("/reports/compliance"))!;
        Assert.Equal(2, report["ticketsEvaluated"]!.GetValue<int>());
        var firstResponse = report["rows"]!.AsArray().Single(r => r!["metric"]!.GetValue<string>() == "firstResponse" && r["priority"]!.GetValue<string>() == "P1");
        Assert.Equal(1, firstResponse!["count"]!.GetValue<int>());
        Assert.Equal(0, firstResponse["met"]!.GetValue<int>());

        var html = await client.GetAsync("/reports/compliance?format=HTML");
        Assert.Equal("text/html; charset=utf-8", html.Content.Headers.ContentType!.ToString());
        var page = await html.Content.ReadAsStringAsync();
        Assert.StartsWith("<!DOCTYPE html>", page, StringComparison.Ordinal);
        Assert.Contains("as of 2026-03-02T09:00:00Z: 2 tickets evaluated, 0 rejected.", page, StringComparison.Ordinal);
        await AssertRefusedAsync(HttpStatusCode.BadRequest, "format: 'xml' is not a report format; use json or html.", await client.GetAsync("/reports/compliance?format=xml"));
    }
}
