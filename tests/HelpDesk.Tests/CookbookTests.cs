using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using NodaTime;
using NodaTime.Testing;
using Sla.Core.Compliance;
using Sla.Core.Json.Policies;
using Sla.Core.Json.Tickets;
using Sla.Core.Policies;
using Sla.Core.Reports;
using Sla.Core.Tickets;
using Sla.Tests.Shared;

namespace HelpDesk.Tests;

/// <summary>
/// The cookbook's C# is code that compiles and runs: each block is found, line for line, in the HelpDesk service or
/// in the recipes below, and the recipes run here.
/// </summary>
public sealed partial class CookbookTests
{
    [Fact]
    public void Every_csharp_block_of_the_cookbook_is_compiled_code()
    {
        var sources = Directory.EnumerateFiles(Path.Combine(Root(), "samples", "HelpDesk"), "*.cs", SearchOption.AllDirectories)
            .Append(Path.Combine(Root(), "tests", "HelpDesk.Tests", "CookbookTests.cs"))
            .Select(f => File.ReadAllLines(f).Select(l => l.Trim()).ToArray())
            .ToList();
        var blocks = CSharpBlock().Matches(RepositoryFiles.Read("docs", "cookbook.md")).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(5, blocks.Count);
        foreach (var block in blocks)
        {
            var lines = block.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToArray();
            Assert.True(sources.Any(source => Contains(source, lines)), $"this cookbook block is not in the compiled code:\n{block}");
        }
    }

    [Fact]
    public async Task The_deadlines_recipe_answers_as_the_cookbook_shows()
    {
        using var folder = new DeskFolder(Database.Sqlite);
        await using var host = folder.Start(Instant.FromUtc(2026, 3, 6, 11, 30));
        using var client = host.CreateClient();
        var response = await client.PostAsJsonAsync("/deadlines", new { service = "email", priority = "P2" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("""[{"metric":"firstResponse","target":{"within":"PT1H","calendar":"moscow-office"},"kind":"due","deadline":"2026-03-06T12:30:00Z"}""",
            await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var unknown = await client.PostAsJsonAsync("/deadlines", new { service = "fax", priority = "P2" });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal("""{"error":"policy version 2026.1 has services email, erp and priorities P1, P2, P3, P4; 'fax' with 'P2' is not among them."}""",
            await unknown.Content.ReadAsStringAsync());
    }

    [Fact]
    public void The_incremental_state_recipe_agrees_with_replaying_the_log()
    {
        var policy = Policy();
        var ticket = new Ticket("T-1", "email", "P2", Instant.FromUtc(2026, 3, 2, 9, 0), []);
        var repliedAt = Instant.FromUtc(2026, 3, 2, 9, 20);
        var clock = new FakeClock(Instant.FromUtc(2026, 3, 2, 10, 0));

        var state = TicketState.Start(policy, ticket.Id, ticket.Service, ticket.Priority, ticket.Created);
        state = state.Apply(TicketEvent.AgentReply(repliedAt));
        var evaluation = state.Evaluate(clock.GetCurrentInstant());

        var replayed = ComplianceEvaluator.Evaluate(policy, ticket with { Events = [TicketEvent.AgentReply(repliedAt)] }, clock.GetCurrentInstant());
        // Explanations are off: each result holds its own empty list, which records compare by reference.
        Assert.Equal(replayed.Metrics.Select(m => (m with { Segments = [] }).ToString()), evaluation.Metrics.Select(m => (m with { Segments = [] }).ToString()));
        Assert.Equal(MetricStatus.Met, evaluation.Metrics.Single(m => m.Metric == Metric.FirstResponse).Status);
    }

    [Fact]
    public void The_nightly_report_recipe_prints_the_credits_owed()
    {
        var policy = Policy();
        var now = Instant.FromUtc(2026, 4, 15, 0, 0);
        Console.Lines.Clear();

        var builder = new ComplianceReportBuilder(policy, ReportingPeriod.Month);
        foreach (var ticket in ReadTickets())                    // your export
        {
            builder.Add(ComplianceEvaluator.Evaluate(policy, ticket, now));
        }
        var report = builder.Build();
        foreach (var credit in report.Credits)
        {
            Console.WriteLine($"{credit.Service} {credit.Period.Label}: {credit.Tier.CreditPercent}% credit");
        }

        Assert.Equal(report.Credits.Length, Console.Lines.Count);
        Assert.All(Console.Lines, line => Assert.Matches(@"^(email|erp) 2026-\d\d: \d+% credit$", line));
    }

    private static PolicySet Policy() => PolicyDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "samples", "policy.json")));

    private static IEnumerable<Ticket> ReadTickets() =>
        File.ReadLines(Path.Combine(Root(), "samples", "tickets.jsonl")).Select((line, i) =>
            TicketDocument.TryParseLine(line, i + 1, out var ticket, out _, out var error) ? ticket : throw new InvalidDataException(error));

    /// <summary>Stands in for System.Console in the recipe, so the test reads what it prints (tests run in parallel).</summary>
    private static class Console
    {
        public static List<string> Lines { get; } = [];

        public static void WriteLine(string line) => Lines.Add(line);
    }

    private static bool Contains(string[] source, string[] lines) =>
        Enumerable.Range(0, Math.Max(0, source.Length - lines.Length + 1)).Any(start => source.AsSpan(start, lines.Length).SequenceEqual(lines));

    private static string Root() => Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", ".."));

    [GeneratedRegex("```csharp\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();
}
