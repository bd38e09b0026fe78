using BenchmarkDotNet.Attributes;
using NodaTime;
using Sla.Core.Calendars;

namespace Sla.Core.Benchmarks;

/// <summary>
/// What a service that builds calendars per tenant pays: build the london calendar (two windows a day, eight
/// holiday rules) with the builder and compute its first <c>Add</c> of 8 h on the new object; the builder alone;
/// and a warm <c>Add</c> of 8 h in the same run, to compare.
/// </summary>
[MemoryDiagnoser]
public class FirstAnswerBenchmarks
{
    private static readonly Instant Start = Instant.FromUtc(2026, 3, 27, 14, 17);
    private static readonly Duration EightHours = Duration.FromHours(8);
    private BusinessCalendar template = null!;
    private BusinessCalendar warm = null!;

    [GlobalSetup]
    public void Setup()
    {
        template = Calendars.London();
        warm = Build();
        warm.Add(Start, EightHours);
    }

    private BusinessCalendar Build()
    {
        var builder = new BusinessCalendarBuilder("london", "Europe/London");
        for (var day = IsoDayOfWeek.Monday; day <= IsoDayOfWeek.Sunday; day++)
        {
            builder.AddHours(day, [.. template.Weekly[day]]);
        }
        foreach (var rule in template.Rules)
        {
            builder.AddRule(rule);
        }
        return builder.Build();
    }

    [Benchmark(Description = "build the calendar")]
    public BusinessCalendar BuildOnly() => Build();

    [Benchmark(Description = "build, then first Add 8h")]
    public Instant BuildAndFirstAdd() => Build().Add(Start, EightHours);

    [Benchmark(Baseline = true, Description = "warm Add 8h")]
    public Instant WarmAdd() => warm.Add(Start, EightHours);
}
