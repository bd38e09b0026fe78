using FsCheck.Xunit;
using NodaTime;
using Sla.Core.Calendars;
using Sla.Core.Testing;

namespace Sla.Core.Tests.Calendars;

/// <summary>The identities of semantics.md §1, over generated calendars, DST zones, instants and durations.</summary>
[Properties(Arbitrary = [typeof(CalendarArbitraries)], MaxTest = 300)]
public sealed class CalendarIdentityProperties
{
    private static readonly Duration Tick = Duration.Epsilon * 100;

    [Property]
    public bool Elapsed_from_start_to_Add_is_the_amount_added(CalendarScenario s)
    {
        var calendar = s.Calendar;
        var forward = !calendar.TryAdd(s.A, s.D1, out var later) || calendar.Elapsed(s.A, later) == s.D1;
        var backward = !calendar.TryAdd(s.A, -s.D1, out var earlier) || calendar.Elapsed(earlier, s.A) == s.D1;
        return forward && backward;
    }

    [Property]
    public bool Adding_in_two_steps_equals_adding_the_sum(CalendarScenario s)
    {
        var calendar = s.Calendar;
        if (!calendar.TryAdd(s.A, s.D1 + s.D2, out var once))
        {
            return true;
        }
        return calendar.TryAdd(s.A, s.D1, out var half) && calendar.TryAdd(half, s.D2, out var twice) && twice == once;
    }

    [Property]
    public bool Elapsed_is_additive_and_bounded_by_wall_time(CalendarScenario s)
    {
        var calendar = s.Calendar;
        var (a, b, c) = (s.A, s.B, s.C);
        var additive = calendar.Elapsed(a, b) + calendar.Elapsed(b, c) == calendar.Elapsed(a, c);
        var (lo, hi) = a <= b ? (a, b) : (b, a);
        var elapsed = calendar.Elapsed(lo, hi);
        return additive && elapsed >= Duration.Zero && elapsed <= hi - lo && calendar.Elapsed(hi, lo) == -elapsed;
    }

    [Property]
    public bool Add_is_monotone_in_start_and_in_amount(CalendarScenario s)
    {
        var calendar = s.Calendar;
        var (early, late) = s.A <= s.B ? (s.A, s.B) : (s.B, s.A);
        var (small, large) = s.D1 <= s.D2 ? (s.D1, s.D2) : (s.D2, s.D1);
        var inStart = !calendar.TryAdd(early, small, out var fromEarly) || !calendar.TryAdd(late, small, out var fromLate) || fromEarly <= fromLate;
        var inAmount = !calendar.TryAdd(early, large, out var further) || (calendar.TryAdd(early, small, out var nearer) && nearer <= further);
        var negative = !calendar.TryAdd(late, -large, out var back) || (calendar.TryAdd(late, -small, out var lessBack) && back <= lessBack);
        return inStart && inAmount && negative;
    }

    [Property]
    public bool A_positive_Add_lands_on_working_time_or_the_end_of_a_working_stretch(CalendarScenario s)
    {
        var calendar = s.Calendar;
        if (s.D1 <= Duration.Zero || !calendar.TryAdd(s.A, s.D1, out var deadline))
        {
            return true;
        }
        return calendar.IsWorking(deadline) || calendar.IsWorking(deadline - Tick);
    }

    [Property]
    public bool Next_working_start_and_previous_working_end_agree_with_IsWorking(CalendarScenario s)
    {
        var calendar = s.Calendar;
        var next = calendar.NextWorkingStart(s.A);
        var previous = calendar.PreviousWorkingEnd(s.A);
        var nextOk = next is not { } n || (n >= s.A && calendar.IsWorking(n) && calendar.Elapsed(s.A, n) == Duration.Zero);
        var previousOk = previous is not { } p || (p <= s.A && calendar.IsWorking(p - Tick) && calendar.Elapsed(p, s.A) == Duration.Zero);
        return nextOk && previousOk;
    }

    [Property]
    public bool Segments_cover_the_range_and_their_working_time_is_Elapsed(CalendarScenario s)
    {
        var calendar = s.Calendar;
        var (from, to) = s.A <= s.B ? (s.A, s.B) : (s.B, s.A);
        var segments = calendar.GetSegments(from, to);
        var contiguous = segments.Zip(segments.Skip(1)).All(p => p.First.Interval.End == p.Second.Interval.Start);
        var covers = segments.IsEmpty ? from == to : segments[0].Interval.Start == from && segments[^1].Interval.End == to;
        var working = segments.Where(x => x.IsWorking).Aggregate(Duration.Zero, (sum, x) => sum + x.Interval.Duration);
        return contiguous && covers && working == calendar.Elapsed(from, to);
    }
}

/// <summary>Agreement with the brute-force reference, minute by minute.</summary>
[Properties(Arbitrary = [typeof(CalendarArbitraries)], MaxTest = 150)]
public sealed class BruteForceAgreementProperties
{
    [Property]
    public bool IsWorking_and_Elapsed_agree_with_the_reference(ReferenceScenario s)
    {
        var reference = new ReferenceCalendar(s.Calendar);
        var sameStatus = Enumerable.Range(0, 48)
            .Select(i => s.From + Duration.FromMinutes(i * 97))
            .All(i => s.Calendar.IsWorking(i) == reference.IsWorking(i));
        return sameStatus && s.Calendar.Elapsed(s.From, s.To) == reference.Elapsed(s.From, s.To);
    }

    [Property]
    public bool Add_agrees_with_the_reference(ReferenceScenario s)
    {
        var reference = new ReferenceCalendar(s.Calendar);
        var expected = reference.Add(s.From, s.Amount, Duration.FromDays(20));
        var reached = s.Calendar.TryAdd(s.From, s.Amount, out var actual);
        // The reference gives up after 20 days of searching; the engine may still reach further.
        return expected is { } e ? reached && actual == e : !reached || Duration.Max(actual - s.From, s.From - actual) >= Duration.FromDays(20);
    }
}
