using System.Collections.Immutable;
using NodaTime;
using Sla.Core.Calendars;
using Sla.Core.Policies;

namespace Sla.Core.Compliance;

/// <summary>
/// One metric's clock while a ticket's events are applied: what it has counted, the target and calendar
/// in force, whether it is paused or stopped, its deadline, and (when explaining) the stretches it went
/// through. Mutable, used by one simulation at a time; <see cref="Clone"/> gives an independent copy.
/// </summary>
internal sealed class MetricClock
{
    private List<Stretch>? stretches;

    public MetricClock(Metric metric, int cycle, Instant start, bool explain)
    {
        Metric = metric;
        Cycle = cycle;
        Start = start;
        LastT = start;
        stretches = explain ? [] : null;
    }

    private MetricClock(MetricClock other)
    {
        Metric = other.Metric;
        Cycle = other.Cycle;
        Start = other.Start;
        Target = other.Target;
        Priority = other.Priority;
        Calendar = other.Calendar;
        StopAt = other.StopAt;
        PausedBy = other.PausedBy;
        Counted = other.Counted;
        LastT = other.LastT;
        BreachedAt = other.BreachedAt;
        PausedBusiness = other.PausedBusiness;
        Deadline = other.Deadline;
        stretches = other.stretches is null ? null : [.. other.stretches];
    }

    public Metric Metric { get; }

    public int Cycle { get; }

    public Instant Start { get; }

    public SlaTarget? Target { get; private set; }

    /// <summary>The priority whose target is in force.</summary>
    public string Priority { get; private set; } = string.Empty;

    public BusinessCalendar? Calendar { get; private set; }

    public Instant? StopAt { get; private set; }

    public bool IsStopped => StopAt.HasValue;

    public string? PausedBy { get; private set; }

    public Duration Counted { get; private set; }

    public Instant LastT { get; private set; }

    public Instant? BreachedAt { get; private set; }

    /// <summary>Business time spent paused, on the calendar in force: it pushes a business-days deadline later.</summary>
    public Duration PausedBusiness { get; private set; }

    /// <summary>The deadline in force while running with a target and not breached (kept as it was when stopped).</summary>
    public Instant? Deadline { get; private set; }

    private bool IsCounting => !IsStopped && PausedBy is null && Target is not null;

    public MetricClock Clone() => new(this);

    /// <summary>Brings the clock up to <paramref name="t"/>: counts, pauses, and breaches when the deadline passes strictly before it.</summary>
    public void AdvanceTo(Instant t)
    {
        if (IsStopped || t <= LastT)
        {
            return;
        }
        if (Target is null)
        {
            stretches?.Add(new Stretch(LastT, t, SegmentKind.NoTarget, null, null));
        }
        else if (PausedBy is not null)
        {
            if (Target is BusinessDaysTarget)
            {
                PausedBusiness += Calendar!.Elapsed(LastT, t);
            }
            stretches?.Add(new Stretch(LastT, t, SegmentKind.Paused, null, PausedBy));
        }
        else
        {
            if (BreachedAt is null && Deadline is { } deadline && deadline < t)
            {
                BreachedAt = deadline;
            }
            Counted += Calendar!.Elapsed(LastT, t);
            stretches?.Add(new Stretch(LastT, t, SegmentKind.Counted, Calendar, null));
        }
        LastT = t;
    }

    /// <summary>Puts a (new) target in force at <paramref name="at"/>; breaches at once when it is already used up.</summary>
    public void SetTarget(SlaTarget? target, BusinessCalendar? calendar, Instant at, string priority)
    {
        Target = target;
        Priority = priority;
        Calendar = calendar;
        if (target is null || BreachedAt is not null || IsStopped)
        {
            Deadline = null;
            return;
        }
        var usedUp = target switch
        {
            DurationTarget duration => Counted > duration.Within,
            _ => ComputeDeadline() is { } deadline && deadline < at,
        };
        if (usedUp)
        {
            BreachedAt = at;
        }
        RefreshDeadline();
    }

    public void Pause(string status)
    {
        PausedBy = status;
        RefreshDeadline();
    }

    public void Resume()
    {
        PausedBy = null;
        RefreshDeadline();
    }

    public void Stop(Instant at) => StopAt = at;

    /// <summary>Runs a stopped clock again from <paramref name="at"/> under the target then in force; counted time stays counted.</summary>
    public void Reopen(Instant at, SlaTarget? target, BusinessCalendar? calendar, string? pausedBy, string priority)
    {
        if (StopAt is not { } stoppedAt)
        {
            return;
        }
        stretches?.Add(new Stretch(stoppedAt, at, SegmentKind.Resolved, null, null));
        StopAt = null;
        LastT = at;
        PausedBy = pausedBy;
        SetTarget(target, calendar, at, priority);
    }

    private void RefreshDeadline() => Deadline = IsCounting && BreachedAt is null ? ComputeDeadline() : null;

    private Instant? ComputeDeadline()
    {
        switch (Target)
        {
            case DurationTarget duration:
                return Calendar!.TryAdd(LastT, duration.Within - Counted, out var deadline) ? deadline : null;
            case BusinessDaysTarget days:
                return Calendar!.TryAddBusinessDays(Start, days.Days, out var due) && Calendar.TryAdd(due, PausedBusiness, out var pushed) ? pushed : null;
            default:
                return null;
        }
    }

    /// <summary>The result as of <paramref name="now"/> (at or after the last event applied), without changing the clock.</summary>
    public MetricResult ResultAt(Instant now, double warningAt)
    {
        var counted = Counted;
        var breachedAt = BreachedAt;
        var tail = !IsStopped && now > LastT;
        if (tail && IsCounting)
        {
            if (breachedAt is null && Deadline is { } deadline && deadline < now)
            {
                breachedAt = deadline;
            }
            counted += Calendar!.Elapsed(LastT, now);
        }
        var status = Status(breachedAt, now, counted, warningAt, out var remaining);
        var segments = stretches is null ? [] : Explain(tail ? new Stretch(LastT, now, TailKind(), Calendar, PausedBy) : null);
        return new MetricResult(Metric, Cycle, status, Start, StopAt, Target,
            breachedAt ?? (status == MetricStatus.Paused ? null : Deadline), counted, remaining, breachedAt, segments, Priority);
    }

    private MetricStatus Status(Instant? breachedAt, Instant now, Duration counted, double warningAt, out Duration? remaining)
    {
        remaining = null;
        // A breach stays a breach whatever target (or none) a later priority change brings: a downgrade must not hide it.
        if (breachedAt is not null)
        {
            return MetricStatus.Breached;
        }
        if (Target is null)
        {
            return MetricStatus.NotApplicable;
        }
        if (IsStopped)
        {
            return MetricStatus.Met;
        }
        if (PausedBy is not null)
        {
            return MetricStatus.Paused;
        }
        remaining = Target switch
        {
            DurationTarget duration => duration.Within - counted,
            _ => Deadline is { } deadline ? Calendar!.Elapsed(now, deadline) : null,
        };
        return remaining is { } left && counted.TotalTicks >= warningAt * (counted + left).TotalTicks
            ? MetricStatus.AtRisk
            : MetricStatus.Running;
    }

    private SegmentKind TailKind() =>
        Target is null ? SegmentKind.NoTarget : PausedBy is not null ? SegmentKind.Paused : SegmentKind.Counted;

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
