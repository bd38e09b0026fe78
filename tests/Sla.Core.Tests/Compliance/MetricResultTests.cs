using NodaTime;
using Sla.Core.Compliance;
using Sla.Core.Policies;

namespace Sla.Core.Tests.Compliance;

/// <summary>
/// A result stores its optional members as flags and its target's origin as one shared object; these check that it still
/// behaves as the positional record it reads as: every member round-trips, equality is over the members, <c>with</c>
/// changes one member only, and an evaluated result equals the same result built by hand.
/// </summary>
public sealed class MetricResultTests
{
    private static readonly Instant Start = Instant.FromUtc(2026, 3, 2, 9, 0);

    private static MetricResult Running() => new(Metric.FirstResponse, 1, MetricStatus.Running, Start, null, new DurationTarget(Duration.FromHours(4)),
        Start + Duration.FromHours(4), Duration.FromHours(1), Duration.FromHours(3), null, [], "P2", 0.5, Start + Duration.FromHours(3), "email", null);

    [Fact]
    public void Every_member_reads_back_as_given_absent_ones_as_null()
    {
        var (metric, cycle, status, start, stop, target, deadline, elapsed, remaining, breachedAt, segments, priority, warning, nextChangeAt, service, variant) = Running();

        Assert.Equal(
            (Metric.FirstResponse, 1, MetricStatus.Running, Start, (Instant?)null, (SlaTarget?)new DurationTarget(Duration.FromHours(4)), (Instant?)(Start + Duration.FromHours(4)),
                Duration.FromHours(1), (Duration?)Duration.FromHours(3), (Instant?)null, 0, "P2", (double?)0.5, (Instant?)(Start + Duration.FromHours(3)), "email", (string?)null),
            (metric, cycle, status, start, stop, target, deadline, elapsed, remaining, breachedAt, segments.Length, priority, warning, nextChangeAt, service, variant));
    }

    [Fact]
    public void With_sets_and_clears_one_member_and_leaves_the_rest()
    {
        var running = Running();
        var stopped = running with { Stop = Start + Duration.FromHours(1), Remaining = null, Warning = null, Variant = "gold" };

        Assert.Equal(Start + Duration.FromHours(1), stopped.Stop);
        Assert.Null(stopped.Remaining);
        Assert.Null(stopped.Warning);
        Assert.Equal("gold", stopped.Variant);
        Assert.Equal((running.Deadline, running.NextChangeAt, running.Target, running.Priority, running.Service), (stopped.Deadline, stopped.NextChangeAt, stopped.Target, stopped.Priority, stopped.Service));
        Assert.Null(running.Stop);
        Assert.Null(running.Variant);
    }

    [Fact]
    public void Equality_is_over_the_members_whatever_the_way_they_were_set()
    {
        var running = Running();
        var cleared = running with { Deadline = null };
        var restored = cleared with { Deadline = running.Deadline };

        Assert.Equal(running, restored);
        Assert.Equal(running.GetHashCode(), restored.GetHashCode());
        Assert.NotEqual(running, cleared);
        // A member set to its default is present, not absent.
        Assert.NotEqual(running with { Remaining = Duration.Zero }, running with { Remaining = null });
        Assert.NotEqual(running, running with { Priority = "P1" });
    }

    [Fact]
    public void An_evaluated_result_equals_the_same_result_built_by_hand()
    {
        var policy = new PolicySetBuilder("p", "P").AddVersion("v1", Start - Duration.FromDays(1), v => v
                .WithPriorities("P2")
                .AddService("email", "E-mail", s => s.Target("P2", Metric.FirstResponse, SlaTarget.InBusinessTime(Duration.FromHours(4)))))
            .Build();
        var ticket = new Tickets.Ticket("T-1", "email", "P2", Start, []);

        var evaluated = ComplianceEvaluator.Evaluate(policy, ticket, Start + Duration.FromHours(1)).Metrics.Single(m => m.Metric == Metric.FirstResponse);

        Assert.Equal(Running() with { Warning = null, NextChangeAt = evaluated.NextChangeAt, Target = evaluated.Target }, evaluated);
    }

    [Fact]
    public void An_undefined_status_is_refused_with_the_member_named()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Running() with { Status = (MetricStatus)99 });

        Assert.Equal("Status", error.ParamName);
    }
}
