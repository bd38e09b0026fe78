using NodaTime;

namespace Sla.Core.Calendars;

/// <summary>
/// One local year of a calendar as its twelve months, each compiled on first use: a question about a few days
/// compiles the month they lie in, not the year, and the year's total (for deadlines that cross it whole) is the
/// sum of its months'. Its <c>[Start, End)</c> are the instants January 1 of this year and of the next begin, in
/// the calendar's zone.
/// </summary>
/// <remarks>Lock-free and thread-safe: two threads that race to compile a month both compute the same immutable
/// value and one is kept. Ticks are NodaTime Unix ticks.</remarks>
internal sealed class CompiledYear
{
    private const long LongestMonthTicks = (31 * NodaConstants.TicksPerDay) + NodaConstants.TicksPerHour;

    private readonly long[] monthStarts;
    private readonly CompiledMonth?[] months = new CompiledMonth?[12];
    private readonly Func<int, CompiledMonth> compileMonth;
    // Working time before each month (and the year's total last), once every month is compiled: then a question
    // that crosses months finds its month in a few comparisons instead of walking them.
    private long[]? prefix;

    private CompiledYear(int year, long[] monthStarts, Func<int, CompiledMonth> compileMonth)
    {
        Year = year;
        this.monthStarts = monthStarts;
        this.compileMonth = compileMonth;
    }

    public int Year { get; }

    /// <summary>The instant January 1 of <see cref="Year"/> begins, in ticks.</summary>
    public long Start => monthStarts[0];

    /// <summary>The instant January 1 of the next year begins, in ticks.</summary>
    public long End => monthStarts[12];

    /// <summary>
    /// Makes a year whose months <paramref name="compile"/> compiles on first use, given the month (1 to 12) and its
    /// <c>[start, end)</c> in ticks.
    /// </summary>
    public static CompiledYear Create(int year, DateTimeZone zone, Func<int, long, long, CompiledMonth> compile)
    {
        var starts = new long[13];
        for (var month = 0; month <= 12; month++)
        {
            starts[month] = ZoneDates.StartOfDay(zone, new LocalDate(year, 1, 1).PlusMonths(month)).ToUnixTimeTicks();
        }
        return new CompiledYear(year, starts, month => compile(month + 1, starts[month], starts[month + 1]));
    }

    /// <summary>The year's total working time, in ticks (compiles every month).</summary>
    public long Total => Prefix[12];

    private long[] Prefix
    {
        get
        {
            var known = Volatile.Read(ref prefix);
            if (known is null)
            {
                known = new long[13];
                for (var m = 0; m < 12; m++)
                {
                    known[m + 1] = known[m] + Month(m).Total;
                }
                Volatile.Write(ref prefix, known);
            }
            return known;
        }
    }

    /// <summary>The first month from <paramref name="from"/> whose end reaches <paramref name="amount"/> of the year's working time.</summary>
    private static int MonthReaching(long[] prefix, int from, long amount)
    {
        var (low, high) = (from, 11);
        while (low < high)
        {
            var middle = (low + high) / 2;
            (low, high) = prefix[middle + 1] >= amount ? (low, middle) : (middle + 1, high);
        }
        return low;
    }

    /// <summary>Approximate bytes held by the months compiled so far.</summary>
    public int ApproximateBytes => 56 + (24 + (8 * 13)) + (24 + (8 * 12)) + (prefix is null ? 0 : 24 + (8 * 13)) + months.Sum(m => m?.ApproximateBytes ?? 0);

    /// <summary>The month with the given index (0 for January), compiling it on first use.</summary>
    public CompiledMonth Month(int index)
    {
        var month = Volatile.Read(ref months[index]);
        if (month is null)
        {
            Interlocked.CompareExchange(ref months[index], compileMonth(index), null);
            month = Volatile.Read(ref months[index])!;
        }
        return month;
    }

    /// <summary>The index of the month holding <paramref name="ticks"/>, which lies in <c>[Start, End)</c>.</summary>
    public int MonthIndexAt(long ticks)
    {
        // Months are rarely longer than 31 days and an hour, so this guess is the month or one or two before it;
        // the walk back is for the odd historical month a zone made a day longer.
        var m = (int)Math.Clamp((ticks - Start) / LongestMonthTicks, 0, 11);
        while (m < 11 && monthStarts[m + 1] <= ticks)
        {
            m++;
        }
        while (m > 0 && monthStarts[m] > ticks)
        {
            m--;
        }
        return m;
    }

    public bool IsWorking(long ticks) => Month(MonthIndexAt(ticks)).IsWorking(ticks);

