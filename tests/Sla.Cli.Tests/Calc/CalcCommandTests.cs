using System.Text.Json.Nodes;
using Sla.Tests.Shared;
using static Sla.Cli.Tests.CliRunner;

namespace Sla.Cli.Tests.Calc;

/// <summary><c>sla calc</c> exactly as formats.md says: JSON Lines in and out, echo, an error per line, exit codes 0/1/2.</summary>
public sealed class CalcCommandTests
{
    private static readonly string London = CalendarVectors.CalendarPath("london");

    [Fact]
    public void Every_vector_passes_through_sla_calc()
    {
        var failures = new List<string>();
        foreach (var group in CalendarVectors.All.GroupBy(v => v.Calendar))
        {
            var input = string.Join('\n', group.Select(v => v.Request.ToJsonString()));
            var (exitCode, output, error) = Run(input, "calc", "--calendar", CalendarVectors.CalendarPath(group.Key));
            Assert.Equal(0, exitCode);
            Assert.Equal("", error);
            var responses = Lines(output);
            Assert.Equal(group.Count(), responses.Length);
            failures.AddRange(group.Zip(responses, (v, r) => CalendarVectors.Mismatch(v, JsonNode.Parse(r)!.AsObject())).OfType<string>());
        }
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures.Take(20)));
    }

    [Fact]
    public void Answers_in_order_and_echoes_extra_fields()
    {
        const string input = """
            {"id":"r1","op":"add","start":"2026-03-27T16:30:00Z","duration":"PT8H"}
            {"op":"elapsed","from":"2026-03-27T10:00:00Z","to":"2026-03-30T10:00:00Z","ticket":{"n":7}}
            {"op":"isWorking","at":"2026-03-28T12:00:00Z","id":3}
            """;
        var (exitCode, output, _) = Run(input, "calc", "--calendar", London);
        Assert.Equal(0, exitCode);
        Assert.Equal(
        [
            """{"id":"r1","deadline":"2026-03-30T11:30:00Z"}""",
            """{"ticket":{"n":7},"elapsed":"PT11H30M","seconds":41400}""",
            """{"id":3,"working":true}""",
        ], Lines(output));
    }

    [Fact]
    public void A_bad_line_gets_an_error_and_every_other_line_is_still_answered()
    {
        const string input = """
            {"id":1,"op":"add","start":"2026-03-27T16:30:00Z","duration":"PT1H"}
            this is not json
            {"id":2,"op":"add","start":"2026-03-27T16:30:00","duration":"PT1H"}
            {"id":3,"op":"add","start":"2026-03-27T16:30:00Z","duration":"P1D"}
            {"id":4,"op":"teleport"}
            {"id":5}
            {"id":6,"op":"businessDays","start":"2026-03-27T10:00:00Z","days":-1}
            {"id":7,"op":"businessDays","start":"2026-03-27T10:00:00Z","days":1,"cutoff":"4pm"}
            {"id":8,"op":"elapsed","from":"2026-03-27T10:00:00Z"}
            [1,2]
            {"id":9,"op":"isWorking","at":"2026-03-27T10:00:00Z"}
            """;
        var (exitCode, output, error) = Run(input, "calc", "--calendar", London);
        Assert.Equal(1, exitCode);
        Assert.Equal("", error);
        var lines = Lines(output);
        Assert.Equal(
        [
            """{"id":1,"deadline":"2026-03-28T11:00:00Z"}""",
            """{"error":"line 2 is not JSON at position 2: 'this is not json' is an invalid JSON literal. Expected the literal 'true'."}""",
            """{"id":2,"error":"\"start\": '2026-03-27T16:30:00' is not an instant: write ISO-8601 with Z or an offset, for example 2026-03-27T16:30:00Z or 2026-03-27T16:30:00+03:00."}""",
            """{"id":3,"error":"\"duration\": 'P1D' uses days or larger units, which are not a fixed amount of business time: write hours (PT24H) or use a business-days target."}""",
            """{"id":4,"error":"'teleport' is not an op: use add, elapsed, businessDays or isWorking."}""",
            """{"id":5,"error":"the request has no \"op\": use add, elapsed, businessDays or isWorking."}""",
            """{"id":6,"error":"\"days\" must be a whole number of working days from 0 to 3,660,000, found the number -1."}""",
            """{"id":7,"error":"\"cutoff\": '4pm' is not a local time: write HH:mm, for example 16:00."}""",
            """{"id":8,"error":"the request has no \"to\"."}""",
            """{"error":"line 10 is not a JSON object."}""",
            """{"id":9,"working":true}""",
        ], lines);
    }

    [Fact]
    public void An_unreachable_deadline_is_an_error_line_that_says_unreachable()
    {
        var calendar = TempFile("""
            { "id": "events", "timeZone": "UTC", "exceptions": [ { "date": "2027-01-09", "name": "Open day", "hours": ["09:00-18:00"] } ] }
            """);
        var (exitCode, output, _) = Run("""{"op":"add","start":"2027-01-10T00:00:00Z","duration":"PT1H"}""" + "\n" + """{"op":"businessDays","start":"2027-01-10T00:00:00Z","days":0}""", "calc", "--calendar", calendar);
        Assert.Equal(1, exitCode);
        var lines = Lines(output);
        Assert.StartsWith("""{"error":"unreachable: calendar 'events' has no working time after 2027-01-10T00:00:00Z""", lines[0]);
        Assert.StartsWith("""{"error":"unreachable: calendar 'events' has no 0 business days after""", lines[1]);
    }

    [Fact]
    public void The_24x7_calendar_needs_no_file()
    {
        var (exitCode, output, _) = Run("""{"op":"add","start":"2026-03-27T16:30:00Z","duration":"PT8H"}""", "calc", "--calendar", "24x7");
        Assert.Equal(0, exitCode);
        Assert.Equal(["""{"deadline":"2026-03-28T00:30:00Z"}"""], Lines(output));
    }

    [Fact]
    public void The_calc_table_in_the_docs_answers_as_shown_for_the_calendar_it_names()
    {
        var calendars = Sla.Tests.Shared.RepositoryFiles.Read("docs", "calendars.md");
        var json = calendars.IndexOf("## The JSON document", StringComparison.Ordinal);
        var start = calendars.IndexOf("```json\n", json, StringComparison.Ordinal) + "```json\n".Length;
        var calendar = TempFile(calendars[start..calendars.IndexOf("```", start, StringComparison.Ordinal)]);
        var cli = Sla.Tests.Shared.RepositoryFiles.Read("docs", "cli.md");
        var table = cli[cli.IndexOf("| request | response |", StringComparison.Ordinal)..cli.IndexOf("(The answers are for", StringComparison.Ordinal)];
        var rows = System.Text.RegularExpressions.Regex.Matches(table, @"^\| `(?<request>\{.*?\})` \| `(?<response>\{.*?\})` \|$", System.Text.RegularExpressions.RegexOptions.Multiline);
        Assert.Equal(4, rows.Count);
        var (exitCode, output, _) = Run(string.Join('\n', rows.Select(r => r.Groups["request"].Value)), "calc", "--calendar", calendar);
        Assert.Equal(0, exitCode);
        Assert.Equal(rows.Select(r => r.Groups["response"].Value), Lines(output));
    }

    [Fact]
    public void A_policys_24x7_calendar_is_the_built_in_one()
    {
        var policy = Path.Combine(AppContext.BaseDirectory, "samples", "policy.json");
        var (exitCode, output, error) = Run("""{"op":"add","start":"2026-03-27T16:30:00Z","duration":"PT8H"}""", "calc", "--calendar", policy, "--id", "24x7");
        Assert.Equal((0, ""), (exitCode, error));
        Assert.Equal(["""{"deadline":"2026-03-28T00:30:00Z"}"""], Lines(output));
    }

    [Fact]
    public void An_invalid_calendar_file_lists_every_problem_on_standard_error_and_writes_nothing()
    {
        var calendar = TempFile("""{ "id": "x", "timeZone": "Nowhere/Land", "weekly": { "monday": ["9-5"] } }""");
        var (exitCode, output, error) = Run("""{"op":"isWorking","at":"2026-03-27T10:00:00Z"}""", "calc", "--calendar", calendar);
        Assert.Equal(2, exitCode);
        Assert.Equal("", output);
        // A window that cannot be read does not also make the calendar one "with no working time".
        Assert.Equal(2, Lines(error).Length);
        Assert.DoesNotContain("no working time", error);
        Assert.Contains("weekly.monday[0]: '9' in window '9-5' is not a time of day", error);
        Assert.Contains("timeZone: 'Nowhere/Land' is not a time zone known to", error);
    }

    [Fact]
    public void A_missing_file_and_a_missing_option_are_usage_errors()
    {
        var (missingFile, output, error) = Run("", "calc", "--calendar", "/no/such/calendar.json");
        Assert.Equal(2, missingFile);
        Assert.Equal("", output);
        Assert.StartsWith("/no/such/calendar.json: cannot be read:", error);
        var (missingOption, _, usage) = Run("", "calc");
        Assert.Equal(2, missingOption);
        Assert.Contains("--calendar", usage);
    }

    [Fact]
    public void A_policy_document_calendar_is_picked_by_id()
    {
        var policy = TempFile("""
            { "id": "p", "versions": [ { "calendars": [
                { "id": "a", "timeZone": "UTC", "weekly": { "monday": ["09:00-17:00"] } },
                { "id": "b", "timeZone": "UTC", "weekly": { "tuesday": ["09:00-17:00"] } } ] } ] }
            """);
        const string request = """{"op":"isWorking","at":"2026-03-31T10:00:00Z"}""";
        Assert.Equal(["""{"working":true}"""], Lines(Run(request, "calc", "--calendar", policy, "--id", "b").Out));
        var (several, _, error) = Run(request, "calc", "--calendar", policy);
        Assert.Equal(2, several);
        Assert.EndsWith("has several calendars (a, b): pick one with --id.", error.Trim());
        var (unknown, _, unknownError) = Run(request, "calc", "--calendar", policy, "--id", "c");
        Assert.Equal(2, unknown);
        Assert.EndsWith("has no calendar 'c'; it has a, b.", unknownError.Trim());
    }
}
