using System.Collections.Immutable;
using NodaTime;

namespace Sla.Core.Calendars;

/// <summary>
/// Decides which hours each local date has, from the weekly schedule, the recurring rules (with their
/// observed shifts) and the dated exceptions, as semantics.md §1 orders them.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
internal sealed class DayPlanner
{
    private readonly ImmutableArray<ImmutableArray<WallRange>> weekly;
    private readonly ImmutableArray<CalendarRule> rules;
    private readonly ImmutableDictionary<LocalDate, DateOverride> overrides;

    public DayPlanner(WeeklySchedule schedule, ImmutableArray<CalendarRule> rules, ImmutableArray<DateOverride> exceptions)
    {
        weekly = Enumerable.Range(1, 7).Select(d => WallRange.Of(schedule[(IsoDayOfWeek)d])).ToImmutableArray();
        this.rules = rules;
        overrides = exceptions.ToImmutableDictionary(e => e.Date);
    }

    /// <summary>
    /// Plans every date from December 31 of the year before <paramref name="year"/> to December 31 of
    /// <paramref name="year"/>: the previous date is needed for its overnight tail into January 1.
    /// </summary>
    /// <param name="year">The local year.</param>
    /// <returns>The plans, first for December 31 of the year before, then for each date of the year.</returns>
    public DayPlan[] PlanYear(int year)
    {
        var first = new LocalDate(year, 1, 1).PlusDays(-1);
        var last = new LocalDate(year, 12, 31);
        var hits = RuleHits(year - 2, year + 1)
            .Where(h => h.Date >= first && h.Date <= last)
            .ToLookup(h => h.Date, h => h.Rule);
        var plans = new DayPlan[Period.Between(first, last, PeriodUnits.Days).Days + 1];
        for (var i = 0; i < plans.Length; i++)
        {
            var date = first.PlusDays(i);
            plans[i] = Plan(date, hits[date]);
        }
        return plans;
    }

    /// <summary>
    /// Plans every date of a month, after the last date of the month before it (needed for its overnight tail).
    /// </summary>
    /// <param name="year">The year.</param>
    /// <param name="month">The month, 1 to 12.</param>
    /// <returns>The plans, first for the day before the month, then for each of its dates.</returns>
    public DayPlan[] PlanMonth(int year, int month)
    {
        var first = new LocalDate(year, month, 1).PlusDays(-1);
        var last = new LocalDate(year, month, 1).PlusMonths(1).PlusDays(-1);
        var plans = new DayPlan[Period.Between(first, last, PeriodUnits.Days).Days + 1];
        if (rules.IsEmpty)
        {
            for (var i = 0; i < plans.Length; i++)
            {
                plans[i] = Plan(first.PlusDays(i), []);
            }
            return plans;
        }
        var hits = RuleHits(year - 2, year + 1).Where(h => h.Date >= first && h.Date <= last).ToLookup(h => h.Date, h => h.Rule);
        for (var i = 0; i < plans.Length; i++)
        {
            var date = first.PlusDays(i);
            plans[i] = Plan(date, hits[date]);
        }
        return plans;
    }

    /// <summary>Plans one date.</summary>
    /// <param name="date">The local date.</param>
    /// <returns>Its plan.</returns>
    public DayPlan PlanDate(LocalDate date) =>
        Plan(date, RuleHits(date.Year - 1, date.Year + 1).Where(h => h.Date == date).Select(h => h.Rule));

    private DayPlan Plan(LocalDate date, IEnumerable<CalendarRule> rulesOnDate)
    {
        var weekdayRanges = weekly[(int)date.DayOfWeek - 1];
        if (overrides.TryGetValue(date, out var exception))
        {
            var ranges = WallRange.Of(exception.Hours);
            return new DayPlan(ranges, [exception.DisplayName], Loses(weekdayRanges, ranges));
        }
        var applied = rulesOnDate.ToList();
        if (applied.Count == 0)
        {
            return new DayPlan(weekdayRanges, [], false);
        }
        IEnumerable<WallRange> kept = weekdayRanges;
        foreach (var rule in applied)
        {
            kept = rule.IsHoliday ? [] : WallRange.Intersect(WallRange.SameDay(kept), WallRange.SameDay(WallRange.Of(rule.Hours)));
        }
        var result = kept.ToImmutableArray();
        return new DayPlan(result, applied.Select(r => r.Name).Distinct().ToImmutableArray(), Loses(weekdayRanges, result));
    }

    private static bool Loses(ImmutableArray<WallRange> weekdayRanges, ImmutableArray<WallRange> actual) =>
        WallRange.Measure(weekdayRanges) > WallRange.Measure(WallRange.Intersect(weekdayRanges, actual));

    /// <summary>
    /// The dates the rules fall on for the nominal years given, after observed shifts. A
    /// <see cref="ObservedShift.NextWeekday"/> rule on a weekend takes the next Monday-to-Friday date no
    /// other rule occupies, the earlier nominal date choosing first.
    /// </summary>
    private List<(LocalDate Date, CalendarRule Rule)> RuleHits(int fromYear, int toYear)
    {
        var hits = new List<(LocalDate Date, CalendarRule Rule)>();
        var deferred = new List<(LocalDate Nominal, CalendarRule Rule)>();
        for (var year = Math.Max(fromYear, 1); year <= Math.Min(toYear, 9999); year++)
        {
            foreach (var rule in rules)
            {
                if (rule.NominalDateIn(year) is not { } nominal)
                {
                    continue;
                }
                var observed = rule is FixedDateRule fixedDate ? fixedDate.Observed : ObservedShift.None;
                var weekday = nominal.DayOfWeek;
                switch (observed)
                {
                    case ObservedShift.NearestWeekday when weekday == IsoDayOfWeek.Saturday:
                        hits.Add((nominal.PlusDays(-1), rule));
                        break;
                    case ObservedShift.NearestWeekday or ObservedShift.SundayToMonday when weekday == IsoDayOfWeek.Sunday:
                        hits.Add((nominal.PlusDays(1), rule));
                        break;
                    case ObservedShift.NextWeekday when weekday >= IsoDayOfWeek.Saturday:
                        deferred.Add((nominal, rule));
                        break;
                    default:
                        hits.Add((nominal, rule));
                        break;
                }
            }
        }
        var occupied = hits.Select(h => h.Date).ToHashSet();
        foreach (var (nominal, rule) in deferred.OrderBy(d => d.Nominal))
        {
            if (NextFreeWeekday(nominal, occupied) is { } date)
            {
                occupied.Add(date);
                hits.Add((date, rule));
            }
        }
        return hits;
    }

    /// <summary>The first Monday-to-Friday date after <paramref name="nominal"/> that no rule occupies, or <see langword="null"/> when every one up to the last ISO date is taken.</summary>
    private static LocalDate? NextFreeWeekday(LocalDate nominal, HashSet<LocalDate> occupied)
    {
        for (var date = nominal; date < LocalDate.MaxIsoValue;)
        {
            date = date.PlusDays(1);
            if (date.DayOfWeek < IsoDayOfWeek.Saturday && !occupied.Contains(date))
            {
                return date;
            }
        }
        return null;
    }
}
