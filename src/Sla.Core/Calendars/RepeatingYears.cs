using NodaTime;

namespace Sla.Core.Calendars;

/// <summary>
/// Where a composite calendar's years repeat every 400 years, so a search for working time that is not there
/// (two calendars whose hours never meet) ends after one empty cycle instead of reading every year to 9998.
/// The weekdays and leap years repeat after 400 Gregorian years; a zone's offsets repeat too before its first
/// change (local mean time) and once its rules settle into yearly ones (TZDB's far future), which is checked,
/// not assumed.
/// </summary>
/// <remarks>Stateless and thread-safe.</remarks>
internal static class RepeatingYears
{
    private const int Cycle = 400;
    private static readonly Duration CycleLength = Duration.FromDays(146_097);
    // Years from which to look for settled rules: after TZDB's precomputed transitions (2037), then later ones.
    private static readonly int[] SettledFrom = [2040, 2200, 2600];

    /// <summary>
    /// The years around which a composite's pattern may not repeat: each year between the zones' first change and
    /// the year their rules settle, and the members' own breaks with a year either side (their local years need
    /// not line up with the composite's).
    /// </summary>
    public static int[] Breaks(IReadOnlyCollection<DateTimeZone> zones, IEnumerable<int> memberBreaks)
    {
        var unsettledFrom = Math.Max(zones.Min(FirstChangeYear) - 2, CalendarYears.MinYear);
        var settled = SettledFrom.FirstOrDefault(year => zones.All(zone => Repeats(zone, year)), CalendarYears.MaxYear);
        var unsettled = settled > unsettledFrom ? Enumerable.Range(unsettledFrom, settled - unsettledFrom + 1) : [];
        return [.. memberBreaks.SelectMany(y => new[] { y - 1, y, y + 1 })
            .Concat(unsettled)
            .Concat([CalendarYears.MinYear, CalendarYears.MaxYear])
            .Where(y => y >= CalendarYears.MinYear && y <= CalendarYears.MaxYear)
            .Distinct().Order()];
    }

    private static int FirstChangeYear(DateTimeZone zone)
    {
        var first = zone.GetZoneInterval(Instant.FromUtc(CalendarYears.MinYear, 1, 1, 0, 0));
        return first.HasEnd && first.End < Instant.FromUtc(CalendarYears.MaxYear, 1, 1, 0, 0) ? first.End.InUtc().Year : CalendarYears.MaxYear;
    }

    /// <summary>Whether the zone's changes over the 400 years from <paramref name="year"/> are those of the 400 before, shifted.</summary>
    private static bool Repeats(DateTimeZone zone, int year)
    {
        var start = Instant.FromUtc(year, 1, 1, 0, 0);
        var first = Changes(zone, start, start + CycleLength);
        var second = Changes(zone, start + CycleLength, start + CycleLength + CycleLength);
        return first.Count == second.Count && first.Zip(second).All(p => p.First.At + CycleLength == p.Second.At && p.First.Offset == p.Second.Offset);
    }

    private static List<(Instant At, Offset Offset)> Changes(DateTimeZone zone, Instant from, Instant to) =>
        [.. zone.GetZoneIntervals(from, to).Where(z => z.HasStart && z.Start > from).Select(z => (z.Start, z.WallOffset))];
}
