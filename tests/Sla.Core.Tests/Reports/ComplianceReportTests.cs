using NodaTime;
using Sla.Core.Compliance;
using Sla.Core.Policies;
using Sla.Core.Reports;
using Sla.Core.Tickets;
using static Sla.Core.Tests.Compliance.EvaluationFixture;

namespace Sla.Core.Tests.Reports;

public sealed class ComplianceReportTests
{
    private static readonly PolicySet WithObjectives = new PolicySetBuilder("test", "Test").AddVersion("v1", Instant.FromUtc(2026, 1, 1, 0, 0), v => v
        .AddCalendar(Office).WithPriorities("P1", "P2")
        .AddService("email", "E-mail", s => s
            .Target("P1", Metric.FirstResponse, SlaTarget.InBusinessTime(Duration.FromHours(1)))
            .Target("P2", Metric.FirstResponse, SlaTarget.InBusinessTime(Duration.FromHours(2), "office")))
        .AddObjective(new ComplianceObjective("email", Metric.FirstResponse, 0.75m, ReportingPeriod.Month, "P1"))
        .AddCredit(new CreditTier("email", Metric.FirstResponse, 0.95m, 5, "P1"))
        .AddCredit(new CreditTier("email", Metric.FirstResponse, 0.5m, 20, "P1")))
        .Build();

    private static TicketEvaluation Replied(string id, string priority, Instant created, Duration after) =>
        ComplianceEvaluator.Evaluate(WithObjectives, new Ticket(id, "email", priority, created, [TicketEvent.AgentReply(created + after)]), Instant.FromUtc(2026, 4, 2, 0, 0));

    [Fact]
    public void Rows_count_met_and_breached_per_period_with_percentiles_objectives_and_credits()
    {
        var evaluations = new[]
        {
            Replied("a", "P1", At(2, 10), Duration.FromMinutes(10)),
            Replied("b", "P1", At(3, 10), Duration.FromMinutes(20)),
            Replied("c", "P1", At(4, 10), Duration.FromMinutes(90)),
            Replied("d", "P1", At(5, 10), Duration.FromMinutes(30)),
            Replied("e", "P2", At(5, 10), Duration.FromMinutes(30)),
            ComplianceEvaluator.Evaluate(WithObjectives, new Ticket("f", "email", "P1", At(30, 10), []), At(30, 10, 30)),
            ComplianceEvaluator.Evaluate(WithObjectives, new Ticket("x", "fax", "P1", At(5, 10), []), At(30, 0)),
        };
        var report = ComplianceReport.Build(WithObjectives, evaluations);
        Assert.Equal((6, 1), (report.TicketsEvaluated, report.TicketsRejected));
        var p1 = report.Rows.Single(r => r.Priority == "P1");
        Assert.Equal(("2026-03", 4, 3, 1, 0.75m), (p1.Period.Label, p1.Count, p1.Met, p1.Breached, p1.Compliance));
        Assert.Equal((Duration.FromMinutes(20), Duration.FromMinutes(90), Duration.FromMinutes(90)), (p1.P50, p1.P90, p1.P99));
        var objective = Assert.Single(report.Objectives);
        Assert.True(objective.IsMet);
        Assert.Equal(0.75m, objective.Compliance);
        var credit = Assert.Single(report.Credits);
        Assert.Equal((5m, 0.75m), (credit.Tier.CreditPercent, credit.Compliance));
    }

