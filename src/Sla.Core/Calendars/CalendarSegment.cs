using NodaTime;

namespace Sla.Core.Calendars;

/// <summary>
/// A stretch of time that is either all working or all closed, as a calendar explains a range.
/// </summary>
/// <param name="Interval">The stretch, half-open: <c>[Start, End)</c>.</param>
/// <param name="IsWorking">Whether every instant of the stretch is working time.</param>
/// <param name="ClosedBy">For a closed stretch on a date that a rule or dated exception cut short or
/// closed, the name of that rule or exception (several joined by "; "); otherwise <see langword="null"/>
/// (outside the weekly hours).</param>
public readonly record struct CalendarSegment(Interval Interval, bool IsWorking, string? ClosedBy);

/// <summary>
/// One local date as a calendar sees it: its hours after the weekly schedule, rules and exceptions, and
/// what shaped them.
/// </summary>
/// <param name="Date">The local date.</param>
/// <param name="Hours">The date's windows, in local wall-clock time (an overnight window runs into the next date).</param>
/// <param name="ShapedBy">The names of the rules or dated exception that gave the date these hours; empty when the weekly schedule alone did.</param>
public sealed record CalendarDay(LocalDate Date, System.Collections.Immutable.ImmutableArray<TimeWindow> Hours, System.Collections.Immutable.ImmutableArray<string> ShapedBy)
{
    /// <summary>Gets a value indicating whether the date has any hours (a working day).</summary>
    public bool IsWorkingDay => !Hours.IsEmpty;

    /// <summary>Describes the day for people: <c>2027-12-24 Friday 08:30-12:30, 13:30-16:00</c>, <c>2027-12-27 Monday closed (Christmas Day)</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString()
    {
        var hours = IsWorkingDay ? string.Join(", ", Hours) : "closed";
        var shaped = ShapedBy.IsDefaultOrEmpty ? "" : $" ({string.Join("; ", ShapedBy)})";
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Date:yyyy-MM-dd} {Date.DayOfWeek} {hours}{shaped}");
    }
}
