using System.Collections.Immutable;
using FsCheck;
using FsCheck.Fluent;
using NodaTime;
using Sla.Core.Calendars;

namespace Sla.Core.Tests.Calendars;

/// <summary>A generated calendar with instants and durations to test it with.</summary>
/// <param name="Calendar">The calendar.</param>
/// <param name="Description">How it was made, shown when a property fails.</param>
/// <param name="A">An instant near the calendar's interesting dates.</param>
/// <param name="B">Another such instant.</param>
/// <param name="C">A third.</param>
/// <param name="D1">A duration from zero up to a year.</param>
/// <param name="D2">Another.</param>
public sealed record CalendarScenario(BusinessCalendar Calendar, string Description, Instant A, Instant B, Instant C, Duration D1, Duration D2)
{
    /// <inheritdoc />
    public override string ToString() => $"{Description}; a={A}, b={B}, c={C}, d1={D1}, d2={D2}";
}

/// <summary>A generated calendar with a short minute-aligned range, small enough to check against the brute-force reference.</summary>
/// <param name="Calendar">The calendar.</param>
/// <param name="Description">How it was made.</param>
/// <param name="From">A minute-aligned instant.</param>
/// <param name="To">A minute-aligned instant within a few days of <paramref name="From"/>.</param>
/// <param name="Amount">A whole number of minutes, up to a day, either sign.</param>
public sealed record ReferenceScenario(BusinessCalendar Calendar, string Description, Instant From, Instant To, Duration Amount)
{
    /// <inheritdoc />
    public override string ToString() => $"{Description}; from={From}, to={To}, amount={Amount}";
}

/// <summary>FsCheck generators for calendars (windows with overnight and 24:00, rules, exceptions), DST zones and instants.</summary>
public static class CalendarGenerators
{
    private const int HalfHoursPerDay = 48;

    /// <summary>Scenarios for the identities of semantics.md §1.</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<CalendarScenario> Scenarios() =>
        (from made in Calendar()
         from a in InstantNear(made.Calendar, made.FocusYear)
         from b in InstantNear(made.Calendar, made.FocusYear)
         from c in InstantNear(made.Calendar, made.FocusYear)
         from d1 in Durations()
         from d2 in Durations()
         select new CalendarScenario(made.Calendar, made.Description, a, b, c, d1, d2)).ToArbitrary();

    /// <summary>Scenarios for agreement with the brute-force reference.</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<ReferenceScenario> ReferenceScenarios() =>
        (from made in Calendar()
         from origin in InstantNear(made.Calendar, made.FocusYear)
         from minutes in Gen.Choose(-3 * 24 * 60, 3 * 24 * 60)
         from amount in Gen.Choose(-24 * 60, 24 * 60)
         let start = Instant.FromUnixTimeSeconds(origin.ToUnixTimeSeconds() / 60 * 60)
         select new ReferenceScenario(made.Calendar, made.Description, start, start + Duration.FromMinutes(minutes), Duration.FromMinutes(amount)))
        .ToArbitrary();

    /// <summary>Any valid generated calendar, with the given id.</summary>
    /// <param name="id">The calendar id.</param>
    /// <returns>The generator.</returns>
    public static Gen<BusinessCalendar> Calendars(string id) =>
        Calendar().Select(made => Rename(made.Calendar, id));

    private static BusinessCalendar Rename(BusinessCalendar calendar, string id)
    {
        var builder = new BusinessCalendarBuilder(id, calendar.Zone.Id).WithTimeZoneProvider(TestZones.Provider);
        for (var day = IsoDayOfWeek.Monday; day <= IsoDayOfWeek.Sunday; day++)
        {
            builder.AddHours(day, [.. calendar.Weekly[day]]);
        }
        foreach (var rule in calendar.Rules)
        {
            builder.AddRule(rule);
        }
        foreach (var exception in calendar.Exceptions)
        {
            builder.AddException(exception);
        }
        return builder.Build();
    }

    private static Gen<Duration> Durations() =>
        Gen.Frequency(
            (2, Gen.Choose(0, 600).Select(m => Duration.FromMinutes(m))),
            (2, Gen.Choose(1, 200).Select(h => Duration.FromHours(h))),
            (1, Gen.Choose(0, 8760 * 60).Select(m => Duration.FromMinutes(m))),
            (1, Gen.Constant(Duration.Zero)));

    private sealed record MadeCalendar(BusinessCalendar Calendar, string Description, int FocusYear);

