using System.Collections.Immutable;
using NodaTime;

namespace Sla.Core.Calendars;

/// <summary>
/// One local month of a calendar, compiled to instants: the working intervals within <c>[Start, End)</c> (the
/// instants its first day and the next month's first day begin, in the calendar's zone), sorted and merged, with
/// a prefix sum of their lengths. Every edge is a whole second (windows are whole seconds, zone offsets too), so
/// each is kept as seconds from <see cref="Start"/> in an <see cref="int"/>, and an interval's end is its start
/// plus its share of the prefix sum: about 8 bytes an interval.
/// </summary>
/// <remarks>Immutable once built (its dates and reasons may be worked out on first use) and thread-safe. Ticks are NodaTime Unix ticks.</remarks>
internal sealed class CompiledMonth
{
    private const long TicksPerSecond = NodaConstants.TicksPerSecond;

    // One array, to keep a month small: the interval starts (seconds from Start), then the prefix sum (working
    // seconds before each interval, and the month's total), then for a calendar of windows each date's last window
    // end (seconds from Start, int.MinValue when closed).
    private readonly int[] data;
    private readonly int count;
    private readonly int dayCount;
    // A composite's dates and reasons are worked out on first use: searches and arithmetic need only the intervals.
    private readonly LazyParts? lazy;
    private Annotation[]? annotations;

    private CompiledMonth(long start, long end, int[] data, int count, int dayCount, Annotation[]? annotations, LazyParts? lazy)
    {
        Start = start;
        End = end;
        this.data = data;
        this.count = count;
        this.dayCount = dayCount;
        this.annotations = annotations;
        this.lazy = lazy;
    }

    /// <summary>The instant the month's first day begins, in ticks.</summary>
    public long Start { get; }

    /// <summary>The instant the next month's first day begins, in ticks.</summary>
    public long End { get; }

    /// <summary>The month's working time, in ticks.</summary>
    public long Total => data[2 * count] * TicksPerSecond;

    public int IntervalCount => count;

    /// <summary>Approximate bytes held by this month (object, array, reasons), for the memory figures in the docs.</summary>
    public int ApproximateBytes =>
        72 + 24 + (4 * data.Length) + (lazy?.ApproximateBytes ?? 0) + (annotations is { Length: > 0 } a ? 24 + (40 * a.Length) : 0);

    public long IntervalStart(int k) => Start + (data[k] * TicksPerSecond);

    public long IntervalEnd(int k) => Start + ((long)data[k] + data[count + k + 1] - data[count + k]) * TicksPerSecond;

    /// <summary>Working time from <see cref="Start"/> to <paramref name="ticks"/>, which must lie in the month.</summary>
    public long CumulativeAt(long ticks)
    {
        var k = FloorIndex(ticks);
        return k < 0 ? 0 : (data[count + k] * TicksPerSecond) + Math.Min(ticks - IntervalStart(k), (long)(data[count + k + 1] - data[count + k]) * TicksPerSecond);
    }

    public bool IsWorking(long ticks)
    {
        var k = FloorIndex(ticks);
        return k >= 0 && ticks < IntervalEnd(k);
    }

    /// <summary>The earliest instant whose cumulative working time reaches <paramref name="amount"/> (0 &lt; amount &lt;= Total).</summary>
    public long EarliestReaching(long amount)
    {
        // The first interval whose end-of-interval cumulative reaches the amount: the one after those that end short of it.
        var k = LastAtMost(data.AsSpan(count + 1, count), CeilingSeconds(amount) - 1) + 1;
        return IntervalStart(k) + (amount - (data[count + k] * TicksPerSecond));
    }

    /// <summary>The latest instant whose cumulative working time is <paramref name="amount"/> (0 &lt;= amount &lt; Total).</summary>
    public long LatestAt(long amount)
    {
        var k = LastAtMost(data.AsSpan(count, count), (int)(amount / TicksPerSecond));
        return IntervalStart(k) + (amount - (data[count + k] * TicksPerSecond));
    }

