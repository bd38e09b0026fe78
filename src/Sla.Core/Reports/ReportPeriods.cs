using NodaTime;
using Sla.Core.Calendars;
using Sla.Core.Policies;

namespace Sla.Core.Reports;

/// <summary>A reporting period: a week, month or quarter of local dates in a zone, as instants <c>[Start, End)</c>.</summary>
/// <param name="Kind">Week, month or quarter.</param>
/// <param name="FirstDate">The period's first local date.</param>
/// <param name="Start">The instant it starts.</param>
/// <param name="End">The instant the next period starts.</param>
public sealed record ReportPeriod(ReportingPeriod Kind, LocalDate FirstDate, Instant Start, Instant End)
{
    /// <summary>Gets the period's label: <c>2026-W10</c>, <c>2026-03</c> or <c>2026-Q1</c>.</summary>
    public string Label => Kind switch
    {
        ReportingPeriod.Week => $"{NodaTime.Calendars.WeekYearRules.Iso.GetWeekYear(FirstDate):0000}-W{NodaTime.Calendars.WeekYearRules.Iso.GetWeekOfWeekYear(FirstDate):00}",
        ReportingPeriod.Month => $"{FirstDate.Year:0000}-{FirstDate.Month:00}",
        _ => $"{FirstDate.Year:0000}-Q{((FirstDate.Month - 1) / 3) + 1}",
    };

    /// <summary>Gets the period of a kind that contains an instant, in a zone.</summary>
    /// <param name="kind">Week (ISO, Monday first), month or quarter.</param>
    /// <param name="instant">The instant.</param>
    /// <param name="zone">The zone whose local dates the periods follow.</param>
    /// <returns>The period.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="zone"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The instant falls outside local years 2 to 9998 in <paramref name="zone"/>.</exception>
    public static ReportPeriod Containing(ReportingPeriod kind, Instant instant, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var date = instant.InZone(zone).Date;
        return IsSupported(date) ? OfDate(kind, date, zone) : throw OutOfRange(nameof(instant), instant);
    }

    /// <summary>Gets the period of a kind that contains a local date, in a zone.</summary>
    /// <param name="kind">Week (ISO, Monday first), month or quarter.</param>
    /// <param name="date">The local date.</param>
    /// <param name="zone">The zone whose local dates the periods follow.</param>
    /// <returns>The period.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="zone"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="date"/> is outside the years 2 to 9998.</exception>
    public static ReportPeriod OfDate(ReportingPeriod kind, LocalDate date, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        if (!IsSupported(date))
        {
            throw OutOfRange(nameof(date), date);
        }
        var first = kind switch
        {
            ReportingPeriod.Week => date.DayOfWeek == IsoDayOfWeek.Monday ? date : date.Previous(IsoDayOfWeek.Monday),
            ReportingPeriod.Month => new LocalDate(date.Year, date.Month, 1),
            _ => new LocalDate(date.Year, (((date.Month - 1) / 3) * 3) + 1, 1),
        };
        var next = kind switch
        {
            ReportingPeriod.Week => first.PlusWeeks(1),
            ReportingPeriod.Month => first.PlusMonths(1),
            _ => first.PlusMonths(3),
        };
        return new ReportPeriod(kind, first, ZoneDates.StartOfDay(zone, first), ZoneDates.StartOfDay(zone, next));
    }

    private static bool IsSupported(LocalDate date) => date.Year is >= CalendarYears.MinYear and <= CalendarYears.MaxYear;

    private static ArgumentOutOfRangeException OutOfRange(string parameterName, object value) =>
        new(parameterName, value, $"Report periods cover local years {CalendarYears.MinYear} to {CalendarYears.MaxYear}.");
}
