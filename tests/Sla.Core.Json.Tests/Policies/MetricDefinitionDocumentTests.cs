using NodaTime;
using Sla.Core.Compliance;
using Sla.Core.Json.Compliance;
using Sla.Core.Json.Policies;
using Sla.Core.Json.Tickets;
using Sla.Core.Policies;
using Sla.Core.Tickets;

namespace Sla.Core.Json.Tests.Policies;

/// <summary>A version's <c>metrics</c>, its clock options and the <c>assigned</c> event in documents: reading, every mistake with its path, writing back.</summary>
public sealed class MetricDefinitionDocumentTests
{
    private static string Policy(string versionFields, string targets = """{ "P1": { "resolution": { "within": "PT8H" } } }""") => $$"""
        {
          "id": "p", "name": "P",
          "versions": [ {
            "version": "2027.1", "effectiveFrom": "2027-01-01T00:00:00Z",
            "calendars": [ { "id": "london", "timeZone": "Europe/London", "weekly": { "monday": ["09:00-17:30"] } } ],
            "priorities": ["P1", "P2"], "pauseStatuses": ["pending"],
            {{versionFields}}
            "services": [ { "id": "email", "name": "E-mail", "targets": {{targets}} } ]
          } ]
        }
        """;

    /// <summary>The metrics and options of the policy-version example for configurable clocks, word for word.</summary>
    internal const string ExampleMetrics = """
        "priorityChange": "keepCounted",
        "businessDaysPause": "extend",
        "warningAt": 0.75,
        "warnings": [0.5, 0.75, 0.9],
        "metrics": [
          { "id": "firstResponse", "preset": "firstResponse" },
          { "id": "nextResponse", "preset": "nextResponse", "startAfter": "firstResponse" },
          { "id": "resolution", "preset": "resolution" },
          { "id": "update", "preset": "pausableUpdate" },
          { "id": "requesterWait", "preset": "resolution", "pauseWhile": ["pending"] },
          { "id": "l2", "start": ["assigned:L2"], "stop": ["unassigned:L2", "resolved"], "cancel": ["status:merged"], "cycles": "each" }
        ],
        """;

    private static string[] Problems(string json)
    {
        Assert.False(PolicyDocument.TryParse(json, out _, out var problems));
        return [.. problems.Select(p => p.ToString())];
    }

    [Fact]
    public void Reads_the_metrics_and_options_of_the_example()
    {
        var version = PolicyDocument.Parse(Policy(ExampleMetrics, """{ "P1": { "resolution": { "within": "PT8H", "calendar": "london" }, "l2": { "within": "PT2H" } } }""")).Versions[0];
        Assert.True(version.DefinesMetrics);
        Assert.Equal(["firstResponse", "nextResponse", "resolution", "update", "requesterWait", "l2"], version.Metrics.Select(m => m.Metric.Id));
        Assert.Equal([0.5, 0.75, 0.9], version.Warnings.ToArray());
        Assert.Equal((PriorityChangeRule.KeepCounted, BusinessDaysPauseRule.Extend), (version.PriorityChange, version.BusinessDaysPause));
        var l2 = version.Metrics[5];
        Assert.Equal(["assigned:L2"], l2.Start.Select(t => t.ToString()));
        Assert.Equal(["unassigned:L2", "resolved"], l2.Stop.Select(t => t.ToString()));
        Assert.Equal(["status:merged"], l2.Cancel.Select(t => t.ToString()));
        Assert.Equal(MetricCycles.Each, l2.Cycles);
        Assert.Equal(Metric.FirstResponse, version.Metrics[1].StartAfter);
        Assert.Equal(["pending"], version.Metrics[3].PauseWhile.ToArray());
        Assert.Equal([MetricTrigger.Reopened], version.Metrics[4].Resume.ToArray());
        Assert.Equal(SlaTarget.InBusinessTime(Duration.FromHours(2)), version.Target("email", "P1", Metric.Named("l2")));
    }

