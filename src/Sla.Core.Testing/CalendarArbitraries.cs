using System.Collections.Immutable;
using FsCheck;
using FsCheck.Fluent;
using NodaTime;
using Sla.Core.Calendars;

namespace Sla.Core.Testing;

/// <summary>A generated calendar with instants and durations to test it with.</summary>
/// <param name="Spec">What the calendar is made of.</param>
/// <param name="Calendar">The calendar.</param>
/// <param name="A">An instant, often near a zone transition or a window edge.</param>
/// <param name="B">Another such instant.</param>
/// <param name="C">A third.</param>
/// <param name="D1">A duration from zero up to a year.</param>
/// <param name="D2">Another.</param>
public sealed record CalendarScenario(CalendarSpec Spec, BusinessCalendar Calendar, Instant A, Instant B, Instant C, Duration D1, Duration D2)
{
    /// <inheritdoc />
    public override string ToString() => $"{Spec}; a={A}, b={B}, c={C}, d1={Text.DurationText.Format(D1)}, d2={Text.DurationText.Format(D2)}";
}

/// <summary>A generated calendar with a short minute-aligned range, small enough for <see cref="ReferenceCalendar"/>.</summary>
/// <param name="Spec">What the calendar is made of.</param>
/// <param name="Calendar">The calendar.</param>
/// <param name="From">A minute-aligned instant.</param>
/// <param name="To">A minute-aligned instant within three days of <paramref name="From"/>.</param>
/// <param name="Amount">Whole minutes, up to a day, either sign.</param>
public sealed record ReferenceScenario(CalendarSpec Spec, BusinessCalendar Calendar, Instant From, Instant To, Duration Amount)
{
    /// <inheritdoc />
    public override string ToString() => $"{Spec}; from={From}, to={To}, amount={Text.DurationText.Format(Amount)}";
}

/// <summary>A generated composite calendar with instants and durations to test it with.</summary>
/// <param name="Spec">What the composite is made of.</param>
/// <param name="Calendar">The composite calendar.</param>
/// <param name="A">An instant, often near a zone transition or a window edge.</param>
/// <param name="B">Another such instant.</param>
/// <param name="C">A third.</param>
/// <param name="D1">A duration from zero up to a year.</param>
/// <param name="D2">Another.</param>
public sealed record CompositeScenario(CompositeSpec Spec, BusinessCalendar Calendar, Instant A, Instant B, Instant C, Duration D1, Duration D2)
{
    /// <inheritdoc />
    public override string ToString() => $"{Spec}; a={A}, b={B}, c={C}, d1={Text.DurationText.Format(D1)}, d2={Text.DurationText.Format(D2)}";
}

/// <summary>A generated composite calendar with a short minute-aligned range, small enough for <see cref="ReferenceCalendar"/>.</summary>
/// <param name="Spec">What the composite is made of.</param>
/// <param name="Calendar">The composite calendar.</param>
/// <param name="From">A minute-aligned instant.</param>
/// <param name="To">A minute-aligned instant within three days of <paramref name="From"/>.</param>
/// <param name="Amount">Whole minutes, up to a day, either sign.</param>
public sealed record CompositeReferenceScenario(CompositeSpec Spec, BusinessCalendar Calendar, Instant From, Instant To, Duration Amount)
{
    /// <inheritdoc />
    public override string ToString() => $"{Spec}; from={From}, to={To}, amount={Text.DurationText.Format(Amount)}";
}

/// <summary>
/// FsCheck generators for business calendars: windows on a half-hour grid (overnight ones and <c>24:00</c>
/// ends included), fixed-date, n-th weekday and Easter rules with observed shifts, short days and year
/// ranges, dated exceptions; zones from <see cref="TestTimeZones"/>; instants clustered near zone
/// transitions and window edges; durations up to a year. Failing cases shrink by dropping rules,
/// exceptions and windows, and by shortening durations. Use with
/// <c>[Properties(Arbitrary = [typeof(CalendarArbitraries)])]</c>.
/// </summary>
public static class CalendarArbitraries
{
    private const int HalfHoursPerDay = 48;

