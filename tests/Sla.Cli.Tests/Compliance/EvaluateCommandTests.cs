using System.Text.Json.Nodes;
using static Sla.Cli.Tests.CliRunner;

namespace Sla.Cli.Tests.Compliance;

/// <summary><c>sla evaluate</c>: formats, order, explanation, parallel, and bad input that never stops the batch.</summary>
public sealed class EvaluateCommandTests
{
    private static readonly string Policy = Path.Combine(AppContext.BaseDirectory, "samples", "policy.json");

    private const string FormatsTicket = """{"id":"T-1","service":"email","priority":"P2","created":"2026-03-02T06:15:00Z","events":[{"at":"2026-03-02T06:40:00Z","type":"agentReply"},{"at":"2026-03-02T07:10:00Z","type":"customerMessage"},{"at":"2026-03-02T08:00:00Z","type":"status","status":"pending"},{"at":"2026-03-03T09:00:00Z","type":"status","status":"open"},{"at":"2026-03-03T10:00:00Z","type":"priority","priority":"P1"},{"at":"2026-03-03T11:00:00Z","type":"resolved"},{"at":"2026-03-04T08:00:00Z","type":"reopened"},{"at":"2026-03-04T09:00:00Z","type":"agentNote"}]}""";

    [Fact]
    public void The_worked_ticket_in_the_docs_gives_the_output_shown_beside_it()
    {
        var page = Sla.Tests.Shared.RepositoryFiles.Read("docs", "evaluation.md");
        var section = page.IndexOf("## A worked ticket", StringComparison.Ordinal);
        string Block(int from)
        {
            var start = page.IndexOf("```json\n", from, StringComparison.Ordinal) + "```json\n".Length;
            return page[start..page.IndexOf("```", start, StringComparison.Ordinal)];
        }
        var ticket = Block(section);
        Assert.Equal(FormatsTicket, ticket.Trim());
        var shown = Block(page.IndexOf("--at 2026-03-04T12:00:00Z` writes:", section, StringComparison.Ordinal));
        var (exitCode, output, _) = Run(ticket, "evaluate", "--policy", Policy, "--tickets", "-", "--at", "2026-03-04T12:00:00Z");
        Assert.Equal(0, exitCode);
        Assert.Equal(JsonNode.Parse(shown)!.ToJsonString(), JsonNode.Parse(output)!.ToJsonString());
    }

    [Fact]
    public void The_formats_ticket_as_JSON_Lines()
    {
        var (exitCode, output, error) = Run(FormatsTicket, "evaluate", "--policy", Policy, "--tickets", "-", "--at", "2026-03-04T12:00:00Z");
        Assert.Equal(0, exitCode);
        Assert.Equal("", error);
        var line = JsonNode.Parse(Assert.Single(Lines(output)))!;
        Assert.Equal("T-1", line["id"]!.GetValue<string>());
        Assert.Equal("2026.1", line["policyVersion"]!.GetValue<string>());
        var metrics = line["metrics"]!.AsArray();
        Assert.Equal(
            """{"metric":"firstResponse","cycle":1,"status":"met","start":"2026-03-02T06:15:00Z","stop":"2026-03-02T06:40:00Z","target":"PT1H","calendar":"moscow-office","deadline":"2026-03-02T07:15:00Z","elapsed":"PT25M","remaining":null,"breachedAt":null,"warning":null,"nextChangeAt":null}""",
            metrics[0]!.ToJsonString());
        Assert.Equal(
            """{"metric":"nextResponse","cycle":1,"status":"breached","start":"2026-03-02T07:10:00Z","stop":"2026-03-03T11:00:00Z","target":"PT4H","calendar":"moscow-office","deadline":"2026-03-02T12:10:00Z","elapsed":"PT11H50M","remaining":null,"breachedAt":"2026-03-02T12:10:00Z","warning":null,"nextChangeAt":null}""",
            metrics[1]!.ToJsonString());
        Assert.Equal(
            """{"metric":"resolution","cycle":1,"status":"breached","start":"2026-03-02T06:15:00Z","stop":null,"target":"PT4H","calendar":"24x7","deadline":"2026-03-04T08:15:00Z","elapsed":"PT7H45M","remaining":null,"breachedAt":"2026-03-04T08:15:00Z","warning":null,"nextChangeAt":null}""",
            metrics[2]!.ToJsonString());
    }