    [Fact]
    public void Writing_and_reading_back_keeps_the_definitions_and_options()
    {
        var policy = PolicyDocument.Parse(Policy(ExampleMetrics.Replace("keepCounted", "restart", StringComparison.Ordinal).Replace("\"extend\"", "\"ignore\"", StringComparison.Ordinal)));
        var back = PolicyDocument.Parse(PolicyDocument.Write(policy)).Versions[0];
        var version = policy.Versions[0];
        Assert.Equal((PriorityChangeRule.Restart, BusinessDaysPauseRule.Ignore), (back.PriorityChange, back.BusinessDaysPause));
        Assert.Equal(version.Warnings.ToArray(), back.Warnings.ToArray());
        Assert.Equal(version.Metrics.Length, back.Metrics.Length);
        foreach (var (written, read) in version.Metrics.Zip(back.Metrics))
        {
            Assert.Equal(
                (written.Metric, written.Cycles, written.StartAfter, string.Join(",", written.Start), string.Join(",", written.Stop), string.Join(",", written.Cancel), string.Join(",", written.Resume), string.Join(",", written.PauseWhile)),
                (read.Metric, read.Cycles, read.StartAfter, string.Join(",", read.Start), string.Join(",", read.Stop), string.Join(",", read.Cancel), string.Join(",", read.Resume), string.Join(",", read.PauseWhile)));
        }
        Assert.DoesNotContain("\"metrics\"", PolicyDocument.Write(PolicyDocument.Parse(Policy(""))), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_mistake_in_metrics_and_options_is_listed_with_its_path()
    {
        var json = Policy("""
            "priorityChange": "reset", "businessDaysPause": "pause", "warnings": [0.5, "high"],
            "metrics": [
              { "id": "resolution", "preset": "resolved", "start": ["created", "escalated", 7], "stop": ["status:"], "cycles": "twice", "colour": "red" },
              { "preset": "periodicUpdate" },
              "l2"
            ],
            """, """{ "P1": { "resolution": { "within": "PT8H" }, "update": { "within": "PT1H" } } }""");
        Assert.Equal(
        [
            "versions[0].priorityChange: 'reset' is not a priority-change rule: use keepCounted or restart.",
            "versions[0].businessDaysPause: 'pause' is not a business-days pause rule: use extend or ignore.",
            "versions[0].warnings[1]: Expected a fraction such as 0.9, found the string \"high\".",
            "versions[0].metrics[0].colour: 'colour' is not a field of a metric; the fields are id, preset, start, stop, cancel, resume, cycles, pauseWhile, startAfter.",
            "versions[0].metrics[0].preset: 'resolved' is not a preset: use firstResponse, nextResponse, resolution, periodicUpdate or pausableUpdate.",
            "versions[0].metrics[0].start[1]: 'escalated' is not a trigger: use created, customerMessage, agentReply, agentNote, resolved, reopened, priority, status:<status>, assigned:<group> or unassigned:<group>.",
            "versions[0].metrics[0].start[2]: Expected a trigger such as agentReply or status:pending, found the number 7.",
            "versions[0].metrics[0].stop[0]: 'status:' does not say which status: write it after the colon, such as status:pending.",
            "versions[0].metrics[0].cycles: 'twice' is not a cycles rule: use once or each.",
            "versions[0].metrics[1].id: A metric needs an id, the name its targets use.",
            "versions[0].metrics[2]: Expected a metric (a JSON object), found the string \"l2\".",
        ], Problems(json));
    }

    [Fact]
    public void Report_periods_are_measured_in_the_reporting_time_zone()
    {
        // Resolved at 23:30 on 31 March UTC: already April in London (BST), still March in UTC.
        var ticket = new Ticket("T-1", "email", "P1", Instant.FromUtc(2027, 3, 31, 20, 0), [TicketEvent.Resolved(Instant.FromUtc(2027, 3, 31, 23, 30))]);
        string Period(string fields)
        {
            var policy = PolicyDocument.Parse(Policy(fields));
            var evaluation = ComplianceEvaluator.Evaluate(policy, ticket, Instant.FromUtc(2027, 4, 2, 0, 0));
            return Assert.Single(Sla.Core.Reports.ComplianceReport.Build(policy, [evaluation]).Rows).Period.Label;
        }
        Assert.Equal("2027-04", Period(""));
        Assert.Equal("2027-03", Period("\"reportingTimeZone\": \"UTC\","));
        var utc = PolicyDocument.Parse(Policy("\"reportingTimeZone\": \"Etc/UTC\","));
        Assert.Equal("Etc/UTC", PolicyDocument.Parse(PolicyDocument.Write(utc)).Versions[0].ReportingTimeZone.Id);
        Assert.Equal("Europe/London", PolicyDocument.Parse(Policy("")).Versions[0].ReportingTimeZone.Id);
        Assert.DoesNotContain("reportingTimeZone", PolicyDocument.Write(PolicyDocument.Parse(Policy(""))), StringComparison.Ordinal);
        Assert.Equal(
        [
            $"versions[0].reportingTimeZone: 'Europe/Atlantis' is not a time zone known to {DateTimeZoneProviders.Tzdb.VersionId}: use an IANA zone id such as Europe/London.",
        ], Problems(Policy("\"reportingTimeZone\": \"Europe/Atlantis\",")));
    }

    [Fact]
    public void References_are_checked_once_every_listed_metric_could_be_read()
    {
        Assert.Equal(
        [
            "versions[0].services[0].targets.P1.update: 'update' is not a metric of this version; the metrics are resolution.",
        ], Problems(Policy("""
            "metrics": [ { "id": "resolution", "preset": "resolution" } ],
            """, """{ "P1": { "resolution": { "within": "PT8H" }, "update": { "within": "PT1H" } } }""")));
    }

    [Fact]
    public void A_null_where_a_list_or_choice_belongs_is_a_mistake_not_the_default()
    {
        Assert.Equal(
        [
            "versions[0].warnings: \"warnings\" is null: leave it out for the default, or give a value ([] for none).",
            "versions[0].priorityChange: \"priorityChange\" is null: leave it out for the default, or give a value ([] for none).",
            "versions[0].metrics[0].stop: \"stop\" is null: leave it out for the preset's value, or the default, or give a value ([] for none).",
            "versions[0].metrics[0].pauseWhile: \"pauseWhile\" is null: leave it out for the preset's value, or the default, or give a value ([] for none).",
        ], Problems(Policy("""
            "warnings": null, "priorityChange": null,
            "metrics": [ { "id": "resolution", "preset": "resolution", "stop": null, "pauseWhile": null } ],
            """)));
        Assert.Equal(
        [
            "versions[0].warnings: The warnings list is empty: list at least one fraction, or leave warnings out to warn at warningAt alone.",
        ], Problems(Policy("\"warnings\": [],")));
    }

    [Fact]
    public void A_metric_entry_that_cannot_be_read_is_not_also_called_an_empty_list()
    {
        Assert.Equal(
        [
            "versions[0].metrics[0].id: Expected a string, found the number 5.",
            "versions[0].metrics[1].id: A metric needs an id, the name its targets use.",
        ], Problems(Policy("""
            "metrics": [ { "id": 5, "preset": "resolution" }, { "id": null } ],
            """)));
        Assert.Equal(
        [
            "versions[0].metrics[0].id: A metric id cannot hold line breaks, tabs or other control characters: it is printed in tables and reports.",
            "versions[0].metrics[1].startAfter: 'nowhere' is not a metric of this version; the metrics are late.",
        ], Problems(Policy("""
            "metrics": [ { "id": "l2\nteam", "preset": "periodicUpdate" }, { "id": "late", "preset": "firstResponse", "startAfter": "nowhere" } ],
            """, "{}")));
    }

    [Fact]
    public void An_empty_metrics_list_is_a_mistake_not_a_version_that_measures_nothing()
    {
        Assert.Equal(
        [
            "versions[0].metrics: The metrics list is empty: list at least one metric, or leave metrics out for first response, next response and resolution.",
            "versions[0].services[0].targets.P1.resolution: 'resolution' is not a metric of this version; the metrics are .",
        ], Problems(Policy("\"metrics\": [],")));
    }

    private const string Ticket = """{"id":"T-1","service":"email","priority":"P1","created":"2027-01-04T09:00:00Z","events":[EVENTS]}""";

    private static string? Error(string events)
    {
        TicketDocument.TryParseLine(Ticket.Replace("EVENTS", events, StringComparison.Ordinal), 1, out _, out _, out var error);
        return error;
    }

    [Fact]
    public void The_assigned_event_names_a_group_or_null_for_none()
    {
        Assert.True(TicketDocument.TryParseLine(Ticket.Replace("EVENTS",
            """{"at":"2027-01-04T09:10:00Z","type":"assigned","group":"L2"},{"at":"2027-01-04T10:00:00Z","type":"assigned","group":null}""", StringComparison.Ordinal),
            1, out var ticket, out _, out _));
        Assert.Equal([TicketEvent.AssignedTo(Instant.FromUtc(2027, 1, 4, 9, 10), "L2"), TicketEvent.AssignedTo(Instant.FromUtc(2027, 1, 4, 10, 0), null)], ticket.Events.ToArray());
        Assert.Equal("ticket T-1: event 1 (assigned): \"group\" is missing (null for no group).", Error("""{"at":"2027-01-04T09:10:00Z","type":"assigned"}"""));
        Assert.Equal("ticket T-1: event 1 (assigned): \"group\" is empty: name the group, or null for no group.", Error("""{"at":"2027-01-04T09:10:00Z","type":"assigned","group":" "}"""));
        Assert.Equal("ticket T-1: event 1 (agentReply): 'group' is not a field of an agentReply event.", Error("""{"at":"2027-01-04T09:10:00Z","type":"agentReply","group":"L2"}"""));
    }

    [Fact]
    public void Results_carry_the_warning_the_next_change_and_cancelled()
    {
        var policy = PolicyDocument.Parse(Policy(ExampleMetrics, """{ "P1": { "resolution": { "within": "PT8H" }, "l2": { "within": "PT2H" } } }"""));
        Assert.True(TicketDocument.TryParseLine(Ticket.Replace("EVENTS",
            """{"at":"2027-01-04T09:10:00Z","type":"assigned","group":"L2"},{"at":"2027-01-04T09:40:00Z","type":"status","status":"merged"}""", StringComparison.Ordinal),
            1, out var ticket, out _, out _));
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        EvaluationDocument.WriteLine(ComplianceEvaluator.Evaluate(policy, ticket, Instant.FromUtc(2027, 1, 4, 13, 0)), buffer);
        var line = System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
        Assert.Contains("""{"metric":"resolution","cycle":1,"status":"running","start":"2027-01-04T09:00:00Z","stop":null,"target":"PT8H","calendar":"24x7","deadline":"2027-01-04T17:00:00Z","elapsed":"PT4H","remaining":"PT4H","breachedAt":null,"warning":0.5,"nextChangeAt":"2027-01-04T15:00:00Z"}""", line, StringComparison.Ordinal);
        Assert.Contains("""{"metric":"l2","cycle":1,"status":"cancelled","start":"2027-01-04T09:10:00Z","stop":"2027-01-04T09:40:00Z","target":"PT2H","calendar":"24x7","deadline":null,"elapsed":"PT30M","remaining":null,"breachedAt":null,"warning":null,"nextChangeAt":null}""", line, StringComparison.Ordinal);
    }
}
