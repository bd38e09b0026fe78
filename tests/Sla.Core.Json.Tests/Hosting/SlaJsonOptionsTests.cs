using System.Text.Json;
using NodaTime;
using Sla.Core.Calendars;
using Sla.Core.Compliance;
using Sla.Core.Json.Policies;
using Sla.Core.Policies;
using Sla.Core.Reports;
using Sla.Core.Tickets;
using Sla.Tests.Shared;

namespace Sla.Core.Json.Tests.Hosting;

/// <summary>
/// What a host returns, through <see cref="SlaJsonOptions.ConfigureForSla"/>: the wire format of the documents (instants,
/// ISO durations, lower-camel enums, metrics by id, targets as in a policy), and every type read back to the same JSON.
/// </summary>
public sealed class SlaJsonOptionsTests
{
    private static readonly JsonSerializerOptions Options = new JsonSerializerOptions().ConfigureForSla();
    private static readonly PolicySet Sample = PolicyDocument.Parse(RepositoryFiles.Read("samples", "policy.json"));
    private static readonly Instant Created = Instant.FromUtc(2026, 3, 2, 6, 15);

    private static TicketEvaluation Evaluation(bool explain = false) => ComplianceEvaluator.Evaluate(Sample,
        new Ticket("T-1", "email", "P2", Created, [TicketEvent.AgentReply(Created + Duration.FromMinutes(25)), TicketEvent.StatusChange(Created + Duration.FromHours(2), "pending")],
            new Dictionary<string, string> { ["tier"] = "gold" }),
        Created + Duration.FromHours(30), new EvaluationOptions(explain));

    /// <summary>Serialises, reads back, serialises again: the same text both times.</summary>
    private static string RoundTrip<T>(T value)
    {
        var json = JsonSerializer.Serialize(value, Options);
        var back = JsonSerializer.Deserialize<T>(json, Options);
        Assert.Equal(json, JsonSerializer.Serialize(back, Options));
        return json;
    }

    [Fact]
    public void Every_enum_of_the_library_and_of_the_host_goes_out_by_name()
    {
        var json = JsonSerializer.Serialize(new HostRecord(MetricStatus.AtRisk, TicketEventKind.CustomerMessage, ReportingPeriod.Quarter, HostChannel.WebChat), Options);
        Assert.Equal("""{"status":"atRisk","kind":"customerMessage","period":"quarter","channel":"webChat"}""", json);
        Assert.Equal(new HostRecord(MetricStatus.AtRisk, TicketEventKind.CustomerMessage, ReportingPeriod.Quarter, HostChannel.WebChat),
            JsonSerializer.Deserialize<HostRecord>(json, Options));
    }

    public enum HostChannel
    {
        Email,
        WebChat,
    }

    public sealed record HostRecord(MetricStatus Status, TicketEventKind Kind, ReportingPeriod Period, HostChannel Channel);

