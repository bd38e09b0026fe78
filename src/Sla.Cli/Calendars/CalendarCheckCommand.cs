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
    /// <summary>How many closed or shortened days are listed unless <c>--count</c> says otherwise.</summary>
    public const int DefaultCount = 10;

    private const int DaysSearched = 3 * 366;

    private static LocalDate LastDate => BusinessCalendar.LastDate;

    public static int Run(CalendarsByDate calendarOn, LocalDate from, int count, CliConsole console)
    {
        var calendar = calendarOn.On(from);
        var output = console.Out;
        output.WriteLine($"Calendar {calendar.Id} is valid.");
        output.WriteLine($"  Time zone:  {calendar.Zone.Id} ({calendar.TimeZoneProviderVersion})");
        output.WriteLine($"  Rules: {calendar.Rules.Length}; dated exceptions: {calendar.Exceptions.Length}");
        output.WriteLine("  Weekly hours (wall clock):");
        for (var day = IsoDayOfWeek.Monday; day <= IsoDayOfWeek.Sunday; day++)
        {
            var windows = calendar.Weekly[day];
            var hours = windows.IsEmpty ? "closed" : string.Join(", ", windows);
            var total = WallClock(windows);
            output.WriteLine($"    {day.ToString().ToLowerInvariant(),-10} {hours,-30} {DurationText.Format(total)}");
        }
        output.WriteLine($"    {"week",-10} {"",-30} {DurationText.Format(calendar.Weekly.WeeklyWallClockTotal)}");
        output.WriteLine($"  Next closed or shortened days from {from:yyyy-MM-dd}:");
        var shown = 0;
        var searched = 0;
        for (var date = from; searched < DaysSearched && shown < count && date <= LastDate; date = date.PlusDays(1), searched++)
        {
            var dated = calendarOn.On(date);
            var day = dated.GetDay(date);
            if (!IsClosedOrShortened(dated, day))
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

    /// <summary>Whether a rule or exception closed the date or left it fewer hours than its weekday usually has.</summary>
    public static bool IsClosedOrShortened(BusinessCalendar calendar, CalendarDay day) =>
        !day.ShapedBy.IsEmpty && (!day.IsWorkingDay || WallClock(day.Hours) < WallClock(calendar.Weekly[day.Date.DayOfWeek]));

    /// <summary>The wall-clock length of a date's windows.</summary>
    public static Duration WallClock(IEnumerable<TimeWindow> windows) => windows.Aggregate(Duration.Zero, (sum, w) => sum + w.WallClockLength);
}
