using System.Collections.Immutable;
using NodaTime;
using Sla.Core.Calendars;
using Sla.Core.Policies;

namespace Sla.Core.Compliance;

/// <summary>
/// A metric's clock while a ticket's events are applied, at its latest cycle: what it has counted, the
/// target and calendar in force, whether it is paused, stopped or cancelled, its deadline, and (when
/// explaining) the stretches it went through. A new cycle reuses the clock (<see cref="StartNextCycle"/>)
/// once the last one's result is kept. A mutable struct, so that a ticket's clocks are one array (which a one-off
/// evaluation borrows rather than allocates): use it in place, through the array element or a <see langword="ref"/>;
/// a copy is a different clock. The default value is a clock not yet started; <see cref="Clone"/> gives an independent copy.
/// </summary>
internal struct MetricClock
{
    private readonly PolicyVersion rules;
    private List<Stretch>? stretches;
    private Instant? daysDeadline;

    /// <summary>Starts a metric's first cycle at <paramref name="start"/>.</summary>
    public MetricClock(Metric metric, Instant start, PolicyVersion rules, bool explain)
    {
        Metric = metric;
        Cycle = 1;
        Start = start;
        LastT = start;
        this.rules = rules;
        stretches = explain ? [] : null;
    }

    /// <summary>The metric; <see langword="null"/> until the clock is started.</summary>
    public Metric Metric { get; }

    /// <summary>Whether the metric's first cycle has started.</summary>
    public readonly bool IsStarted => Metric is not null;

    /// <summary>Whether it is started and its cycle neither stopped nor cancelled.</summary>
    public readonly bool IsOpen => IsStarted && !IsStopped;

    public int Cycle { get; private set; }

    /// <summary>Whether the metric's first cycle has stopped (not cancelled): what <see cref="MetricDefinition.StartAfter"/> waits for.</summary>
    public bool FirstCycleStopped { get; private set; }

    /// <summary>When the cycle started (or, under <see cref="PriorityChangeRule.Restart"/>, started again).</summary>
    public Instant Start { get; private set; }

    /// <summary>The target in force, its calendar and where it came from; <see langword="null"/> only between a cycle's start and its first target.</summary>
    private TargetInForce? InForce { get; set; }

    public SlaTarget? Target => InForce?.Target;

    public BusinessCalendar? Calendar => InForce?.Calendar;

    public Instant? StopAt { get; private set; }

    public readonly bool IsStopped => StopAt.HasValue;

    /// <summary>Whether it ended by a cancel trigger: reported, never judged.</summary>
    public bool IsCancelled { get; private set; }

    public string? PausedBy { get; private set; }

    public Duration Counted { get; private set; }

    public Instant LastT { get; private set; }

    public Instant? BreachedAt { get; private set; }

    /// <summary>The target (and where it came from) in force when it breached: the one its verdict is judged by.</summary>
    private TargetInForce? BreachInForce { get; set; }

    /// <summary>Business time spent paused, on the calendar in force: it pushes a business-days deadline later.</summary>
    public Duration PausedBusiness { get; private set; }

    /// <summary>
    /// The deadline in force while running with a target and not breached (as it was when stopped). A duration target's is
    /// worked out when asked for, not at every event: whether it passed is a comparison of counted time with the target.
    /// </summary>
    private Instant? Deadline(ref BusinessTimeCursor time) => Target switch
    {
        DurationTarget duration when PausedBy is null && BreachedAt is null => time.TryAdd(Calendar!, LastT, duration.Within - Counted, out var due) ? due : null,
        BusinessDaysTarget => daysDeadline,
        _ => null,
    };

    private bool IsCounting => !IsStopped && PausedBy is null && Target is not null;

    /// <summary>Whether the deadline stands while paused: a business-days target under <see cref="BusinessDaysPauseRule.Ignore"/>.</summary>
    private bool DeadlineIgnoresPause => Target is BusinessDaysTarget && rules.BusinessDaysPause == BusinessDaysPauseRule.Ignore;

