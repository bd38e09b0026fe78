using NodaTime;
using Sla.Core.Compliance;
using Sla.Core.Json.Compliance;
using Sla.Core.Json.Policies;
using Sla.Core.Json.Tickets;
using Sla.Core.Policies;
using Sla.Core.Tickets;
using Sla.Core.Validation;

namespace Sla.Core.Json.Tests.Policies;

/// <summary>Service variants, ticket attributes and the attribute and service events in documents: reading, every mistake with its path, writing back.</summary>
public sealed class VariantDocumentTests
{
    private static string Policy(string variants, string objectives = "[]") => $$"""
        {
          "id": "p", "name": "P",
          "versions": [ {
            "version": "2027.1", "effectiveFrom": "2027-01-01T00:00:00Z",
            "calendars": [
              { "id": "london", "timeZone": "Europe/London", "weekly": { "monday": ["09:00-17:00"] } },
              { "id": "new-york", "timeZone": "America/New_York", "weekly": { "monday": ["09:00-17:00"] } } ],
            "priorities": ["P1", "P2"],
            "services": [
              { "id": "email", "name": "E-mail", "targets": { "P1": { "resolution": { "within": "PT8H", "calendar": "london" } } },
                "variants": {{variants}} },
              { "id": "erp", "name": "ERP", "targets": { "P1": { "resolution": { "within": "PT2H" } } } } ],
            "objectives": {{objectives}}
          } ]
        }
        """;

    /// <summary>The variant of the policy-document example for variants, word for word (its second metric is defined there too).</summary>
    private const string GoldUs = """
        [ { "id": "gold-us", "when": { "tier": ["gold"], "region": ["us"] },
            "targets": { "P1": { "resolution": { "within": "PT4H", "calendar": "new-york" } } } } ]
        """;

    private static string[] Problems(string json)
    {
        _ = PolicyDocument.TryParse(json, out _, out var problems);
        return [.. problems.Select(p => p.ToString())];
    }

