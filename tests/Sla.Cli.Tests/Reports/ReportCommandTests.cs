using System.Text.Json.Nodes;
using static Sla.Cli.Tests.CliRunner;

namespace Sla.Cli.Tests.Reports;

/// <summary><c>sla report</c> and <c>sla availability</c>, on the bundled sample (their defaults) and on bad input.</summary>
public sealed class ReportCommandTests
{
    private static readonly string Policy = Path.Combine(AppContext.BaseDirectory, "samples", "policy.json");

    private static string Sample(string name) => Path.Combine(AppContext.BaseDirectory, "samples", name);

    [Fact]
    public void Report_with_no_arguments_runs_on_the_bundled_sample()
    {
        Directory.SetCurrentDirectory(AppContext.BaseDirectory);
        var (exitCode, output, error) = Run("", "report");
        Assert.Equal(0, exitCode);
        Assert.Equal("", error);
        Assert.StartsWith($"Compliance report for acme-support (ACME support agreement){Environment.NewLine}as of 2026-11-28T12:00:00Z: 2000 tickets evaluated, 0 rejected.", output);
        Assert.Contains("Objectives:", output);
        Assert.Contains("Credits owed:", output);
        Assert.Matches(@"email\s+P1\s+firstResponse\s+2026-01\s+\d+", output);
        Assert.Matches(@"email/gold\s+P1\s+firstResponse\s+2026-01\s+\d+", output);
        Assert.Matches(@"email/gold firstResponse\s+2026-01", output);
        // Percentiles for people in the table (ISO stays in JSON and CSV).
        // For people, in 120 columns: judged and met (breached is the difference), percentiles and target in hours and minutes.
        Assert.Matches(@"email\s+P1\s+firstResponse\s+2026-01\s+(\d+\s+){2}\d+\.\d%\s+\d+m( \d+s)?\s+\d+m( \d+s)?\s+\d+m( \d+s)?\s+15m on 24x7", output);
        Assert.All(output.Split(Environment.NewLine), line => Assert.InRange(line.Length, 0, 120));
    }

    [Fact]
    public void Report_csv_sections_hold_the_objectives_and_the_credits()
    {
        var (exitCode, objectives, _) = Run("", "report", "--policy", Policy, "--tickets", Sample("tickets.jsonl"), "--at", "2026-04-15T00:00:00Z", "--format", "csv", "--section", "objectives");
        Assert.Equal(0, exitCode);
        var lines = Lines(objectives);
        Assert.Equal("service,variant,priority,metric,period,judged,compliance,atLeast,met", lines[0]);
        Assert.Matches(@"^email,,P1,resolution,2026-01,\d+,0\.\d{4},0\.9800,(true|false)$", lines[1]);
        Assert.Contains(lines, l => l.StartsWith("email,gold,,firstResponse,2026-01,", StringComparison.Ordinal));
        var (_, credits, _) = Run("", "report", "--policy", Policy, "--tickets", Sample("tickets.jsonl"), "--at", "2026-04-15T00:00:00Z", "--format", "csv", "--section", "credits");
        Assert.Equal("service,variant,priority,metric,period,compliance,below,creditPercent", Lines(credits)[0]);
        Assert.All(Lines(credits).Skip(1), l => Assert.Matches(@"^(email|erp),,,resolution,2026-\d\d,0\.\d{4},0\.\d{4},\d+$", l));
        var (misplaced, output, error) = Run("", "report", "--section", "credits");
        Assert.Equal((2, "", "--section: it picks the table a CSV holds; the other formats hold the rows, objectives and credits together. Add --format csv."),
            (misplaced, output, error.Trim()));
    }

    [Fact]
    public void Report_as_json_adds_up()
    {
        var (exitCode, output, _) = Run("", "report", "--policy", Policy, "--tickets", Sample("tickets.jsonl"), "--format", "json", "--period", "quarter");
        Assert.Equal(0, exitCode);
        var report = JsonNode.Parse(output)!;
        Assert.Equal(2000, report["ticketsEvaluated"]!.GetValue<int>());
        foreach (var row in report["rows"]!.AsArray())
        {
            Assert.Equal(row!["judged"]!.GetValue<int>(), row["met"]!.GetValue<int>() + row["breached"]!.GetValue<int>());
            Assert.Matches(@"^2026-Q\d$", row["period"]!.GetValue<string>());
        }
    }

