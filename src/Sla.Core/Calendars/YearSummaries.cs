using NodaTime;

namespace Sla.Core.Calendars;

/// <summary>
/// What the day plans alone tell about whole local years, without compiling them to instants: how many
/// working days a year has and whether it has any working hours at all. Searches that cross thousands of
/// years (a deadline that is unreachable, a business-days target of a million days) use it to pass over
/// years without work, and over whole 400-year cycles where nothing breaks the pattern, so they neither
/// take seconds nor fill the year cache.
/// </summary>
/// <remarks>
/// Thread-safe: each year's summary is computed from immutable plans and stored in one write; two threads
/// that race store the same value. Summaries are kept in chunks made on first use, so a calendar that
/// never searches far holds none.
/// </remarks>
internal sealed class YearSummaries
{
    // 400 Gregorian years are exactly 20,871 weeks, so weekdays, leap years and every fixed-date and
    // nth-weekday rule (with its observed shift) repeat after them. Easter does not, nor do the years around
    // a dated exception or a rule's fromYear and toYear: those years break the pattern.
    private const int Cycle = 400;
    private const int ChunkSize = 64;

    // A weekday with hours comes at least 52 times a year, and each rule or exception closes at most one
    // date of a year (a rule of the year before or after can shift into it: two per rule). Fewer closings
    // than that leave every year with working days, and nothing need be planned to know it.
    private const int WeekdayOccurrencesPerYear = 52;

    private readonly Func<int, (int WorkingDays, bool HasHours)> summarize;
    /// <summary>Whether every year certainly has working days, so searches need plan nothing.</summary>
    public bool EveryYearWorks { get; }
    private readonly bool repeats;
    // Worked out on first use: a composite's take a look at its zones' future, which most calendars never need.
    private readonly Lazy<int[]> breaks;
    // Per year: 0 when not yet known, otherwise 1 + (working days << 1) + (1 when the year has hours).
    private readonly int[]?[] chunks = new int[]?[(CalendarYears.MaxYear / ChunkSize) + 1];

    // Summaries of a calendar that is working whenever this one is (or null): a search jumps over the years it has no work in.
    private readonly Lazy<YearSummaries?> guide;
    // Whether a year has hours, when that is cheaper to know than its working days (a compiled year's total); else from the summary.
    private readonly Func<int, bool>? hasHours;

    private YearSummaries(Func<int, (int WorkingDays, bool HasHours)> summarize, bool everyYearWorks, bool repeats, Lazy<int[]> breaks,
        Lazy<YearSummaries?>? guide = null, Func<int, bool>? hasHours = null)
    {
        this.summarize = summarize;
        this.hasHours = hasHours;
        EveryYearWorks = everyYearWorks;
        this.repeats = repeats;
        this.breaks = breaks;
        this.guide = guide ?? new Lazy<YearSummaries?>(() => null);
    }

    /// <summary>The years around which the pattern may not repeat (sorted), for composites built on this calendar.</summary>
    public IReadOnlyList<int> Breaks => breaks.Value;

    /// <summary>Summaries from a calendar's day plans, which repeat every 400 years between the years its rules and exceptions name.</summary>
    public static YearSummaries ForPlans(DayPlanner planner, WeeklySchedule weekly, IReadOnlyCollection<CalendarRule> rules, IReadOnlyCollection<DateOverride> exceptions)
    {
        // A year's plans read the rules of the two years before it and the one after (observed shifts
        // across New Year), so each named year breaks the pattern for the years around it.
        var named = exceptions.Select(e => e.Date.Year)
            .Concat(rules.SelectMany(r => new[] { r.FromYear, r.ToYear }).OfType<int>())
            .Concat([CalendarYears.MinYear, CalendarYears.MaxYear]);
        return new YearSummaries(
            year => SummarizePlans(planner.PlanYear(year)),
            everyYearWorks: !weekly.IsEmpty && (2 * rules.Count) + exceptions.Count < WeekdayOccurrencesPerYear,
            repeats: !rules.Any(r => r is EasterRule),
            breaks: new Lazy<int[]>(() => [.. named.SelectMany(y => Enumerable.Range(y - 2, 5)).Distinct().Order()]));
    }

    /// <summary>
    /// Summaries read from compiled years (a composite calendar's). Between <paramref name="breaks"/> the years
    /// repeat every 400 when <paramref name="repeats"/> says so; otherwise a search reads every year, except
    /// those <paramref name="guide"/> (a calendar working at least whenever this one is) shows to have no work.
    /// </summary>
    public static YearSummaries ForCompiledYears(CalendarYears years, bool everyYearWorks, bool repeats, Func<int[]> breaks, Func<YearSummaries?> guide) =>
        new(year => SummarizeCompiled(years[year]), everyYearWorks, repeats, new Lazy<int[]>(breaks), new Lazy<YearSummaries?>(guide), year => years[year].Total > 0);