    /// <summary>Whether a deadline is in force: running (or paused with a deadline that ignores pauses) with a target.</summary>
    private bool HasLiveDeadline => !IsStopped && Target is not null && (PausedBy is null || DeadlineIgnoresPause);

    /// <summary>A copy of this clock that shares nothing mutable with it.</summary>
    public readonly MetricClock Clone()
    {
        var copy = this;
        copy.stretches = stretches is null ? null : [.. stretches];
        return copy;
    }

    /// <summary>Brings the clock up to <paramref name="t"/>: counts, pauses, and breaches when the deadline passes strictly before it.</summary>
    public void AdvanceTo(Instant t, ref BusinessTimeCursor time)
    {
        if (IsStopped || t <= LastT)
        {
            return;
        }
        if (Target is null)
        {
            stretches?.Add(StretchTo(t));
        }
        else if (PausedBy is not null)
        {
            if (DeadlineIgnoresPause)
            {
                BreachIfPassed(Duration.Zero, t, ref time);
            }
            else if (Target is BusinessDaysTarget)
            {
                PausedBusiness += time.Elapsed(Calendar!, LastT, t);
            }
            stretches?.Add(StretchTo(t));
        }
        else
        {
            var elapsed = time.Elapsed(Calendar!, LastT, t);
            BreachIfPassed(elapsed, t, ref time);
            Counted += elapsed;
            stretches?.Add(StretchTo(t));
        }
        LastT = t;
    }

    /// <summary>
    /// The deadline, when it passes strictly before <paramref name="t"/> while <paramref name="elapsed"/> more is counted
    /// from <see cref="LastT"/>. A duration target's deadline is only worked out once the counted time reaches the target
    /// within the stretch (it can lie before <paramref name="t"/> with nothing counted after it: a deadline at Friday's
    /// close, the next event on Saturday).
    /// </summary>
    private Instant? Passed(Duration elapsed, Instant t, ref BusinessTimeCursor time) => Target switch
    {
        DurationTarget duration when Counted + elapsed >= duration.Within => time.Add(Calendar!, LastT, duration.Within - Counted) is var due && due < t ? due : null,
        DurationTarget => null,
        _ => daysDeadline is { } due && due < t ? due : null,
    };

    private void BreachIfPassed(Duration elapsed, Instant t, ref BusinessTimeCursor time)
    {
        if (BreachedAt is null && Passed(elapsed, t, ref time) is { } deadline)
        {
            Breach(deadline);
        }
    }

    private void Breach(Instant at)
    {
        BreachedAt = at;
        BreachInForce = InForce;
    }

    /// <summary>
    /// Puts a (new) target in force at <paramref name="at"/>; breaches at once when it is already used up. Under
    /// <see cref="PriorityChangeRule.Restart"/> an open, unbreached cycle whose target a change (<paramref name="changed"/>)
    /// replaces by a different one starts again at <paramref name="at"/> with nothing counted.
    /// </summary>
    public void SetTarget(TargetInForce inForce, Instant at, bool changed = false)
    {
        var target = inForce.Target;
        if (changed && rules.PriorityChange == PriorityChangeRule.Restart && !IsStopped && BreachedAt is null && !Equals(target, Target))
        {
            Start = at;
            LastT = at;
            Counted = Duration.Zero;
            PausedBusiness = Duration.Zero;
            stretches?.Clear();
        }
        InForce = inForce;
        if (target is null || BreachedAt is not null || IsStopped)
        {
            daysDeadline = null;
            return;
        }
        var usedUp = target switch
        {
            DurationTarget duration => Counted > duration.Within,
            _ => DaysDeadline() is { } deadline && deadline < at,
        };
        if (usedUp)
        {
            Breach(at);
        }
        RefreshDeadline();
    }

    public void Pause(string status)
    {
        PausedBy = status;
        RefreshDeadline();
    }

    public void Unpause()
    {
        PausedBy = null;
        RefreshDeadline();
    }

    public void Stop(Instant at)
    {
        StopAt = at;
        FirstCycleStopped |= Cycle == 1;
    }

