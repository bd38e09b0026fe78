using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using Sla.Core.Json.Availability;
using Sla.Core.Json.Calendars;
using Sla.Core.Json.Policies;
using Sla.Core.Json.Tickets;
using Sla.Tests.Shared;

namespace Sla.Core.Json.Tests.Robustness;

/// <summary>Every reader, fed broken documents: only documented outcomes (a value, or problems with paths), never an exception.</summary>
public sealed class HostileDocumentTests
{
    private const string Calendar = """
        { "id": "office", "timeZone": "Europe/London",
          "weekly": { "monday": ["09:00-17:00"], "tuesday": ["09:00-17:00"] },
          "rules": [ { "name": "Christmas", "month": 12, "day": 25, "observed": "nextWeekday" } ],
          "exceptions": [ { "date": "2027-01-09", "name": "Working Saturday", "hours": ["09:00-13:00"] } ] }
        """;

    private const string Policy = """
        { "id": "p", "name": "P", "versions": [ { "version": "v1", "effectiveFrom": "2026-01-01T00:00:00Z",
          "calendars": [ { "id": "office", "timeZone": "UTC", "weekly": { "monday": ["09:00-17:00"] } } ],
          "priorities": ["P1"], "warningAt": 0.75,
          "services": [ { "id": "email", "name": "E-mail", "targets": { "P1": {
            "firstResponse": { "within": "PT1H", "calendar": "office" }, "resolution": { "businessDays": 2, "cutoff": "16:00" } } } } ],
          "objectives": [ { "service": "email", "priority": "P1", "metric": "resolution", "atLeast": 0.95, "period": "month" } ] } ] }
        """;

    private const string TicketLine = """{"id":"T-1","service":"email","priority":"P1","created":"2026-03-02T06:15:00Z","events":[{"at":"2026-03-02T06:40:00Z","type":"agentReply"},{"at":"2026-03-02T08:00:00Z","type":"status","status":"pending"}]}""";

    private const string OutageLine = """{"id":"O-1","service":"email","start":"2026-01-04T11:07:00Z","end":"2026-01-04T12:50:00Z","planned":false}""";

    private static string[] CalendarProblems(string json) =>
        CalendarDocument.TryParse(json, out _, out var problems) ? [] : [.. problems.Select(p => p.ToString())];

    private static string[] PolicyProblems(string json) =>
        PolicyDocument.TryParse(json, out _, out var problems) ? [] : [.. problems.Where(p => p.Severity == Validation.ValidationSeverity.Error).Select(p => p.ToString())];

    [Theory]
    [InlineData("{\"id\":123,\"service\":\"email\",\"priority\":\"P1\",\"created\":\"2026-03-02T09:00:00Z\"}", "line 1: \"id\" must be a string, found the number 123.")]
    [InlineData("{\"service\":\"email\",\"priority\":\"P1\",\"created\":\"2026-03-02T09:00:00Z\"}", "line 1: the ticket has no \"id\" (a string).")]
    [InlineData("{\"id\":null,\"service\":7}", "line 1: the ticket has no \"id\" (a string).")]
    public void A_line_without_a_usable_id_says_what_is_wrong_with_it(string line, string expected)
    {
        Assert.False(TicketDocument.TryParseLine(line, 1, out _, out var id, out var error));
        Assert.Null(id);
        Assert.Equal(expected, error);
    }

