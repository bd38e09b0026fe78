using System.Text.Json;
using Json.Schema;
using NodaTime;
using Duration = NodaTime.Duration;
using Sla.Core.Json.Policies;
using Sla.Core.Policies;
using Sla.Core.Validation;

namespace Sla.Core.Json.Tests.Policies;

/// <summary>Policy documents: the formats.md example, the sample, every kind of bad document, and the JSON Schema.</summary>
public sealed class PolicyDocumentTests
{
    internal const string FormatsExample = """
        {
          "id": "acme-support",
          "name": "ACME support agreement",
          "versions": [
            {
              "version": "2026.1",
              "effectiveFrom": "2026-01-01T00:00:00Z",
              "calendars": [ { "id": "moscow", "timeZone": "Europe/Moscow", "weekly": { "monday": ["09:00-18:00"] } } ],
              "priorities": ["P1", "P2", "P3", "P4"],
              "pauseStatuses": ["pending", "on-hold"],
              "warningAt": 0.75,
              "services": [
                {
                  "id": "email",
                  "name": "Corporate e-mail",
                  "targets": {
                    "P1": { "firstResponse": { "within": "PT15M" }, "resolution": { "within": "PT4H" } },
                    "P2": {
                      "firstResponse": { "within": "PT1H", "calendar": "moscow" },
                      "nextResponse": { "within": "PT4H", "calendar": "moscow" },
                      "resolution": { "businessDays": 2, "cutoff": "16:00", "calendar": "moscow" }
                    }
                  }
                }
              ],
              "objectives": [
                { "service": "email", "priority": "P2", "metric": "resolution", "atLeast": 0.95, "period": "month" }
              ],
              "credits": [
                { "service": "email", "metric": "resolution", "below": 0.95, "creditPercent": 5 },
                { "service": "email", "metric": "resolution", "below": 0.90, "creditPercent": 10 }
              ],
              "availability": [
                { "service": "email", "atLeast": 0.999, "period": "month", "calendar": "24x7",
                  "credits": [ { "below": 0.999, "creditPercent": 10 }, { "below": 0.99, "creditPercent": 25 } ] }
              ]
            }
          ]
        }
        """;

