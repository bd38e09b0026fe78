using NodaTime;
using Sla.Core.Policies;
using Sla.Core.Validation;
using static Sla.Core.Tests.Policies.TestPolicies;

namespace Sla.Core.Tests.Policies;

/// <summary>Every rule about service variants, with its exact path and sentence.</summary>
public sealed class VariantValidationTests
{
    private static readonly SlaTarget FourHours = SlaTarget.InBusinessTime(Duration.FromHours(4));

    private static string[] Problems(PolicySetBuilder builder) => [.. builder.Validate().Select(p => p.ToString())];

    [Fact]
    public void Variants_with_conditions_and_known_references_are_valid()
    {
        var builder = Builder(targets: s => s
            .AddVariant("gold", g => g.When("tier", "gold", "platinum").Target("P1", Metric.Resolution, FourHours))
            .AddVariant("us", u => u.When("region", "us").Target("P2", Metric.Resolution, SlaTarget.InBusinessTime(Duration.FromHours(8), "office"))));
        Assert.Empty(Problems(builder));
        var service = builder.Build().Versions[0].Service("email")!;
        Assert.Equal(["gold", "us"], service.Variants.Select(v => v.Id));
        Assert.Equal(FourHours, service.TargetFor("P1", Metric.Resolution, "gold"));
        Assert.Null(service.TargetFor("P1", Metric.FirstResponse, "gold"));
        Assert.Equal("Service 'email' has no variant 'silver'. (Parameter 'variant')",
            Assert.Throws<ArgumentException>(() => service.TargetFor("P1", Metric.Resolution, "silver")).Message);
    }

    [Fact]
    public void Empty_conditions_duplicate_ids_and_unknown_references_are_errors_each_with_its_path()
    {
        var builder = Builder(targets: s => s
            .AddVariant("gold", g => g.Target("P1", Metric.Resolution, FourHours))
            .AddVariant("gold", g => g.When("tier").When(" ", "x"))
            .AddVariant("", g => g.When("region", "us").When("region", "eu")
                .Target("P9", Metric.Resolution, FourHours)
                .Target("P1", Metric.Named("escalation"), FourHours)
                .Target("P2", Metric.Resolution, SlaTarget.InBusinessTime(Duration.FromHours(8), "paris"))
                .Target("P2", Metric.Resolution, FourHours)));
        Assert.Equal(
        [
            "versions[0].services[0].variants[1].id: 'gold' is a duplicate variant id (also versions[0].services[0].variants[0].id).",
            "versions[0].services[0].variants[2].id: A variant id cannot be empty.",
            "versions[0].services[0].variants[0].when: Variant 'gold' of service 'email' has no conditions: a variant needs at least one attribute in 'when' (one without any would match every ticket; give those targets to the service itself).",
            "warning: versions[0].services[0].variants[1].targets: Variant 'gold' of service 'email' sets no targets: the tickets it matches have no target for any metric. Give it targets, or leave it out if those tickets should keep the service's.",
            "versions[0].services[0].variants[1].when.tier: Variant 'gold' of service 'email' lists no values for 'tier', so it can never match: list the values that select it.",
            "versions[0].services[0].variants[1].when. : Variant 'gold' of service 'email' has a condition without an attribute name.",
            "versions[0].services[0].variants[2].when.region: Variant '' of service 'email' names attribute 'region' twice: list all its values in one condition.",
            "versions[0].services[0].variants[2].targets.P9: 'P9' is not a priority of this version; the priorities are P1, P2.",
            "versions[0].services[0].variants[2].targets.P1.escalation: 'escalation' is not a metric of this version; the metrics are firstResponse, nextResponse, resolution.",
            "versions[0].services[0].variants[2].targets.P2.resolution.calendar: 'paris' is not a calendar of this version; the calendars are office, 24x7.",
            "versions[0].services[0].variants[2].targets.P2.resolution: Variant '' of service 'email' already has a resolution target for P2.",
        ], Problems(builder));
    }

    [Fact]
    public void A_variant_an_earlier_one_always_wins_over_is_a_warning_and_the_policy_still_builds()
    {
        var builder = Builder(targets: s => s
            .AddVariant("gold", g => g.When("tier", "gold", "platinum").Target("P1", Metric.Resolution, FourHours))
            .AddVariant("gold-us", g => g.When("tier", "gold").When("region", "us").Target("P1", Metric.Resolution, FourHours))
            .AddVariant("any-us", g => g.When("region", "us", "ca").When("tier", "gold", "silver").Target("P1", Metric.Resolution, FourHours)));
        var problems = builder.Validate();
        var warning = Assert.Single(problems);
        Assert.Equal(ValidationSeverity.Warning, warning.Severity);
        Assert.Equal("warning: versions[0].services[0].variants[1].when: Variant 'gold-us' of service 'email' can never apply: every ticket it matches also matches 'gold' (versions[0].services[0].variants[0]), which comes first. Move it earlier or narrow 'gold'.",
            warning.ToString());
        Assert.Equal(3, builder.Build().Versions[0].Service("email")!.Variants.Length);
    }

