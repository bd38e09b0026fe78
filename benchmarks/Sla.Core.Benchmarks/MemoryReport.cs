using NodaTime;

namespace Sla.Core.Benchmarks;

/// <summary>Prints what the engine keeps per calendar and per compiled year (run with <c>--memory</c>).</summary>
internal static class MemoryReport
{
    public static void Print()
    {
        var london = Calendars.London();
        Console.WriteLine($"Empty year cache: {london.CompiledMemoryBytes():N0} bytes");
        foreach (var years in new[] { 1, 10, 70 })
        {
            var calendar = Calendars.London();
            calendar.Elapsed(Instant.FromUtc(2000, 1, 2, 0, 0), Instant.FromUtc(2000 + years - 1, 12, 30, 0, 0));
            Console.WriteLine($"{years,3} year(s) compiled (plus neighbours touched): {calendar.CompiledMemoryBytes():N0} bytes");
        }
        var always = Sla.Core.Calendars.BusinessCalendar.AlwaysOpen;
        Console.WriteLine($"24x7 calendar: {always.CompiledMemoryBytes():N0} bytes (it never compiles years)");
    }
}
