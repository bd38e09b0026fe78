using NodaTime;

namespace Sla.Core.Reports;

/// <summary>
/// The reporting date of instants, as <c>instant.InZone(zone).Date</c> gives it, remembering the last day's bounds:
/// a report's results come roughly in time order, so the last day usually holds the next instant, and a bounds check
/// is cheaper than a time-zone lookup. Mutable; one per builder, like the builder not thread-safe.
/// </summary>
internal struct ReportingDays
{
    private DateTimeZone? zone;
    private Interval bounds;
    private LocalDate date;

    /// <summary>The date of <paramref name="at"/> in <paramref name="in"/>.</summary>
    public LocalDate DateOf(Instant at, DateTimeZone @in)
    {
        if (ReferenceEquals(zone, @in) && bounds.Contains(at))
        {
            return date;
        }
        date = at.InZone(@in).Date;
        // A day runs from its first instant to the first instant of a later date (23 or 25 hours across a change of offset).
        bounds = new Interval(@in.AtStartOfDay(date).ToInstant(), EndOf(date, @in));
        zone = @in;
        return date;
    }

    /// <summary>
    /// The first instant after <paramref name="date"/>: the next midnight, or when that midnight is skipped, the instant the gap
    /// ends (which is also right when the whole next day is skipped, as in Apia on 30 December 2011).
    /// </summary>
    private static Instant EndOf(LocalDate date, DateTimeZone zone)
    {
        var midnight = zone.MapLocal(date.PlusDays(1).AtMidnight());
        return midnight.Count > 0 ? midnight.First().ToInstant() : midnight.LateInterval.Start;
    }
}