    [Fact]
    public void Variants_objectives_and_credits_by_variant_are_read_and_written_back()
    {
        var json = Policy(GoldUs, """[ { "service": "email", "variant": "gold-us", "priority": "P1", "metric": "resolution", "atLeast": 0.98, "period": "month" } ]""");
        var policy = PolicyDocument.Parse(json);
        var variant = Assert.Single(policy.Versions[0].Service("email")!.Variants);
        Assert.Equal("gold-us", variant.Id);
        Assert.Equal([("tier", "gold"), ("region", "us")], variant.When.Select(c => (c.Attribute, string.Join(",", c.Values))));
        Assert.Equal("new-york", variant.TargetFor("P1", Metric.Resolution)!.CalendarId);
        Assert.Equal("gold-us", policy.Versions[0].Objectives[0].Variant);

        var written = PolicyDocument.Write(policy);
        Assert.Contains("\"variants\": [", written, StringComparison.Ordinal);
        Assert.Contains("\"variant\": \"gold-us\"", written, StringComparison.Ordinal);
        Assert.Equal(written, PolicyDocument.Write(PolicyDocument.Parse(written)));
        Assert.DoesNotContain("variants", PolicyDocument.Write(PolicyDocument.Parse(Policy("[]"))), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_mistake_in_a_variant_is_reported_with_its_path()
    {
        var variants = """
            [ { "id": "gold", "when": { "tier": "gold" }, "targets": { "P1": { "resolution": { "within": "PT4H", "calendar": "paris" } } } },
              { "id": "gold", "when": { "tier": ["gold", 7], "region": [] } },
              { "id": "any", "when": {} },
              { "id": "x", "when": ["tier"], "priority": "P1" },
              3 ]
            """;
        Assert.Equal(
        [
            "versions[0].services[0].variants[0].when.tier: Expected a list of values, such as [\"gold\"], found a string.",
            "versions[0].services[0].variants[1].when.tier[1]: Expected a string, found the number 7.",
            "versions[0].services[0].variants[3].priority: 'priority' is not a field of a variant; the fields are id, when, targets.",
            "versions[0].services[0].variants[3].when: Expected conditions by attribute (a JSON object such as {\"tier\": [\"gold\"]}), found a list.",
            "versions[0].services[0].variants[4]: Expected a variant (a JSON object), found the number 3.",
            "versions[0].services[0].variants[1].id: 'gold' is a duplicate variant id (also versions[0].services[0].variants[0].id).",
            "versions[0].services[0].variants[0].targets.P1.resolution.calendar: 'paris' is not a calendar of this version; the calendars are london, new-york, 24x7.",
            "warning: versions[0].services[0].variants[1].targets: Variant 'gold' of service 'email' sets no targets: the tickets it matches have no target for any metric. Give it targets, or leave it out if those tickets should keep the service's.",
            "versions[0].services[0].variants[1].when.region: Variant 'gold' of service 'email' lists no values for 'region', so it can never match: list the values that select it.",
            "versions[0].services[0].variants[2].when: Variant 'any' of service 'email' has no conditions: a variant needs at least one attribute in 'when' (one without any would match every ticket; give those targets to the service itself).",
            "warning: versions[0].services[0].variants[2].targets: Variant 'any' of service 'email' sets no targets: the tickets it matches have no target for any metric. Give it targets, or leave it out if those tickets should keep the service's.",
            "warning: versions[0].services[0].variants[3].targets: Variant 'x' of service 'email' sets no targets: the tickets it matches have no target for any metric. Give it targets, or leave it out if those tickets should keep the service's.",
        ], Problems(Policy(variants)));
    }

    [Fact]
    public void A_variant_that_can_never_apply_is_a_warning_and_the_policy_reads()
    {
        var variants = """
            [ { "id": "gold", "when": { "tier": ["gold"] }, "targets": { "P1": { "resolution": { "within": "PT4H" } } } },
              { "id": "gold-us", "when": { "tier": ["gold"], "region": ["us"] }, "targets": { "P1": { "resolution": { "within": "PT2H" } } } } ]
            """;
        Assert.True(PolicyDocument.TryParse(Policy(variants), out _, out var problems));
        Assert.Equal(ValidationSeverity.Warning, Assert.Single(problems).Severity);
    }

    private const string TicketLine = """{"id":"T-1","service":"email","priority":"P1","created":"2027-01-04T09:00:00Z",ATTRIBUTES"events":[EVENTS]}""";

    private static (Ticket? Ticket, string? Error) Read(string attributes, string events)
    {
        TicketDocument.TryParseLine(TicketLine.Replace("ATTRIBUTES", attributes, StringComparison.Ordinal).Replace("EVENTS", events, StringComparison.Ordinal),
            1, out var ticket, out _, out var error);
        return (ticket, error);
    }

    [Fact]
    public void A_ticket_line_carries_attributes_and_attribute_and_service_events()
    {
        var (ticket, error) = Read("""
            "attributes":{"tier":"gold","region":"us"},
            """, """
            {"at":"2027-01-04T09:10:00Z","type":"attribute","name":"tier","value":"silver"},{"at":"2027-01-04T09:20:00Z","type":"attribute","name":"region","value":null},{"at":"2027-01-04T09:30:00Z","type":"service","service":"erp"}
            """);
        Assert.Null(error);
        Assert.Equal([("region", "us"), ("tier", "gold")], ticket!.Attributes.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => (a.Key, a.Value)));
        Assert.Equal(
        [
            TicketEvent.AttributeChange(Instant.FromUtc(2027, 1, 4, 9, 10), "tier", "silver"),
            TicketEvent.AttributeChange(Instant.FromUtc(2027, 1, 4, 9, 20), "region", null),
            TicketEvent.ServiceChange(Instant.FromUtc(2027, 1, 4, 9, 30), "erp"),
        ], ticket.Events.ToArray());
    }

    [Theory]
    [InlineData("\"attributes\":[\"gold\"],", "", "ticket T-1: \"attributes\" must be an object of names to text values, such as {\"tier\": \"gold\"}, found a list.")]
    [InlineData("\"attributes\":\"gold\",", "", "ticket T-1: \"attributes\" must be an object of names to text values, such as {\"tier\": \"gold\"}, found a string.")]
    [InlineData("\"attributes\":{\"tier\":null},", "", "ticket T-1: attribute 'tier' is null: leave it out when the ticket does not have it.")]
    [InlineData("\"attributes\":{\"tier\":1},", "", "ticket T-1: attribute 'tier' must be text, found the number 1.")]
    [InlineData("\"attributes\":{\" \":\"x\"},", "", "ticket T-1: an attribute has an empty name.")]
    [InlineData("\"attributes\":{\"tier\":\"a\",\"tier\":\"b\"},", "", "ticket T-1: attribute 'tier' is given twice: give each attribute once.")]
    [InlineData("", """{"at":"2027-01-04T09:10:00Z","type":"attribute","value":"x"}""", "ticket T-1: event 1 (attribute): \"name\" is missing: name the attribute, such as tier.")]
    [InlineData("", """{"at":"2027-01-04T09:10:00Z","type":"attribute","name":"","value":"x"}""", "ticket T-1: event 1 (attribute): \"name\" is empty: name the attribute, such as tier.")]
    [InlineData("", """{"at":"2027-01-04T09:10:00Z","type":"attribute","name":"tier"}""", "ticket T-1: event 1 (attribute): \"value\" is missing (null removes the attribute).")]
    [InlineData("", """{"at":"2027-01-04T09:10:00Z","type":"service"}""", "ticket T-1: event 1 (service): \"service\" is missing.")]
    [InlineData("", """{"at":"2027-01-04T09:10:00Z","type":"service","service":"erp","name":"x"}""", "ticket T-1: event 1 (service): 'name' is not a field of a service event.")]
    [InlineData("", """{"at":"2027-01-04T09:10:00Z","type":"agentReply","value":"x"}""", "ticket T-1: event 1 (agentReply): 'value' is not a field of an agentReply event.")]
    public void Every_mistake_in_attributes_and_their_events_is_one_sentence(string attributes, string events, string expected) =>
        Assert.Equal(expected, Read(attributes, events).Error);

    [Fact]
    public void A_line_with_a_hundred_thousand_attributes_is_read_and_a_duplicate_among_them_is_named()
    {
        var many = string.Join(",", Enumerable.Range(0, 100_000).Select(i => $"\"a{i}\":\"v\""));
        var (ticket, error) = Read($"\"attributes\":{{{many}}},", "");
        Assert.Null(error);
        Assert.Equal(100_000, ticket!.Attributes.Count);
        Assert.Equal("v", ticket.Attributes["a99999"]);
        Assert.Equal("ticket T-1: attribute 'a5' is given twice: give each attribute once.", Read($"\"attributes\":{{{many},\"a5\":\"w\"}},", "").Error);
        Assert.Contains("Attributes = {a0=v, a1=v", ticket.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_result_names_its_variant_and_after_a_service_change_the_service_its_target_came_from()
    {
        var policy = PolicyDocument.Parse(Policy(GoldUs));
        var (ticket, _) = Read("""
            "attributes":{"tier":"gold","region":"us"},
            """, """{"at":"2027-01-04T09:00:00Z","type":"agentReply"}""");
        var line = Write(ComplianceEvaluator.Evaluate(policy, ticket!, Instant.FromUtc(2027, 1, 4, 15, 0)));
        Assert.Contains("\"metric\":\"resolution\",\"cycle\":1,\"status\":\"running\"", line, StringComparison.Ordinal);
        Assert.Contains("\"calendar\":\"new-york\"", line, StringComparison.Ordinal);
        Assert.Contains("\"variant\":\"gold-us\"", line, StringComparison.Ordinal);
        // The ticket's service heads the line; no result carries its own, as none came from another service.
        Assert.StartsWith("{\"id\":\"T-1\",\"service\":\"email\",\"policyVersion\":\"2027.1\"", line, StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(line, "\"service\""));

        var moved = ticket! with { Events = [TicketEvent.Resolved(Instant.FromUtc(2027, 1, 4, 15, 0)), TicketEvent.ServiceChange(Instant.FromUtc(2027, 1, 4, 16, 0), "erp")] };
        var after = Write(ComplianceEvaluator.Evaluate(policy, moved, Instant.FromUtc(2027, 1, 4, 17, 0)));
        Assert.StartsWith("{\"id\":\"T-1\",\"service\":\"erp\"", after, StringComparison.Ordinal);
        Assert.Contains("\"service\":\"email\",\"variant\":\"gold-us\"", after, StringComparison.Ordinal);
    }

    private static string Write(TicketEvaluation evaluation)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        EvaluationDocument.WriteLine(evaluation, buffer);
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
