using System.Collections.Immutable;
using NodaTime;

namespace Sla.Core.Calendars;

/// <summary>
/// A recurring day rule of a business calendar: a holiday (no hours) or a short day (hours that the
/// day's weekly windows are cut down to). Rules never add working time.
/// </summary>
/// <remarks>
/// Concrete rules are <see cref="FixedDateRule"/>, <see cref="NthWeekdayRule"/> and <see cref="EasterRule"/>.
/// Instances are immutable and safe to share between threads.
/// </remarks>
public abstract class CalendarRule
{
    private protected CalendarRule(string name, ImmutableArray<TimeWindow> hours, int? fromYear, int? toYear)
    {
        ArgumentNullException.ThrowIfNull(name);
        Name = name;
        Hours = hours.IsDefault ? ImmutableArray<TimeWindow>.Empty : hours;
        FromYear = fromYear;
        ToYear = toYear;
    }

    /// <summary>Gets the rule's name, shown wherever it closes time (for example "Christmas Day").</summary>
    public string Name { get; }

    /// <summary>Gets the hours the day keeps; empty for a holiday, which closes the whole day.</summary>
    public ImmutableArray<TimeWindow> Hours { get; }

    /// <summary>Gets a value indicating whether the rule closes the whole day (it has no hours).</summary>
    public bool IsHoliday => Hours.IsEmpty;

    /// <summary>Gets the first year (inclusive) the rule applies in, or <see langword="null"/> for no lower bound.</summary>
    public int? FromYear { get; }

    /// <summary>Gets the last year (inclusive) the rule applies in, or <see langword="null"/> for no upper bound.</summary>
    public int? ToYear { get; }

    /// <summary>
    /// Gets the date the rule nominally falls on in <paramref name="year"/>, before any observed shift,
    /// or <see langword="null"/> when it does not occur that year (outside <see cref="FromYear"/>..<see cref="ToYear"/>,
    /// February 29 in a common year, a fifth weekday the month lacks).
    /// </summary>
    /// <param name="year">The ISO year.</param>
    /// <returns>The nominal date, or <see langword="null"/>.</returns>
    public LocalDate? NominalDateIn(int year)
    {
        if (year < (FromYear ?? int.MinValue) || year > (ToYear ?? int.MaxValue))
        {
            return null;
        }
        return DateIn(year);
    }

    /// <summary>Computes the nominal date in a year already known to lie within the rule's year range.</summary>
    /// <param name="year">The ISO year.</param>
    /// <returns>The date, or <see langword="null"/> when the rule does not occur that year.</returns>
    private protected abstract LocalDate? DateIn(int year);
}
