using NodaTime;

namespace Sla.Core.Calendars;

/// <summary>
/// Business-time arithmetic over compiled years: elapsed time is two prefix-sum lookups plus the totals
/// of the whole years between; adding time jumps over whole years by their totals and binary-searches
/// one year's prefix sums. The cost does not grow with the duration within a year, nor allocate.
/// </summary>
/// <remarks>Thread-safe: the only state is the lazily compiled, immutable years.</remarks>
internal sealed class BusinessTimeEngine
{
    private readonly CalendarYears years;

    private readonly long mostPerYear;

    /// <summary>More working time, in ticks, than any one year can hold.</summary>
    public long MostPerYear => mostPerYear;

    public BusinessTimeEngine(CalendarYears years, YearSummaries summaries, int firstWorkingYear, int lastWorkingYear, long mostPerYear)
    {
        this.years = years;
        Summaries = summaries;
        FirstWorkingYear = firstWorkingYear;
        LastWorkingYear = lastWorkingYear;
        this.mostPerYear = mostPerYear;
    }

    /// <summary>No year before this one has working time (so searches backward stop here).</summary>
    public int FirstWorkingYear { get; }

    /// <summary>No year after this one has working time (so searches forward stop here).</summary>
    public int LastWorkingYear { get; }

    public CalendarYears Years => years;

    public YearSummaries Summaries { get; }

    /// <summary>The first year after <paramref name="year"/> that may hold working time, compiled, or <see langword="null"/>.</summary>
    private CompiledYear? NextWorking(int year)
    {
        if (Summaries.EveryYearWorks)
        {
            // The common case, on the path of every deadline that crosses New Year: no search needed.
            return year < LastWorkingYear ? years[year + 1] : null;
        }
        return Summaries.NextWithHours(Math.Max(year + 1, FirstWorkingYear), LastWorkingYear) is { } next ? years[next] : null;
    }

    /// <summary>The last year before <paramref name="year"/> that may hold working time, compiled, or <see langword="null"/>.</summary>
    private CompiledYear? PreviousWorking(int year) =>
        Summaries.PreviousWithHours(Math.Min(year - 1, LastWorkingYear), FirstWorkingYear) is { } previous ? years[previous] : null;

    public bool IsWorking(long ticks) => years.Containing(ticks, "instant").IsWorking(ticks);

    /// <summary>The compiled month holding <paramref name="ticks"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The instant is outside the supported years (named <paramref name="parameterName"/>).</exception>
    public CompiledMonth MonthHolding(long ticks, string parameterName)
    {
        var year = years.Containing(ticks, parameterName);
        return year.Month(year.MonthIndexAt(ticks));
    }

    public long Elapsed(long from, long to)
    {
        if (to < from)
        {
            return -Elapsed(to, from);
        }
        var first = years.Containing(from, nameof(from));
        if (to < first.End)
        {
            return first.WorkingBetween(from, to);
        }
        var last = years.Containing(to, nameof(to));
        var total = first.WorkingBetween(from, first.End) + last.WorkingBetween(last.Start, to);
        for (var year = NextWorking(first.Year); year is not null && year.Year < last.Year; year = NextWorking(year.Year))
        {
            total += year.Total;
        }
        return total;
    }

    public bool TryAdd(long start, long amount, out long result)
    {
        result = start;
        if (amount == 0)
        {
            return true;
        }
        var year = years.Containing(start, nameof(start));
        if (amount > 0)
        {
            if (year.TryReachForward(start, amount, out result, out var needed))
            {
                return true;
            }
            result = start;
            // Within a year's worth beyond this one the loop below answers at once; further, make sure the years left could hold it.
            if (needed > mostPerYear && MoreThanYearsHold(needed, LastWorkingYear - year.Year))
            {
                return false;
            }
            while (NextWorking(year.Year) is { } next)
            {
                year = next;
                if (needed <= year.Total)
                {
                    year.TryReachForward(year.Start, needed, out result, out _);
                    return true;
                }
                needed -= year.Total;
            }
            return false;
        }
        if (year.TryReachBackward(start, -amount, out result, out var owed))
        {
            return true;
        }
        result = start;
        if (owed > mostPerYear && MoreThanYearsHold(owed, year.Year - FirstWorkingYear))
        {
            return false;
        }
        while (PreviousWorking(year.Year) is { } previous)
        {
            year = previous;
            if (owed <= year.Total)
            {
                year.TryReachBackward(year.End, owed, out result, out _);
                return true;
            }
            owed -= year.Total;
        }
        return false;
    }

    /// <summary>
    /// Whether <paramref name="amount"/> is more working time than <paramref name="yearCount"/> years can hold,
    /// so an answer is unreachable without compiling them. Kept out of <see cref="TryAdd"/>, whose common path
    /// stays within one year and should stay small.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private bool MoreThanYearsHold(long amount, int yearCount) => amount > (Int128)Math.Max(yearCount, 0) * mostPerYear;

    public long? NextWorkingStart(long ticks)
    {
        var year = years.Containing(ticks, "instant");
        if (year.NextWorkingStart(ticks) is { } found)
        {
            return found;
        }
        while (NextWorking(year.Year) is { } next)
        {
            year = next;
            if (year.NextWorkingStart(year.Start) is { } later)
            {
                return later;
            }
        }
        return null;
    }

    public long? PreviousWorkingEnd(long ticks)
    {
        var year = years.Containing(ticks, "instant");
        if (year.PreviousWorkingEnd(ticks) is { } found)
        {
            return found;
        }
        while (PreviousWorking(year.Year) is { } previous)
        {
            year = previous;
            if (year.PreviousWorkingEnd(year.End) is { } earlier)
            {
                return earlier;
            }
        }
        return null;
    }

    public List<CalendarSegment> Segments(long from, long to)
    {
        var segments = new List<CalendarSegment>();
        if (to <= from)
        {
            return segments;
        }
        years.Containing(from, nameof(from));
        years.Containing(to - 1, nameof(to));
        var working = years.WorkingIntervals(from, to);
        var annotations = years.AnnotationsIn(from, to);
        var cursor = from;
        foreach (var (start, end) in working)
        {
            AddClosed(segments, annotations, cursor, start);
            segments.Add(new CalendarSegment(new Interval(Instant.FromUnixTimeTicks(start), Instant.FromUnixTimeTicks(end)), true, null));
            cursor = end;
        }
        AddClosed(segments, annotations, cursor, to);
        return segments;
    }

    private static void AddClosed(List<CalendarSegment> segments, List<CompiledMonth.Annotation> annotations, long from, long to)
    {
        var cursor = from;
        foreach (var note in annotations)
        {
            if (note.End <= cursor || note.Start >= to)
            {
                continue;
            }
            AddPiece(segments, cursor, Math.Max(cursor, note.Start), null);
            AddPiece(segments, Math.Max(cursor, note.Start), Math.Min(to, note.End), note.Description);
            cursor = Math.Min(to, note.End);
        }
        AddPiece(segments, cursor, to, null);
    }

    private static void AddPiece(List<CalendarSegment> segments, long from, long to, string? closedBy)
    {
        if (from < to)
        {
            segments.Add(new CalendarSegment(new Interval(Instant.FromUnixTimeTicks(from), Instant.FromUnixTimeTicks(to)), false, closedBy));
        }
    }
}