    [Fact]
    public void Report_counts_bad_tickets_as_rejected_names_them_and_exits_1()
    {
        var tickets = """
            {"id":"A","service":"email","priority":"P1","created":"2026-03-02T06:15:00Z","events":[{"at":"2026-03-02T06:20:00Z","type":"agentReply"}]}
            {"id":"B","service":"fax","priority":"P1","created":"2026-03-02T06:15:00Z"}
            """;
        var (exitCode, output, error) = Run(tickets, "report", "--policy", Policy, "--tickets", "-", "--at", "2026-04-01T00:00:00Z", "--format", "csv");
        Assert.Equal(1, exitCode);
        Assert.Equal("ticket B: service 'fax' is not in policy version 2026.1; the services are email, erp.", error.Trim());
        Assert.Equal(
        [
            // The sample has a variant, so rows name theirs (empty: the service's own targets).
            "service,variant,priority,metric,period,count,met,breached,compliance,target,p50,p90,p99,cancelled",
            "email,,P1,firstResponse,2026-03,1,1,0,1.0000,PT15M,PT5M,PT5M,PT5M,0",
            // Still open on April 1st: breached on March 2nd at 10:15, so judged in March.
            "email,,P1,resolution,2026-03,1,0,1,0.0000,PT4H,PT713H45M,PT713H45M,PT713H45M,0",
            // The reply started the first periodic update, which is still waiting for the next one.
            "email,,P1,update,2026-03,1,0,1,0.0000,PT2H,PT713H40M,PT713H40M,PT713H40M,0",
        ], Lines(output));
    }

    [Fact]
    public void Custom_metrics_get_their_rows_and_cancelled_cycles_are_counted_beside_never_in_the_figure()
    {
        var withCancel = File.ReadAllText(Policy).Replace("\"cycles\": \"each\"", "\"cancel\": [\"status:merged\"], \"cycles\": \"each\"", StringComparison.Ordinal);
        Assert.Contains("status:merged", withCancel, StringComparison.Ordinal);
        var policy = TempFile(withCancel);
        var tickets = """
            {"id":"M","service":"erp","priority":"P1","created":"2026-03-02T06:00:00Z","events":[{"at":"2026-03-02T06:10:00Z","type":"assigned","group":"L2"},{"at":"2026-03-02T06:20:00Z","type":"status","status":"merged"}]}
            {"id":"H","service":"erp","priority":"P1","created":"2026-03-02T06:00:00Z","events":[{"at":"2026-03-02T06:10:00Z","type":"assigned","group":"L2"},{"at":"2026-03-02T07:10:00Z","type":"assigned","group":"L1"}]}
            """;
        var (exitCode, csv, _) = Run(tickets, "report", "--policy", policy, "--tickets", "-", "--at", "2026-04-01T00:00:00Z", "--format", "csv");
        Assert.Equal(0, exitCode);
        Assert.Contains("erp,,P1,l2,2026-03,1,1,0,1.0000,PT2H,PT1H,PT1H,PT1H,1", Lines(csv));
        var (_, json, _) = Run(tickets, "report", "--policy", policy, "--tickets", "-", "--at", "2026-04-01T00:00:00Z", "--format", "json");
        var l2 = JsonNode.Parse(json)!["rows"]!.AsArray().Single(r => r!["metric"]!.GetValue<string>() == "l2")!;
        Assert.Equal((1, 1, 1.0m), (l2["judged"]!.GetValue<int>(), l2["cancelled"]!.GetValue<int>(), l2["compliance"]!.GetValue<decimal>()));
        var (_, html, _) = Run(tickets, "report", "--policy", policy, "--tickets", "-", "--at", "2026-04-01T00:00:00Z", "--format", "html");
        Assert.Contains("<th>cancelled</th>", html, StringComparison.Ordinal);
        Assert.Contains("<td>l2</td><td>2026-03</td><td class=\"n\">1</td><td class=\"n\">1</td><td class=\"n\">1</td>", html, StringComparison.Ordinal);

        // A row of cancelled cycles only has nothing judged: no compliance and no percentiles, not zero.
        var (_, onlyCancelled, _) = Run(tickets.Split('\n')[0], "report", "--policy", policy, "--tickets", "-", "--at", "2026-04-01T00:00:00Z", "--format", "csv");
        Assert.Contains("erp,,P1,l2,2026-03,0,0,0,,PT2H,,,,1", Lines(onlyCancelled));
        var (_, onlyCancelledJson, _) = Run(tickets.Split('\n')[0], "report", "--policy", policy, "--tickets", "-", "--at", "2026-04-01T00:00:00Z", "--format", "json");
        var row = JsonNode.Parse(onlyCancelledJson)!["rows"]!.AsArray().Single(r => r!["metric"]!.GetValue<string>() == "l2")!;
        Assert.Equal((null, null), (row["compliance"], row["p90"]));
    }

