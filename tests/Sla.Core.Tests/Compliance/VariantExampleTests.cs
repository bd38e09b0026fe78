using System.Collections.Immutable;
using NodaTime;
using Sla.Core.Calendars;
using Sla.Core.Compliance;
using Sla.Core.Policies;
using Sla.Core.Tickets;

namespace Sla.Core.Tests.Compliance;

/// <summary>
/// Worked examples for service variants: who the agreement is for, chosen by a ticket's attributes and chosen again
/// when the service, an attribute or the priority changes. Monday 2 March 2026; targets on the 24/7 clock unless said
/// otherwise, so every figure is wall-clock arithmetic.
/// </summary>
public sealed class VariantExampleTests
{
    private static readonly BusinessCalendar London = Office("london", "Europe/London");
    private static readonly BusinessCalendar NewYork = Office("new-york", "America/New_York");

    private static BusinessCalendar Office(string id, string zone)
    {
        var builder = new BusinessCalendarBuilder(id, zone);
        foreach (var day in new[] { IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday })
        {
            builder.AddHours(day, "09:00-17:00");
        }
        return builder.Build();
    }

    private static Instant At(int hour, int minute = 0) => Instant.FromUtc(2026, 3, 2, hour, minute);

    private static Duration Hours(double hours) => Duration.FromMinutes(hours * 60);

    private static PolicySet Policy(Action<ServiceBuilder> email, PriorityChangeRule rule = PriorityChangeRule.KeepCounted) =>
        new PolicySetBuilder("p", "P").AddVersion("v1", Instant.FromUtc(2026, 1, 1, 0, 0), v => v
            .AddCalendar(London).AddCalendar(NewYork)
            .WithPriorities("P1", "P2")
            .WithPriorityChange(rule)
            .AddService("email", "E-mail", email)
            .AddService("erp", "ERP", s => s.Target("P1", Metric.Resolution, SlaTarget.InBusinessTime(Hours(2)))))
            .Build();

    /// <summary>Silver (the service's own targets): P1 resolution in 8 h; gold or platinum: 4 h.</summary>
    private static PolicySet Tiers(PriorityChangeRule rule = PriorityChangeRule.KeepCounted) => Policy(s => s
        .Target("P1", Metric.Resolution, SlaTarget.InBusinessTime(Hours(8)))
        .AddVariant("gold", g => g.When("tier", "gold", "platinum").Target("P1", Metric.Resolution, SlaTarget.InBusinessTime(Hours(4)))), rule);

    private static Ticket Ticket(string tier, params TicketEvent[] events) =>
        new("T-1", "email", "P1", At(9), [.. events], new Dictionary<string, string> { ["tier"] = tier });

    private static MetricResult Resolution(PolicySet policy, Ticket ticket, Instant now)
    {
        var evaluation = ComplianceEvaluator.Evaluate(policy, ticket, now);
        Assert.True(evaluation.IsValid, evaluation.Error);
        return Assert.Single(evaluation.Metrics, m => m.Metric == Metric.Resolution);
    }

    [Fact]
    public void A_tier_upgrade_keeps_the_time_counted_and_the_new_target_applies_from_that_instant()
    {
        var ticket = Ticket("silver", TicketEvent.AttributeChange(At(12), "tier", "gold"));
        var before = Resolution(Tiers(), ticket, At(11, 30));
        Assert.Equal((MetricStatus.Running, Hours(8), (string?)null, At(17)), (before.Status, ((DurationTarget)before.Target!).Within, before.Variant, before.Deadline!.Value));

        var after = Resolution(Tiers(), ticket, At(12, 30));
        Assert.Equal((MetricStatus.AtRisk, Hours(3.5), Hours(4), "gold", At(13), Hours(0.5)),
            (after.Status, after.Elapsed, ((DurationTarget)after.Target!).Within, after.Variant, after.Deadline!.Value, after.Remaining!.Value));

        var late = Resolution(Tiers(), ticket, At(14));
        Assert.Equal((MetricStatus.Breached, At(13), "gold"), (late.Status, late.BreachedAt!.Value, late.Variant));
    }

    [Fact]
    public void Under_the_restart_rule_a_tier_upgrade_starts_the_clock_again()
    {
        var result = Resolution(Tiers(PriorityChangeRule.Restart), Ticket("silver", TicketEvent.AttributeChange(At(12), "tier", "gold")), At(12, 30));
        Assert.Equal((At(12), Hours(0.5), At(16), "gold"), (result.Start, result.Elapsed, result.Deadline!.Value, result.Variant));
    }

    [Fact]
    public void An_upgrade_to_a_target_already_used_up_breaches_at_the_upgrade()
    {
        var result = Resolution(Tiers(), Ticket("silver", TicketEvent.AttributeChange(At(14), "tier", "platinum")), At(15));
        Assert.Equal((MetricStatus.Breached, At(14), Hours(4), "gold"), (result.Status, result.BreachedAt!.Value, ((DurationTarget)result.Target!).Within, result.Variant));
    }