    // Loaded once: the schema registry refuses a second schema with the same id.
    internal static readonly JsonSchema Schema = JsonSchema.FromText(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "samples", "policy.schema.json")));

    private static string Sample => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "samples", "policy.json"));

    private static string[] Problems(string json)
    {
        Assert.False(PolicyDocument.TryParse(json, out var policy, out var problems));
        Assert.Null(policy);
        return [.. problems.Select(p => p.ToString())];
    }

    [Fact]
    public void Reads_the_formats_example()
    {
        var policy = PolicyDocument.Parse(FormatsExample);
        var version = Assert.Single(policy.Versions);
        Assert.Equal(("acme-support", "ACME support agreement"), (policy.Id, policy.Name));
        Assert.Equal(Instant.FromUtc(2026, 1, 1, 0, 0), version.EffectiveFrom);
        Assert.Equal(new[] { "P1", "P2", "P3", "P4" }, version.Priorities.ToArray());
        Assert.Equal(new[] { "pending", "on-hold" }, version.PauseStatuses.ToArray());
        Assert.Equal(0.75, version.WarningAt);
        Assert.Equal(SlaTarget.InBusinessTime(Duration.FromMinutes(15)), version.Target("email", "P1", Metric.FirstResponse));
        Assert.Equal(SlaTarget.InBusinessDays(new Sla.Core.Calendars.BusinessDays(2, new LocalTime(16, 0)), "moscow"), version.Target("email", "P2", Metric.Resolution));
        Assert.Null(version.Target("email", "P3", Metric.Resolution));
        Assert.Equal(new ComplianceObjective("email", Metric.Resolution, 0.95m, ReportingPeriod.Month, "P2"), Assert.Single(version.Objectives));
        Assert.Equal(2, version.Credits.Length);
        Assert.Equal(2, Assert.Single(version.Availability).Credits.Length);
    }

    [Fact]
    public void Reads_the_sample_policy_without_problems()
    {
        Assert.True(PolicyDocument.TryParse(Sample, out var policy, out var problems));
        Assert.Empty(problems);
        Assert.Equal(2, policy.Versions[0].Services.Length);
        Assert.Equal(4, policy.Versions[0].Priorities.Length);
    }

    [Fact]
    public void Every_problem_is_listed_with_its_path()
    {
        const string json = """
            {
              "id": "acme", "owner": "me",
              "versions": [
                {
                  "version": "1", "effectiveFrom": "2026-01-01",
                  "calendars": [ { "id": "office", "timeZone": "Atlantis/Central", "weekly": { "monday": ["09:00-18:00"] } } ],
                  "priorities": ["P1", 2],
                  "warningAt": "high",
                  "services": [
                    { "id": "email", "name": "E-mail", "targets": {
                        "P1": { "firstResponse": { "within": "P1D" }, "resolution": { "within": "PT4H", "businessDays": 1 }, "escalation": { "within": "PT1H" } },
                        "P2": { "resolution": { "businessDays": -1, "calendar": "office" } },
                        "P1x": { "resolution": { "within": "PT1H", "calendar": "lunar", "cutoff": "16:00" } } } }
                  ],
                  "objectives": [ { "service": "email", "metric": "uptime", "atLeast": 0.9, "period": "year" } ],
                  "credits": [ { "service": "email", "metric": "resolution", "below": 0.9 } ],
                  "availability": [ { "service": "email", "atLeast": 2, "period": "month", "credits": [ { "below": 0.99, "creditPercent": 5, "cap": 1 } ] } ]
                }
              ]
            }
            """;
        Assert.Equal(
        [
            "owner: 'owner' is not a field of a policy; the fields are id, name, versions.",
            "versions[0].effectiveFrom: '2026-01-01' is not an instant: write ISO-8601 with Z or an offset, for example 2026-03-27T16:30:00Z or 2026-03-27T16:30:00+03:00.",
            $"versions[0].calendars[0].timeZone: 'Atlantis/Central' is not a time zone known to {DateTimeZoneProviders.Tzdb.VersionId}: use an IANA zone id such as Europe/London.",
            "versions[0].priorities[1]: Expected a string, found the number 2.",
            "versions[0].warningAt: Expected a number, found the string \"high\".",
            "versions[0].services[0].targets.P1.firstResponse.within: 'P1D' uses days or larger units, which are not a fixed amount of business time: write hours (PT24H) or use a business-days target.",
            "versions[0].services[0].targets.P1.resolution: A target is exactly one of: within (a duration such as PT4H) or businessDays (with optional cutoff and at).",
            "versions[0].services[0].targets.P2.resolution.businessDays: businessDays -1 is negative: use 0 for the day the ticket is received.",
            "versions[0].services[0].targets.P1x.resolution.cutoff: 'cutoff' belongs to a businessDays target, not a within target.",
            "versions[0].objectives[0].period: 'year' is not a period: use week, month or quarter.",
            "versions[0].credits[0].creditPercent: creditPercent is required: the credit in percent, such as 5.",
            "versions[0].availability[0].credits[0].cap: 'cap' is not a field of an availability credit tier; the fields are below, creditPercent.",
            "versions[0].services[0].targets.P1.escalation: 'escalation' is not a metric of this version; the metrics are firstResponse, nextResponse, resolution.",
            "versions[0].services[0].targets.P1x: 'P1x' is not a priority of this version; the priorities are P1.",
            "versions[0].services[0].targets.P1x.resolution.calendar: 'lunar' is not a calendar of this version; the calendars are office, 24x7.",
            "versions[0].availability[0].atLeast: atLeast 2 is not a fraction in (0, 1], such as 0.95.",
        ], Problems(json));
    }

    [Fact]
    public void A_reference_to_a_calendar_that_could_not_be_read_is_not_reported_twice()
    {
        var json = FormatsExample.Replace("\"Europe/Moscow\"", "\"Europe/Mordor\"", StringComparison.Ordinal);
        var problem = Assert.Single(Problems(json));
        Assert.StartsWith("versions[0].calendars[0].timeZone: 'Europe/Mordor' is not a time zone", problem);
    }

    [Fact]
    public void Malformed_JSON_names_the_line()
    {
        var problem = Assert.Single(Problems("{\n  \"id\": \"x\",\n  \"versions\": [ { \"version\": \"1\" ]\n}"));
        Assert.StartsWith("The document is not valid JSON at line 3", problem);
    }

    [Fact]
    public void Warnings_do_not_stop_a_policy_from_loading_but_are_reported()
    {
        var json = FormatsExample.Replace("\"P1\": { \"firstResponse\": { \"within\": \"PT15M\" }", "\"P1\": { \"firstResponse\": { \"within\": \"PT5H\" }", StringComparison.Ordinal);
        Assert.True(PolicyDocument.TryParse(json, out var policy, out var problems));
        Assert.NotNull(policy);
        var warning = Assert.Single(problems);
        Assert.Equal(ValidationSeverity.Warning, warning.Severity);
        Assert.Equal("versions[0].services[0].targets.P1.firstResponse", warning.Path);
    }

    [Fact]
    public void Parse_throws_with_every_error()
    {
        var error = Assert.Throws<DefinitionValidationException>(() => PolicyDocument.Parse("""{ "versions": [] }"""));
        Assert.Equal(["id: A policy needs an id.", "versions: A policy needs at least one version."], error.Problems.Select(p => p.ToString()));
    }

    [Fact]
    public void The_schema_accepts_the_sample_the_formats_example_and_what_the_writer_writes()
    {
        foreach (var json in new[] { Sample, FormatsExample, PolicyDocument.Write(PolicyDocument.Parse(Sample)) })
        {
            var result = Schema.Evaluate(JsonDocument.Parse(json).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
            Assert.True(result.IsValid, string.Join("; ", (result.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))));
        }
    }

    [Theory]
    [InlineData("\"within\": \"PT4H\"", "\"within\": \"P1D\"")]
    [InlineData("\"period\": \"month\"", "\"period\": \"year\"")]
    [InlineData("\"warningAt\": 0.75", "\"warningAt\": 1.5")]
    [InlineData("\"cutoff\": \"16:00\"", "\"cutoff\": \"4pm\"")]
    [InlineData("\"monday\": [\"09:00-18:00\"]", "\"monday\": [\"9-6\"]")]
    [InlineData("\"name\": \"ACME support agreement\"", "\"name\": \"ACME\", \"owner\": \"x\"")]
    public void The_schema_rejects_what_the_reader_rejects(string from, string to)
    {
        var json = FormatsExample.Replace(from, to, StringComparison.Ordinal);
        Assert.NotEqual(FormatsExample, json);
        Assert.False(Schema.Evaluate(JsonDocument.Parse(json).RootElement).IsValid);
        Assert.False(PolicyDocument.TryParse(json, out _, out _));
    }
}
