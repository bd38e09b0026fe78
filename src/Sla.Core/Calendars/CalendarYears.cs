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
    private static readonly long TicksPerAverageYear = (long)(NodaConstants.TicksPerDay * 365.2425);
    private static readonly long UnixEpochYearTicks = NodaConstants.UnixEpoch.ToUnixTimeTicks();

    private readonly DateTimeZone zone;
    private readonly DayPlanner planner;
    private readonly CompiledYear?[]?[] chunks = new CompiledYear?[]?[(MaxYear / ChunkSize) + 1];

    public CalendarYears(DateTimeZone zone, DayPlanner planner)
    {
        this.zone = zone;
        this.planner = planner;
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
                Interlocked.CompareExchange(ref chunk[year % ChunkSize], CompiledYear.Compile(year, zone, planner.PlanYear(year)), null);
                compiled = Volatile.Read(ref chunk[year % ChunkSize])!;
            }
            return compiled;
        }
    }

    /// <summary>Gets the compiled year whose <c>[Start, End)</c> holds the instant.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The instant is outside the local years the engine supports.</exception>
    public CompiledYear Containing(long ticks, string parameterName)
    {
        // A guess from the UTC year is at most one year off: zone offsets are under a day.
        var guess = 1970 + (int)Math.Floor((double)(ticks - UnixEpochYearTicks) / TicksPerAverageYear);
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