    [Fact]
    public void Explain_adds_segments_naming_pauses_and_closed_days()
    {
        var (_, output, _) = Run(FormatsTicket, "evaluate", "--policy", Policy, "--tickets", "-", "--at", "2026-03-04T12:00:00Z", "--explain");
        var resolution = JsonNode.Parse(output)!["metrics"]![2]!["segments"]!.AsArray();
        Assert.Equal("""{"from":"2026-03-02T06:15:00Z","to":"2026-03-02T08:00:00Z","kind":"counted","reason":null,"calendar":"moscow-office","businessTime":"PT1H45M"}""", resolution[0]!.ToJsonString());
        Assert.Equal("""{"from":"2026-03-02T08:00:00Z","to":"2026-03-03T09:00:00Z","kind":"paused","reason":"pending","calendar":null,"businessTime":"PT0S"}""", resolution[1]!.ToJsonString());
        Assert.Contains(resolution, s => s!["kind"]!.GetValue<string>() == "resolved");
        var counted = resolution.Where(s => s!["kind"]!.GetValue<string>() == "counted").Sum(s => Sla.Core.Text.DurationText.Parse(s!["businessTime"]!.GetValue<string>()).TotalMinutes);
        Assert.Equal(7 * 60 + 45, counted);
    }

    [Fact]
    public void Bad_lines_get_error_lines_in_place_and_the_rest_is_evaluated()
    {
        var input = string.Join('\n',
            """{"id":"A","service":"email","priority":"P1","created":"2026-03-02T06:15:00Z","events":[]}""",
            """{"id":"T-9","service":"email","priority":"P2","created":"2026-03-02T06:15:00Z","events":[{"at":"2026-03-02T06:10:00Z","type":"agentReply"}]}""",
            "not json",
            """{"id":"T-3","service":"email","priority":"P2","created":"2026-03-02T06:15:00Z","events":[{"at":"2026-03-02T07:00:00Z","type":"call"}]}""",
            """{"id":"T-4","service":"fax","priority":"P2","created":"2026-03-02T06:15:00Z"}""",
            """{"id":"T-5","service":"email","priority":"P2","created":"2026-03-02T06:15:00Z","events":[{"at":"2026-03-02T08:00:00Z","type":"resolved"},{"at":"2026-03-02T07:00:00Z","type":"reopened"}]}""",
            """{"id":"T-6","service":"email","priority":"P2","created":"yesterday"}""",
            """{"id":"T-7","service":"email","priority":"P2","created":"2026-03-02T06:15:00Z","subject":"hello"}""",
            """{"id":"B","service":"email","priority":"P1","created":"2026-03-02T06:15:00Z"}""");
        var (exitCode, output, error) = Run(input, "evaluate", "--policy", Policy, "--tickets", "-", "--at", "2026-03-04T12:00:00Z");
        Assert.Equal(1, exitCode);
        Assert.Equal("", error);
        var lines = Lines(output).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal(["A", "T-9", "line 3", "T-3", "T-4", "T-5", "T-6", "T-7", "B"], lines.Select(l => l["id"]!.GetValue<string>()));
        Assert.Equal(
        [
            null,
            "ticket T-9: event 1 (agentReply at 2026-03-02T06:10:00Z) is before the ticket was created at 2026-03-02T06:15:00Z.",
            "line 3 is not JSON at position 2: 'not json' is an invalid JSON literal. Expected the literal 'null'.",
            "ticket T-3: event 1 has an unknown type 'call': use agentReply, agentNote, customerMessage, status, priority, resolved, reopened, assigned, attribute, service.",
            "ticket T-4: service 'fax' is not in policy version 2026.1; the services are email, erp.",
            "ticket T-5: event 2 (reopened at 2026-03-02T07:00:00Z) is earlier than event 1 at 2026-03-02T08:00:00Z: the log must be in time order.",
            "ticket T-6: \"created\": 'yesterday' is not an instant: write ISO-8601 with Z or an offset, for example 2026-03-27T16:30:00Z or 2026-03-27T16:30:00+03:00.",
            "ticket T-7: 'subject' is not a field of a ticket; the fields are id, service, priority, created, attributes, events.",
            null,
        ], lines.Select(l => l["error"]?.GetValue<string>()));
        Assert.Equal(2, lines[^1]["metrics"]!.AsArray().Count);
    }

    [Fact]
    public void A_tier_upgrade_moves_a_ticket_to_the_gold_variant_and_the_results_name_it()
    {
        const string Ticket = """{"id":"T-up","service":"email","priority":"P1","created":"2026-03-02T06:00:00Z","attributes":{"tier":"standard"},"events":[{"at":"2026-03-02T07:00:00Z","type":"attribute","name":"tier","value":"gold"}]}""";
        var (exitCode, output, error) = Run(Ticket, "evaluate", "--policy", Policy, "--tickets", "-", "--at", "2026-03-02T08:00:00Z");
        Assert.Equal((0, ""), (exitCode, error));
        var resolution = JsonNode.Parse(output)!["metrics"]!.AsArray().Single(m => m!["metric"]!.GetValue<string>() == "resolution")!;
        // The gold P1 resolution target is 3 h: two hours counted, one left.
        Assert.Equal(("gold", "PT3H", "PT2H", "PT1H"), (resolution["variant"]!.GetValue<string>(), resolution["target"]!.GetValue<string>(),
            resolution["elapsed"]!.GetValue<string>(), resolution["remaining"]!.GetValue<string>()));
        var first = JsonNode.Parse(output)!["metrics"]!.AsArray().Single(m => m!["metric"]!.GetValue<string>() == "firstResponse")!;
        Assert.Equal(("breached", "2026-03-02T06:15:00Z"), (first["status"]!.GetValue<string>(), first["breachedAt"]!.GetValue<string>()));
        Assert.Null(first["variant"]);
    }

