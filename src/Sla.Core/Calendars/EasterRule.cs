using System.Collections.Immutable;
using NodaTime;

namespace Sla.Core.Calendars;

/// <summary>
/// A rule that falls a number of days before or after Easter Sunday: Western (Gregorian computus) or
/// Orthodox (Julian computus, expressed as a Gregorian date). Good Friday is Western Easter -2.
/// </summary>
/// <remarks>Immutable and safe to share between threads.</remarks>
public sealed class EasterRule : CalendarRule
{
    /// <summary>Creates an Easter-relative rule.</summary>
    /// <param name="name">The rule's name.</param>
    /// <param name="easter">Which Easter the offset counts from.</param>
    /// <param name="offset">Days after (positive) or before (negative) Easter Sunday.</param>
    /// <param name="hours">The hours the day keeps; empty (or default) for a holiday.</param>
    /// <param name="fromYear">The first year the rule applies in, or <see langword="null"/>.</param>
    /// <param name="toYear">The last year the rule applies in, or <see langword="null"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    public EasterRule(string name, EasterKind easter, int offset,
        ImmutableArray<TimeWindow> hours = default, int? fromYear = null, int? toYear = null)
        : base(name, hours, fromYear, toYear)
    {
        Easter = easter;
        Offset = offset;
    }

    /// <summary>Gets which Easter the offset counts from.</summary>
    public EasterKind Easter { get; }

    /// <summary>Gets the offset in days from Easter Sunday.</summary>
    public int Offset { get; }

    private protected override LocalDate? DateIn(int year)
    {
        if (Easter == EasterKind.Orthodox && year > CalendarSystem.Julian.MaxYear)
        {
            // Past the Julian calendar's last year Orthodox Easter cannot be computed; it would fall after the last ISO date too.
            return null;
        }
        var easter = Easter == EasterKind.Western ? WesternEaster(year) : OrthodoxEaster(year);
        // Near the ends of the ISO calendar the offset can carry the date past the last (or first) date
        // there is: that occurrence does not exist.
        var room = Period.Between(easter, Offset >= 0 ? LocalDate.MaxIsoValue : LocalDate.MinIsoValue, PeriodUnits.Days).Days;
        return Math.Abs(room) < Math.Abs(Offset) ? null : easter.PlusDays(Offset);
    }

    /// <summary>Western Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/Butcher).</summary>
    /// <param name="year">The Gregorian year.</param>
    /// <returns>Easter Sunday.</returns>
    internal static LocalDate WesternEaster(int year)
    {
        int a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4;
        int f = (b + 8) / 25, g = (b - f + 1) / 3, h = ((19 * a) + b - d - g + 15) % 30;
        int i = c / 4, k = c % 4, l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        int m = (a + (11 * h) + (22 * l)) / 451;
        int month = (h + l - (7 * m) + 114) / 31, day = ((h + l - (7 * m) + 114) % 31) + 1;
        return new LocalDate(year, month, day);
    }

    /// <summary>Orthodox Easter Sunday by the Julian computus (Meeus), converted to the Gregorian calendar.</summary>
    /// <param name="year">The year.</param>
    /// <returns>Easter Sunday as a Gregorian (ISO) date.</returns>
    internal static LocalDate OrthodoxEaster(int year)
    {
        int a = year % 4, b = year % 7, c = year % 19;
        int d = ((19 * c) + 15) % 30, e = ((2 * a) + (4 * b) - d + 34) % 7;
        int month = (d + e + 114) / 31, day = ((d + e + 114) % 31) + 1;
        return new LocalDate(year, month, day, CalendarSystem.Julian).WithCalendar(CalendarSystem.Iso);
    }
}

/// <summary>Which Easter an <see cref="EasterRule"/> counts from.</summary>
public enum EasterKind
{
    /// <summary>Western Easter, by the Gregorian computus.</summary>
    Western,

    /// <summary>Orthodox Easter, by the Julian computus, expressed as a Gregorian date.</summary>
    Orthodox,
}