    /// <summary>Index of the last interval starting at or before <paramref name="ticks"/>, or -1.</summary>
    public int FloorIndex(long ticks)
    {
        // The whole seconds from Start, rounded down; an unsigned division is the cheaper one, and the usual instant lies in the month.
        var offset = ticks - Start;
        var seconds = offset >= 0
            ? (long)Math.Min((ulong)offset / (ulong)TicksPerSecond, int.MaxValue)
            : Math.Max(Math.DivRem(offset, TicksPerSecond, out var rest) - (rest < 0 ? 1 : 0), int.MinValue);
        return LastAtMost(data.AsSpan(0, count), (int)seconds);
    }

    /// <summary>
    /// The index of the last of <paramref name="sorted"/> (ascending) at most <paramref name="value"/>, or -1. Every
    /// measure asks this twice, so it is kept to one comparison a step (a general binary search makes a three-way one
    /// and stops early on an equal element, which costs more than it saves here).
    /// </summary>
    internal static int LastAtMost(ReadOnlySpan<int> sorted, int value)
    {
        if (sorted.IsEmpty || sorted[0] > value)
        {
            return -1;
        }
        var low = 0;
        for (var length = sorted.Length; length > 1; length -= length >> 1)
        {
            var half = length >> 1;
            low = sorted[low + half] <= value ? low + half : low;
        }
        return low;
    }

    /// <summary>The number of dates in the month.</summary>
    public int DayCount => dayCount;

    /// <summary>The end of the last window of the month's <paramref name="day"/>-th date, or <see langword="null"/> when it is closed.</summary>
    public long? LastWindowEnd(int day)
    {
        var end = lazy is null ? data[(2 * count) + day] : lazy.LastWindowEnds[day - 1];
        return end == int.MinValue ? null : Start + (end * TicksPerSecond);
    }

    public ReadOnlySpan<Annotation> Annotations => annotations ?? LazyInitializer.EnsureInitialized(ref annotations, lazy!.FindAnnotations);

    private static int CeilingSeconds(long ticks) => (int)((ticks + TicksPerSecond - 1) / TicksPerSecond);

    /// <summary>Makes a month from intervals already combined (a composite calendar's); its dates and reasons are found on first use.</summary>
    public static CompiledMonth FromIntervals(long start, long end, int dayCount, long[] intervalStarts, long[] intervalEnds,
        Func<long[]> findLastWindowEnds, Func<Annotation[]> findAnnotations)
    {
        var data = Pack(start, intervalStarts, intervalEnds, []);
        return new CompiledMonth(start, end, data, intervalStarts.Length, dayCount, null, new LazyParts(
            () => [.. findLastWindowEnds().Select(e => e == long.MinValue ? int.MinValue : (int)((e - start) / TicksPerSecond))], findAnnotations));
    }

