using NodaTime;
using Sla.Core.Calendars;
using Sla.Core.Policies;
using Sla.Core.Validation;
using static Sla.Core.Tests.Policies.TestPolicies;

namespace Sla.Core.Tests.Policies;

/// <summary>Every policy validation rule, with its exact path and sentence; all problems at once.</summary>
public sealed class PolicyValidationTests
{
    private static string[] Problems(PolicySetBuilder builder) => [.. builder.Validate().Select(p => p.ToString())];

    [Fact]
    public void The_test_policy_is_valid() => Assert.Empty(Problems(Builder()));

    [Fact]
    public void Unknown_calendar_priority_and_service_references()
    {
        var builder = Builder(
            v => v.AddObjective(new ComplianceObjective("fax", Metric.Resolution, 0.95m, ReportingPeriod.Month, "P9"))
                  .AddCredit(new CreditTier("fax", Metric.Resolution, 0.9m, 5))
                  .AddAvailability(new AvailabilityObjective("fax", 0.99m, ReportingPeriod.Month, "lunar", [])),
            s => s.Target("P3", Metric.Resolution, SlaTarget.InBusinessTime(Duration.FromHours(1), "lunar")));
        Assert.Equal(
        [
            "versions[0].services[0].targets.P3: 'P3' is not a priority of this version; the priorities are P1, P2.",
            "versions[0].services[0].targets.P3.resolution.calendar: 'lunar' is not a calendar of this version; the calendars are office, 24x7.",
            "versions[0].objectives[0].service: 'fax' is not a service of this version; the services are email.",
            "versions[0].objectives[0].priority: 'P9' is not a priority of this version; the priorities are P1, P2.",
            "versions[0].credits[0].service: 'fax' is not a service of this version; the services are email.",
            "versions[0].availability[0].service: 'fax' is not a service of this version; the services are email.",
            "versions[0].availability[0].calendar: 'lunar' is not a calendar of this version; the calendars are office, 24x7.",
        ], Problems(builder));
    }

    [Fact]
    public void Duplicate_ids_priorities_statuses_and_targets()
    {
        var builder = Builder(v => v
            .AddCalendar(Office)
            .WithPriorities("P1", "P2", "P1")
            .WithPauseStatuses("pending", "pending")
            .AddService("email", "Again", _ => { }),
            s => s.Target("P1", Metric.Resolution, SlaTarget.InBusinessTime(Duration.FromHours(8))));
        Assert.Equal(
        [
            "versions[0].calendars[1].id: 'office' is a duplicate calendar id (also versions[0].calendars[0].id).",
            "versions[0].priorities[2]: 'P1' is a duplicate priority (also versions[0].priorities[0]).",
            "versions[0].pauseStatuses[1]: 'pending' is a duplicate pause status (also versions[0].pauseStatuses[0]).",
            "versions[0].services[1].id: 'email' is a duplicate service id (also versions[0].services[0].id).",
            "versions[0].services[0].targets.P1.resolution: Service 'email' already has a resolution target for P1.",
        ], Problems(builder));
    }

    [Fact]
    public void A_calendar_may_not_take_the_24x7_id()
    {
        var always = new BusinessCalendarBuilder("24x7", "UTC").AddHours(IsoDayOfWeek.Monday, "00:00-24:00").Build();
        Assert.Equal(["versions[0].calendars[1].id: '24x7' is the built-in 24/7 calendar: give this calendar another id."],
            Problems(Builder(v => v.AddCalendar(always))));
    }

    [Theory]
    [InlineData(0, "PT0S")]
    [InlineData(-30, "-PT30M")]
    public void Zero_or_negative_durations(int minutes, string text)
    {
        var builder = Builder(targets: s => s.Target("P1", Metric.NextResponse, SlaTarget.InBusinessTime(Duration.FromMinutes(minutes))));
        Assert.Equal([$"versions[0].services[0].targets.P1.nextResponse.within: {text} is not a target: a duration target must be more than zero."], Problems(builder));
    }

    [Fact]
    public void Two_versions_with_the_same_effective_from_or_name()
    {
        var builder = Builder().AddVersion("2026.1", From2026, v => v.WithPriorities("P1"));
        Assert.Equal(
        [
            "versions[1].effectiveFrom: 2026-01-01T00:00:00Z is also the effective-from of versions[0]: two versions cannot come into force at the same instant.",
            "versions[1].version: Version '2026.1' is also versions[0]'s name: version names must be unique.",
        ], Problems(builder));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(1.5)]
    [InlineData(-0.25)]
    public void A_warning_fraction_outside_zero_to_one(double fraction)
    {
        Assert.Equal([$"versions[0].warningAt: warningAt {fraction} is not a fraction between 0 and 1 (exclusive), such as 0.75."],
            Problems(Builder(v => v.WithWarningAt(fraction))));
    }