    [Fact]
    public void Report_rejects_a_malformed_instant_and_a_missing_file()
    {
        Assert.Equal((2, ""), (Run("", "report", "--policy", Policy, "--from", "last week").ExitCode, Run("", "report", "--policy", Policy, "--from", "last week").Out));
        var (code, _, error) = Run("", "report", "--policy", Policy, "--tickets", "/no/such/tickets.jsonl");
        Assert.Equal(2, code);
        Assert.StartsWith("/no/such/tickets.jsonl: cannot be read:", error);
    }

    [Fact]
    public void Availability_on_the_sample_outages()
    {
        var (exitCode, output, error) = Run("", "availability", "--policy", Policy, "--outages", Sample("outages.jsonl"));
        Assert.Equal(0, exitCode);
        Assert.Equal("", error);
        Assert.StartsWith("Availability for acme-support (ACME support agreement), ", output);
        Assert.Matches(@"email\s+2026-01\s+24x7\s+PT\d+H", output);
        Assert.Matches(@"erp\s+2026-01\s+moscow-office", output);
    }

    [Fact]
    public void Availability_merges_overlaps_and_excludes_maintenance()
    {
        var outages = """
            {"id":"o1","service":"email","start":"2026-03-10T10:00:00Z","end":"2026-03-10T12:00:00Z"}
            {"id":"o2","service":"email","start":"2026-03-10T11:00:00Z","end":"2026-03-10T13:00:00Z","planned":false}
            {"id":"m1","service":"email","start":"2026-03-12T00:00:00Z","end":"2026-03-12T04:00:00Z","planned":true}
            """;
        var (exitCode, output, _) = Run(outages, "availability", "--policy", Policy, "--outages", "-", "--from", "2026-03-01T00:00:00+03:00", "--to", "2026-04-01T00:00:00+03:00", "--format", "json");
        Assert.Equal(0, exitCode);
        var email = JsonNode.Parse(output)!.AsArray().Single(r => r!["service"]!.GetValue<string>() == "email")!;
        Assert.Equal(("PT740H", "PT3H", 10m), (email["measured"]!.GetValue<string>(), email["downtime"]!.GetValue<string>(), email["creditPercent"]!.GetValue<decimal>()));
    }

    [Fact]
    public void Availability_lists_every_bad_outage_and_reports_nothing()
    {
        var outages = """
            {"id":"o1","service":"email","start":"2026-03-10T12:00:00Z","end":"2026-03-10T11:00:00Z"}
            {"service":"email","start":"yesterday","end":"2026-03-10T11:00:00Z"}
            {"id":"o3","service":"email","start":"2026-03-10T10:00:00Z","end":"2026-03-10T11:00:00Z","cause":"dns"}
            """;
        var (exitCode, output, error) = Run(outages, "availability", "--policy", Policy, "--outages", "-");
        Assert.Equal(2, exitCode);
        Assert.Equal("", output);
        Assert.Equal(
        [
            "line 1: outage o1: it ends at 2026-03-10T11:00:00Z, before it starts at 2026-03-10T12:00:00Z.",
            "line 2: \"start\": 'yesterday' is not an instant: write ISO-8601 with Z or an offset, for example 2026-03-27T16:30:00Z or 2026-03-27T16:30:00+03:00.",
            "line 3 (outage o3): 'cause' is not a field of an outage; the fields are id, service, start, end, planned.",
        ], Lines(error));
    }
}