    /// <summary>Makes this stopped clock the metric's next cycle, starting at <paramref name="at"/> with nothing counted and no target yet.</summary>
    public void StartNextCycle(Instant at)
    {
        Cycle++;
        Start = at;
        LastT = at;
        (InForce, StopAt, PausedBy, IsCancelled) = (null, null, null, false);
        (Counted, PausedBusiness, BreachedAt, BreachInForce, daysDeadline) = (Duration.Zero, Duration.Zero, null, null, null);
        stretches?.Clear();
    }

    public void Cancel(Instant at)
    {
        StopAt = at;
        IsCancelled = true;
    }

    /// <summary>Runs a stopped cycle again from <paramref name="at"/> under the target then in force; counted time stays counted.</summary>
    public void Resume(Instant at, TargetInForce inForce, string? pausedBy)
    {
        if (StopAt is not { } stoppedAt || IsCancelled)
        {
            return;
        }
        stretches?.Add(new Stretch(stoppedAt, at, SegmentKind.Resolved, null, null));
        StopAt = null;
        LastT = at;
        PausedBy = pausedBy;
        SetTarget(inForce, at);
    }

    private void RefreshDeadline() => daysDeadline = Target is BusinessDaysTarget && HasLiveDeadline && BreachedAt is null ? DaysDeadline() : null;

    private Instant? DaysDeadline() =>
        Target is BusinessDaysTarget days && Calendar!.TryAddBusinessDays(Start, days.Days, out var due) && Calendar.TryAdd(due, PausedBusiness, out var pushed)
            ? pushed
            : null;

    /// <summary>The result as of <paramref name="now"/> (at or after the last event applied), without changing the clock.</summary>
    public MetricResult ResultAt(Instant now, ref BusinessTimeCursor time)
    {
        var segments = stretches is null ? [] : Explain(!IsStopped && now > LastT ? StretchTo(now) : null);
        if (IsCancelled)
        {
            return Result(MetricStatus.Cancelled, InForce!, null, Counted, null, null, segments, null, null);
        }
        var counted = Counted;
        var breachedAt = BreachedAt;
        var judgedBy = BreachInForce;
        if (!IsStopped && now > LastT && HasLiveDeadline)
        {
            var elapsed = IsCounting ? time.Elapsed(Calendar!, LastT, now) : Duration.Zero;
            if (breachedAt is null && Passed(elapsed, now, ref time) is { } passed)
            {
                (breachedAt, judgedBy) = (passed, InForce);
            }
            counted += elapsed;
        }
        if (breachedAt is not null)
        {
            return Result(MetricStatus.Breached, judgedBy!, breachedAt, counted, null, breachedAt, segments, null, null);
        }
        var deadline = Deadline(ref time);
        if (Target is null || IsStopped || PausedBy is not null)
        {
            var status = Target is null ? MetricStatus.NotApplicable : IsStopped ? MetricStatus.Met : MetricStatus.Paused;
            // A business-days deadline that pauses do not move passes while paused: the host's timer must still fire for it.
            var breachesWhilePaused = status == MetricStatus.Paused && DeadlineIgnoresPause ? deadline : null;
            return Result(status, InForce!, deadline, counted, null, null, segments, null, breachesWhilePaused);
        }
        var remaining = Target switch
        {
            DurationTarget duration => duration.Within - counted,
            _ => deadline is { } due ? time.Elapsed(Calendar!, now, due) : (Duration?)null,
        };
        var warnings = remaining is { } left ? Warnings(now, counted, counted + left, ref time) : default;
        var atRisk = remaining is { } rest && counted >= Threshold(rules.WarningAt, counted + rest);
        return Result(atRisk ? MetricStatus.AtRisk : MetricStatus.Running, InForce!, deadline, counted, remaining, null, segments, warnings.Crossed,
            Earliest(warnings.NextAt, deadline));
    }