    private static (int WorkingDays, bool HasHours) SummarizePlans(DayPlan[] plans)
    {
        var days = 0;
        var hasHours = false;
        for (var i = 0; i < plans.Length; i++)
        {
            hasHours |= plans[i].IsWorkingDay;
            days += i > 0 && plans[i].IsWorkingDay ? 1 : 0;
        }
        return (days, hasHours);
    }

    private static (int WorkingDays, bool HasHours) SummarizeCompiled(CompiledYear year) => (year.WorkingDays(), year.Total > 0);

    /// <summary>The number of dates of <paramref name="year"/> that have working hours.</summary>
    public int WorkingDays(int year) => (Summary(year) - 1) >> 1;

    /// <summary>The first year from <paramref name="year"/> up to <paramref name="last"/> that may hold working time, or <see langword="null"/>.</summary>
    public int? NextWithHours(int year, int last) => Search(year, last, +1, workingDays: false);

    /// <summary>The last year from <paramref name="year"/> down to <paramref name="first"/> that may hold working time, or <see langword="null"/>.</summary>
    public int? PreviousWithHours(int year, int first) => Search(year, first, -1, workingDays: false);

    /// <summary>The first year from <paramref name="year"/> up to <paramref name="last"/> with a working day, or <see langword="null"/>.</summary>
    public int? NextWithWorkingDays(int year, int last) => Search(year, last, +1, workingDays: true);

    /// <summary>
    /// Skips whole 400-year cycles from January 1 of <paramref name="year"/> while each holds fewer working
    /// days than <paramref name="count"/> still needed, staying before <paramref name="last"/>.
    /// </summary>
    /// <returns>The year reached and the working days still needed after it.</returns>
    public (int Year, long Count) SkipCycles(int year, long count, int last)
    {
        if (!repeats || IsBreak(year))
        {
            return (year, count);
        }
        var (_, end) = Segment(year);
        if (Math.Min(end, last) - year + 1 < 2 * Cycle)
        {
            return (year, count);
        }
        long perCycle = 0;
        for (var y = year; y < year + Cycle; y++)
        {
            perCycle += WorkingDays(y);
        }
        if (perCycle == 0)
        {
            return (year, count);
        }
        // Keep at least one cycle (and the days of the last) for the caller to count year by year.
        var cycles = Math.Min((count - 1) / perCycle, (Math.Min(end, last) - year + 1 - Cycle) / Cycle);
        return ((int)(year + (cycles * Cycle)), count - (cycles * perCycle));
    }

    private int? Search(int year, int limit, int step, bool workingDays)
    {
        if (EveryYearWorks)
        {
            return step > 0 ? (year <= limit ? year : null) : (year >= limit ? year : null);
        }
        var emptyRun = 0;
        for (var y = year; step > 0 ? y <= limit : y >= limit; y += step)
        {
            if (workingDays ? WorkingDays(y) > 0 : HasHours(y))
            {
                return y;
            }
            if (guide.Value is { } guiding)
            {
                // No work here: the next year that could have any is one where the guide has some, or the year
                // before it, as the guide's local years may start up to a day apart from these.
                if (guiding.Search(y + step, limit, step, workingDays) is not { } candidate)
                {
                    return null;
                }
                y = (step > 0 ? Math.Max(y + 1, candidate - 1) : Math.Min(y - 1, candidate + 1)) - step;
                continue;
            }
            if (!repeats || IsBreak(y))
            {
                emptyRun = 0;
                continue;
            }
            if (++emptyRun == Cycle)
            {
                // A whole cycle without work: the rest of this stretch repeats it.
                var (start, end) = Segment(y);
                y = step > 0 ? end : start;
                emptyRun = 0;
            }
        }
        return null;
    }

    private bool HasHours(int year) => hasHours?.Invoke(year) ?? ((Summary(year) - 1) & 1) == 1;

    private int Summary(int year)
    {
        var chunk = Volatile.Read(ref chunks[year / ChunkSize]);
        if (chunk is null)
        {
            Interlocked.CompareExchange(ref chunks[year / ChunkSize], new int[ChunkSize], null);
            chunk = Volatile.Read(ref chunks[year / ChunkSize])!;
        }
        var summary = Volatile.Read(ref chunk[year % ChunkSize]);
        if (summary != 0)
        {
            return summary;
        }
        var (days, hasHours) = summarize(year);
        summary = 1 + (days << 1) + (hasHours ? 1 : 0);
        Volatile.Write(ref chunk[year % ChunkSize], summary);
        return summary;
    }

    private bool IsBreak(int year) => Array.BinarySearch(breaks.Value, year) >= 0;

    /// <summary>The run of years without a break that holds <paramref name="year"/> (not itself a break).</summary>
    private (int Start, int End) Segment(int year)
    {
        var all = breaks.Value;
        var next = ~Array.BinarySearch(all, year);
        return (all[next - 1] + 1, all[next] - 1);
    }
}
