using NodaTime;

namespace Sla.Core.Calendars;

/// <summary>
/// The compiled years of one calendar, built on first use. Lock-free: two threads that race to compile
/// the same year both compute the same immutable value and one of them is kept.
/// </summary>
internal sealed class CalendarYears
{
    /// <summary>The first local year that can be compiled (its December 31 before must exist).</summary>
    public const int MinYear = 2;

    /// <summary>The last local year that can be compiled (its next January 1 must exist).</summary>
    public const int MaxYear = 9998;

    private const int ChunkSize = 64;
    private const long TicksPerAverageYear = (long)(NodaConstants.TicksPerDay * 365.2425);

    private readonly Func<int, CompiledYear> compile;
    private readonly CompiledYear?[]?[] chunks = new CompiledYear?[]?[(MaxYear / ChunkSize) + 1];

    /// <summary>Creates the cache of a calendar's years.</summary>
    /// <param name="compile">Compiles one local year; called at most once per year unless two threads race.</param>
    public CalendarYears(Func<int, CompiledYear> compile)
    {
        this.compile = compile;
    }

    /// <summary>Gets a year, compiling it on first use.</summary>
    public CompiledYear this[int year]
    {
        get
        {
            var chunk = Volatile.Read(ref chunks[year / ChunkSize]);
            if (chunk is null)
            {
                Interlocked.CompareExchange(ref chunks[year / ChunkSize], new CompiledYear?[ChunkSize], null);
                chunk = Volatile.Read(ref chunks[year / ChunkSize])!;
            }
            var compiled = Volatile.Read(ref chunk[year % ChunkSize]);
            if (compiled is null)
            {
                Interlocked.CompareExchange(ref chunk[year % ChunkSize], compile(year), null);
                compiled = Volatile.Read(ref chunk[year % ChunkSize])!;
            }
            return compiled;
        }
    }

    /// <summary>
    /// Gets the working intervals of <c>[from, to)</c>, clipped to it, sorted and merged across New Year: a
    /// stretch that runs from December 31 into January 1 comes out as one interval. Only supported years
    /// contribute; time outside them counts as closed.
    /// </summary>
    public List<(long Start, long End)> WorkingIntervals(long from, long to)
    {
        var working = new List<(long Start, long End)>();
        for (var year = FirstOverlapping(from); year <= MaxYear && this[year].Start < to; year++)
        {
            foreach (var month in this[year].MonthsOverlapping(from, to))
            {
                for (var k = Math.Max(month.FloorIndex(from), 0); k < month.IntervalCount && month.IntervalStart(k) < to; k++)
                {
                    var (start, end) = (Math.Max(month.IntervalStart(k), from), Math.Min(month.IntervalEnd(k), to));
                    if (start >= end)
                    {
                        continue;
                    }
                    if (working.Count > 0 && working[^1].End == start)
                    {
                        working[^1] = (working[^1].Start, end);
                    }
                    else
                    {
                        working.Add((start, end));
                    }
                }
            }
        }
        return working;
    }

    /// <summary>Gets the annotations (dates that rules, exceptions or members closed) that overlap <c>[from, to)</c>, in order.</summary>
    public List<CompiledMonth.Annotation> AnnotationsIn(long from, long to)
    {
        var found = new List<CompiledMonth.Annotation>();
        for (var year = FirstOverlapping(from); year <= MaxYear && this[year].Start < to; year++)
        {
            foreach (var month in this[year].MonthsOverlapping(from, to))
            {
                foreach (var note in month.Annotations)
                {
                    if (note.End > from && note.Start < to && (found.Count == 0 || found[^1] != note))
                    {
                        found.Add(note);
                    }
                }
            }
        }
        return found;
    }

    /// <summary>The first supported year whose end is after <paramref name="ticks"/> (the year holding it, when supported).</summary>
    private int FirstOverlapping(long ticks)
    {
        var year = Math.Clamp(GuessYear(ticks) - 1, MinYear, MaxYear);
        while (year < MaxYear && this[year].End <= ticks)
        {
            year++;
        }
        return year;
    }

    // A guess from the UTC year is at most one year off: zone offsets are under a day. Ticks count from 1970; an integer
    // division by a constant is a multiplication, where a floating-point one is the slowest step of every lookup.
    private static int GuessYear(long ticks) => 1970 + (int)(Math.DivRem(ticks, TicksPerAverageYear, out var rest) - (rest < 0 ? 1 : 0));

    /// <summary>Gets the compiled year whose <c>[Start, End)</c> holds the instant.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The instant is outside the local years the engine supports.</exception>
    public CompiledYear Containing(long ticks, string parameterName)
    {
        var guess = GuessYear(ticks);
        if (guess < MinYear - 1 || guess > MaxYear + 1)
        {
            throw OutOfRange(ticks, parameterName);
        }
        var year = Math.Clamp(guess, MinYear, MaxYear);
        var compiled = this[year];
        while (ticks < compiled.Start)
        {
            compiled = year > MinYear ? this[--year] : throw OutOfRange(ticks, parameterName);
        }
        while (ticks >= compiled.End)
        {
            compiled = year < MaxYear ? this[++year] : throw OutOfRange(ticks, parameterName);
        }
        return compiled;
    }

    public long TotalMemoryBytes()
    {
        long total = 8L * chunks.Length;
        foreach (var chunk in chunks)
        {
            if (chunk is null)
            {
                continue;
            }
            total += 8L * chunk.Length;
            total += chunk.Where(y => y is not null).Sum(y => (long)y!.ApproximateBytes);
        }
        return total;
    }

    private static ArgumentOutOfRangeException OutOfRange(long ticks, string parameterName) =>
        new(parameterName, Instant.FromUnixTimeTicks(ticks),
            $"Business-time arithmetic supports instants in local years {MinYear} to {MaxYear}.");
}
