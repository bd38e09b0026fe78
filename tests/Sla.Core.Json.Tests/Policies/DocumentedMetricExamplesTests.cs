using System.Text.Json.Nodes;
using NodaTime;
using Sla.Core.Compliance;
using Sla.Core.Json.Policies;
using Sla.Core.Policies;
using Sla.Core.Tickets;
using Sla.Tests.Shared;

namespace Sla.Core.Json.Tests.Policies;

/// <summary>
/// The metric definitions shown in docs/evaluation.md (Zendesk's seven metrics, a Jira Service Management
/// custom SLA, an OLA) are read from the page itself and run on the ticket described beside each.
/// </summary>
public sealed class DocumentedMetricExamplesTests
{
    private static readonly Instant Day = Instant.FromUtc(2026, 3, 2, 0, 0);

    private static Instant At(int hour, int minute = 0) => Day + Duration.FromHours(hour) + Duration.FromMinutes(minute);

    /// <summary>The version fields of the example marked <c>&lt;!-- example: name --&gt;</c>, in a policy whose every metric has an 8-hour target.</summary>
    private static PolicySet Example(string name)
    {
        var page = RepositoryFiles.Read("docs", "evaluation.md");
        var marker = page.IndexOf($"<!-- example: {name} -->", StringComparison.Ordinal);
        Assert.True(marker >= 0, $"docs/evaluation.md has no example '{name}'.");
        var start = page.IndexOf("```json\n", marker, StringComparison.Ordinal) + "```json\n".Length;
        var fields = page[start..page.IndexOf("```", start, StringComparison.Ordinal)];
        var metricIds = JsonNode.Parse("{" + fields + "}")!["metrics"]!.AsArray().Select(m => m!["id"]!.GetValue<string>());
        var targets = string.Join(", ", metricIds.Select(id => $"\"{id}\": {{ \"within\": \"PT8H\" }}"));
        return PolicyDocument.Parse($$"""
            { "id": "docs", "name": "Documented example", "versions": [ {
              "version": "1", "effectiveFrom": "2026-01-01T00:00:00Z", "priorities": ["P1"],
              {{fields}},
              "services": [ { "id": "desk", "name": "Desk", "targets": { "P1": { {{targets}} } } } ] } ] }
            """);
    }

    private static Dictionary<string, MetricResult[]> Evaluate(PolicySet policy, params TicketEvent[] events)
    {
        var evaluation = ComplianceEvaluator.Evaluate(policy, new Ticket("T-1", "desk", "P1", At(9), [.. events]), At(18));
        Assert.True(evaluation.IsValid, evaluation.Error);
        return evaluation.Metrics.GroupBy(m => m.Metric.Id).ToDictionary(g => g.Key, g => g.ToArray());
    }

    [Fact]
    public void Zendesk_seven_metrics()
    {
        var results = Evaluate(Example("zendesk"),
            TicketEvent.AgentReply(At(9, 20)), TicketEvent.StatusChange(At(10), "pending"), TicketEvent.StatusChange(At(11), "on-hold"),
            TicketEvent.StatusChange(At(12), "open"), TicketEvent.Resolved(At(13)));
        Assert.Equal(Duration.FromMinutes(20), Assert.Single(results["firstReply"]).Elapsed);
        Assert.False(results.ContainsKey("nextReply"));
        Assert.Equal(Duration.FromMinutes(220), Assert.Single(results["periodicUpdate"]).Elapsed);
        Assert.Equal(Duration.FromMinutes(100), Assert.Single(results["pausableUpdate"]).Elapsed);
        Assert.Equal(Duration.FromHours(3), Assert.Single(results["requesterWait"]).Elapsed);
        Assert.Equal(Duration.FromHours(2), Assert.Single(results["agentWork"]).Elapsed);
        Assert.Equal(Duration.FromHours(4), Assert.Single(results["totalResolution"]).Elapsed);
        Assert.All(results.Values.SelectMany(r => r), r => Assert.Equal(MetricStatus.Met, r.Status));
    }

    [Fact]
    public void Jira_service_management_custom_sla()
    {
        var cycles = Evaluate(Example("jsm"),
            TicketEvent.StatusChange(At(10), "waiting for customer"), TicketEvent.StatusChange(At(12), "waiting for support"), TicketEvent.Resolved(At(12, 30)))["waitingForSupport"];
        Assert.Equal([Duration.FromHours(1), Duration.FromMinutes(30)], cycles.Select(c => c.Elapsed));
        Assert.Equal([(At(9), At(10)), (At(12), At(12, 30))], cycles.Select(c => (c.Start, c.Stop!.Value)));
    }

    [Fact]
    public void Operational_level_agreement_for_a_support_tier()
    {
        var cycles = Evaluate(Example("ola"),
            TicketEvent.AssignedTo(At(9, 30), "L2"), TicketEvent.AssignedTo(At(10, 30), "L1"),
            TicketEvent.AssignedTo(At(14), "L2"), TicketEvent.StatusChange(At(14, 45), "merged"))["l2"];
        Assert.Equal([(MetricStatus.Met, Duration.FromHours(1)), (MetricStatus.Cancelled, Duration.FromMinutes(45))], cycles.Select(c => (c.Status, c.Elapsed)));
    }

    [Fact]
    public void A_tier_upgrade_and_a_move_to_the_us_office()
    {
        var page = RepositoryFiles.Read("docs", "evaluation.md");
        var marker = page.IndexOf("<!-- example: variants -->", StringComparison.Ordinal);
        Assert.True(marker >= 0, "docs/evaluation.md has no variants example.");
        var blocks = new List<string>();
        for (var at = page.IndexOf("```json\n", marker, StringComparison.Ordinal); blocks.Count < 2; at = page.IndexOf("```json\n", at, StringComparison.Ordinal))
        {
            at += "```json\n".Length;
            blocks.Add(page[at..page.IndexOf("```", at, StringComparison.Ordinal)]);
        }
        var policy = PolicyDocument.Parse(blocks[0]);
        Assert.True(Sla.Core.Json.Tickets.TicketDocument.TryParseLine(blocks[1].Trim(), 1, out var ticket, out _, out var error), error);
        var resolution = ComplianceEvaluator.Evaluate(policy, ticket, At(15)).Metrics.Single(m => m.Metric == Metric.Resolution);
        Assert.Equal((MetricStatus.AtRisk, "gold-us", "new-york", Duration.FromMinutes(210), At(15, 30)),
            (resolution.Status, resolution.Variant, resolution.Target!.CalendarId, resolution.Elapsed, resolution.Deadline!.Value));
        var atTen = ComplianceEvaluator.Evaluate(policy, ticket, At(10, 30)).Metrics.Single(m => m.Metric == Metric.Resolution);
        Assert.Equal(("gold", "london", Duration.FromMinutes(90)), (atTen.Variant, atTen.Target!.CalendarId, atTen.Elapsed));
    }
}
