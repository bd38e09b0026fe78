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
        if (calendar.IsComposite)
        {
            WriteComposite(calendar, from, output);
        }
        else
        {
            WriteWeekly(calendar, output);
        }
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

    private static void WriteWeekly(BusinessCalendar calendar, TextWriter output)
    {
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
    }

    /// <summary>A composite has no weekly hours of its own: say what it is built from, and how much the week holds.</summary>
    private static void WriteComposite(BusinessCalendar calendar, LocalDate from, TextWriter output)
    {
        var members = string.Join(", ", calendar.Members.Select(m => m.IsComposite ? m.Id : $"{m.Id} ({m.Zone.Id})"));
        output.WriteLine($"  Built as:   {calendar.Operation.ToString()!.ToLowerInvariant()} of {members}");
        var monday = from.With(DateAdjusters.PreviousOrSame(IsoDayOfWeek.Monday));
        var start = ZoneStart(calendar, monday);
        var end = ZoneStart(calendar, monday.PlusWeeks(1));
        output.WriteLine($"  Working time in the week from Monday {monday:yyyy-MM-dd}: {DurationText.Format(calendar.Elapsed(start, end))}");
    }

    private static Instant ZoneStart(BusinessCalendar calendar, LocalDate date) =>
        date.AtMidnight().InZone(calendar.Zone, NodaTime.TimeZones.Resolvers.LenientResolver).ToInstant();

    /// <summary>Whether a rule or exception closed the date or left it fewer hours than its weekday usually has (for a composite:
    /// whether a member's rule or exception, or a subtracted calendar, closed any of its time).</summary>
    public static bool IsClosedOrShortened(BusinessCalendar calendar, CalendarDay day) =>
        !day.ShapedBy.IsEmpty && (calendar.IsComposite || !day.IsWorkingDay || WallClock(day.Hours) < WallClock(calendar.Weekly[day.Date.DayOfWeek]));

    /// <summary>The wall-clock length of a date's windows.</summary>
    public static Duration WallClock(IEnumerable<TimeWindow> windows) => windows.Aggregate(Duration.Zero, (sum, w) => sum + w.WallClockLength);
}
