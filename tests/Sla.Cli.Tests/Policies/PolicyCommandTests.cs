using System.Text.Json.Nodes;
using static Sla.Cli.Tests.CliRunner;

namespace Sla.Cli.Tests.Policies;

/// <summary><c>sla policy check</c> and <c>sla deadline</c> on the bundled sample and on bad input.</summary>
public sealed class PolicyCommandTests
{
    private static readonly string Sample = Path.Combine(AppContext.BaseDirectory, "samples", "policy.json");

    [Fact]
    public void A_row_whose_targets_use_different_calendars_names_each_one()
    {
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Sample))!;
        var p2 = json["versions"]![0]!["services"]![0]!["targets"]!["P2"]!;
        p2["nextResponse"] = System.Text.Json.Nodes.JsonNode.Parse("""{"within": "PT4H"}""");
        var (exitCode, output, _) = Run("", "policy", "check", TempFile(json.ToJsonString()));
        Assert.Equal(0, exitCode);
        Assert.Contains(Lines(output), l => l == "email       P2        (each)         1h on moscow-office  4h on 24x7     16h on moscow-office          8h on moscow-office  -");
    }

    [Fact]
    public void Policy_check_summarises_versions_and_the_targets_table()
    {
        var (exitCode, output, error) = Run("", "policy", "check", Sample);
        Assert.Equal(0, exitCode);
        Assert.Equal("", error);
        Assert.Contains("Policy acme-support (ACME support agreement) is valid: 1 version.", output);
        Assert.Contains("Version 2026.1, in force from 2025-12-31T21:00:00Z", output);
        Assert.Contains("Priorities: P1, P2, P3, P4; pause statuses: pending, on-hold; at risk from 75 % of a target", output);
        var lines = Lines(output);
        Assert.Contains("Warnings at 50 %, 75 %, 90 %; a priority change keeps counted time; pauses move business-days deadlines", output);
        Assert.Contains("Metric update: starts at agentReply; stops at agentReply, resolved; a cycle each start; paused while pending, on-hold", output);
        Assert.Contains("Metric l2: starts at assigned:L2; stops at unassigned:L2, resolved; a cycle each start", output);
        Assert.Contains(lines, l => l.StartsWith("service     priority  calendar       first response", StringComparison.Ordinal) && l.EndsWith("update  l2", StringComparison.Ordinal));
        // A row's calendar is named once when all its targets share it; business days are "bd", with their cutoff and time of day.
        Assert.Contains(lines, l => l == "email       P1        24x7           15m             30m            4h                            2h      -");
        Assert.Contains(lines, l => l == "email       P3        moscow-office  4h              -              3 bd, cutoff 16:00            -       -");
        Assert.Contains(lines, l => l == "erp         P3        moscow-office  8h              -              5 bd, cutoff 16:00, at 18:00  -       8h");
        // A variant's rows follow its service's, named service/variant.
        Assert.Contains(lines, l => l == "email/gold  P1        24x7           10m             20m            3h                            1h      -");
        Assert.Contains(lines, l => l == "erp         P4        moscow-office  -               -              20 bd                         -       -");
        Assert.All(lines, line => Assert.InRange(line.Length, 0, 120));
        Assert.Contains("Variant email/gold when tier is gold", output);
        Assert.Contains("Objective: email/gold firstResponse met at least 98.0 % per month", output);
        Assert.Contains("Credit: email resolution below 90.0 %: 10%", output);
        Assert.Contains("Availability: erp at least 99.50 % per month on moscow-office; credits below 99.50 %: 5%, below 98.00 %: 20%", output);
    }

    [Fact]
    public void Policy_check_lists_every_problem_and_exits_2()
    {
        var file = TempFile("""{ "id": "p", "versions": [ { "version": "1", "effectiveFrom": "2026-01-01T00:00:00Z", "priorities": [], "warningAt": 3 } ] }""");
        var (exitCode, output, error) = Run("", "policy", "check", file);
        Assert.Equal(2, exitCode);
        Assert.Equal("", output);
        Assert.Equal(
        [
            $"{file}: versions[0].priorities: A version needs at least one priority, most urgent first.",
            $"{file}: versions[0].warningAt: warningAt 3 is not a fraction between 0 and 1 (exclusive), such as 0.75.",
        ], Lines(error));
    }

    [Fact]
    public void Policy_check_shows_warnings_and_still_succeeds()
    {
        var json = File.ReadAllText(Sample).Replace("\"within\": \"PT15M\"", "\"within\": \"PT5H\"", StringComparison.Ordinal);
        Assert.Contains("PT5H", json);
        var (exitCode, output, error) = Run("", "policy", "check", TempFile(json));
        Assert.Equal(0, exitCode);
        Assert.Contains("warning: versions[0].services[0].targets.P1.firstResponse: The first-response target (PT5H) is longer than the resolution target (PT4H)", error);
        Assert.Contains("is valid", output);
    }

    [Fact]
    public void Deadline_prints_each_metric()
    {
        var (exitCode, output, _) = Run("", "deadline", "--policy", Sample, "--service", "email", "--priority", "P3", "--created", "2026-03-06T14:30:00+03:00");
        Assert.Equal(0, exitCode);
        Assert.Equal(
        [
            "email P3, created 2026-03-06T11:30:00Z, policy version 2026.1:",
            "firstResponse  PT4H on moscow-office                2026-03-10T07:45:00Z (2026-03-10 10:45 Europe/Moscow)",
            "nextResponse                                        no target",
            "resolution     3 business days (cutoff 16:00) on moscow-office 2026-03-12T15:00:00Z (2026-03-12 18:00 Europe/Moscow)",
            "update                                              no target",
            "l2                                                  no target",
        ], Lines(output));
    }

    [Fact]
    public void Deadline_as_json()
    {
        var (exitCode, output, _) = Run("", "deadline", "--policy", Sample, "--service", "email", "--priority", "P2", "--created", "2026-03-06T14:30:00+03:00", "--json");
        Assert.Equal(0, exitCode);
        var result = JsonNode.Parse(output)!;
        Assert.Equal("2026.1", result["policyVersion"]!.GetValue<string>());
        var metrics = result["metrics"]!.AsArray();
        Assert.Equal("""{"metric":"firstResponse","status":"due","target":"PT1H","calendar":"moscow-office","deadline":"2026-03-06T12:30:00Z"}""", metrics[0]!.ToJsonString());
        Assert.Equal("""{"metric":"nextResponse","status":"startsLater","target":"PT4H","calendar":"moscow-office","deadline":null}""", metrics[1]!.ToJsonString());
        Assert.Equal("2026-03-11T12:45:00Z", metrics[2]!["deadline"]!.GetValue<string>());
    }

    [Fact]
    public void Deadline_follows_the_variant_the_attributes_choose()
    {
        var (exitCode, output, _) = Run("", "deadline", "--policy", Sample, "--service", "email", "--priority", "P1", "--created", "2026-03-06T14:30:00+03:00",
            "--attribute", "tier=gold", "--attribute", "region=eu");
        Assert.Equal(0, exitCode);
        Assert.Equal("email (variant gold) P1, created 2026-03-06T11:30:00Z, policy version 2026.1:", Lines(output)[0]);
        Assert.Contains(Lines(output), l => l.StartsWith("resolution     PT3H on 24x7", StringComparison.Ordinal) && l.Contains("2026-03-06T14:30:00Z", StringComparison.Ordinal));
        var (_, json, _) = Run("", "deadline", "--policy", Sample, "--service", "email", "--priority", "P1", "--created", "2026-03-06T14:30:00+03:00", "--attribute", "tier=gold", "--format", "json");
        Assert.Equal("gold", JsonNode.Parse(json)!["variant"]!.GetValue<string>());
        var (_, standard, _) = Run("", "deadline", "--policy", Sample, "--service", "email", "--priority", "P1", "--created", "2026-03-06T14:30:00+03:00", "--attribute", "tier=standard", "--json");
        Assert.Null(JsonNode.Parse(standard)!["variant"]);
        // A name no variant looks at is not an error (attributes are data), but a misspelling is pointed out.
        var (typoCode, typoOutput, typo) = Run("", "deadline", "--policy", Sample, "--service", "email", "--priority", "P1", "--created", "2026-03-06T14:30:00+03:00", "--attribute", "teir=gold");
        Assert.Equal((0, "--attribute: no variant of service 'email' looks at 'teir'; they look at tier."), (typoCode, typo.Trim()));
        Assert.StartsWith("email P1, created", typoOutput, StringComparison.Ordinal);
        var (_, _, noVariants) = Run("", "deadline", "--policy", Sample, "--service", "erp", "--priority", "P1", "--created", "2026-03-06T14:30:00+03:00", "--attribute", "tier=gold");
        Assert.Equal("--attribute: service 'erp' has no variants, so 'tier' changes nothing.", noVariants.Trim());
    }

    [Theory]
    [InlineData("tier", "--attribute: 'tier' is not NAME=VALUE, such as tier=gold.")]
    [InlineData("=gold", "--attribute: '=gold' is not NAME=VALUE, such as tier=gold.")]
    public void Deadline_rejects_an_attribute_that_is_not_name_equals_value(string attribute, string message)
    {
        var (exitCode, output, error) = Run("", "deadline", "--policy", Sample, "--service", "email", "--priority", "P1", "--created", "2026-03-06T14:30:00Z", "--attribute", attribute);
        Assert.Equal((2, "", message), (exitCode, output, error.Trim()));
        Assert.Equal((2, "--attribute: 'tier' is given twice: give each attribute once."), (Run("", "deadline", "--policy", Sample, "--service", "email", "--priority", "P1",
            "--created", "2026-03-06T14:30:00Z", "--attribute", "tier=a", "--attribute", "tier=b") is var (code, _, twice) ? (code, twice.Trim()) : default));
    }

    [Theory]
    [InlineData("fax", "P1", "2026-03-06T14:30:00Z", "Policy version 2026.1 has no service 'fax'; it has email, erp.")]
    [InlineData("email", "P9", "2026-03-06T14:30:00Z", "Policy version 2026.1 has no priority 'P9'; it has P1, P2, P3, P4.")]
    [InlineData("email", "P1", "2025-06-01T00:00:00Z", "No version of policy acme-support is in force at 2025-06-01T00:00:00Z: the first starts 2025-12-31T21:00:00Z.")]
    [InlineData("email", "P1", "yesterday", "--created: 'yesterday' is not an instant: write ISO-8601 with Z or an offset, for example 2026-03-27T16:30:00Z or 2026-03-27T16:30:00+03:00.")]
    public void Deadline_rejects_what_the_policy_does_not_know(string service, string priority, string created, string message)
    {
        var (exitCode, output, error) = Run("", "deadline", "--policy", Sample, "--service", service, "--priority", priority, "--created", created);
        Assert.Equal(2, exitCode);
        Assert.Equal("", output);
        Assert.Equal(message, error.Trim());
    }
}