    /// <summary>Scenarios for the identities of business-time arithmetic.</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<CalendarScenario> CalendarScenarios() =>
        Arb.From(
            from spec in ValidSpecs()
            let calendar = spec.TryBuild()!
            from a in InstantsNear(calendar, spec.FocusYear)
            from b in InstantsNear(calendar, spec.FocusYear)
            from c in InstantsNear(calendar, spec.FocusYear)
            from d1 in Durations()
            from d2 in Durations()
            select new CalendarScenario(spec, calendar, a, b, c, d1, d2),
            ShrinkScenario);

    /// <summary>Scenarios small enough to check against <see cref="ReferenceCalendar"/>.</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<ReferenceScenario> ReferenceScenarios() =>
        Arb.From(
            from spec in ValidSpecs()
            let calendar = spec.TryBuild()!
            from origin in InstantsNear(calendar, spec.FocusYear)
            from minutes in Gen.Choose(-3 * 24 * 60, 3 * 24 * 60)
            from amount in Gen.Choose(-24 * 60, 24 * 60)
            let start = Instant.FromUnixTimeSeconds(origin.ToUnixTimeSeconds() / 60 * 60)
            select new ReferenceScenario(spec, calendar, start, start + Duration.FromMinutes(minutes), Duration.FromMinutes(amount)),
            ShrinkReference);

    /// <summary>Scenarios for the identities over composite calendars (members in different zones, nested ones among them).</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<CompositeScenario> CompositeScenarios() =>
        Arb.From(
            from spec in CompositeSpecs(nestingLeft: 1)
            let calendar = spec.TryBuild()!
            from a in InstantsNear(calendar, spec.FocusYear)
            from b in InstantsNear(calendar, spec.FocusYear)
            from c in InstantsNear(calendar, spec.FocusYear)
            from d1 in Durations()
            from d2 in Durations()
            select new CompositeScenario(spec, calendar, a, b, c, d1, d2),
            s => Smaller(s.Spec, (spec, calendar) => s with { Spec = spec, Calendar = calendar }));

    /// <summary>Composite scenarios small enough to check against <see cref="ReferenceCalendar"/>.</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<CompositeReferenceScenario> CompositeReferenceScenarios() =>
        Arb.From(
            from spec in CompositeSpecs(nestingLeft: 1)
            let calendar = spec.TryBuild()!
            from origin in InstantsNear(calendar, spec.FocusYear)
            from minutes in Gen.Choose(-3 * 24 * 60, 3 * 24 * 60)
            from amount in Gen.Choose(-24 * 60, 24 * 60)
            let start = Instant.FromUnixTimeSeconds(origin.ToUnixTimeSeconds() / 60 * 60)
            select new CompositeReferenceScenario(spec, calendar, start, start + Duration.FromMinutes(minutes), Duration.FromMinutes(amount)),
            s => Smaller(s.Spec, (spec, calendar) => s with { Spec = spec, Calendar = calendar }));

    /// <summary>A composite scenario with each smaller spec that still builds, the rest of the scenario kept.</summary>
    private static IEnumerable<T> Smaller<T>(CompositeSpec spec, Func<CompositeSpec, BusinessCalendar, T> with) =>
        spec.Shrink().Select(smaller => (Spec: smaller, Calendar: smaller.TryBuild())).Where(x => x.Calendar is not null).Select(x => with(x.Spec, x.Calendar!));

    /// <summary>Composite specs that build: two or three members, sometimes a nested composite besides.</summary>
    /// <param name="nestingLeft">How many levels of nesting may still be added.</param>
    /// <returns>The generator.</returns>
    public static Gen<CompositeSpec> CompositeSpecs(int nestingLeft) =>
        (from operation in Gen.Elements(CalendarOperation.Union, CalendarOperation.Intersection, CalendarOperation.Difference)
         from count in Gen.Choose(2, 3)
         from members in Gen.ListOf(ValidSpecs(), count)
         from nested in nestingLeft > 0
             ? Gen.Frequency((3, Gen.Constant<CompositeSpec?>(null)), (1, CompositeSpecs(nestingLeft - 1).Select(n => (CompositeSpec?)n)))
             : Gen.Constant<CompositeSpec?>(null)
         select new CompositeSpec(operation, [.. members], nested))
        .Where(spec => spec.TryBuild() is not null);

    /// <summary>Calendar specs that build into valid calendars.</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<CalendarSpec> CalendarSpecs() => Arb.From(ValidSpecs(), spec => spec.Shrink().Where(s => s.TryBuild() is not null));