    [Fact]
    public void Parallel_keeps_input_order_and_gives_the_same_output()
    {
        var input = string.Join('\n', Enumerable.Range(0, 5000).Select(i =>
            $$"""{"id":"T-{{i}}","service":"{{(i % 2 == 0 ? "email" : "erp")}}","priority":"P{{1 + (i % 4)}}","created":"2026-03-{{2 + (i % 20):00}}T{{i % 24:00}}:{{i % 60:00}}:00Z","events":[{"at":"2026-03-{{2 + (i % 20):00}}T{{i % 24:00}}:{{i % 60:00}}:00Z","type":"customerMessage"}]}"""));
        var serial = Run(input, "evaluate", "--policy", Policy, "--tickets", "-", "--at", "2026-03-25T00:00:00Z");
        var parallel = Run(input, "evaluate", "--policy", Policy, "--tickets", "-", "--at", "2026-03-25T00:00:00Z", "--parallel");
        Assert.Equal(0, serial.ExitCode);
        Assert.Equal(serial.Out, parallel.Out);
        Assert.Equal(5000, Lines(parallel.Out).Length);
    }

    [Fact]
    public void Due_within_lists_the_tickets_whose_next_change_is_near_soonest_first_then_the_errors()
    {
        var input = string.Join('\n',
            """{"id":"E","service":"email","priority":"P3","created":"2026-03-02T10:00:00Z","events":[]}""",
            """{"id":"B","service":"email","priority":"P1","created":"2026-03-02T09:00:00Z","events":[{"at":"2026-03-02T09:05:00Z","type":"agentReply"}]}""",
            """{"id":"C","service":"email","priority":"P1","created":"2026-03-02T08:00:00Z","events":[{"at":"2026-03-02T08:10:00Z","type":"resolved"}]}""",
            """{"id":"D","service":"fax","priority":"P1","created":"2026-03-02T08:00:00Z"}""",
            """{"id":"A","service":"email","priority":"P1","created":"2026-03-02T10:00:00Z","events":[]}""");
        foreach (var parallel in new[] { false, true })
        {
            string[] args = ["evaluate", "--policy", Policy, "--tickets", "-", "--at", "2026-03-02T10:05:00Z", "--due-within", "PT1H", .. parallel ? ["--parallel"] : Array.Empty<string>()];
            var (exitCode, output, _) = Run(input, args);
            Assert.Equal(1, exitCode);
            var lines = Lines(output).Select(l => JsonNode.Parse(l)!).ToList();
            // A's first response crosses 50 % at 10:07:30; B's periodic update crossed 50 % at 10:05 and crosses 75 % at 10:35;
            // E (office hours, hours away) and C (resolved) are left out; D could not be evaluated, so it is still named.
            Assert.Equal(["A", "B", "D"], lines.Select(l => l["id"]!.GetValue<string>()));
            Assert.Equal("2026-03-02T10:07:30Z", lines[0]["metrics"]![0]!["nextChangeAt"]!.GetValue<string>());
            var update = lines[1]["metrics"]!.AsArray().Single(m => m!["metric"]!.GetValue<string>() == "update")!;
            Assert.Equal((0.5, "2026-03-02T10:35:00Z"), (update["warning"]!.GetValue<double>(), update["nextChangeAt"]!.GetValue<string>()));
        }
        Assert.Equal((2, "", "--due-within: -PT1H is negative: give how far ahead to look, such as PT1H.\n"),
            Run(input, "evaluate", "--policy", Policy, "--tickets", "-", "--due-within", "-PT1H"));
        Assert.Equal((2, "", "--due-within: 'PT-1H' is not a duration: give how far ahead to look, such as PT1H or 90m.\n"),
            Run(input, "evaluate", "--policy", Policy, "--tickets", "-", "--due-within", "PT-1H"));
    }

