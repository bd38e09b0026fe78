using System.Collections.Immutable;
using NodaTime;
using Sla.Core.Policies;

namespace Sla.Core.Compliance;

/// <summary>Where a metric stands at the evaluation instant.</summary>
public enum MetricStatus
{
    /// <summary>Stopped at or before its deadline.</summary>
    Met,

    /// <summary>Its counted time ran out before it stopped (final: later events do not undo it).</summary>
    Breached,

    /// <summary>Running, with a deadline and remaining business time.</summary>
    Running,

    /// <summary>Running but paused by one of the metric's pause statuses; no deadline while paused (unless a business-days deadline ignores pauses).</summary>
    Paused,

    /// <summary>Running, with counted time at or above the policy's warning fraction of counted plus remaining time.</summary>
    AtRisk,

    /// <summary>The policy sets no target for this service, priority and metric.</summary>
    NotApplicable,

    /// <summary>Ended by a cancel trigger: reported, never judged, and counted in no compliance figure.</summary>
    Cancelled,
}

/// <summary>One cycle of a metric of a ticket, as of the evaluation instant.</summary>
/// <param name="Metric">The metric.</param>
/// <param name="Cycle">The cycle's number, from 1 (metrics measured once have only cycle 1).</param>
/// <param name="Status">Where it stands.</param>
/// <param name="Start">When its clock started (under <see cref="PriorityChangeRule.Restart"/>, the last restart).</param>
/// <param name="Stop">When it stopped or was cancelled (after a resume, the last stop), or <see langword="null"/> while open.</param>
/// <param name="Target">The target its verdict is judged by: in force when it breached, when it stopped, when it was cancelled,
/// or now while open; <see langword="null"/> when none.</param>
/// <param name="Deadline">The deadline in force; equal to <paramref name="BreachedAt"/> when breached; <see langword="null"/> while paused, without a target, or when the calendar can never reach it.</param>
/// <param name="Elapsed">The counted business time (paused time and time without a target excluded).</param>
/// <param name="Remaining">For a running metric, the business time left before the deadline; otherwise <see langword="null"/>.</param>
/// <param name="BreachedAt">When it was breached, or <see langword="null"/>.</param>
/// <param name="Segments">The explanation of <c>[Start, Stop or now)</c>, when asked for (<see cref="EvaluationOptions.Explain"/>); otherwise empty.</param>
/// <param name="Priority">The ticket's priority <paramref name="Target"/> came from.</param>
/// <param name="Warning">For a running cycle, the highest of the version's warning fractions its counted time has reached; otherwise <see langword="null"/>.</param>
/// <param name="NextChangeAt">For a running cycle, the instant its status or warning next changes if no event arrives (the next warning's
/// crossing, turning at risk, or the deadline, after which it breaches); for a paused cycle whose business-days deadline pauses do not
/// move (<see cref="BusinessDaysPauseRule.Ignore"/>), that deadline; otherwise <see langword="null"/>. A host sets one timer for it.</param>
/// <param name="Service">The service <paramref name="Target"/> came from (the ticket's service then: a service change moves later cycles).</param>
/// <param name="Variant">The service's variant <paramref name="Target"/> came from, or <see langword="null"/> when the service's own targets applied.</param>
public sealed record MetricResult(
    Metric Metric,
    int Cycle,
    MetricStatus Status,
    Instant Start,
    Instant? Stop,
    SlaTarget? Target,
    Instant? Deadline,
    Duration Elapsed,
    Duration? Remaining,
    Instant? BreachedAt,
    ImmutableArray<ExplanationSegment> Segments,
    string Priority,
    double? Warning,
    Instant? NextChangeAt,
    string Service,
    string? Variant)
{
    /// <summary>Gets the explanation segments; empty (never a default array) when not asked for.</summary>
    public ImmutableArray<ExplanationSegment> Segments { get; init; } = Segments.IsDefault ? [] : Segments;
}

/// <summary>How a stretch of a metric's clock was treated.</summary>
public enum SegmentKind
{
    /// <summary>Working time that counted against the target.</summary>
    Counted,

    /// <summary>Outside business hours of the target's calendar (a holiday or exception is named in <see cref="ExplanationSegment.Reason"/>).</summary>
    OutsideHours,

    /// <summary>Paused by a pause status (named in <see cref="ExplanationSegment.Reason"/>).</summary>
    Paused,

    /// <summary>No target was in force for the ticket's priority, so nothing counted.</summary>
    NoTarget,

    /// <summary>The cycle was stopped (between a stop and a resume, such as a resolution and a reopening).</summary>
    Resolved,
}

/// <summary>One stretch of a metric's explanation.</summary>
/// <param name="Interval">The stretch, <c>[start, end)</c>.</param>
/// <param name="Kind">How it was treated.</param>
/// <param name="Reason">The holiday, exception or pause status behind it, or <see langword="null"/>.</param>
/// <param name="CalendarId">The calendar that measured it (for counted and outside-hours stretches), or <see langword="null"/>.</param>
/// <param name="BusinessTime">The business time it counted (zero unless <see cref="SegmentKind.Counted"/>).</param>
public sealed record ExplanationSegment(Interval Interval, SegmentKind Kind, string? Reason, string? CalendarId, Duration BusinessTime);

/// <summary>A ticket's evaluation: every metric's result, or the reason the ticket could not be evaluated.</summary>
/// <param name="TicketId">The ticket's id.</param>
/// <param name="Service">The ticket's service, or <see langword="null"/> when the ticket could not be read.</param>
/// <param name="PolicyVersion">The policy version it was evaluated under, or <see langword="null"/> on error.</param>
/// <param name="Metrics">The results, metric by metric in the version's definition order, each metric's cycles in order.</param>
/// <param name="Error">Why the ticket could not be evaluated (a sentence naming the ticket and the event), or <see langword="null"/>.</param>
public sealed record TicketEvaluation(string TicketId, string? Service, string? PolicyVersion, ImmutableArray<MetricResult> Metrics, string? Error)
{
    /// <summary>Gets the results, metric by metric; empty (never a default array) when there are none.</summary>
    public ImmutableArray<MetricResult> Metrics { get; init; } = Metrics.IsDefault ? [] : Metrics;

    /// <summary>Gets a value indicating whether the ticket was evaluated.</summary>
    public bool IsValid => Error is null;

    /// <summary>
    /// Gets the earliest <see cref="MetricResult.NextChangeAt"/> of the results: when a host should evaluate the
    /// ticket again if no event arrives first; <see langword="null"/> when nothing is running.
    /// </summary>
    public Instant? NextChangeAt => Earliest(Metrics);

    private static Instant? Earliest(ImmutableArray<MetricResult> metrics)
    {
        Instant? earliest = null;
        foreach (var result in metrics.IsDefault ? [] : metrics)
        {
            earliest = MetricClock.Earliest(earliest, result.NextChangeAt);
        }
        return earliest;
    }

    internal static TicketEvaluation Failed(string ticketId, string? service, string error) => new(ticketId, service, null, [], error);
}

/// <summary>Options for an evaluation.</summary>
/// <param name="Explain">Whether each result lists its explanation segments (costs time and memory; off by default).</param>
public sealed record EvaluationOptions(bool Explain = false)
{
    /// <summary>Gets the default options: no explanation.</summary>
    public static EvaluationOptions Default { get; } = new();
}
