using BenchmarkDotNet.Attributes;
using NodaTime;
using Sla.Core.Calendars;

namespace Sla.Core.Benchmarks;

/// <summary>
/// <c>Add</c> and <c>Elapsed</c> on a follow-the-sun union (the vectors' london calendar, New York and Sydney
/// offices) and on office-and-customer hours (london ∩ New York), for 1 h, 40 h and 2,000 h; beside the same
/// queries on london alone, so the cost of combining shows; and the first <c>Add</c> on a new composite.
/// </summary>
[MemoryDiagnoser]
public class CompositeCalendarBenchmarks
{
    private static readonly Instant Start = Instant.FromUtc(2026, 3, 27, 14, 17);
    private BusinessCalendar london = null!;
    private BusinessCalendar followTheSun = null!;
    private BusinessCalendar bothOpen = null!;
    private Instant sunEnd40, sunEnd2000, bothEnd40;

    private static BusinessCalendar Office(string id, string zone)
    {
        var builder = new BusinessCalendarBuilder(id, zone);
        for (var day = IsoDayOfWeek.Monday; day <= IsoDayOfWeek.Friday; day++)
        {
            builder.AddHours(day, "09:00-17:00");
        }
        return builder.AddRule(new FixedDateRule("Christmas Day", 12, 25, ObservedShift.NextWeekday)).Build();
    }

    [GlobalSetup]
    public void Setup()
    {
        london = Calendars.London();
        followTheSun = BusinessCalendar.Union("follow-the-sun", london, Office("new-york", "America/New_York"), Office("sydney", "Australia/Sydney"));
        bothOpen = BusinessCalendar.Intersection("both-open", london, Office("customer", "America/New_York"));
        sunEnd40 = followTheSun.Add(Start, Duration.FromHours(40));
        sunEnd2000 = followTheSun.Add(Start, Duration.FromHours(2000));
        bothEnd40 = bothOpen.Add(Start, Duration.FromHours(40));
    }

    [Benchmark(Baseline = true, Description = "london alone: Add 40h")]
    public Instant LondonAdd40() => london.Add(Start, Duration.FromHours(40));

    [Benchmark(Description = "union: Add 1h")]
    public Instant UnionAdd1() => followTheSun.Add(Start, Duration.FromHours(1));

    [Benchmark(Description = "union: Add 40h")]
    public Instant UnionAdd40() => followTheSun.Add(Start, Duration.FromHours(40));

    [Benchmark(Description = "union: Add 2000h")]
    public Instant UnionAdd2000() => followTheSun.Add(Start, Duration.FromHours(2000));

    [Benchmark(Description = "union: Elapsed 40h")]
    public Duration UnionElapsed40() => followTheSun.Elapsed(Start, sunEnd40);

    [Benchmark(Description = "union: Elapsed 2000h")]
    public Duration UnionElapsed2000() => followTheSun.Elapsed(Start, sunEnd2000);

    [Benchmark(Description = "intersection: Add 40h")]
    public Instant IntersectionAdd40() => bothOpen.Add(Start, Duration.FromHours(40));

    [Benchmark(Description = "intersection: Elapsed 40h")]
    public Duration IntersectionElapsed40() => bothOpen.Elapsed(Start, bothEnd40);

    [Benchmark(Description = "first Add 8h on a new union (members warm)")]
    public Instant FirstAddOnNewUnion() =>
        BusinessCalendar.Union("fresh", followTheSun.Members[0], followTheSun.Members[1], followTheSun.Members[2]).Add(Start, Duration.FromHours(8));
}
