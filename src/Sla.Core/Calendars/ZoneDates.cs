using NodaTime;
using NodaTime.TimeZones;

namespace Sla.Core.Calendars;

/// <summary>Where local dates begin in a zone, for every date, including those a zone skips whole.</summary>
internal static class ZoneDates
{
    // Midnight that does not exist maps to the instant the clocks jump; a repeated midnight to its first
    // instant. A date the zone skips entirely (Pacific/Apia, 2011-12-30) so begins, and ends, at the jump,
    // where NodaTime's AtStartOfDay would throw.
    private static readonly ZoneLocalMappingResolver StartResolver =
        Resolvers.CreateMappingResolver(Resolvers.ReturnEarlier, Resolvers.ReturnStartOfIntervalAfter);

    /// <summary>The instant <paramref name="date"/> begins in <paramref name="zone"/>.</summary>
    public static Instant StartOfDay(DateTimeZone zone, LocalDate date) => date.AtMidnight().InZone(zone, StartResolver).ToInstant();
}
