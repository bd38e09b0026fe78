using NodaTime;
using Sla.Core.Calendars;
using Sla.Core.Policies;
using static Sla.Core.Tests.Policies.TestPolicies;

namespace Sla.Core.Tests.Policies;

public sealed class PolicyLookupTests
{
    [Fact]
    public void The_version_in_force_is_the_last_effective_at_or_before_the_instant()
    {
        var policy = Builder()
            .AddVersion("2026.2", Instant.FromUtc(2026, 7, 1, 0, 0), v => v.WithPriorities("P1"))
            .Build();
        Assert.Null(policy.VersionAt(From2026 - Duration.Epsilon));
        Assert.Equal("2026.1", policy.VersionAt(From2026)!.Version);
        Assert.Equal("2026.1", policy.VersionAt(Instant.FromUtc(2026, 6, 30, 23, 59))!.Version);
        Assert.Equal("2026.2", policy.VersionAt(Instant.FromUtc(2026, 7, 1, 0, 0))!.Version);
    }

    [Fact]
    public void Versions_are_ordered_by_effective_from_whatever_order_they_were_added_in()
    {
        var policy = new PolicySetBuilder("p", "P")
            .AddVersion("later", Instant.FromUtc(2027, 1, 1, 0, 0), v => v.WithPriorities("P1"))
            .AddVersion("earlier", From2026, v => v.WithPriorities("P1"))
            .Build();
        Assert.Equal(["earlier", "later"], policy.Versions.Select(v => v.Version));
    }

    [Fact]
    public void Targets_for_a_service_and_priority()
    {
        var version = Builder().Build().Versions[0];
        Assert.Equal(SlaTarget.InBusinessTime(Duration.FromHours(1), "office"), version.Target("email", "P2", Metric.FirstResponse));
        Assert.Null(version.Target("email", "P1", Metric.NextResponse));
        Assert.Equal("service", Assert.Throws<ArgumentException>(() => version.Target("fax", "P1", Metric.Resolution)).ParamName);
        Assert.Equal("priority", Assert.Throws<ArgumentException>(() => version.Target("email", "P7", Metric.Resolution)).ParamName);
        Assert.Same(BusinessCalendar.AlwaysOpen, version.Calendar("24x7"));
        Assert.Same(BusinessCalendar.AlwaysOpen, version.Calendar(null));
        Assert.Throws<KeyNotFoundException>(() => version.Calendar("lunar"));
    }

    [Fact]
    public void Deadlines_for_a_new_ticket()
    {
        var version = Builder().Build().Versions[0];
        // Friday 2026-03-27 17:30 Moscow (14:30Z): half an hour before closing.
        var created = Instant.FromUtc(2026, 3, 27, 14, 30);
        var deadlines = version.Deadlines("email", "P2", created);
        Assert.Equal(
        new[]
        {
            new MetricDeadline(Metric.FirstResponse, SlaTarget.InBusinessTime(Duration.FromHours(1), "office"), DeadlineKind.Due, Instant.FromUtc(2026, 3, 30, 6, 30)),
            new MetricDeadline(Metric.NextResponse, SlaTarget.InBusinessTime(Duration.FromHours(4), "office"), DeadlineKind.StartsLater, null),
            new MetricDeadline(Metric.Resolution, SlaTarget.InBusinessDays(new BusinessDays(2, new LocalTime(16, 0)), "office"), DeadlineKind.Due, Instant.FromUtc(2026, 4, 1, 15, 0)),
        }, deadlines.ToArray());
        var p1 = version.Deadlines("email", "P1", created);
        Assert.Equal(created + Duration.FromMinutes(15), p1[0].Deadline);
        Assert.Equal(DeadlineKind.NotApplicable, p1[1].Kind);
    }

    [Fact]
    public void An_unreachable_deadline_is_a_value()
    {
        var events = new BusinessCalendarBuilder("events", "UTC").AddException(new LocalDate(2026, 1, 9), "Open day", "09:00-10:00").Build();
        var version = new PolicySetBuilder("p", "P").AddVersion("1", From2026, v => v
            .AddCalendar(events).WithPriorities("P1")
            .AddService("s", "S", s => s.Target("P1", Metric.Resolution, SlaTarget.InBusinessTime(Duration.FromHours(2), "events"))))
            .Build().Versions[0];
        Assert.Equal(DeadlineKind.Unreachable, version.Deadlines("s", "P1", From2026)[2].Kind);
    }

    [Fact]
    public void Targets_describe_themselves()
    {
        Assert.Equal("PT4H on 24x7", SlaTarget.InBusinessTime(Duration.FromHours(4)).Describe());
        Assert.Equal("2 business days (cutoff 16:00) on office", SlaTarget.InBusinessDays(new BusinessDays(2, new LocalTime(16, 0)), "office").Describe());
    }

    [Fact]
    public void Metric_and_period_names_round_trip()
    {
        foreach (var metric in new[] { Metric.FirstResponse, Metric.NextResponse, Metric.Resolution, Metric.Named("l2") })
        {
            Assert.Equal(metric, Metric.Named(PolicyNames.Of(metric)));
        }
        Assert.Same(Metric.Resolution, Metric.Named("resolution"));
        foreach (var period in Enum.GetValues<ReportingPeriod>())
        {
            Assert.True(PolicyNames.TryParsePeriod(PolicyNames.Of(period), out var back));
            Assert.Equal(period, back);
        }
    }
}