    private MetricResult Result(MetricStatus status, TargetInForce judgedBy, Instant? deadline, Duration counted, Duration? remaining, Instant? breachedAt,
        ImmutableArray<ExplanationSegment> segments, double? warning, Instant? nextChangeAt) =>
        new(Metric, Cycle, status, Start, StopAt, judgedBy.Origin, deadline, counted, remaining, breachedAt, segments, warning, nextChangeAt);

    /// <summary>
    /// The highest warning fraction crossed, and when the next fraction (a warning, or the at-risk one, so the timer covers
    /// turning at risk too) will be if nothing else happens: the smallest uncrossed fraction comes first, so one sum answers it.
    /// </summary>
    private (double? Crossed, Instant? NextAt) Warnings(Instant now, Duration counted, Duration total, ref BusinessTimeCursor time)
    {
        double? crossed = null;
        foreach (var (fraction, isWarning) in rules.TimedFractions)
        {
            var threshold = Threshold(fraction, total);
            if (counted < threshold)
            {
                return (crossed, time.TryAdd(Calendar!, now, threshold - counted, out var at) ? at : null);
            }
            if (isWarning)
            {
                crossed = fraction;
            }
        }
        return (crossed, null);
    }

    /// <summary>The least counted time that reaches <paramref name="fraction"/> of <paramref name="total"/>, in whole ticks; one rule for warnings and at-risk.</summary>
    internal static Duration Threshold(double fraction, Duration total) =>
        Duration.FromTicks((long)Math.Min(Math.Ceiling(fraction * total.TotalTicks), total.TotalTicks));

    /// <summary>The earlier of two instants that may be absent.</summary>
    internal static Instant? Earliest(Instant? a, Instant? b) => a is null ? b : b is null ? a : a < b ? a : b;

    /// <summary>The stretch from <see cref="LastT"/> to <paramref name="t"/> as the clock stands: the same whether an event or the evaluation instant ends it.</summary>
    private Stretch StretchTo(Instant t) =>
        Target is null ? new Stretch(LastT, t, SegmentKind.NoTarget, null, null)
        : PausedBy is not null ? new Stretch(LastT, t, SegmentKind.Paused, null, PausedBy)
        : new Stretch(LastT, t, SegmentKind.Counted, Calendar, null);

    private ImmutableArray<ExplanationSegment> Explain(Stretch? tail)
    {
        var segments = ImmutableArray.CreateBuilder<ExplanationSegment>();
        foreach (var stretch in tail is { } last ? stretches!.Append(last) : stretches!)
        {
            if (stretch.Kind != SegmentKind.Counted)
            {
                Append(segments, new ExplanationSegment(new Interval(stretch.From, stretch.To), stretch.Kind, stretch.Reason, null, Duration.Zero));
                continue;
            }
            foreach (var piece in stretch.Calendar!.GetSegments(stretch.From, stretch.To))
            {
                Append(segments, piece.IsWorking
                    ? new ExplanationSegment(piece.Interval, SegmentKind.Counted, null, stretch.Calendar.Id, piece.Interval.Duration)
                    : new ExplanationSegment(piece.Interval, SegmentKind.OutsideHours, piece.ClosedBy, stretch.Calendar.Id, Duration.Zero));
            }
        }
        return segments.ToImmutable();
    }

    /// <summary>Adds a segment, merging it into the previous one when it continues it (events split stretches, readers do not care).</summary>
    private static void Append(ImmutableArray<ExplanationSegment>.Builder segments, ExplanationSegment segment)
    {
        if (segments.Count > 0 && segments[^1] is var previous
            && previous.Interval.End == segment.Interval.Start && previous.Kind == segment.Kind
            && previous.Reason == segment.Reason && previous.CalendarId == segment.CalendarId)
        {
            segments[^1] = previous with
            {
                Interval = new Interval(previous.Interval.Start, segment.Interval.End),
                BusinessTime = previous.BusinessTime + segment.BusinessTime,
            };
            return;
        }
        segments.Add(segment);
    }

    private readonly record struct Stretch(Instant From, Instant To, SegmentKind Kind, BusinessCalendar? Calendar, string? Reason);
}
