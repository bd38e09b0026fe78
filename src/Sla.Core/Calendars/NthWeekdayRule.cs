using System.Collections.Immutable;
using NodaTime;

namespace Sla.Core.Calendars;

/// <summary>
/// A rule that falls on the n-th (1 to 5) or last (-1) given weekday of a month, such as the fourth
/// Thursday of November. A fifth weekday the month lacks does not occur.
/// </summary>
/// <remarks>Immutable and safe to share between threads.</remarks>
public sealed class NthWeekdayRule : CalendarRule
{
    /// <summary>The occurrence value that means the last such weekday of the month.</summary>
    public const int Last = -1;

    /// <summary>Creates an n-th weekday rule.</summary>
    /// <param name="name">The rule's name.</param>
    /// <param name="month">The month, 1 to 12.</param>
    /// <param name="weekday">The ISO weekday.</param>
    /// <param name="occurrence">1 to 5, or <see cref="Last"/>.</param>
    /// <param name="hours">The hours the day keeps; empty (or default) for a holiday.</param>
    /// <param name="fromYear">The first year the rule applies in, or <see langword="null"/>.</param>
    /// <param name="toYear">The last year the rule applies in, or <see langword="null"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    /// <remarks>Values are checked by the calendar's validator, which reports every problem at once.</remarks>
    public NthWeekdayRule(string name, int month, IsoDayOfWeek weekday, int occurrence,
        ImmutableArray<TimeWindow> hours = default, int? fromYear = null, int? toYear = null)
        : base(name, hours, fromYear, toYear)
    {
        Month = month;
        Weekday = weekday;
        Occurrence = occurrence;
    }

    /// <summary>Gets the month, 1 to 12.</summary>
    public int Month { get; }

    /// <summary>Gets the ISO weekday.</summary>
    public IsoDayOfWeek Weekday { get; }

    /// <summary>Gets the occurrence: 1 to 5, or <see cref="Last"/>.</summary>
    public int Occurrence { get; }

    private protected override LocalDate? DateIn(int year)
    {
        if (Occurrence == Last)
        {
            var lastDay = new LocalDate(year, Month, CalendarSystem.Iso.GetDaysInMonth(year, Month));
            return lastDay.DayOfWeek == Weekday ? lastDay : lastDay.Previous(Weekday);
        }
        var firstDay = new LocalDate(year, Month, 1);
        var first = firstDay.DayOfWeek == Weekday ? firstDay : firstDay.Next(Weekday);
        var day = first.Day + (7 * (Occurrence - 1));
        return day <= CalendarSystem.Iso.GetDaysInMonth(year, Month) ? new LocalDate(year, Month, day) : null;
    }
}
