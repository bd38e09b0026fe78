using System.Collections.Immutable;
using NodaTime;
using NodaTime.TimeZones;

namespace Sla.Core.Calendars;

/// <summary>
/// One local year of a calendar, compiled to instants: the working intervals that lie within
/// <c>[Start, End)</c> (the instants of January 1 00:00 of this year and of the next, in the calendar's
/// zone), sorted and merged, with a prefix sum of their lengths. DST is already in the instants, so
/// every query is a binary search and some arithmetic on ticks.
/// </summary>
/// <remarks>Immutable once built and thread-safe. Ticks are NodaTime Unix ticks (100 ns).</remarks>
internal sealed class CompiledYear
{
    private static readonly ZoneLocalMappingResolver WindowEndResolver =
        Resolvers.CreateMappingResolver(Resolvers.ReturnLater, Resolvers.ReturnStartOfIntervalAfter);

    private readonly long[] starts;
    private readonly long[] ends;
    // cumulative[k] is the working time before interval k; cumulative[^1] the year's total.
    private readonly long[] cumulative;
    // Per date of the year (index: day of year - 1): the end of its last window, or long.MinValue when closed.
    private long[]? lastWindowEnds;
    private Annotation[]? annotations;
    // A composite's dates and reasons are worked out on first use: searches and arithmetic need only the intervals.
    private readonly Func<CompiledYear, long[]>? findLastWindowEnds;
    private readonly Func<CompiledYear, Annotation[]>? findAnnotations;

    /// <summary>Makes a year from intervals already combined (a composite calendar's); its dates and reasons are found on first use.</summary>
    public static CompiledYear FromIntervals(int year, long start, long end, long[] starts, long[] ends,
        Func<CompiledYear, long[]> findLastWindowEnds, Func<CompiledYear, Annotation[]> findAnnotations) =>
        new(year, start, end, starts, ends, null, null, findLastWindowEnds, findAnnotations);

    private CompiledYear(int year, long start, long end, long[] starts, long[] ends, long[]? lastWindowEnds, Annotation[]? annotations,
        Func<CompiledYear, long[]>? findLastWindowEnds = null, Func<CompiledYear, Annotation[]>? findAnnotations = null)
    {
        this.findLastWindowEnds = findLastWindowEnds;
        this.findAnnotations = findAnnotations;
        Year = year;
        Start = start;
        End = end;
        this.starts = starts;
        this.ends = ends;
        this.lastWindowEnds = lastWindowEnds;
        this.annotations = annotations;
        cumulative = new long[starts.Length + 1];
        for (var k = 0; k < starts.Length; k++)
        {
            cumulative[k + 1] = cumulative[k] + (ends[k] - starts[k]);
        }
    }

    public int Year { get; }

    /// <summary>The instant January 1 of <see cref="Year"/> begins, in ticks.</summary>
    public long Start { get; }

    /// <summary>The instant January 1 of the next year begins, in ticks.</summary>
    public long End { get; }

    /// <summary>The year's total working time, in ticks.</summary>
    public long Total => cumulative[^1];

    public int IntervalCount => starts.Length;

    /// <summary>The number of dates in the year.</summary>
    public int DayCount => LastWindowEnds.Length;

    // Two threads may both work one out; either result is the same, and one is kept.
    private long[] LastWindowEnds => lastWindowEnds ?? LazyInitializer.EnsureInitialized(ref lastWindowEnds, () => findLastWindowEnds!(this));

    private Annotation[] AllAnnotations => annotations ?? LazyInitializer.EnsureInitialized(ref annotations, () => findAnnotations!(this));

    /// <summary>Approximate bytes held by this year's arrays, for the memory figures in the docs.</summary>
    public int ApproximateBytes => (8 * ((3 * starts.Length) + 1 + (lastWindowEnds?.Length ?? 0))) + (40 * (annotations?.Length ?? 0));

    public long IntervalStart(int k) => starts[k];

    public long IntervalEnd(int k) => ends[k];

    /// <summary>Working time from <see cref="Start"/> to <paramref name="ticks"/>, which must lie in the year.</summary>
    public long CumulativeAt(long ticks)
    {
        var k = FloorIndex(ticks);
        return k < 0 ? 0 : cumulative[k] + Math.Min(ticks - starts[k], ends[k] - starts[k]);
    }

    public bool IsWorking(long ticks)
    {
        var k = FloorIndex(ticks);
        return k >= 0 && ticks < ends[k];
    }

    /// <summary>The earliest instant whose cumulative working time reaches <paramref name="amount"/> (0 &lt; amount &lt;= Total).</summary>
    public long EarliestReaching(long amount)
    {
        // The first interval whose end-of-interval cumulative reaches the amount.
        var k = Array.BinarySearch(cumulative, 1, starts.Length, amount);
        k = k < 0 ? ~k : k;
        return starts[k - 1] + (amount - cumulative[k - 1]);
    }

