using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using NodaTime;
using Sla.Cli.Compliance;
using Sla.Core.Calendars;
using Sla.Core.Compliance;
using Sla.Core.Policies;
using Sla.Core.Tickets;
using Sla.Core.Validation;

namespace Sla.Core.Benchmarks;

/// <summary>
/// Input built to be slow: thousands of identical windows, one very long line, a ticket with tens of
/// thousands of exchanges, and answers that are unreachable across thousands of years. Each is measured
/// cold (a new calendar every time, nothing compiled yet), as a hostile request would meet it.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.ColdStart, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class HostileInputBenchmarks
{
    private static readonly Instant Start = Instant.FromUtc(2026, 1, 5, 8, 0);
    private BusinessCalendarBuilder identicalWindows = null!;
    private byte[] longLine = null!;
    private Ticket chatty = null!;
    private PolicySet policy = null!;

    [GlobalSetup]
    public void Setup()
    {
        identicalWindows = new BusinessCalendarBuilder("dup", "UTC");
        for (var i = 0; i < 3000; i++)
        {
            identicalWindows.AddHours(IsoDayOfWeek.Monday, "09:00-17:00");
        }
        longLine = System.Text.Encoding.UTF8.GetBytes("{\"op\":\"isWorking\"," + new string(' ', 100_000_000) + "\"at\":\"2026-03-27T10:00:00Z\"}\n");
        var created = Instant.FromUtc(2026, 3, 16, 9, 0);
        chatty = new Ticket("T-1", "email", "P1", created, [.. Enumerable.Range(0, 60_000).SelectMany(i => new[]
        {
            TicketEvent.CustomerMessage(created + Duration.FromSeconds((2 * i) + 1)),
            TicketEvent.AgentReply(created + Duration.FromSeconds((2 * i) + 2)),
        })]);
        policy = new PolicySetBuilder("p", "P")
            .AddVersion("v1", Instant.FromUtc(2026, 1, 1, 0, 0), v => v.AddCalendar(Weekdays()).WithPriorities("P1")
                .AddService("email", "E-mail", s => s
                    .Target("P1", Metric.FirstResponse, SlaTarget.InBusinessTime(Duration.FromHours(1), "office"))
                    .Target("P1", Metric.NextResponse, SlaTarget.InBusinessTime(Duration.FromHours(2), "office"))
                    .Target("P1", Metric.Resolution, SlaTarget.InBusinessTime(Duration.FromHours(40), "office"))))
            .Build();
    }

    [Benchmark(Description = "Validate a day of 3,000 identical windows")]
    public int ValidateIdenticalWindows() => identicalWindows.Validate().Length;

    [Benchmark(Description = "Read one 100 MB line")]
    public int ReadLongLine()
    {
        var lines = new Utf8LineBatches(new MemoryStream(longLine), 1);
        using var batch = lines.Next()!;
        return batch.Line(0).Length;
    }

    [Benchmark(Description = "Evaluate a ticket with 60,000 message/reply pairs")]
    public int EvaluateChattyTicket() => ComplianceEvaluator.Evaluate(policy, chatty, Instant.FromUtc(2026, 3, 18, 9, 0)).Metrics.Length;

    [Benchmark(Description = "Unreachable: 366 holidays close every Monday of a Monday-only calendar")]
    public bool EveryMondayClosed()
    {
        var builder = new BusinessCalendarBuilder("mondays", "UTC").AddHours(IsoDayOfWeek.Monday, "09:00-17:00");
        foreach (var date in Enumerable.Range(0, 366).Select(i => new LocalDate(2024, 1, 1).PlusDays(i)))
        {
            builder.AddRule(new FixedDateRule($"Closed {date:MM-dd}", date.Month, date.Day));
        }
        return builder.Build().TryAdd(Start, Duration.FromHours(1), out _);
    }

    [Benchmark(Description = "Unreachable: 1 h back from 9000 on a calendar of one 2020 exception")]
    public bool BackToAnException()
    {
        var calendar = new BusinessCalendarBuilder("events", "UTC").AddException(new LocalDate(2020, 6, 1), "Open day", "09:00-17:00").Build();
        return calendar.TryAdd(Instant.FromUtc(9000, 1, 1, 0, 0), -Duration.FromHours(1), out _);
    }

    [Benchmark(Description = "Unreachable: 3,660,000 business days on a Monday-Friday calendar")]
    public bool MostBusinessDays() => Weekdays().TryAddBusinessDays(Start, new BusinessDays(BusinessDays.MaxDays), out _);

    [Benchmark(Description = "Unreachable: PT87600000H on a Monday-Friday calendar")]
    public bool MostBusinessTime() => Weekdays().TryAdd(Start, BusinessCalendar.MaxAmount, out _);

    private static BusinessCalendar Weekdays()
    {
        var builder = new BusinessCalendarBuilder("office", "Europe/London");
        for (var day = IsoDayOfWeek.Monday; day <= IsoDayOfWeek.Friday; day++)
        {
            builder.AddHours(day, "09:00-17:00");
        }
        return builder.AddRule(new FixedDateRule("Christmas Day", 12, 25, ObservedShift.NextWeekday)).Build();
    }
}