    /// <summary>
    /// Compiles a month from the zone and the day plans of the day before it and of each of its dates (the day before
    /// for its overnight tail).
    /// </summary>
    public static CompiledMonth Compile(DateTimeZone zone, LocalDate firstDate, long start, long end, DayPlan[] plans)
    {
        var zoneIntervals = zone.GetZoneIntervals(Instant.FromUnixTimeTicks(start) - Duration.FromDays(3), Instant.FromUnixTimeTicks(end) + Duration.FromDays(3))
            .Select(z => (Start: z.HasStart ? z.Start.ToUnixTimeTicks() : long.MinValue,
                          End: z.HasEnd ? z.End.ToUnixTimeTicks() : long.MaxValue,
                          Offset: z.WallOffset.Ticks))
            .ToArray();
        var raw = new List<(long Start, long End)>(4 * plans.Length);
        var lastWindowEnds = new int[plans.Length - 1];
        List<Annotation>? annotations = null;
        var midnight = firstDate.PlusDays(-1).AtMidnight().InUtc().ToInstant().ToUnixTimeTicks();
        for (var i = 0; i < plans.Length; i++, midnight += NodaConstants.TicksPerDay)
        {
            var plan = plans[i];
            // The end of the date's last window: where its last range ends on the clock, the later instant when that
            // time shows twice, the instant the clocks jump when it never shows.
            var lastEnd = long.MinValue;
            var ranges = plan.Ranges;
            for (var r = 0; r < ranges.Length; r++)
            {
                foreach (var (zoneStart, zoneEnd, offset) in zoneIntervals)
                {
                    var from = Math.Max(midnight + ranges[r].Start - offset, zoneStart);
                    var to = Math.Min(midnight + ranges[r].End - offset, zoneEnd);
                    if (from < to)
                    {
                        raw.Add((from, to));
                    }
                    if (r == ranges.Length - 1 && from <= to)
                    {
                        lastEnd = Math.Max(lastEnd, to);
                    }
                }
            }
            if (i == 0)
            {
                continue;
            }
            lastWindowEnds[i - 1] = lastEnd == long.MinValue ? int.MinValue : (int)((lastEnd - start) / TicksPerSecond);
            if (plan.LosesWeeklyTime)
            {
                var date = firstDate.PlusDays(i - 1);
                (annotations ??= []).Add(new Annotation(
                    ZoneDates.StartOfDay(zone, date).ToUnixTimeTicks(), ZoneDates.StartOfDay(zone, date.PlusDays(1)).ToUnixTimeTicks(), plan.ShapedBy));
            }
        }
        var (starts, ends) = MergeAndClip(raw, start, end);
        return new CompiledMonth(start, end, Pack(start, starts, ends, lastWindowEnds), starts.Length, lastWindowEnds.Length,
            annotations is null ? [] : [.. annotations], null);
    }

    private static int[] Pack(long start, long[] intervalStarts, long[] intervalEnds, int[] lastWindowEnds)
    {
        var count = intervalStarts.Length;
        var data = new int[(2 * count) + 1 + lastWindowEnds.Length];
        for (var k = 0; k < count; k++)
        {
            data[k] = (int)((intervalStarts[k] - start) / TicksPerSecond);
            data[count + k + 1] = data[count + k] + (int)((intervalEnds[k] - intervalStarts[k]) / TicksPerSecond);
        }
        lastWindowEnds.CopyTo(data, (2 * count) + 1);
        return data;
    }

    private static (long[] Starts, long[] Ends) MergeAndClip(List<(long Start, long End)> raw, long monthStart, long monthEnd)
    {
        raw.Sort();
        var starts = new List<long>(raw.Count);
        var ends = new List<long>(raw.Count);
        foreach (var (rawStart, rawEnd) in raw)
        {
            var (from, to) = (Math.Max(rawStart, monthStart), Math.Min(rawEnd, monthEnd));
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

    /// <summary>What a composite's month works out on first use: its dates' last working instants and its reasons.</summary>
    private sealed class LazyParts(Func<int[]> findLastWindowEnds, Func<Annotation[]> findAnnotations)
    {
        private int[]? lastWindowEnds;

        public Func<Annotation[]> FindAnnotations => findAnnotations;

        // Two threads may both work them out; either result is the same, and one is kept.
        public int[] LastWindowEnds => lastWindowEnds ?? LazyInitializer.EnsureInitialized(ref lastWindowEnds, findLastWindowEnds);

        public int ApproximateBytes => 40 + (lastWindowEnds is null ? 0 : 24 + (4 * lastWindowEnds.Length));
    }

    /// <summary>A local date (as instants) that lost weekly time to a rule or exception, or a composite's closed stretch, with the reasons.</summary>
    /// <param name="Start">The instant the stretch begins, in ticks.</param>
    /// <param name="End">The instant it ends.</param>
    /// <param name="Names">The names of the rules or exception (for a composite calendar, of its members' reasons).</param>
    internal readonly record struct Annotation(long Start, long End, ImmutableArray<string> Names)
    {
        /// <summary>The names as an explanation shows them.</summary>
        public string Description => string.Join("; ", Names);
    }
}
