using NodaTime;
using Sla.Core.Calendars;
using Sla.Core.Policies;

namespace Sla.Core.Tests.Policies;

/// <summary>A small valid policy that tests change one thing at a time.</summary>
internal static class TestPolicies
{
    public static readonly Instant From2026 = Instant.FromUtc(2026, 1, 1, 0, 0);

    public static BusinessCalendar Office { get; } = new BusinessCalendarBuilder("office", "Europe/Moscow")
        .AddHours(IsoDayOfWeek.Monday, "09:00-18:00").AddHours(IsoDayOfWeek.Tuesday, "09:00-18:00")
        .AddHours(IsoDayOfWeek.Wednesday, "09:00-18:00").AddHours(IsoDayOfWeek.Thursday, "09:00-18:00")
        .AddHours(IsoDayOfWeek.Friday, "09:00-18:00")
        .Build();

    public static PolicySetBuilder Builder(Action<PolicyVersionBuilder>? more = null, Action<ServiceBuilder>? targets = null) =>
        new PolicySetBuilder("acme", "ACME").AddVersion("2026.1", From2026, v =>
        {
            v.AddCalendar(Office)
                .WithPriorities("P1", "P2")
                .WithPauseStatuses("pending")
                .AddService("email", "E-mail", s =>
                {
                    s.Target("P1", Metric.FirstResponse, SlaTarget.InBusinessTime(Duration.FromMinutes(15)))
                        .Target("P1", Metric.Resolution, SlaTarget.InBusinessTime(Duration.FromHours(4)))
                        .Target("P2", Metric.FirstResponse, SlaTarget.InBusinessTime(Duration.FromHours(1), "office"))
                        .Target("P2", Metric.NextResponse, SlaTarget.InBusinessTime(Duration.FromHours(4), "office"))
                        .Target("P2", Metric.Resolution, SlaTarget.InBusinessDays(new BusinessDays(2, new LocalTime(16, 0)), "office"));
                    targets?.Invoke(s);
                });
            more?.Invoke(v);
        });
}