    /// <summary>The latest instant whose cumulative working time is <paramref name="amount"/> (0 &lt;= amount &lt; Total).</summary>
    public long LatestAt(long amount)
    {
        var k = Array.BinarySearch(cumulative, 0, starts.Length, amount);
        k = k < 0 ? ~k - 1 : k;
        return starts[k] + (amount - cumulative[k]);
    }

    /// <summary>Index of the last interval starting at or before <paramref name="ticks"/>, or -1.</summary>
    public int FloorIndex(long ticks)
    {
        var k = Array.BinarySearch(starts, ticks);
        return k < 0 ? ~k - 1 : k;
    }

    /// <summary>The end of the last window of the date with the given day of year, or <see langword="null"/> when the date is closed.</summary>
    public long? LastWindowEnd(int dayOfYear)
    {
        var end = LastWindowEnds[dayOfYear - 1];
        return end == long.MinValue ? null : end;
    }

    public ReadOnlySpan<Annotation> Annotations => AllAnnotations;

    /// <summary>Compiles a year from the zone and the day plans of December 31 before it and of each of its dates.</summary>
    public static CompiledYear Compile(int year, DateTimeZone zone, DayPlan[] plans)
    {
        var firstDate = new LocalDate(year, 1, 1);
        var start = ZoneDates.StartOfDay(zone, firstDate);
        var end = ZoneDates.StartOfDay(zone, firstDate.PlusYears(1));
        var zoneIntervals = zone.GetZoneIntervals(start - Duration.FromDays(3), end + Duration.FromDays(3))
            .Select(z => (Start: z.HasStart ? z.Start.ToUnixTimeTicks() : long.MinValue,
                          End: z.HasEnd ? z.End.ToUnixTimeTicks() : long.MaxValue,
                          Offset: z.WallOffset.Ticks))
            .ToArray();

        var raw = new List<(long Start, long End)>();
        var lastWindowEnds = new long[plans.Length - 1];
        var annotations = new List<Annotation>();
        for (var i = 0; i < plans.Length; i++)
        {
            var date = firstDate.PlusDays(i - 1);
            var midnight = date.AtMidnight().InUtc().ToInstant().ToUnixTimeTicks();
            var plan = plans[i];
            foreach (var range in plan.Ranges)
            {
                foreach (var (zoneStart, zoneEnd, offset) in zoneIntervals)
                {
                    var from = Math.Max(midnight + range.Start - offset, zoneStart);
                    var to = Math.Min(midnight + range.End - offset, zoneEnd);
                    if (from < to)
                    {
                        raw.Add((from, to));
                    }
                }
            }
            if (i == 0)
            {
                continue;
            }
            lastWindowEnds[i - 1] = plan.IsWorkingDay
                ? date.AtMidnight().PlusTicks(plan.Ranges.Max(r => r.End)).InZone(zone, WindowEndResolver).ToInstant().ToUnixTimeTicks()
                : long.MinValue;
            if (plan.LosesWeeklyTime)
            {
                annotations.Add(new Annotation(
                    ZoneDates.StartOfDay(zone, date).ToUnixTimeTicks(),
                    ZoneDates.StartOfDay(zone, date.PlusDays(1)).ToUnixTimeTicks(),
                    plan.ShapedBy));
            }
        }

        var (starts, ends) = MergeAndClip(raw, start.ToUnixTimeTicks(), end.ToUnixTimeTicks());
        return new CompiledYear(year, start.ToUnixTimeTicks(), end.ToUnixTimeTicks(), starts, ends, lastWindowEnds, annotations.ToArray());
    }

    private static (long[] Starts, long[] Ends) MergeAndClip(List<(long Start, long End)> raw, long yearStart, long yearEnd)
    {
        raw.Sort();
        var starts = new List<long>(raw.Count);
        var ends = new List<long>(raw.Count);
        foreach (var (rawStart, rawEnd) in raw)
        {
            var (from, to) = (Math.Max(rawStart, yearStart), Math.Min(rawEnd, yearEnd));
            if (from >= to)
            {
                continue;
            }
            if (ends.Count > 0 && from <= ends[^1])
            {
                ends[^1] = Math.Max(ends[^1], to);
            }
            else
            {
                starts.Add(from);
                ends.Add(to);
            }
        }
        return (starts.ToArray(), ends.ToArray());
    }

    /// <summary>A local date (as instants) that lost weekly hours to a rule or exception, with their names.</summary>
    /// <param name="Start">The instant the date begins, in ticks.</param>
    /// <param name="End">The instant the next date begins, in ticks.</param>
    /// <param name="Names">The names of the rules or exception (for a composite calendar, of its members' reasons).</param>
    internal readonly record struct Annotation(long Start, long End, ImmutableArray<string> Names)
    {
        /// <summary>The names as an explanation shows them.</summary>
        public string Description => string.Join("; ", Names);
    }
}