    [Fact]
    public void The_html_page_encodes_what_the_tickets_and_policy_say_and_checks_its_arguments()
    {
        var report = ComplianceReport.Build(WithObjectives, [Replied("<b>a</b>", "P1", At(2, 10), Duration.FromMinutes(10))]);
        var page = ComplianceReportHtml.Render(WithObjectives, report, At(30, 0));
        Assert.StartsWith("<!DOCTYPE html>", page, StringComparison.Ordinal);
        Assert.Contains("1 tickets evaluated, 0 rejected.", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", page, StringComparison.Ordinal);
        Assert.Equal("policy", Assert.Throws<ArgumentNullException>(() => ComplianceReportHtml.Render(null!, report, At(30, 0))).ParamName);
        Assert.Equal("report", Assert.Throws<ArgumentNullException>(() => ComplianceReportHtml.Render(WithObjectives, null!, At(30, 0))).ParamName);
    }

    /// <summary>Gold customers' P1 first response promised at 98 %, the whole service's at 95 %; a credit only for gold.</summary>
    private static readonly PolicySet WithGold = new PolicySetBuilder("test", "Test").AddVersion("v1", Instant.FromUtc(2026, 1, 1, 0, 0), v => v
        .WithPriorities("P1")
        .AddService("email", "E-mail", s => s
            .Target("P1", Metric.FirstResponse, SlaTarget.InBusinessTime(Duration.FromHours(1)))
            .AddVariant("gold", g => g.When("tier", "gold").Target("P1", Metric.FirstResponse, SlaTarget.InBusinessTime(Duration.FromMinutes(15)))))
        .AddObjective(new ComplianceObjective("email", Metric.FirstResponse, 0.98m, ReportingPeriod.Month, "P1", "gold"))
        .AddObjective(new ComplianceObjective("email", Metric.FirstResponse, 0.5m, ReportingPeriod.Month))
        .AddCredit(new CreditTier("email", Metric.FirstResponse, 0.98m, 10, Variant: "gold")))
        .Build();

    [Fact]
    public void Rows_objectives_and_credits_by_variant()
    {
        TicketEvaluation Reply(string id, string tier, int minutes) => ComplianceEvaluator.Evaluate(WithGold,
            new Ticket(id, "email", "P1", At(2, 10), [TicketEvent.AgentReply(At(2, 10) + Duration.FromMinutes(minutes))], new Dictionary<string, string> { ["tier"] = tier }),
            At(30, 0));
        // Gold: one of two within 15 minutes. Standard: both within the hour.
        var report = ComplianceReport.Build(WithGold, [Reply("g1", "gold", 10), Reply("g2", "gold", 30), Reply("s1", "standard", 30), Reply("s2", "standard", 50)]);
        Assert.Equal([("email", null, 2, 2, "PT1H on 24x7"), ("email", "gold", 2, 1, "PT15M on 24x7")],
            report.Rows.Select(r => (r.Service, r.Variant, r.Count, r.Met, r.Target!.Describe())));
        Assert.Equal([(0.5m, false), (0.75m, true)], report.Objectives.Select(o => (o.Compliance!.Value, o.IsMet)));
        var credit = Assert.Single(report.Credits);
        Assert.Equal(("gold", 0.5m, 10m), (credit.Variant, credit.Compliance, credit.Tier.CreditPercent));

        var recommender = new TargetRecommender();
        foreach (var evaluation in new[] { Reply("g1", "gold", 10), Reply("s1", "standard", 30) })
        {
            recommender.Add(evaluation);
        }
        Assert.Equal([(null, Duration.FromMinutes(30)), ("gold", Duration.FromMinutes(10))], recommender.Recommend(0.9).Select(r => (r.Variant, r.Recommended)));
    }

    [Theory]
    [InlineData(ReportingPeriod.Month, "0002-03")]
    [InlineData(ReportingPeriod.Quarter, "0002-Q1")]
    [InlineData(ReportingPeriod.Week, "0002-W09")]
    public void Period_labels_have_four_digit_years_so_they_sort_and_read_as_dates(ReportingPeriod kind, string label) =>
        Assert.Equal(label, ReportPeriod.OfDate(kind, new LocalDate(2, 3, 1), DateTimeZone.Utc).Label);

    [Fact]
    public void Periods_follow_the_zone_of_the_first_calendar_and_from_to_filter_by_when_results_were_judged()
    {
        var lateMarch = Replied("a", "P1", Instant.FromUtc(2026, 3, 31, 23, 0), Duration.FromMinutes(10));
        Assert.Equal("2026-03", ComplianceReport.Build(WithObjectives, [lateMarch]).Rows[0].Period.Label);
        Assert.Empty(ComplianceReport.Build(WithObjectives, [lateMarch], from: Instant.FromUtc(2026, 4, 1, 0, 0)).Rows);
        Assert.Equal("2026-W14", ComplianceReport.Build(WithObjectives, [lateMarch], ReportingPeriod.Week).Rows[0].Period.Label);
        Assert.Equal("2026-Q1", ComplianceReport.Build(WithObjectives, [lateMarch], ReportingPeriod.Quarter).Rows[0].Period.Label);
    }

    [Fact]
    public void Nearest_rank_percentiles()
    {
        var times = Enumerable.Range(1, 100).Select(i => Duration.FromMinutes(i)).ToArray();
        Assert.Equal(Duration.FromMinutes(50), ComplianceReportBuilder.Percentile(times, 0.5));
        Assert.Equal(Duration.FromMinutes(99), ComplianceReportBuilder.Percentile(times, 0.99));
        Assert.Equal(Duration.Zero, ComplianceReportBuilder.Percentile([], 0.5));
    }
}
