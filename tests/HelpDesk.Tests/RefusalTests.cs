using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using NodaTime;
using static HelpDesk.Tests.HelpDeskHost;
using static HelpDesk.Tests.RunningDesk;

namespace HelpDesk.Tests;

/// <summary>What the desk refuses beyond the library's checks, each with its sentence, and what it keeps meanwhile.</summary>
public sealed class RefusalTests
{
    public static TheoryData<Database> Databases => RunningDesk.Databases;

    public static TheoryData<string, string> UnaddressableIds => new()
    {
        { "a/b", "ticket id 'a/b' cannot be part of an address (/tickets/{id}): use 1 to 100 letters (A-Z, a-z), digits, '-', '_', '.' and ':', starting with a letter or digit." },
        { "", "ticket id '' cannot be part of an address (/tickets/{id}): use 1 to 100 letters (A-Z, a-z), digits, '-', '_', '.' and ':', starting with a letter or digit." },
        { "T 1", "ticket id 'T 1' cannot be part of an address (/tickets/{id}): use 1 to 100 letters (A-Z, a-z), digits, '-', '_', '.' and ':', starting with a letter or digit." },
        { "Tä\u0007", "ticket id 'T\\u00e4\\u0007' cannot be part of an address (/tickets/{id}): use 1 to 100 letters (A-Z, a-z), digits, '-', '_', '.' and ':', starting with a letter or digit." },
        { "T-1\n", "ticket id 'T-1\\u000a' cannot be part of an address (/tickets/{id}): use 1 to 100 letters (A-Z, a-z), digits, '-', '_', '.' and ':', starting with a letter or digit." },
        { "..", "ticket id '..' cannot be part of an address (/tickets/{id}): use 1 to 100 letters (A-Z, a-z), digits, '-', '_', '.' and ':', starting with a letter or digit." },
        { new string('x', 101), $"ticket id '{new string('x', 100)}x' cannot be part of an address (/tickets/{{id}}): use 1 to 100 letters (A-Z, a-z), digits, '-', '_', '.' and ':', starting with a letter or digit." },
        { "due", "ticket id 'due' is the address of the due-soon list (/tickets/due): choose another id." },
        { "Due", "ticket id 'Due' is the address of the due-soon list (/tickets/due): choose another id." },
    };

    [Theory, MemberData(nameof(UnaddressableIds))]
    public async Task An_id_that_cannot_be_addressed_is_refused(string id, string error)
    {
        await using var desk = await RunningDesk.StartAsync(Database.Sqlite);
        var ticket = new JsonObject { ["id"] = id, ["service"] = "email", ["priority"] = "P1", ["created"] = "2026-03-02T09:00:00Z" };
        await AssertRefusedAsync(HttpStatusCode.BadRequest, error, await CreateAsync(desk.Client, ticket.ToJsonString()));
        Assert.Equal(1, (await JsonAsync(await desk.Client.GetAsync("/reports/compliance")))["ticketsEvaluated"]!.GetValue<int>());
    }

    [SkippableTheory, MemberData(nameof(Databases))]
    public async Task An_id_with_every_allowed_character_reads_back_from_its_location(Database database)
    {
        await using var desk = await RunningDesk.StartAsync(database, withTicket: false);
        var created = await CreateAsync(desk.Client, """{"id":"INC:2026.03_7-b","service":"email","priority":"P1","created":"2026-03-02T09:00:00Z"}""");
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("\"0\"", created.Headers.ETag!.ToString());
        var read = await JsonAsync(await desk.Client.GetAsync(created.Headers.Location));
        Assert.Equal("INC:2026.03_7-b", read["id"]!.GetValue<string>());
    }