    [Fact]
    public void A_breach_before_an_upgrade_stays_judged_by_the_target_it_breached()
    {
        var result = Resolution(Tiers(), Ticket("silver", TicketEvent.AttributeChange(At(18), "tier", "gold")), At(19));
        Assert.Equal((MetricStatus.Breached, At(17), Hours(8), (string?)null), (result.Status, result.BreachedAt!.Value, ((DurationTarget)result.Target!).Within, result.Variant));
    }

    [Fact]
    public void Removing_the_attribute_a_variant_needs_brings_back_the_services_own_targets()
    {
        var result = Resolution(Tiers(), Ticket("gold", TicketEvent.AttributeChange(At(10), "tier", null)), At(12));
        Assert.Equal((Hours(8), (string?)null, At(17), Hours(3)), (((DurationTarget)result.Target!).Within, result.Variant, result.Deadline!.Value, result.Elapsed));
    }

    [Fact]
    public void A_region_change_moves_the_ticket_to_the_other_offices_calendar()
    {
        // London opens at 09:00Z; New York at 09:00 EST = 14:00Z. Two hours counted in London, two left in New York.
        var policy = Policy(s => s
            .Target("P1", Metric.Resolution, SlaTarget.InBusinessTime(Hours(8)))
            .AddVariant("us", u => u.When("region", "us").Target("P1", Metric.Resolution, SlaTarget.InBusinessTime(Hours(4), "new-york")))
            .AddVariant("eu", e => e.When("region", "eu", "uk").Target("P1", Metric.Resolution, SlaTarget.InBusinessTime(Hours(4), "london"))));
        var ticket = new Ticket("T-1", "email", "P1", At(9), [TicketEvent.AttributeChange(At(11), "region", "us")],
            new Dictionary<string, string> { ["region"] = "uk" });

        var result = Resolution(policy, ticket, At(15));
        Assert.Equal(("us", "new-york", At(16), Hours(3)), (result.Variant, result.Target!.CalendarId, result.Deadline!.Value, result.Elapsed));
        var explained = ComplianceEvaluator.Evaluate(policy, ticket, At(15), new EvaluationOptions(Explain: true)).Metrics.Single(m => m.Metric == Metric.Resolution);
        Assert.Equal(["london", "new-york"], explained.Segments.Where(s => s.Kind == SegmentKind.Counted).Select(s => s.CalendarId).Distinct());
    }

    [Fact]
    public void A_service_change_moves_open_clocks_to_the_new_services_targets_and_leaves_stopped_ones_where_they_were()
    {
        var policy = Policy(s => s
            .Target("P1", Metric.FirstResponse, SlaTarget.InBusinessTime(Hours(1)))
            .Target("P1", Metric.Resolution, SlaTarget.InBusinessTime(Hours(8))));
        var ticket = new Ticket("T-1", "email", "P1", At(9), [TicketEvent.AgentReply(At(9, 30)), TicketEvent.ServiceChange(At(10), "erp")]);

        var evaluation = ComplianceEvaluator.Evaluate(policy, ticket, At(10, 30));
        Assert.Equal("erp", evaluation.Service);
        var first = evaluation.Metrics.Single(m => m.Metric == Metric.FirstResponse);
        Assert.Equal((MetricStatus.Met, "email"), (first.Status, first.Service));
        var resolution = evaluation.Metrics.Single(m => m.Metric == Metric.Resolution);
        Assert.Equal(("erp", Hours(2), At(11), Hours(1.5)), (resolution.Service, ((DurationTarget)resolution.Target!).Within, resolution.Deadline!.Value, resolution.Elapsed));
    }

    [Fact]
    public void The_first_matching_variant_wins_and_a_pair_it_leaves_out_has_no_target()
    {
        var policy = Policy(s => s
            .Target("P1", Metric.FirstResponse, SlaTarget.InBusinessTime(Hours(2)))
            .Target("P1", Metric.Resolution, SlaTarget.InBusinessTime(Hours(8)))
            .AddVariant("gold-us", g => g.When("tier", "gold").When("region", "us").Target("P1", Metric.Resolution, SlaTarget.InBusinessTime(Hours(2))))
            .AddVariant("gold", g => g.When("tier", "gold")
                .Target("P1", Metric.FirstResponse, SlaTarget.InBusinessTime(Hours(0.5)))
                .Target("P1", Metric.Resolution, SlaTarget.InBusinessTime(Hours(4)))));
        var ticket = new Ticket("T-1", "email", "P1", At(9), [], new Dictionary<string, string> { ["tier"] = "gold", ["region"] = "us" });

        var evaluation = ComplianceEvaluator.Evaluate(policy, ticket, At(10));
        var first = evaluation.Metrics.Single(m => m.Metric == Metric.FirstResponse);
        var resolution = evaluation.Metrics.Single(m => m.Metric == Metric.Resolution);
        Assert.Equal((MetricStatus.NotApplicable, "gold-us"), (first.Status, first.Variant));
        Assert.Equal((Hours(2), "gold-us"), (((DurationTarget)resolution.Target!).Within, resolution.Variant));

        var europe = ComplianceEvaluator.Evaluate(policy, ticket with { Events = [TicketEvent.AttributeChange(At(9, 10), "region", "eu")] }, At(10));
        Assert.All(europe.Metrics, m => Assert.Equal("gold", m.Variant));
    }

