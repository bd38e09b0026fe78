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