    private static Gen<MadeCalendar> Calendar() =>
        from zone in Gen.Elements(TestZones.All)
        from focusYear in zone switch
        {
            TestZones.MidnightJump => Gen.Constant(2030),
            TestZones.MidnightRepeat => Gen.Constant(2031),
            "America/Sao_Paulo" => Gen.Choose(2015, 2018),
            _ => Gen.Choose(1990, 2060),
        }
        from weekly in Gen.ListOf(DayWindows(), 7)
        from rules in Gen.ListOf(Rule()).Select(r => r.Take(4).ToList())
        from exceptions in Gen.ListOf(Exception(focusYear)).Select(e => e.Take(4).ToList())
        let made = Build(zone, weekly.ToList(), rules, exceptions)
        where made is not null
        select new MadeCalendar(made!, Describe(zone, weekly.ToList(), rules, exceptions), focusYear);

    private static BusinessCalendar? Build(string zone, IReadOnlyList<TimeWindow[]> weekly, List<CalendarRule> rules, List<DateOverride> exceptions)
    {
        var builder = new BusinessCalendarBuilder("generated", zone).WithTimeZoneProvider(TestZones.Provider);
        for (var day = 0; day < 7; day++)
        {
            builder.AddHours((IsoDayOfWeek)(day + 1), weekly[day]);
        }
        rules.ForEach(r => builder.AddRule(r));
        foreach (var exception in exceptions.DistinctBy(e => e.Date))
        {
            builder.AddException(exception);
        }
        return builder.Validate().IsEmpty ? builder.Build() : null;
    }

    private static string Describe(string zone, IReadOnlyList<TimeWindow[]> weekly, List<CalendarRule> rules, List<DateOverride> exceptions) =>
        $"{zone} [{string.Join(" | ", weekly.Select(d => string.Join(",", d)))}] rules: {string.Join(", ", rules.Select(DescribeRule))}"
        + $" exceptions: {string.Join(", ", exceptions.Select(e => $"{e.Date:yyyy-MM-dd}={string.Join(",", e.Hours)}"))}";

    private static string DescribeRule(CalendarRule rule) => rule switch
    {
        FixedDateRule f => $"{f.Month}/{f.Day} {f.Observed} {string.Join(",", f.Hours)}",
        NthWeekdayRule n => $"{n.Occurrence}x{n.Weekday} of {n.Month} {string.Join(",", n.Hours)}",
        EasterRule e => $"{e.Easter}{e.Offset:+0;-0} {string.Join(",", e.Hours)}",
        _ => rule.Name,
    };

    /// <summary>Zero to two non-overlapping windows on a half-hour grid, some ending at 24:00, some overnight.</summary>
    private static Gen<TimeWindow[]> DayWindows() =>
        from count in Gen.Frequency((1, Gen.Constant(0)), (3, Gen.Constant(1)), (2, Gen.Constant(2)))
        from windows in Gen.ListOf(Window(), count)
        select NonOverlapping(windows);

    private static Gen<TimeWindow> Window() =>
        from start in Gen.Choose(0, HalfHoursPerDay - 1)
        from length in Gen.Frequency((3, Gen.Choose(1, 20)), (1, Gen.Choose(1, HalfHoursPerDay - 1)), (1, Gen.Constant(HalfHoursPerDay - start)))
        select new TimeWindow(HalfHour(start), HalfHour((start + length) % HalfHoursPerDay));

    private static TimeWindow[] NonOverlapping(IEnumerable<TimeWindow> windows)
    {
        var kept = new List<TimeWindow>();
        foreach (var window in windows)
        {
            if (kept.All(k => window.StartOffset >= k.EndOffset || k.StartOffset >= window.EndOffset))
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
        from windows in Gen.Frequency((1, Gen.Constant(Array.Empty<TimeWindow>())), (1, DayWindows()))
        select new DateOverride(new LocalDate(focusYear, 1, 1).PlusDays(dayOffset), "one-off", [.. windows]);

    /// <summary>An instant in the focus year, often close to one of the zone's transitions.</summary>
    private static Gen<Instant> InstantNear(BusinessCalendar calendar, int focusYear)
    {
        var yearStart = Instant.FromUtc(focusYear, 1, 1, 0, 0);
        var transitions = calendar.Zone.GetZoneIntervals(yearStart, yearStart + Duration.FromDays(366))
            .Where(z => z.HasStart && z.Start > yearStart)
            .Select(z => z.Start)
            .ToArray();
        var anywhere = Gen.Choose(0, 366 * 24 * 60).Select(m => yearStart + Duration.FromMinutes(m));
        if (transitions.Length == 0)
        {
            return anywhere;
        }
        var nearTransition = from transition in Gen.Elements(transitions)
                             from minutes in Gen.Choose(-3 * 24 * 60, 3 * 24 * 60)
                             select transition + Duration.FromMinutes(minutes);
        return Gen.Frequency((1, anywhere), (1, nearTransition));
    }
}