    [Fact]
    public void The_table_widens_its_metric_column_for_long_metric_ids()
    {
        var policy = TempFile(File.ReadAllText(Policy).Replace("\"l2\"", "\"secondLineSupportTeam\"", StringComparison.Ordinal));
        var ticket = """{"id":"E-1","service":"erp","priority":"P1","created":"2026-03-02T06:00:00Z","events":[{"at":"2026-03-02T06:10:00Z","type":"assigned","group":"L2"}]}""";
        var (exitCode, table, _) = Run(ticket, "evaluate", "--policy", policy, "--tickets", "-", "--at", "2026-03-02T07:00:00Z", "--format", "table");
        Assert.Equal(0, exitCode);
        var lines = Lines(table);
        var cycleColumn = lines[0].IndexOf("cycle", StringComparison.Ordinal);
        Assert.All(lines.Skip(1), line => Assert.Equal('1', line[cycleColumn]));
        Assert.Contains(lines, l => l.StartsWith("E-1         secondLineSupportTeam  1      running", StringComparison.Ordinal));
        // For people, in 120 columns: durations in hours and minutes, the warning reached beside the status.
        Assert.All(lines, line => Assert.InRange(line.Length, 1, 120 + "secondLineSupportTeam".Length - 13));
    }

    [Fact]
    public void A_metric_id_that_needs_quoting_is_quoted_in_csv()
    {
        var policy = TempFile(File.ReadAllText(Policy).Replace("\"l2\"", "\"l2,\\\"tier\\\"\"", StringComparison.Ordinal));
        var ticket = """{"id":"E-1","service":"erp","priority":"P1","created":"2026-03-02T06:00:00Z","events":[{"at":"2026-03-02T06:10:00Z","type":"assigned","group":"L2"}]}""";
        var (exitCode, csv, error) = Run(ticket, "evaluate", "--policy", policy, "--tickets", "-", "--at", "2026-03-02T07:00:00Z", "--format", "csv");
        Assert.Equal((0, ""), (exitCode, error));
        Assert.StartsWith("E-1,\"l2,\"\"tier\"\"\",1,running,PT2H,24x7,", Lines(csv)[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void Table_and_csv()
    {
        var (_, table, _) = Run(FormatsTicket, "evaluate", "--policy", Policy, "--tickets", "-", "--at", "2026-03-04T12:00:00Z", "--format", "table");
        Assert.Equal(
        [
            "id          metric         cycle  status         deadline              elapsed  remaining  next change           target",
            "T-1         firstResponse  1      met            2026-03-02T07:15:00Z  25m      -          -                     1h",
            "T-1         nextResponse   1      breached       2026-03-02T12:10:00Z  11h 50m  -          -                     4h",
            "T-1         resolution     1      breached       2026-03-04T08:15:00Z  7h 45m   -          -                     4h",
            "T-1         update         1      breached       2026-03-03T10:00:00Z  3h 20m   -          -                     2h",
        ], Lines(table));
        var (_, csv, _) = Run(FormatsTicket + "\n" + """{"id":"x,\"y\"","service":"fax","priority":"P1","created":"2026-03-02T06:15:00Z"}""", "evaluate", "--policy", Policy, "--tickets", "-", "--at", "2026-03-04T12:00:00Z", "--format", "csv");
        var rows = Lines(csv);
        Assert.Equal("id,metric,cycle,status,target,calendar,start,stop,deadline,elapsed,remaining,breachedAt,error,warning,nextChangeAt,variant,service", rows[0]);
        Assert.Equal("T-1,firstResponse,1,met,PT1H,moscow-office,2026-03-02T06:15:00Z,2026-03-02T06:40:00Z,2026-03-02T07:15:00Z,PT25M,,,,,,,email", rows[1]);
        Assert.Equal("\"x,\"\"y\"\"\",,,,,,,,,,,,\"ticket x,\"\"y\"\": service 'fax' is not in policy version 2026.1; the services are email, erp.\",,,,", rows[5]);
    }

    [Fact]
    public void Usage_errors_exit_2_without_output()
    {
        Assert.Equal((2, "", "--at: 'soon' is not an instant: write ISO-8601 with Z or an offset, for example 2026-03-27T16:30:00Z or 2026-03-27T16:30:00+03:00.\n"),
            Run("", "evaluate", "--policy", Policy, "--tickets", "-", "--at", "soon"));
        var (code, output, error) = Run("", "evaluate", "--policy", Policy, "--tickets", "/no/such/tickets.jsonl");
        Assert.Equal((2, ""), (code, output));
        Assert.StartsWith("/no/such/tickets.jsonl: cannot be read:", error);
    }

    [Fact]
    public void Without_at_the_clock_is_read_once()
    {
        var (exitCode, output, _) = Run("""{"id":"A","service":"email","priority":"P1","created":"2026-11-28T11:00:00Z"}""", "evaluate", "--policy", Policy, "--tickets", "-");
        Assert.Equal(0, exitCode);
        Assert.Equal("PT1H", JsonNode.Parse(output)!["metrics"]![1]!["elapsed"]!.GetValue<string>());
    }
}