    /// <summary>Valid calendar specs in any of <see cref="TestTimeZones.All"/>.</summary>
    /// <returns>The generator.</returns>
    public static Gen<CalendarSpec> ValidSpecs() => Specs().Where(spec => spec.TryBuild() is not null);

    /// <summary>Any valid calendar, with the given id.</summary>
    /// <param name="id">The calendar id.</param>
    /// <returns>The generator.</returns>
    public static Gen<BusinessCalendar> Calendars(string id) => ValidSpecs().Select(spec => spec.TryBuild(id)!);

    /// <summary>Instants in a year, half of them within three days of one of the zone's transitions, a quarter within an hour of a window edge.</summary>
    /// <param name="calendar">The calendar.</param>
    /// <param name="year">The year.</param>
    /// <returns>The generator.</returns>
    public static Gen<Instant> InstantsNear(BusinessCalendar calendar, int year)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var yearStart = Instant.FromUtc(year, 1, 1, 0, 0);
        var anywhere = Gen.Choose(0, 366 * 24 * 60).Select(m => yearStart + Duration.FromMinutes(m));
        var nearEdge = from day in Gen.Choose(0, 365)
                       from minutes in Gen.Choose(-60, 60)
                       let date = new LocalDate(year, 1, 1).PlusDays(day)
                       let hours = calendar.GetDay(date).Hours
                       let edge = hours.IsEmpty ? LocalTime.Noon : (day % 2 == 0 ? hours[0].Start : hours[^1].End)
                       select date.At(edge).InZoneLeniently(calendar.Zone).ToInstant() + Duration.FromMinutes(minutes);
        var transitions = calendar.Zone.GetZoneIntervals(yearStart, yearStart + Duration.FromDays(366))
            .Where(z => z.HasStart && z.Start > yearStart)
            .Select(z => z.Start)
            .ToArray();
        if (transitions.Length == 0)
        {
            return Gen.Frequency((1, anywhere), (1, nearEdge));
        }
        var nearTransition = from transition in Gen.Elements(transitions)
                             from minutes in Gen.Choose(-3 * 24 * 60, 3 * 24 * 60)
                             select transition + Duration.FromMinutes(minutes);
        return Gen.Frequency((1, anywhere), (1, nearEdge), (2, nearTransition));
    }

    /// <summary>Durations from zero to a year: minutes, hours, long spans, and zero itself.</summary>
    /// <returns>The generator.</returns>
    public static Gen<Duration> Durations() =>
        Gen.Frequency(
            (2, Gen.Choose(0, 600).Select(m => Duration.FromMinutes(m))),
            (2, Gen.Choose(1, 200).Select(h => Duration.FromHours(h))),
            (1, Gen.Choose(0, 8760 * 60).Select(m => Duration.FromMinutes(m))),
            (1, Gen.Constant(Duration.Zero)));

    private static Gen<CalendarSpec> Specs() =>
        from zone in Gen.Elements(TestTimeZones.All.ToArray())
        from focusYear in TestTimeZones.InterestingYear(zone) is { } year ? Gen.Constant(year)
            : zone == "America/Sao_Paulo" ? Gen.Choose(2015, 2018)
            : Gen.Choose(1990, 2060)
        from weekly in Gen.ListOf(DayWindows(), 7)
        from rules in Gen.ListOf(Rule()).Select(r => r.Take(4).ToImmutableArray())
        from exceptions in Gen.ListOf(Exception(focusYear)).Select(e => e.Take(4).DistinctBy(x => x.Date).ToImmutableArray())
        select new CalendarSpec(zone, [.. weekly], rules, exceptions, focusYear);

    private static IEnumerable<CalendarScenario> ShrinkScenario(CalendarScenario s)
    {
        foreach (var spec in s.Spec.Shrink())
        {
            if (spec.TryBuild() is { } calendar)
            {
                yield return s with { Spec = spec, Calendar = calendar };
            }
        }
        foreach (var d1 in Shorter(s.D1))
        {
            yield return s with { D1 = d1 };
        }
        foreach (var d2 in Shorter(s.D2))
        {
            yield return s with { D2 = d2 };
        }
    }

    private static IEnumerable<ReferenceScenario> ShrinkReference(ReferenceScenario s)
    {
        foreach (var spec in s.Spec.Shrink())
        {
            if (spec.TryBuild() is { } calendar)
            {
                yield return s with { Spec = spec, Calendar = calendar };
            }
        }
        foreach (var amount in Shorter(s.Amount))
        {
            yield return s with { Amount = Duration.FromMinutes((long)amount.TotalMinutes) };
        }
        if (s.To != s.From)
        {
            yield return s with { To = s.From + Duration.FromMinutes((long)((s.To - s.From).TotalMinutes / 2)) };
        }
    }

    private static IEnumerable<Duration> Shorter(Duration duration)
    {
        if (duration == Duration.Zero)
        {
            yield break;
        }
        yield return Duration.Zero;
        var half = Duration.FromMinutes((long)(duration.TotalMinutes / 2));
        if (half != Duration.Zero && half != duration)
        {
            yield return half;
        }
    }

    /// <summary>Zero to two non-overlapping windows on a half-hour grid, some ending at 24:00, some overnight.</summary>
    private static Gen<ImmutableArray<TimeWindow>> DayWindows() =>
        from count in Gen.Frequency((1, Gen.Constant(0)), (3, Gen.Constant(1)), (2, Gen.Constant(2)))
        from windows in Gen.ListOf(Window(), count)
        select NonOverlapping(windows);

    private static Gen<TimeWindow> Window() =>
        from start in Gen.Choose(0, HalfHoursPerDay - 1)
        from length in Gen.Frequency((3, Gen.Choose(1, 20)), (1, Gen.Choose(1, HalfHoursPerDay - 1)), (1, Gen.Constant(HalfHoursPerDay - start)))
        select new TimeWindow(HalfHour(start), HalfHour((start + length) % HalfHoursPerDay));

    private static ImmutableArray<TimeWindow> NonOverlapping(IEnumerable<TimeWindow> windows)
    {
        static (int Start, int End) Span(TimeWindow w)
        {
            var start = w.Start.Hour * 60 + w.Start.Minute;
            var length = (int)w.WallClockLength.TotalMinutes;
            return (start, start + length);
        }
        var kept = new List<TimeWindow>();
        foreach (var window in windows)
        {
            var (start, end) = Span(window);
            if (kept.Select(Span).All(k => start >= k.End || k.Start >= end))
            {
                kept.Add(window);
            }
        }
        return [.. kept];
    }

    private static LocalTime HalfHour(int index) => LocalTime.FromMinutesSinceMidnight(index * 30);

    private static Gen<ImmutableArray<TimeWindow>> RuleHours() =>
        Gen.Frequency(
            (3, Gen.Constant(ImmutableArray<TimeWindow>.Empty)),
            (1, from start in Gen.Choose(0, 40) from length in Gen.Choose(1, 8)
                select ImmutableArray.Create(new TimeWindow(HalfHour(start), HalfHour((start + length) % HalfHoursPerDay)))));

    private static Gen<CalendarRule> Rule() =>
        from hours in RuleHours()
        from fromYear in Gen.Frequency((3, Gen.Constant<int?>(null)), (1, Gen.Choose(1990, 2060).Select(y => (int?)y)))
        from rule in Gen.OneOf(
            from month in Gen.Choose(1, 12)
            from day in Gen.Choose(1, 28)
            from observed in Gen.Elements(ObservedShift.None, ObservedShift.NearestWeekday, ObservedShift.NextWeekday, ObservedShift.SundayToMonday)
            select (CalendarRule)new FixedDateRule($"fixed {month}/{day}", month, day, observed, hours, fromYear),
            from month in Gen.Choose(1, 12)
            from weekday in Gen.Choose(1, 7)
            from occurrence in Gen.Elements(1, 2, 3, 4, 5, -1)
            select (CalendarRule)new NthWeekdayRule($"nth {occurrence} {weekday} of {month}", month, (IsoDayOfWeek)weekday, occurrence, hours, fromYear),
            from easter in Gen.Elements(EasterKind.Western, EasterKind.Orthodox)
            from offset in Gen.Choose(-3, 60)
            select (CalendarRule)new EasterRule($"{easter} {offset}", easter, offset, hours, fromYear))
        select rule;

    private static Gen<DateOverride> Exception(int focusYear) =>
        from dayOffset in Gen.Choose(-20, 380)
        from windows in Gen.Frequency((1, Gen.Constant(ImmutableArray<TimeWindow>.Empty)), (1, DayWindows()))
        select new DateOverride(new LocalDate(focusYear, 1, 1).PlusDays(dayOffset), "one-off", windows);
}
