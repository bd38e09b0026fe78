using System.Collections.Immutable;
using NodaTime;

namespace Sla.Core.Calendars;

/// <summary>
/// A rule that falls on the same month and day every year (February 29 only in leap years), optionally
/// moved off weekends by an <see cref="ObservedShift"/>.
/// </summary>
/// <remarks>Immutable and safe to share between threads.</remarks>
public sealed class FixedDateRule : CalendarRule
{
    /// <summary>Creates a fixed-date rule.</summary>
    /// <param name="name">The rule's name.</param>
    /// <param name="month">The month, 1 to 12.</param>
    /// <param name="day">The day of the month, valid for that month in a leap year.</param>
    /// <param name="observed">How a weekend occurrence is moved.</param>
    /// <param name="hours">The hours the day keeps; empty (or default) for a holiday.</param>
    /// <param name="fromYear">The first year the rule applies in, or <see langword="null"/>.</param>
    /// <param name="toYear">The last year the rule applies in, or <see langword="null"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    /// <remarks>Values are checked by the calendar's validator, which reports every problem at once.</remarks>
    public FixedDateRule(string name, int month, int day, ObservedShift observed = ObservedShift.None,
        ImmutableArray<TimeWindow> hours = default, int? fromYear = null, int? toYear = null)
        : base(name, hours, fromYear, toYear)
    {
        Month = month;
        Day = day;
        Observed = observed;
    }

    /// <summary>Gets the month, 1 to 12.</summary>
    public int Month { get; }

    /// <summary>Gets the day of the month.</summary>
    public int Day { get; }

    /// <summary>Gets how an occurrence on a weekend is moved.</summary>
    public ObservedShift Observed { get; }

    private protected override LocalDate? DateIn(int year) =>
        Month == 2 && Day == 29 && !CalendarSystem.Iso.IsLeapYear(year) ? null : new LocalDate(year, Month, Day);
}

/// <summary>How a fixed-date rule that falls on a weekend (ISO Saturday or Sunday) is moved.</summary>
public enum ObservedShift
{
    /// <summary>Not moved: the rule falls on its date whatever the weekday.</summary>
    None,

    /// <summary>Saturday moves to the Friday before, Sunday to the Monday after.</summary>
    NearestWeekday,

    /// <summary>Saturday or Sunday moves to the next Monday-to-Friday date that no other rule of the calendar occupies.</summary>
    NextWeekday,

    /// <summary>Sunday moves to the Monday after; Saturday is not moved.</summary>
    SundayToMonday,
}