    [Theory]
    [InlineData("{\"id\":\"a\",}", "line 1 is not JSON at position 11: The JSON object contains a trailing comma at the end which is not supported in this mode.")]
    [InlineData("/* c */ {}", "line 1 is not JSON at position 1: '/' is an invalid start of a value.")]
    [InlineData("{\"id\":\"b\"} x", "line 1 is not JSON at position 12: 'x' is invalid after a single JSON value. Expected end of data.")]
    public void A_line_that_is_not_JSON_is_told_in_the_users_words_without_the_readers_internals(string line, string expected)
    {
        Assert.False(TicketDocument.TryParseLine(line, 1, out _, out _, out var error));
        Assert.Equal(expected, error);
        // Documents allow comments; what else a document gets wrong is said in the same words.
        var problem = Assert.Throws<Sla.Core.Validation.DefinitionValidationException>(() => PolicyDocument.Parse(line)).Problems[0].Message;
        Assert.DoesNotContain("reader options", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("BytePositionInLine", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_field_given_twice_is_rejected_with_its_path()
    {
        Assert.Equal(["weekly.monday: 'monday' is given twice in one object: give each field once."],
            CalendarProblems(Calendar.Replace("\"tuesday\"", "\"monday\"", StringComparison.Ordinal)));
        Assert.Equal(["versions[0].services[0].targets.P1.firstResponse.within: 'within' is given twice in one object: give each field once."],
            PolicyProblems(Policy.Replace("\"within\": \"PT1H\"", "\"within\": \"PT1H\", \"within\": \"PT2H\"", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_lone_surrogate_in_a_document_is_a_problem_not_a_crash()
    {
        Assert.Equal(["rules[0].name: The string is not text: it holds a lone surrogate escape (such as \\ud800 without its pair) or bytes that are not UTF-8."],
            CalendarProblems(Calendar.Replace("\"Christmas\"", "\"\\ud800\"", StringComparison.Ordinal)));
        Assert.Single(CalendarProblems(Calendar.Replace("Christmas", "\ud800", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("\"within\": null", "versions[0].services[0].targets.P1.firstResponse.within: \"within\" must be a duration such as PT4H, found null: leave the target out for a metric with no target.")]
    [InlineData("\"businessDays\": null", "versions[0].services[0].targets.P1.firstResponse.businessDays: \"businessDays\" must be a whole number of working days, found null: leave the target out for a metric with no target.")]
    [InlineData("\"businessDays\": 2147483646", "versions[0].services[0].targets.P1.firstResponse.businessDays: businessDays 2147483646 is more than the most a target may count, 3,660,000 working days.")]
    [InlineData("\"businessDays\": 1e30", "versions[0].services[0].targets.P1.firstResponse.businessDays: The number 1e30 is out of range: expected a whole number from -2147483648 to 2147483647.")]
    [InlineData("\"within\": \"PT3000000000H\"", "versions[0].services[0].targets.P1.firstResponse.within: 'PT3000000000H' is too long: a duration must be shorter than 402,653,184 hours either way.")]
    [InlineData("\"within\": \"PT90000000H\"", "versions[0].services[0].targets.P1.firstResponse.within: PT90000000H is longer than business-time arithmetic reaches: a duration target is at most PT87600000H (10,000 years).")]
    public void Targets_that_cannot_be_met_as_written_are_errors_not_silence(string target, string expected)
    {
        Assert.Equal([expected], PolicyProblems(Policy.Replace("\"within\": \"PT1H\"", target, StringComparison.Ordinal)));
    }

    [Fact]
    public void A_number_too_large_for_a_decimal_says_so()
    {
        Assert.Equal(["versions[0].objectives[0].atLeast: The number 1e30 is out of range: expected a number of at most 28 digits."],
            PolicyProblems(Policy.Replace("0.95", "1e30", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_300_year_target_round_trips_through_the_document()
    {
        Assert.True(PolicyDocument.TryParse(Policy.Replace("PT1H", "PT2629800H", StringComparison.Ordinal), out var policy, out _));
        var written = PolicyDocument.Write(policy!);
        Assert.True(PolicyDocument.TryParse(written, out var again, out var problems), string.Join("; ", problems));
        Assert.Equal(written, PolicyDocument.Write(again!));
    }

    [Fact]
    public void Seconds_in_a_window_are_written_and_read_back()
    {
        var calendar = CalendarDocument.Parse(Calendar.Replace("09:00-13:00", "09:00:30-13:00", StringComparison.Ordinal));
        var written = CalendarDocument.Write(calendar);
        Assert.Contains("\"09:00:30-13:00\"", written);
        Assert.Equal(calendar.GetDay(new LocalDate(2027, 1, 9)).Hours.Select(h => (h.Start, h.End)), CalendarDocument.Parse(written).GetDay(new LocalDate(2027, 1, 9)).Hours.Select(h => (h.Start, h.End)));
    }

    [Fact]
    public void A_ticket_field_or_event_field_given_twice_is_an_error()
    {
        Assert.False(TicketDocument.TryParseLine(TicketLine.Replace("\"priority\":\"P1\"", "\"priority\":\"P1\",\"priority\":\"P2\"", StringComparison.Ordinal), 1, out _, out _, out var error));
        Assert.Equal("ticket T-1: 'priority' is given twice: give each field once.", error);
        Assert.False(TicketDocument.TryParseLine(TicketLine.Replace("\"type\":\"agentReply\"", "\"type\":\"agentReply\",\"at\":\"2026-03-02T06:41:00Z\"", StringComparison.Ordinal), 1, out _, out _, out error));
        Assert.Equal("ticket T-1: event 1: 'at' is given twice: give each field once.", error);
    }

    private static string Text(byte[] bytes) => Encoding.UTF8.GetString(bytes);

    [Property(MaxTest = 300, Replay = "(20261129,1)")]
    public Property Mutated_calendar_documents_give_a_calendar_or_problems() =>
        Prop.ForAll(JsonMutations.Of(Calendar).ToArbitrary(), bytes =>
            CalendarDocument.TryParse(Text(bytes), out var calendar, out var problems) ? calendar is not null : problems.Length > 0);

    [Property(MaxTest = 300, Replay = "(20261129,3)")]
    public Property Mutated_policy_documents_give_a_policy_or_problems() =>
        Prop.ForAll(JsonMutations.Of(Policy).ToArbitrary(), bytes =>
            PolicyDocument.TryParse(Text(bytes), out var policy, out var problems) ? policy is not null : problems.Length > 0);

    [Property(MaxTest = 500, Replay = "(20261129,3)")]
    public Property Mutated_ticket_lines_give_a_ticket_or_an_error() =>
        Prop.ForAll(JsonMutations.Of(TicketLine).ToArbitrary(), bytes =>
            TicketDocument.TryParseLine(bytes, 1, out var ticket, out _, out var error) ? ticket is not null : error is { Length: > 0 });

    [Property(MaxTest = 500, Replay = "(20261129,7)")]
    public Property Mutated_outage_lines_give_an_outage_or_an_error() =>
        Prop.ForAll(JsonMutations.Of(OutageLine).ToArbitrary(), bytes =>
            OutageDocument.TryParseLine(Text(bytes), 1, out var outage, out var error) ? outage is not null : error is { Length: > 0 });
}