    [Fact]
    public void Variants_that_can_never_match_take_no_part_in_the_never_apply_warning()
    {
        // 'never' lists no values (an error); 'both' needs two tiers at once (an error): neither wins over 'gold'.
        var builder = Builder(targets: s => s
            .AddVariant("never", g => g.When("tier").Target("P1", Metric.Resolution, FourHours))
            .AddVariant("both", g => g.When("tier", "gold").When("tier", "silver").Target("P1", Metric.Resolution, FourHours))
            .AddVariant("gold", g => g.When("tier", "gold").Target("P1", Metric.Resolution, FourHours)));
        Assert.DoesNotContain(builder.Validate(), p => p.Severity == ValidationSeverity.Warning);
    }

    [Fact]
    public void Ten_thousand_per_customer_variants_are_checked_and_the_one_an_earlier_wins_over_is_found()
    {
        var builder = Builder(targets: s =>
        {
            for (var i = 0; i < 10_000; i++)
            {
                s.AddVariant($"c{i}", g => g.When("customer", $"c{i}").When("tier", "gold").Target("P1", Metric.Resolution, FourHours));
            }
            s.AddVariant("c42-again", g => g.When("customer", "c42").When("tier", "gold").When("region", "eu").Target("P1", Metric.Resolution, FourHours));
        });
        var warning = Assert.Single(builder.Validate());
        Assert.StartsWith("warning: versions[0].services[0].variants[10000].when: Variant 'c42-again' of service 'email' can never apply: every ticket it matches also matches 'c42'", warning.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_variant_id_with_a_line_break_is_an_error()
    {
        var builder = Builder(targets: s => s.AddVariant("go\nld", g => g.When("tier", "gold").Target("P1", Metric.Resolution, FourHours)));
        Assert.Equal(["versions[0].services[0].variants[0].id: A variant id cannot hold line breaks, tabs or other control characters: it is printed in tables and reports."], Problems(builder));
    }

    [Fact]
    public void Matching_compares_names_exactly_even_through_a_dictionary_that_ignores_case()
    {
        var policy = Builder(targets: s => s.AddVariant("gold", g => g.When("tier", "gold").Target("P1", Metric.Resolution, FourHours))).Build();
        var shouting = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["TIER"] = "gold" };
        var service = policy.Versions[0].Service("email")!;
        Assert.Null(service.VariantFor(shouting));
        Assert.False(service.Variants[0].Matches(shouting));
        var created = Instant.FromUtc(2026, 3, 2, 9, 0);
        var state = Sla.Core.Compliance.TicketState.Start(policy, "T-1", "email", "P1", created, attributes: shouting).Evaluate(created);
        var whole = Sla.Core.Compliance.ComplianceEvaluator.Evaluate(policy, new Sla.Core.Tickets.Ticket("T-1", "email", "P1", created, [], shouting), created);
        Assert.All(state.Metrics.Concat(whole.Metrics), m => Assert.Null(m.Variant));
    }

    [Fact]
    public void Two_objectives_over_the_same_results_and_period_are_a_warning()
    {
        var builder = Builder(v => v
            .AddObjective(new ComplianceObjective("email", Metric.Resolution, 0.95m, ReportingPeriod.Month, "P1"))
            .AddObjective(new ComplianceObjective("email", Metric.Resolution, 0.98m, ReportingPeriod.Month, "P1"))
            .AddObjective(new ComplianceObjective("email", Metric.Resolution, 0.98m, ReportingPeriod.Quarter, "P1")));
        Assert.Equal(["warning: versions[0].objectives[1]: This objective covers the same results over the same period as versions[0].objectives[0]: the report checks both; keep one."],
            Problems(builder));
    }

    [Fact]
    public void Objectives_and_credits_may_name_a_variant_of_their_service_only()
    {
        var builder = Builder(
            v => v.AddObjective(new ComplianceObjective("email", Metric.Resolution, 0.98m, ReportingPeriod.Month, "P1", "gold"))
                .AddObjective(new ComplianceObjective("email", Metric.Resolution, 0.95m, ReportingPeriod.Month, Variant: "silver"))
                .AddCredit(new CreditTier("email", Metric.Resolution, 0.9m, 10, Variant: "platinum")),
            s => s.AddVariant("gold", g => g.When("tier", "gold").Target("P1", Metric.Resolution, FourHours)));
        Assert.Equal(
        [
            "versions[0].objectives[1].variant: 'silver' is not a variant of service 'email'; its variants are gold.",
            "versions[0].credits[0].variant: 'platinum' is not a variant of service 'email'; its variants are gold.",
        ], Problems(builder));
    }
}