    [Fact]
    public void A_result_goes_out_in_the_documents_wire_format()
    {
        var json = JsonSerializer.Serialize(Evaluation().Metrics[0], Options);
        Assert.StartsWith("""{"metric":"firstResponse","cycle":1,"status":"met","start":"2026-03-02T06:15:00Z","stop":"2026-03-02T06:40:00Z","target":{"within":"PT30M","calendar":"moscow-office"},""", json, StringComparison.Ordinal);
        Assert.Contains("\"elapsed\":\"PT25M\"", json, StringComparison.Ordinal);
        Assert.Contains("\"variant\":\"gold\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("CalendarId", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluations_results_and_explanations_read_back()
    {
        var json = RoundTrip(Evaluation(explain: true));
        Assert.Contains("""{"interval":{"start":"2026-03-02T08:15:00Z","end":"2026-03-03T12:15:00Z"},"kind":"paused","reason":"pending",""", json, StringComparison.Ordinal);
        Assert.Contains("\"status\":\"paused\"", json, StringComparison.Ordinal);
        RoundTrip(ComplianceEvaluator.Evaluate(Sample, new Ticket("T-2", "fax", "P1", Created, []), Created));
    }

    [Fact]
    public void Deadlines_days_and_calendars_read_back()
    {
        var version = Sample.Versions[0];
        // The response shown in the cookbook.
        Assert.StartsWith("""[{"metric":"firstResponse","target":{"within":"PT1H","calendar":"moscow-office"},"kind":"due","deadline":"2026-03-06T12:30:00Z"},""",
            JsonSerializer.Serialize(version.Deadlines("email", "P2", Instant.FromUtc(2026, 3, 6, 11, 30)), Options), StringComparison.Ordinal);
        var deadlines = RoundTrip(version.Deadlines("email", "P3", Created));
        Assert.Contains("""{"within":"PT4H","calendar":"moscow-office"}""", deadlines, StringComparison.Ordinal);
        Assert.Contains("""{"businessDays":3,"cutoff":"16:00","calendar":"moscow-office"}""", deadlines, StringComparison.Ordinal);
        Assert.Contains("\"kind\":\"due\"", deadlines, StringComparison.Ordinal);
        var days = RoundTrip(version.Calendars[0].Days(new LocalDate(2026, 5, 1), new LocalDate(2026, 5, 4)));
        Assert.Contains("""{"date":"2026-05-01","hours":[],""", days, StringComparison.Ordinal);
        Assert.Contains("\"09:00-13:00\"", days, StringComparison.Ordinal);
        var calendar = RoundTrip(version.Calendars[0]);
        Assert.Contains("\"timeZone\":\"Europe/Moscow\"", calendar, StringComparison.Ordinal);
    }

    [Fact]
    public void Reports_recommendations_and_policies_read_back()
    {
        var builder = new ComplianceReportBuilder(Sample);
        var recommender = new TargetRecommender();
        foreach (var line in RepositoryFiles.Read("samples", "tickets.jsonl").Split('\n', StringSplitOptions.RemoveEmptyEntries).Take(300))
        {
            Assert.True(Json.Tickets.TicketDocument.TryParseLine(line, 1, out var ticket, out _, out _));
            var evaluation = ComplianceEvaluator.Evaluate(Sample, ticket, Instant.FromUtc(2026, 4, 15, 0, 0));
            builder.Add(evaluation);
            recommender.Add(evaluation);
        }
        var report = builder.Build();
        var rows = RoundTrip(report.Rows);
        Assert.Contains("\"period\":{\"kind\":\"month\",\"firstDate\":\"2026-01-01\"", rows, StringComparison.Ordinal);
        Assert.Contains("\"label\":\"2026-01\"", rows, StringComparison.Ordinal);
        RoundTrip(report.Objectives);
        RoundTrip(report.Credits);
        RoundTrip(recommender.Recommend(0.95));
        var policy = RoundTrip(Sample);
        Assert.Equal(PolicyDocument.Write(Sample), PolicyDocument.Write(JsonSerializer.Deserialize<PolicySet>(policy, Options)!));
    }

    [Theory]
    [InlineData("{\"within\":\"P1D\"}", "target 'P1D': 'P1D' uses days or larger units")]
    [InlineData("{\"within\":\"PT0S\"}", "target 'PT0S': a duration target must be more than zero.")]
    [InlineData("{\"businessDays\":-1}", "businessDays -1 is negative: use 0 for the day the ticket is received.")]
    [InlineData("{\"calendar\":\"x\"}", "A target is exactly one of")]
    [InlineData("{\"within\":\"PT4H\",\"businessDays\":2}", "A target is exactly one of")]
    public void A_target_that_is_not_one_says_why(string json, string expected)
    {
        var e = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<SlaTarget>(json, Options));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_policy_that_is_not_valid_says_why() =>
        Assert.Contains("A policy needs an id.", Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<PolicySet>("""{"name":"x","versions":[]}""", Options)).Message,
            StringComparison.Ordinal);
}

/// <summary>A host's source-generated context: the converters need no reflection, so they serve it as they serve reflection.</summary>
[System.Text.Json.Serialization.JsonSerializable(typeof(TicketEvaluation))]
[System.Text.Json.Serialization.JsonSerializable(typeof(System.Collections.Immutable.ImmutableArray<MetricDeadline>))]
public sealed partial class HostJsonContext : System.Text.Json.Serialization.JsonSerializerContext;

/// <summary>The same wire format through a source-generated context.</summary>
public sealed class SourceGeneratedHostTests
{
    [Fact]
    public void A_source_generated_context_on_configured_options_writes_and_reads_the_same_json()
    {
        var options = new JsonSerializerOptions { TypeInfoResolver = HostJsonContext.Default }.ConfigureForSla();
        var reflection = new JsonSerializerOptions().ConfigureForSla();
        var policy = PolicyDocument.Parse(RepositoryFiles.Read("samples", "policy.json"));
        var created = Instant.FromUtc(2026, 3, 2, 6, 15);
        var evaluation = ComplianceEvaluator.Evaluate(policy, new Ticket("T-1", "email", "P1", created, [TicketEvent.AgentReply(created + Duration.FromMinutes(5))]), created + Duration.FromHours(1));
        var json = JsonSerializer.Serialize(evaluation, options);
        Assert.Equal(JsonSerializer.Serialize(evaluation, reflection), json);
        Assert.Equal(json, JsonSerializer.Serialize(JsonSerializer.Deserialize<TicketEvaluation>(json, options), options));
    }
}
