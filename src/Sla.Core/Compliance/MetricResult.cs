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
/// <remarks>
/// Immutable and thread-safe. A result is kept compact (absent values as flags rather than nullable fields, the target and
/// where it came from as one shared object) because a batch evaluation makes millions of them; its members read as the
/// positional record it is equal to: value equality over every member, <c>with</c> expressions and deconstruction.
/// </remarks>
public sealed record MetricResult
{
    private readonly TargetOrigin origin;
    private readonly Instant stop;
    private readonly Instant deadline;
    private readonly Instant breachedAt;
    private readonly Instant nextChangeAt;
    private readonly Duration remaining;
    private readonly double warning;
    private readonly byte status;
    private readonly Present present;
    private readonly ImmutableArray<ExplanationSegment> segments;

    /// <summary>Initializes a result from its members.</summary>
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
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="Status"/> is not a defined <see cref="MetricStatus"/>.</exception>
    public MetricResult(
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
        : this(Metric, Cycle, Status, Start, Stop, new TargetOrigin(Target, Priority, Service, Variant), Deadline, Elapsed, Remaining, BreachedAt, Segments, Warning,
            NextChangeAt)
    {
    }

    internal MetricResult(Metric metric, int cycle, MetricStatus status, Instant start, Instant? stop, TargetOrigin origin, Instant? deadline, Duration elapsed,
        Duration? remaining, Instant? breachedAt, ImmutableArray<ExplanationSegment> segments, double? warning, Instant? nextChangeAt)
    {
        Metric = metric;
        Cycle = cycle;
        Status = status;
        Start = start;
        this.origin = origin;
        Stop = stop;
        Deadline = deadline;
        Elapsed = elapsed;
        Remaining = remaining;
        BreachedAt = breachedAt;
        Segments = segments;
        Warning = warning;
        NextChangeAt = nextChangeAt;
    }

    /// <summary>Gets the metric.</summary>
    public Metric Metric { get; init; }

    /// <summary>Gets the cycle's number, from 1 (metrics measured once have only cycle 1).</summary>
    public int Cycle { get; init; }

    /// <summary>Gets where it stands.</summary>
    /// <exception cref="ArgumentOutOfRangeException">(On initialization) the value is not a defined <see cref="MetricStatus"/>.</exception>
    public MetricStatus Status
    {
        get => (MetricStatus)status;
        init => status = value is >= MetricStatus.Met and <= MetricStatus.Cancelled
            ? (byte)value
            : throw new ArgumentOutOfRangeException(nameof(Status), value, "A result's status must be one of the defined statuses.");
    }

    /// <summary>Gets when its clock started (under <see cref="PriorityChangeRule.Restart"/>, the last restart).</summary>
    public Instant Start { get; init; }

    /// <summary>Gets when it stopped or was cancelled (after a resume, the last stop), or <see langword="null"/> while open.</summary>
    public Instant? Stop
    {
        get => Get(Present.Stop, stop);
        init => present = Set(present, Present.Stop, value, out stop);
    }

    /// <summary>Gets the target its verdict is judged by: in force when it breached, when it stopped, when it was cancelled,
    /// or now while open; <see langword="null"/> when none.</summary>
    public SlaTarget? Target
    {
        get => origin.Target;
        init => origin = origin with { Target = value };
    }

    /// <summary>Gets the deadline in force; equal to <see cref="BreachedAt"/> when breached; <see langword="null"/> while paused,
    /// without a target, or when the calendar can never reach it.</summary>
    public Instant? Deadline
    {
        get => Get(Present.Deadline, deadline);
        init => present = Set(present, Present.Deadline, value, out deadline);
    }

    /// <summary>Gets the counted business time (paused time and time without a target excluded).</summary>
    public Duration Elapsed { get; init; }

    /// <summary>Gets, for a running metric, the business time left before the deadline; otherwise <see langword="null"/>.</summary>
    public Duration? Remaining
    {
        get => Get(Present.Remaining, remaining);
        init => present = Set(present, Present.Remaining, value, out remaining);
    }

    /// <summary>Gets when it was breached, or <see langword="null"/>.</summary>
    public Instant? BreachedAt
    {
        get => Get(Present.BreachedAt, breachedAt);
        init => present = Set(present, Present.BreachedAt, value, out breachedAt);
    }

    /// <summary>Gets the explanation of <c>[Start, Stop or now)</c>, when asked for (<see cref="EvaluationOptions.Explain"/>);
    /// otherwise empty (never a default array).</summary>
    public ImmutableArray<ExplanationSegment> Segments
    {
        get => segments;
        init => segments = value.IsDefault ? [] : value;
    }

    /// <summary>Gets the ticket's priority <see cref="Target"/> came from.</summary>
    public string Priority
    {
        get => origin.Priority;
        init => origin = origin with { Priority = value };
    }

    /// <summary>Gets, for a running cycle, the highest of the version's warning fractions its counted time has reached; otherwise <see langword="null"/>.</summary>
    public double? Warning
    {
        get => Get(Present.Warning, warning);
        init => present = Set(present, Present.Warning, value, out warning);
    }

    /// <summary>
    /// Gets, for a running cycle, the instant its status or warning next changes if no event arrives (the next warning's
    /// crossing, turning at risk, or the deadline, after which it breaches); for a paused cycle whose business-days deadline pauses do not
    /// move (<see cref="BusinessDaysPauseRule.Ignore"/>), that deadline; otherwise <see langword="null"/>. A host sets one timer for it.
    /// </summary>
    public Instant? NextChangeAt
    {
        get => Get(Present.NextChangeAt, nextChangeAt);
        init => present = Set(present, Present.NextChangeAt, value, out nextChangeAt);
    }

    /// <summary>Gets the service <see cref="Target"/> came from (the ticket's service then: a service change moves later cycles).</summary>
    public string Service
    {
        get => origin.Service;
        init => origin = origin with { Service = value };
    }

    /// <summary>Gets the service's variant <see cref="Target"/> came from, or <see langword="null"/> when the service's own targets applied.</summary>
    public string? Variant
    {
        get => origin.Variant;
        init => origin = origin with { Variant = value };
    }

    /// <summary>Deconstructs the result into its members, in the constructor's order.</summary>
    /// <param name="Metric">The metric.</param>
    /// <param name="Cycle">The cycle's number.</param>
    /// <param name="Status">Where it stands.</param>
    /// <param name="Start">When its clock started.</param>
    /// <param name="Stop">When it stopped, or <see langword="null"/>.</param>
    /// <param name="Target">The target its verdict is judged by, or <see langword="null"/>.</param>
    /// <param name="Deadline">The deadline in force, or <see langword="null"/>.</param>
    /// <param name="Elapsed">The counted business time.</param>
    /// <param name="Remaining">The business time left, or <see langword="null"/>.</param>
    /// <param name="BreachedAt">When it was breached, or <see langword="null"/>.</param>
    /// <param name="Segments">The explanation segments.</param>
    /// <param name="Priority">The priority the target came from.</param>
    /// <param name="Warning">The highest warning fraction reached, or <see langword="null"/>.</param>
    /// <param name="NextChangeAt">When its status or warning next changes, or <see langword="null"/>.</param>
    /// <param name="Service">The service the target came from.</param>
    /// <param name="Variant">The variant the target came from, or <see langword="null"/>.</param>
    public void Deconstruct(out Metric Metric, out int Cycle, out MetricStatus Status, out Instant Start, out Instant? Stop, out SlaTarget? Target,
        out Instant? Deadline, out Duration Elapsed, out Duration? Remaining, out Instant? BreachedAt, out ImmutableArray<ExplanationSegment> Segments,
        out string Priority, out double? Warning, out Instant? NextChangeAt, out string Service, out string? Variant)
    {
        (Metric, Cycle, Status, Start, Stop, Target, Deadline, Elapsed) = (this.Metric, this.Cycle, this.Status, this.Start, this.Stop, this.Target, this.Deadline, this.Elapsed);
        (Remaining, BreachedAt, Segments, Priority, Warning, NextChangeAt, Service, Variant) =
            (this.Remaining, this.BreachedAt, this.Segments, this.Priority, this.Warning, this.NextChangeAt, this.Service, this.Variant);
    }

    private T? Get<T>(Present member, T value)
        where T : struct => (present & member) != 0 ? value : null;

    // An absent member's field holds its default, so the record's field-by-field equality is the members' equality.
    private static Present Set<T>(Present present, Present member, T? value, out T field)
        where T : struct
    {
        field = value.GetValueOrDefault();
        return value.HasValue ? present | member : present & ~member;
    }

    [Flags]
    private enum Present : byte
    {
        Stop = 1,
        Deadline = 2,
        Remaining = 4,
        BreachedAt = 8,
        Warning = 16,
        NextChangeAt = 32,
    }
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