    /// <summary>Working time in <c>[from, to)</c>, both in <c>[Start, End]</c>, from <paramref name="from"/> &lt;= <paramref name="to"/>; compiles only the months between.</summary>
    public long WorkingBetween(long from, long to)
    {
        // A whole year's edges are common (a question that spans New Year): they need no lookup in their month.
        var first = from <= Start ? 0 : MonthIndexAt(from);
        // Most questions span hours, within the month of their start: no second search for the month of the end.
        var last = to < monthStarts[first + 1] ? first : to >= End ? 11 : MonthIndexAt(to);
        if (first == last)
        {
            var month = Month(last);
            return (to >= End ? month.Total : month.CumulativeAt(to)) - (from <= Start ? 0 : month.CumulativeAt(from));
        }
        // Across months: the year's prefix sums (compiling its other months once) answer without a walk.
        var prefixes = Prefix;
        var upTo = to >= End ? prefixes[12] : prefixes[last] + Month(last).CumulativeAt(to);
        return upTo - (from <= Start ? 0 : prefixes[first] + Month(first).CumulativeAt(from));
    }

    /// <summary>
    /// The earliest instant from <paramref name="from"/> (in the year) with <paramref name="amount"/> (&gt; 0) of working
    /// time before it, within this year; otherwise <see langword="false"/> with the working time still <paramref name="left"/>.
    /// </summary>
    public bool TryReachForward(long from, long amount, out long result, out long left)
    {
        var m = from <= Start ? 0 : MonthIndexAt(from);
        var month = Month(m);
        var needed = (from <= Start ? 0 : month.CumulativeAt(from)) + amount;
        if (needed > month.Total)
        {
            // Past this month: the year's prefix sums (compiling its other months once) find the month without a walk.
            var prefixes = Prefix;
            var ofYear = prefixes[m] + needed;
            if (ofYear > prefixes[12])
            {
                (result, left) = (from, ofYear - prefixes[12]);
                return false;
            }
            var reaching = MonthReaching(prefixes, m, ofYear);
            (result, left) = (Month(reaching).EarliestReaching(ofYear - prefixes[reaching]), 0);
            return true;
        }
        (result, left) = (month.EarliestReaching(needed), 0);
        return true;
    }

    /// <summary>
    /// The latest instant up to <paramref name="from"/> (in <c>(Start, End]</c>) with <paramref name="amount"/> (&gt; 0) of
    /// working time after it, within this year; otherwise <see langword="false"/> with the working time still <paramref name="left"/>.
    /// </summary>
    public bool TryReachBackward(long from, long amount, out long result, out long left)
    {
        var m = from >= End ? 11 : MonthIndexAt(from);
        var month = Month(m);
        var target = (from >= End ? month.Total : month.CumulativeAt(from)) - amount;
        while (target < 0)
        {
            if (--m < 0)
            {
                (result, left) = (from, -target);
                return false;
            }
            month = Month(m);
            target += month.Total;
        }
        (result, left) = (month.LatestAt(target), 0);
        return true;
    }

    /// <summary>The earliest working instant at or after <paramref name="ticks"/> within this year, or <see langword="null"/>.</summary>
    public long? NextWorkingStart(long ticks)
    {
        var m = MonthIndexAt(ticks);
        var month = Month(m);
        var k = month.FloorIndex(ticks);
        if (k >= 0 && ticks < month.IntervalEnd(k))
        {
            return ticks;
        }
        if (k + 1 < month.IntervalCount)
        {
            return month.IntervalStart(k + 1);
        }
        while (++m < 12)
        {
            month = Month(m);
            if (month.IntervalCount > 0)
            {
                return month.IntervalStart(0);
            }
        }
        return null;
    }

    /// <summary>
    /// The latest instant at or before <paramref name="ticks"/> (in <c>[Start, End]</c>) that working time runs up to,
    /// within this year, or <see langword="null"/>.
    /// </summary>
    public long? PreviousWorkingEnd(long ticks)
    {
        var m = ticks >= End ? 11 : MonthIndexAt(ticks);
        var month = Month(m);
        var k = month.FloorIndex(ticks);
        if (k >= 0 && month.IntervalStart(k) < ticks)
        {
            return Math.Min(ticks, month.IntervalEnd(k));
        }
        // Either before the month's first interval or exactly at the start of interval k: look earlier.
        k--;
        while (k < 0)
        {
            if (--m < 0)
            {
                return null;
            }
            month = Month(m);
            k = month.IntervalCount - 1;
        }
        return month.IntervalEnd(k);
    }

    /// <summary>The end of the last window of a date of this year, or <see langword="null"/> when the date is closed.</summary>
    public long? LastWindowEnd(int month, int day) => Month(month - 1).LastWindowEnd(day);

    /// <summary>The number of dates of the year that have working hours (compiles every month).</summary>
    public int WorkingDays()
    {
        var days = 0;
        for (var m = 0; m < 12; m++)
        {
            var month = Month(m);
            for (var day = 1; day <= month.DayCount; day++)
            {
                days += month.LastWindowEnd(day) is null ? 0 : 1;
            }
        }
        return days;
    }

    /// <summary>The months that overlap <c>[from, to)</c>, in order.</summary>
    public IEnumerable<CompiledMonth> MonthsOverlapping(long from, long to)
    {
        for (var m = from <= Start ? 0 : MonthIndexAt(Math.Min(from, End - 1)); m < 12 && monthStarts[m] < to; m++)
        {
            yield return Month(m);
        }
    }
}
