using NodaTime;
using Sla.Core.Calendars;
using Sla.Core.Text;

namespace Sla.Cli.Calendars;

/// <summary>
/// <c>sla calendar check</c>: validates a calendar and prints what a person needs to see it is right:
/// zone and TZDB version, weekly hours, and the next closed or shortened days with their names.
/// </summary>
internal static class CalendarCheckCommand
{
    private const int ClosedDaysShown = 10;
    private const int DaysSearched = 3 * 366;

    /// <summary>The first date a calendar's days can be shown for.</summary>
    public static readonly LocalDate FirstDate = new(2, 1, 1);

    /// <summary>The last date a calendar's days can be shown for.</summary>
    public static readonly LocalDate LastDate = new(9998, 12, 31);

    public static bool Covers(LocalDate date) => date >= FirstDate && date <= LastDate;

    public static int Run(BusinessCalendar calendar, LocalDate from, CliConsole console)
    {
        var output = console.Out;
        output.WriteLine($"Calendar {calendar.Id} is valid.");
        output.WriteLine($"  Time zone:  {calendar.Zone.Id} ({calendar.TimeZoneProviderVersion})");
        output.WriteLine($"  Rules: {calendar.Rules.Length}; dated exceptions: {calendar.Exceptions.Length}");
        output.WriteLine("  Weekly hours (wall clock):");
        for (var day = IsoDayOfWeek.Monday; day <= IsoDayOfWeek.Sunday; day++)
        {
            var windows = calendar.Weekly[day];
            var hours = windows.IsEmpty ? "closed" : string.Join(", ", windows);
            var total = windows.Aggregate(Duration.Zero, (sum, w) => sum + w.WallClockLength);
            output.WriteLine($"    {day.ToString().ToLowerInvariant(),-10} {hours,-30} {DurationText.Format(total)}");
        }
        output.WriteLine($"    {"week",-10} {"",-30} {DurationText.Format(calendar.Weekly.WeeklyWallClockTotal)}");
        output.WriteLine($"  Next closed or shortened days from {from:yyyy-MM-dd}:");
        var shown = 0;
        var searched = 0;
        for (var date = from; searched < DaysSearched && shown < ClosedDaysShown && date <= LastDate; date = date.PlusDays(1), searched++)
        {
            var day = calendar.GetDay(date);
            if (day.ShapedBy.IsEmpty || !LosesTime(calendar, day))
            {
                continue;
            }
            var hours = day.IsWorkingDay ? string.Join(", ", day.Hours) : "closed";
            output.WriteLine($"    {day.Date:yyyy-MM-dd} {day.Date.DayOfWeek.ToString()[..3]}  {hours,-26} {string.Join("; ", day.ShapedBy)}");
            shown++;
        }
        if (shown == 0)
        {
            output.WriteLine(searched < DaysSearched ? $"    none up to {LastDate:yyyy-MM-dd}, the last date calendars cover" : "    none in the next three years");
        }
        return ExitCodes.Ok;
    }

    private static bool LosesTime(BusinessCalendar calendar, CalendarDay day)
    {
        static Duration Total(IEnumerable<TimeWindow> windows) => windows.Aggregate(Duration.Zero, (sum, w) => sum + w.WallClockLength);
        return !day.IsWorkingDay || Total(day.Hours) < Total(calendar.Weekly[day.Date.DayOfWeek]);
    }
}