    [Fact]
    public void A_change_of_an_attribute_no_variant_names_changes_nothing()
    {
        var plain = ComplianceEvaluator.Evaluate(Tiers(), Ticket("gold"), At(12), new EvaluationOptions(Explain: true));
        var noted = ComplianceEvaluator.Evaluate(Tiers(), Ticket("gold", TicketEvent.AttributeChange(At(10), "channel", "phone")), At(12), new EvaluationOptions(Explain: true));
        Assert.Equal(Describe(plain), Describe(noted));
    }

    [Fact]
    public void An_event_moving_the_ticket_to_a_service_the_version_lacks_is_an_error_naming_the_services()
    {
        var evaluation = ComplianceEvaluator.Evaluate(Tiers(), Ticket("gold", TicketEvent.ServiceChange(At(10), "fax")), At(12));
        Assert.Equal("ticket T-1: event 1 (service fax at 2026-03-02T10:00:00Z) names service 'fax', which is not in policy version v1; the services are email, erp.",
            evaluation.Error);
    }

    [Theory]
    [InlineData("", "x", "ticket T-1: an attribute has an empty name.")]
    [InlineData("tier", null, "ticket T-1: attribute 'tier' has no value: leave it out instead.")]
    public void Attributes_without_a_name_or_a_value_are_errors(string name, string? value, string expected)
    {
        var ticket = new Ticket("T-1", "email", "P1", At(9), [], new Dictionary<string, string> { [name] = value! });
        Assert.Equal(expected, ComplianceEvaluator.Evaluate(Tiers(), ticket, At(12)).Error);
        Assert.Equal(expected, Assert.Throws<ArgumentException>(() => TicketState.Start(Tiers(), "T-1", "email", "P1", At(9), attributes: ticket.Attributes)).Message.Split(" (Parameter")[0]);
    }

    [Fact]
    public void Attribute_and_service_events_need_a_name_and_a_service()
    {
        var noName = ComplianceEvaluator.Evaluate(Tiers(), Ticket("gold", TicketEvent.AttributeChange(At(10), " ", "x")), At(12));
        Assert.Equal("ticket T-1: event 1 (attribute ' ' x at 2026-03-02T10:00:00Z) does not name the attribute.", noName.Error);
        var noService = ComplianceEvaluator.Evaluate(Tiers(), Ticket("gold", new TicketEvent(At(10), TicketEventKind.Service)), At(12));
        Assert.Equal("ticket T-1: event 1 (service at 2026-03-02T10:00:00Z) does not say which service.", noService.Error);
    }

    [Fact]
    public void Applying_attribute_events_one_by_one_equals_evaluating_the_whole_log()
    {
        var ticket = Ticket("silver", TicketEvent.AttributeChange(At(10), "tier", "gold"), TicketEvent.ServiceChange(At(10, 30), "erp"), TicketEvent.ServiceChange(At(10, 45), "email"));
        var state = TicketState.Start(Tiers(), ticket.Id, ticket.Service, ticket.Priority, ticket.Created, attributes: ticket.Attributes);
        foreach (var e in ticket.Events)
        {
            state = state.Apply(e);
        }
        Assert.Equal(Describe(ComplianceEvaluator.Evaluate(Tiers(), ticket, At(12, 30))), Describe(state.Evaluate(At(12, 30))));
        Assert.Equal("gold", state.Evaluate(At(12, 30)).Metrics.Single(m => m.Metric == Metric.Resolution).Variant);
    }

    [Fact]
    public void Deadlines_for_a_new_ticket_follow_the_variant_its_attributes_choose()
    {
        var version = Tiers().Versions[0];
        var gold = version.Deadlines("email", "P1", At(9), ImmutableDictionary<string, string>.Empty.Add("tier", "gold"));
        var silver = version.Deadlines("email", "P1", At(9));
        Assert.Equal(At(13), gold.Single(d => d.Metric == Metric.Resolution).Deadline);
        Assert.Equal(At(17), silver.Single(d => d.Metric == Metric.Resolution).Deadline);
        Assert.Equal("gold", version.Service("email")!.VariantFor(new Dictionary<string, string> { ["tier"] = "platinum" })!.Id);
    }

    private static string Describe(TicketEvaluation evaluation) =>
        evaluation.Error ?? string.Join("\n", evaluation.Metrics.Select(m =>
            $"{m.Metric.Id}#{m.Cycle} {m.Status} {m.Start} {m.Stop} {m.Target?.Describe()} {m.Deadline} {m.Elapsed} {m.Remaining} {m.BreachedAt} {m.Service} {m.Variant} {m.Priority} " +
            string.Join(",", m.Segments.Select(s => $"{s.Interval}/{s.Kind}/{s.Reason}/{s.CalendarId}/{s.BusinessTime}"))));
}
