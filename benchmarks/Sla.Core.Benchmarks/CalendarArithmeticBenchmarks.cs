using BenchmarkDotNet.Attributes;
using NodaTime;
using Sla.Core.Calendars;
using Sla.Core.Testing;

namespace Sla.Core.Benchmarks;

/// <summary>
/// <c>Add</c> and <c>Elapsed</c> on the vectors' london calendar for 1 h, 40 h and 2,000 h of business
/// time, beside the brute-force reference at 40 h (the baseline) and a NodaTime zone round trip (the floor).
/// </summary>
[MemoryDiagnoser]
public class CalendarArithmeticBenchmarks
{
    private static readonly Instant Start = Instant.FromUtc(2026, 3, 27, 14, 17);
    private BusinessCalendar london = null!;
    private ReferenceCalendar reference = null!;
    private Instant end1, end40, end2000;

    [GlobalSetup]
    public void Setup()
    {
        london = Calendars.London();
        reference = new ReferenceCalendar(london);
        end1 = london.Add(Start, Duration.FromHours(1));
        end40 = london.Add(Start, Duration.FromHours(40));
        end2000 = london.Add(Start, Duration.FromHours(2000));
    }

    [Benchmark(Baseline = true, Description = "Brute force Add 40h")]
    public Instant? BruteForceAdd40() => reference.Add(Start, Duration.FromHours(40), Duration.FromDays(30));

    [Benchmark(Description = "Zone round trip (floor)")]
    public Instant ZoneRoundTrip() => Start.InZone(london.Zone).LocalDateTime.InZoneLeniently(london.Zone).ToInstant();

    [Benchmark(Description = "Add 1h")]
    public Instant Add1() => london.Add(Start, Duration.FromHours(1));

    [Benchmark(Description = "Add 40h")]
    public Instant Add40() => london.Add(Start, Duration.FromHours(40));

    [Benchmark(Description = "Add 2000h")]
    public Instant Add2000() => london.Add(Start, Duration.FromHours(2000));

    [Benchmark(Description = "Elapsed 1h")]
    public Duration Elapsed1() => london.Elapsed(Start, end1);

    [Benchmark(Description = "Elapsed 40h")]
    public Duration Elapsed40() => london.Elapsed(Start, end40);

    [Benchmark(Description = "Elapsed 2000h")]
    public Duration Elapsed2000() => london.Elapsed(Start, end2000);
}