    [SkippableTheory, MemberData(nameof(Databases))]
    public async Task Instants_are_kept_to_the_microsecond_and_finer_ones_are_refused(Database database)
    {
        await using var desk = await RunningDesk.StartAsync(database);
        desk.Host.Clock.Advance(Duration.FromMinutes(5));
        await AssertRefusedAsync(HttpStatusCode.BadRequest, "ticket T-2: 2026-03-02T08:00:00.0000001Z is finer than a microsecond, the finest instant this desk stores.",
            await CreateAsync(desk.Client, """{"id":"T-2","service":"email","priority":"P1","created":"2026-03-02T08:00:00.0000001Z"}"""));
        await AssertRefusedAsync(HttpStatusCode.BadRequest, "ticket T-1: 2026-03-02T09:01:00.123456789Z is finer than a microsecond, the finest instant this desk stores.",
            await AppendAsync(desk.Client, "T-1", """{"at":"2026-03-02T09:01:00.123456789Z","type":"agentNote"}"""));

        Assert.Equal(HttpStatusCode.OK, (await AppendAsync(desk.Client, "T-1", """{"at":"2026-03-02T09:01:00.123456Z","type":"agentNote"}""")).StatusCode);
        var events = (await JsonAsync(await desk.Client.GetAsync("/tickets/T-1")))["events"]!.AsArray();
        Assert.Equal("2026-03-02T09:01:00.123456Z", events.Single()!["at"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_body_that_is_not_utf8_or_not_sent_as_json_is_refused_and_nothing_is_stored()
    {
        await using var desk = await RunningDesk.StartAsync(Database.Sqlite);
        desk.Host.Clock.Advance(Duration.FromMinutes(10));
        var notUtf8 = new ByteArrayContent([.. Encoding.UTF8.GetBytes("{\"at\":\"2026-03-02T09:05:00Z\",\"type\":\"status\",\"status\":\"pend"), 0xFF, .. "ing\"}"u8]);
        notUtf8.Headers.ContentType = new("application/json");
        await AssertRefusedAsync(HttpStatusCode.BadRequest, "the body is not UTF-8: send JSON encoded as UTF-8.",
            await desk.Client.PostAsync("/tickets/T-1/events", notUtf8));
        await AssertRefusedAsync(HttpStatusCode.UnsupportedMediaType, "send the body as JSON (Content-Type: application/json).",
            await desk.Client.PostAsync("/tickets/T-1/events", new StringContent("""{"at":"2026-03-02T09:05:00Z","type":"agentReply"}""", Encoding.UTF8, "text/plain")));
        await AssertRefusedAsync(HttpStatusCode.UnsupportedMediaType, "send the body as JSON (Content-Type: application/json).",
            await desk.Client.PostAsync("/tickets", new StringContent("""{"id":"T-2","service":"email","priority":"P1","created":"2026-03-02T09:00:00Z"}""", Encoding.UTF8, "text/plain")));
        Assert.Equal(0, (await JsonAsync(await desk.Client.GetAsync("/tickets/T-1")))["version"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.NotFound, (await desk.Client.GetAsync("/tickets/T-2")).StatusCode);
    }

    [Fact]
    public async Task An_address_or_method_the_api_does_not_have_is_answered_with_a_sentence()
    {
        await using var desk = await RunningDesk.StartAsync(Database.Sqlite);
        await AssertRefusedAsync(HttpStatusCode.NotFound, "there is nothing at /ticket/T-1: the README lists this desk's addresses.",
            await desk.Client.GetAsync("/ticket/T-1"));
        await AssertRefusedAsync(HttpStatusCode.MethodNotAllowed, "/tickets/T-1 does not take DELETE; it takes GET.",
            await desk.Client.DeleteAsync("/tickets/T-1"));
        // A refusal the desk words itself is left as it is.
        await AssertRefusedAsync(HttpStatusCode.NotFound, "ticket T-9 does not exist.", await desk.Client.GetAsync("/tickets/T-9"));
    }

    [Fact]
    public async Task A_ticket_with_more_events_than_the_desk_keeps_is_refused()
    {
        await using var desk = await RunningDesk.StartAsync(Database.Sqlite, withTicket: false);
        var events = string.Join(',', Enumerable.Repeat("""{"at":"2026-03-02T08:30:00Z","type":"agentNote"}""", 10_001));
        await AssertRefusedAsync(HttpStatusCode.BadRequest, "ticket T-2 would have 10,001 events; this desk keeps at most 10,000 per ticket.",
            await CreateAsync(desk.Client, $$"""{"id":"T-2","service":"email","priority":"P1","created":"2026-03-02T08:00:00Z","events":[{{events}}]}"""));
        Assert.Equal(HttpStatusCode.NotFound, (await desk.Client.GetAsync("/tickets/T-2")).StatusCode);
    }

    [Fact]
    public async Task An_event_as_a_ticket_shows_it_can_be_posted_back()
    {
        await using var desk = await RunningDesk.StartAsync(Database.Sqlite);
        desk.Host.Clock.Advance(Duration.FromMinutes(10));
        await AppendAsync(desk.Client, "T-1", """{"at":"2026-03-02T09:05:00Z","type":"assigned","group":"L2"}""");
        var shown = (await JsonAsync(await desk.Client.GetAsync("/tickets/T-1")))["events"]![0]!;
        Assert.Equal(HttpStatusCode.OK, (await AppendAsync(desk.Client, "T-1", Text(shown))).StatusCode);
        Assert.Equal(2, (await JsonAsync(await desk.Client.GetAsync("/tickets/T-1")))["version"]!.GetValue<int>());
    }

    public static TheoryData<string, string> BadIfMatch => new()
    {
        { "W/\"0\"", "If-Match must be one version this service gave, in quotes (such as \"3\"), or *; not W/\"0\"." },
        { "\"-1\"", "If-Match must be one version this service gave, in quotes (such as \"3\"), or *; not \"-1\"." },
        { "\"0\",\"1\"", "If-Match must be one version this service gave, in quotes (such as \"3\"), or *; not \"0\",\"1\"." },
        { "0", "If-Match must be one version this service gave, in quotes (such as \"3\"), or *; not 0." },
        { "\"soon\"", "If-Match must be one version this service gave, in quotes (such as \"3\"), or *; not \"soon\"." },
    };

    [Theory, MemberData(nameof(BadIfMatch))]
    public async Task An_if_match_that_names_no_single_version_is_refused(string ifMatch, string error)
    {
        await using var desk = await RunningDesk.StartAsync(Database.Sqlite);
        desk.Host.Clock.Advance(Duration.FromMinutes(10));
        await AssertRefusedAsync(HttpStatusCode.BadRequest, error, await AppendWithIfMatchAsync(desk.Client, ifMatch));
        Assert.Equal(0, (await JsonAsync(await desk.Client.GetAsync("/tickets/T-1")))["version"]!.GetValue<int>());
    }

    [Fact]
    public async Task An_if_match_star_appends_to_whatever_version_the_ticket_is_at()
    {
        await using var desk = await RunningDesk.StartAsync(Database.Sqlite);
        desk.Host.Clock.Advance(Duration.FromMinutes(10));
        var appended = await AppendWithIfMatchAsync(desk.Client, "*");
        Assert.Equal(HttpStatusCode.OK, appended.StatusCode);
        Assert.Equal("\"1\"", appended.Headers.ETag!.ToString());
    }

    [Fact]
    public async Task Deadlines_for_a_body_without_service_or_not_json_are_refused_in_the_api_words()
    {
        await using var desk = await RunningDesk.StartAsync(Database.Sqlite, withTicket: false);
        await AssertRefusedAsync(HttpStatusCode.BadRequest, "service and priority are required, such as {\"service\":\"email\",\"priority\":\"P1\"}.",
            await desk.Client.PostAsync("/deadlines", Json("{}")));
        await AssertRefusedAsync(HttpStatusCode.BadRequest, "the body is not the JSON this request takes (at position 12).",
            await desk.Client.PostAsync("/deadlines", Json("""{"service":""")));
        await AssertRefusedAsync(HttpStatusCode.BadRequest, "the body is not the JSON this request takes (at position 13).",
            await desk.Client.PostAsync("/deadlines", Json("""{"service":1}""")));
        await AssertRefusedAsync(HttpStatusCode.UnsupportedMediaType, "send the body as JSON (Content-Type: application/json).",
            await desk.Client.PostAsync("/deadlines", new StringContent("service=email", Encoding.UTF8, "text/plain")));
        Assert.Equal(HttpStatusCode.OK, (await desk.Client.PostAsJsonAsync("/deadlines", new { service = "email", priority = "P1" })).StatusCode);
    }

    [Theory]
    [InlineData("PT99999999H", "within: 'PT99999999H' is not a window ahead; use more than zero and at most 366 days (PT8784H).")]
    [InlineData("-PT1H", "within: '-PT1H' is not a window ahead; use more than zero and at most 366 days (PT8784H).")]
    [InlineData("PT0S", "within: 'PT0S' is not a window ahead; use more than zero and at most 366 days (PT8784H).")]
    public async Task A_due_soon_window_that_is_not_ahead_is_refused(string within, string error)
    {
        await using var desk = await RunningDesk.StartAsync(Database.Sqlite);
        await AssertRefusedAsync(HttpStatusCode.BadRequest, error, await desk.Client.GetAsync($"/tickets/due?within={within}"));
    }

    [Theory]
    [InlineData("month,quarter")]
    [InlineData("1")]
    [InlineData("Month, Week")]
    public async Task A_report_period_is_one_of_the_three_names(string period)
    {
        await using var desk = await RunningDesk.StartAsync(Database.Sqlite);
        await AssertRefusedAsync(HttpStatusCode.BadRequest, $"period: '{period}' is not a reporting period; use week, month or quarter.",
            await desk.Client.GetAsync($"/reports/compliance?period={Uri.EscapeDataString(period)}"));
        Assert.Equal(HttpStatusCode.OK, (await desk.Client.GetAsync("/reports/compliance?period=WEEK")).StatusCode);
    }

    private static Task<HttpResponseMessage> AppendWithIfMatchAsync(HttpClient client, string ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/tickets/T-1/events") { Content = Json("""{"at":"2026-03-02T09:05:00Z","type":"agentReply"}""") };
        request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return client.SendAsync(request);
    }
}
