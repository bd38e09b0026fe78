using NodaTime;
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
        ReportingPeriod.Week => $"{NodaTime.Calendars.WeekYearRules.Iso.GetWeekYear(FirstDate)}-W{NodaTime.Calendars.WeekYearRules.Iso.GetWeekOfWeekYear(FirstDate):00}",
        ReportingPeriod.Month => $"{FirstDate.Year}-{FirstDate.Month:00}",
        _ => $"{FirstDate.Year}-Q{((FirstDate.Month - 1) / 3) + 1}",
    };

    /// <summary>Gets the period of a kind that contains an instant, in a zone.</summary>
    /// <param name="kind">Week (ISO, Monday first), month or quarter.</param>
    /// <param name="instant">The instant.</param>
    /// <param name="zone">The zone whose local dates the periods follow.</param>
    /// <returns>The period.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="zone"/> is null.</exception>
    public static ReportPeriod Containing(ReportingPeriod kind, Instant instant, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return OfDate(kind, instant.InZone(zone).Date, zone);
    }

    /// <summary>Gets the period of a kind that contains a local date, in a zone.</summary>
    /// <param name="kind">Week (ISO, Monday first), month or quarter.</param>
    /// <param name="date">The local date.</param>
    /// <param name="zone">The zone whose local dates the periods follow.</param>
    /// <returns>The period.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="zone"/> is null.</exception>
    public static ReportPeriod OfDate(ReportingPeriod kind, LocalDate date, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
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
        return new ReportPeriod(kind, first, zone.AtStartOfDay(first).ToInstant(), zone.AtStartOfDay(next).ToInstant());
    }
}