/// <summary><c>sla recommend</c> and <c>sla compare</c>.</summary>
public sealed class WhatIfCommandTests
{
    private static readonly string Policy = Path.Combine(AppContext.BaseDirectory, "samples", "policy.json");
    private static readonly string Tickets = Path.Combine(AppContext.BaseDirectory, "samples", "tickets.jsonl");

    [Fact]
    public void Recommend_lists_each_target_beside_what_history_met()
    {
        var (exitCode, output, _) = Run("", "recommend", "--policy", Policy, "--tickets", Tickets, "--percentile", "90");
        Assert.Equal(0, exitCode);
        Assert.StartsWith("Targets history would have met at p90, for acme-support as of 2026-11-28T12:00:00Z:", output);
        Assert.Matches(@"email\s+P1\s+firstResponse\s+\d+\s+15m on 24x7\s+\d+\.\d%\s+\d+m( \d+s)? on 24x7", output);
        // A variant's targets get their own recommendations.
        Assert.Matches(@"email/gold\s+P1\s+firstResponse\s+\d+\s+10m on 24x7\s+\d+\.\d%\s+\d+m( \d+s)? on 24x7", output);
        Assert.All(output.Split(Environment.NewLine), line => Assert.InRange(line.Length, 0, 120));
        // The metrics the sample defines itself get their recommendations too.
        Assert.Matches(@"email\s+P1\s+update\s+\d+\s+2h on 24x7\s+\d+\.\d%\s+\d+h( \d+m)? on 24x7", output);
        Assert.Matches(@"erp\s+P2\s+l2\s+\d+\s+4h on moscow-office", output);
    }

    [Fact]
    public void Recommend_and_compare_write_json_and_csv_with_fractions_and_each_sides_count()
    {
        var (code, csv, _) = Run("", "recommend", "--policy", Policy, "--tickets", Tickets, "--format", "csv");
        Assert.Equal(0, code);
        var rows = Lines(csv);
        Assert.Equal("service,variant,priority,metric,judged,target,calendar,compliance,recommended", rows[0]);
        Assert.Matches(@"^email,,P1,firstResponse,\d+,PT15M,24x7,0\.\d{4},PT\d+M$", rows[1]);
        Assert.Contains(rows, r => r.StartsWith("email,gold,P1,firstResponse,", StringComparison.Ordinal));
        var (_, json, _) = Run("", "recommend", "--policy", Policy, "--tickets", Tickets, "--format", "json", "--percentile", "90");
        var recommended = JsonNode.Parse(json)!;
        Assert.Equal(0.9, recommended["percentile"]!.GetValue<double>());
        Assert.Contains(recommended["rows"]!.AsArray(), r => r!["variant"]?.GetValue<string>() == "gold");

        var (_, compared, _) = Run("", "compare", "--policy", Policy, "--candidate", Policy, "--tickets", Tickets, "--format", "csv");
        var lines = Lines(compared);
        Assert.Equal("service,variant,priority,metric,currentJudged,currentCompliance,candidateJudged,candidateCompliance,change", lines[0]);
        Assert.All(lines.Skip(1), l => Assert.EndsWith(",0.0000", l, StringComparison.Ordinal));
        var (_, comparedJson, _) = Run("", "compare", "--policy", Policy, "--candidate", Policy, "--tickets", Tickets, "--format", "json");
        var document = JsonNode.Parse(comparedJson)!;
        var first = document["rows"]![0]!;
        Assert.Equal(first["current"]!["judged"]!.GetValue<int>(), first["candidate"]!["judged"]!.GetValue<int>());
        Assert.Contains(document["credits"]!.AsArray(), c => c!["service"]!.GetValue<string>() == "erp");
    }

    [Fact]
    public void Recommend_rejects_a_percentile_outside_zero_to_a_hundred()
    {
        var (exitCode, output, error) = Run("", "recommend", "--policy", Policy, "--tickets", Tickets, "--percentile", "120");
        Assert.Equal((2, ""), (exitCode, output));
        Assert.Equal("--percentile: 120 is not a percentage above 0 and at most 100.", error.Trim());
    }

