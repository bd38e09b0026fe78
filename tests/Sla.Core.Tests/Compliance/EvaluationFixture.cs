using System.Collections.Immutable;
using NodaTime;
using Sla.Core.Calendars;
using Sla.Core.Compliance;
using Sla.Core.Policies;
using Sla.Core.Tickets;

namespace Sla.Core.Tests.Compliance;

/// <summary>
/// A policy on a UTC office calendar (Mon-Fri 09:00-18:00, a "Founders Day" holiday on 2026-03-20), so
/// every expected figure can be checked by hand. 2026-03-16 is a Monday.
/// </summary>
internal static class EvaluationFixture
{
    public static readonly BusinessCalendar Office = new BusinessCalendarBuilder("office", "UTC")
        .AddHours(IsoDayOfWeek.Monday, "09:00-18:00").AddHours(IsoDayOfWeek.Tuesday, "09:00-18:00")
        .AddHours(IsoDayOfWeek.Wednesday, "09:00-18:00").AddHours(IsoDayOfWeek.Thursday, "09:00-18:00")
        .AddHours(IsoDayOfWeek.Friday, "09:00-18:00")
        .AddRule(new FixedDateRule("Founders Day", 3, 20))
        .Build();

    public static readonly PolicySet Policy = new PolicySetBuilder("test", "Test agreement")
        .AddVersion("v1", Instant.FromUtc(2026, 1, 1, 0, 0), v => v
            .AddCalendar(Office)
            .WithPriorities("P1", "P2", "P3", "P4")
            .WithPauseStatuses("pending", "on-hold")
            .WithWarningAt(0.75)
            .AddService("email", "E-mail", s => s
                .Target("P1", Metric.FirstResponse, SlaTarget.InBusinessTime(Duration.FromHours(1)))
                .Target("P1", Metric.NextResponse, SlaTarget.InBusinessTime(Duration.FromHours(2)))
                .Target("P1", Metric.Resolution, SlaTarget.InBusinessTime(Duration.FromHours(4)))
                .Target("P2", Metric.FirstResponse, SlaTarget.InBusinessTime(Duration.FromHours(2), "office"))
                .Target("P2", Metric.NextResponse, SlaTarget.InBusinessTime(Duration.FromHours(4), "office"))
                .Target("P2", Metric.Resolution, SlaTarget.InBusinessTime(Duration.FromHours(16), "office"))
                .Target("P3", Metric.Resolution, SlaTarget.InBusinessDays(new BusinessDays(2, new LocalTime(16, 0)), "office"))))
        .Build();

    /// <summary>A UTC instant in March 2026: <c>At(16, 10)</c> is Monday 10:00.</summary>
    public static Instant At(int day, int hour, int minute = 0) => Instant.FromUtc(2026, 3, day, hour, minute);

    public static Ticket Ticket(string priority, Instant created, params TicketEvent[] events) =>
        new("T-1", "email", priority, created, [.. events]);

    public static TicketEvaluation Evaluate(Ticket ticket, Instant now, bool explain = false) =>
        ComplianceEvaluator.Evaluate(Policy, ticket, now, new EvaluationOptions(explain));

    public static MetricResult Result(TicketEvaluation evaluation, Metric metric, int cycle = 1)
    {
        Assert.True(evaluation.IsValid, evaluation.Error);
        return evaluation.Metrics.Single(m => m.Metric == metric && m.Cycle == cycle);
    }

    public static ImmutableArray<MetricResult> Cycles(TicketEvaluation evaluation) =>
        [.. evaluation.Metrics.Where(m => m.Metric == Metric.NextResponse)];
}