    [Fact]
    public void Credit_tiers_that_are_not_monotone()
    {
        var builder = Builder(v => v
            .AddCredit(new CreditTier("email", Metric.Resolution, 0.95m, 10))
            .AddCredit(new CreditTier("email", Metric.Resolution, 0.90m, 5))
            .AddCredit(new CreditTier("email", Metric.FirstResponse, 0.95m, 5))
            .AddCredit(new CreditTier("email", Metric.FirstResponse, 0.95m, 8))
            .AddAvailability(new AvailabilityObjective("email", 0.999m, ReportingPeriod.Month, null,
                [new AvailabilityCredit(0.999m, 25), new AvailabilityCredit(0.99m, 10)])));
        Assert.Equal(
        [
            "versions[0].credits[1].creditPercent: Credit tiers are not monotone: below 0.90 credits 5%, no more than below 0.95 (10%, versions[0].credits[0]); a lower figure must earn a larger credit.",
            "versions[0].credits[3].below: versions[0].credits[2] has the same threshold (0.95): each tier needs its own.",
            "versions[0].availability[0].credits[1].creditPercent: Credit tiers are not monotone: below 0.99 credits 10%, no more than below 0.999 (25%, versions[0].availability[0].credits[0]); a lower figure must earn a larger credit.",
        ], Problems(builder));
    }

    [Fact]
    public void Fractions_and_percentages_out_of_range()
    {
        var builder = Builder(v => v
            .AddObjective(new ComplianceObjective("email", Metric.Resolution, 1.5m, ReportingPeriod.Month))
            .AddCredit(new CreditTier("email", Metric.Resolution, 0m, 150)));
        Assert.Equal(
        [
            "versions[0].objectives[0].atLeast: atLeast 1.5 is not a fraction in (0, 1], such as 0.95.",
            "versions[0].credits[0].below: below 0 is not a fraction in (0, 1], such as 0.95.",
            "versions[0].credits[0].creditPercent: creditPercent 150 is not a percentage in (0, 100].",
        ], Problems(builder));
    }

    [Fact]
    public void Objectives_naming_unknown_metrics_or_periods()
    {
        var builder = Builder(v => v.AddObjective(new ComplianceObjective("email", Metric.Named("uptime"), 0.9m, (ReportingPeriod)9)));
        Assert.Equal(
        [
            "versions[0].objectives[0].metric: 'uptime' is not a metric of this version; the metrics are firstResponse, nextResponse, resolution.",
            "versions[0].objectives[0].period: '9' is not a period: use week, month or quarter.",
        ], Problems(builder));
    }

    [Fact]
    public void First_response_longer_than_resolution_on_the_same_clock_is_a_warning_not_an_error()
    {
        var builder = new PolicySetBuilder("acme", "ACME").AddVersion("1", From2026, v => v
            .WithPriorities("P1")
            .AddService("email", "E-mail", s => s
                .Target("P1", Metric.FirstResponse, SlaTarget.InBusinessTime(Duration.FromHours(8)))
                .Target("P1", Metric.Resolution, SlaTarget.InBusinessTime(Duration.FromHours(4)))));
        var problem = Assert.Single(builder.Validate());
        Assert.Equal(ValidationSeverity.Warning, problem.Severity);
        Assert.Equal("warning: versions[0].services[0].targets.P1.firstResponse: The first-response target (PT8H) is longer than the resolution target (PT4H) on the same clock: a ticket could be resolved in time but answered late.", problem.ToString());
        Assert.NotNull(builder.Build());
    }

    [Fact]
    public void Different_clocks_are_not_compared()
    {
        var builder = Builder(targets: s => s.Target("P2", Metric.FirstResponse, SlaTarget.InBusinessTime(Duration.FromHours(40))));
        Assert.DoesNotContain(builder.Validate(), p => p.Severity == ValidationSeverity.Warning);
    }

    [Fact]
    public void Missing_id_versions_names_and_priorities()
    {
        Assert.Equal(["id: A policy needs an id.", "versions: A policy needs at least one version."], Problems(new PolicySetBuilder("", "x")));
        var builder = new PolicySetBuilder("p", "P").AddVersion("", From2026, v => v.AddService("s", " ", _ => { }));
        Assert.Equal(
        [
            "versions[0].version: A version needs a name, such as 2026.1.",
            "versions[0].priorities: A version needs at least one priority, most urgent first.",
            "versions[0].services[0].name: Service 's' needs a name for people.",
        ], Problems(builder));
    }

    [Fact]
    public void Build_throws_with_every_error()
    {
        var error = Assert.Throws<DefinitionValidationException>(() => Builder(v => v.WithWarningAt(2).WithPriorities()).Build());
        Assert.True(error.Problems.Length >= 2);
    }
}