    [Fact]
    public void Compare_shows_the_same_tickets_under_both_policies()
    {
        var candidate = TempFile(File.ReadAllText(Policy)
            .Replace("\"within\": \"PT4H\"", "\"within\": \"PT8H\"", StringComparison.Ordinal)
            .Replace("\"id\": \"acme-support\"", "\"id\": \"acme-candidate\"", StringComparison.Ordinal));
        var (exitCode, output, _) = Run("", "compare", "--policy", Policy, "--candidate", candidate, "--tickets", Tickets);
        Assert.Equal(0, exitCode);
        Assert.StartsWith("The same tickets under acme-support (current) and acme-candidate (candidate)", output);
        var p1Resolution = Lines(output).Single(l => l.StartsWith("email    -        P1        resolution", StringComparison.Ordinal));
        Assert.Matches(@"\+\d+\.\d pt$", p1Resolution);
        Assert.Contains("Credits owed (sum of percent over periods):", output);
        Assert.Matches(@"erp\s+-\s+P1\s+l2\s+\d+\.\d% of \d+\s+\d+\.\d% of \d+", output);
        var (same, sameOutput, _) = Run("", "compare", "--policy", Policy, "--candidate", Policy, "--tickets", Tickets);
        Assert.Equal(0, same);
        Assert.DoesNotContain(Lines(sameOutput), l => l.EndsWith(" pt", StringComparison.Ordinal) && !l.EndsWith("0.0 pt", StringComparison.Ordinal));
    }
}

/// <summary>The HTML report: one self-contained page.</summary>
public sealed class HtmlReportTests
{
    [Fact]
    public void The_html_report_is_one_self_contained_page_with_inline_svg_charts()
    {
        var policy = Path.Combine(AppContext.BaseDirectory, "samples", "policy.json");
        var tickets = Path.Combine(AppContext.BaseDirectory, "samples", "tickets.jsonl");
        var (exitCode, html, error) = Run("", "report", "--policy", policy, "--tickets", tickets, "--format", "html", "--at", "2026-04-15T00:00:00Z");
        Assert.Equal(0, exitCode);
        Assert.Equal("", error);
        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.EndsWith("</html>\n", html);
        Assert.Contains("<title>SLA compliance: ACME support agreement</title>", html);
        foreach (var section in new[] { "compliance", "breaches", "credits", "objectives", "rows" })
        {
            Assert.Contains($"<h2 id=\"{section}\">", html);
        }
        Assert.Equal(3, System.Text.RegularExpressions.Regex.Count(html, "<svg "));
        Assert.Contains("aria-label=\"Breaches per day\"", html);
        // Nothing is fetched from anywhere: no scripts, no external stylesheets, images or links.
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("src=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("href=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(3, System.Text.RegularExpressions.Regex.Count(html, "https?://")); // the three SVG namespaces
        Assert.Contains(">missed</td>", html);
    }

    [Fact]
    public void Names_are_escaped()
    {
        var policy = TempFile(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "samples", "policy.json"))
            .Replace("ACME support agreement", "<b>ACME</b> & co", StringComparison.Ordinal));
        var (_, html, _) = Run("", "report", "--policy", policy, "--tickets", "-", "--format", "html", "--at", "2026-04-15T00:00:00Z");
        Assert.Contains("SLA compliance: &lt;b&gt;ACME&lt;/b&gt; &amp; co", html);
        Assert.Contains("<p>No breaches.</p>", html);
        Assert.Contains("<p>No credits are owed.</p>", html);
    }
}

/// <summary>Durations for people in tables.</summary>
public sealed class HumanDurationTests
{
    [Theory]
    [InlineData(0, "0s")]
    [InlineData(45, "45s")]
    [InlineData(548, "9m 8s")]
    [InlineData(600, "10m")]
    [InlineData(331150, "91h 59m")]
    [InlineData(14400, "4h")]
    [InlineData(-5400, "-1h 30m")]
    public void Two_largest_parts_rounded_down(int seconds, string text) =>
        Assert.Equal(text, HumanDuration.Format(NodaTime.Duration.FromSeconds(seconds) + NodaTime.Duration.FromMilliseconds(seconds >= 0 ? 900 : 0)));
}
