using NodaTime;
using Sla.Core.Availability;
using Sla.Core.Policies;
using static Sla.Core.Tests.Compliance.EvaluationFixture;

namespace Sla.Core.Tests.Availability;

public sealed class AvailabilityReportTests
{
    private static readonly PolicySet Policy = new PolicySetBuilder("test", "Test").AddVersion("v1", Instant.FromUtc(2026, 1, 1, 0, 0), v => v
        .AddCalendar(Office).WithPriorities("P1")
        .AddService("email", "E-mail", _ => { })
        .AddService("erp", "ERP", _ => { })
        .AddAvailability(new AvailabilityObjective("email", 0.999m, ReportingPeriod.Month, null, [new AvailabilityCredit(0.999m, 10), new AvailabilityCredit(0.99m, 25)]))
        .AddAvailability(new AvailabilityObjective("erp", 0.99m, ReportingPeriod.Month, "office", [new AvailabilityCredit(0.99m, 5)])))
        .Build();

    private static readonly Instant March = Instant.FromUtc(2026, 3, 1, 0, 0);
    private static readonly Instant April = Instant.FromUtc(2026, 4, 1, 0, 0);

    [Fact]
    public void Overlapping_outages_are_merged_and_planned_maintenance_is_excluded()
    {
        var outages = new[]
        {
            new Outage("o1", "email", At(10, 10), At(10, 12), false),
            new Outage("o2", "email", At(10, 11), At(10, 13), false),
            new Outage("m1", "email", At(12, 0), At(12, 4), true),
            new Outage("o3", "email", At(12, 3), At(12, 5), false),
        };
        var row = AvailabilityReport.Build(Policy, outages, March, April).Rows.Single(r => r.Objective.Service == "email");
        // March has 31 days of 24 h; 4 h of maintenance are not measured; down 3 h (10:00-13:00) + 1 h (04:00-05:00).
        Assert.Equal(Duration.FromHours(31 * 24 - 4), row.Measured);
        Assert.Equal(Duration.FromHours(4), row.Downtime);
        Assert.Equal(1m - (4m / (31 * 24 - 4)), row.Uptime);
        Assert.False(row.IsMet);
        Assert.Equal(10m, row.Credit!.CreditPercent);
    }

    [Fact]
    public void Uptime_within_business_hours_counts_only_outages_inside_them()
    {
        var outages = new[] { new Outage("night", "erp", At(10, 20), At(11, 8), false), new Outage("day", "erp", At(11, 8), At(11, 10), false) };
        var row = AvailabilityReport.Build(Policy, outages, March, April).Rows.Single(r => r.Objective.Service == "erp");
        Assert.Equal(Duration.FromHours(1), row.Downtime);
        Assert.Equal(Office.Elapsed(March, April), row.Measured);
        Assert.True(row.IsMet);
        Assert.Null(row.Credit);
    }

    [Fact]
    public void A_month_without_outages_is_fully_available()
    {
        var rows = AvailabilityReport.Build(Policy, [], March, April).Rows;
        Assert.Equal(2, rows.Length);
        Assert.All(rows, r => Assert.Equal(1m, r.Uptime));
    }

    [Fact]
    public void An_outage_that_ends_before_it_starts_is_named()
    {
        var error = Assert.Throws<ArgumentException>(() => AvailabilityReport.Build(Policy, [new Outage("o9", "email", At(10, 12), At(10, 11), false)], March, April));
        Assert.StartsWith("outage o9: it ends at 2026-03-10T11:00:00Z, before it starts at 2026-03-10T12:00:00Z.", error.Message);
        Assert.Equal("outages", error.ParamName);
    }
}
