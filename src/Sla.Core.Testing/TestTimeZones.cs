using System.Collections.ObjectModel;
using NodaTime;
using NodaTime.Testing.TimeZones;
using NodaTime.TimeZones;

namespace Sla.Core.Testing;

/// <summary>
/// Zones that make business-time code fail if it can: real zones with DST (a 30-minute shift, jumps at
/// midnight, ambiguous times that are not DST) and synthetic zones whose only transition is at local midnight.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public static class TestTimeZones
{
    /// <summary>A synthetic zone whose clocks jump from 00:00 to 01:00 local on 2030-03-10 (offset -03:00 to -02:00).</summary>
    public const string MidnightJump = "Test/MidnightJump";

    /// <summary>A synthetic zone whose clocks fall back from 00:00 to 23:00 local on 2031-02-16, so 23:00-24:00 of the 15th repeats.</summary>
    public const string MidnightRepeat = "Test/MidnightRepeat";

    /// <summary>Gets real TZDB zones with awkward transitions: New York, London, Lord Howe (30 minutes), Sao Paulo (midnight jumps until 2019), Moscow, Casablanca (non-DST ambiguity), Kolkata, Apia (a skipped day), UTC.</summary>
    public static ReadOnlyCollection<string> Real { get; } = new(
    [
        "America/New_York", "Europe/London", "Australia/Lord_Howe", "America/Sao_Paulo", "Europe/Moscow",
        "Africa/Casablanca", "Asia/Kolkata", "Pacific/Apia", "UTC",
    ]);

    /// <summary>Gets every zone the generators use: <see cref="Real"/>, <see cref="MidnightJump"/> and <see cref="MidnightRepeat"/>.</summary>
    public static ReadOnlyCollection<string> All { get; } = new([.. Real, MidnightJump, MidnightRepeat]);

    /// <summary>Gets a provider that resolves TZDB ids and the two synthetic zones.</summary>
    public static IDateTimeZoneProvider Provider { get; } = new CompositeProvider();

    /// <summary>Gets the year whose transitions make a zone interesting (the synthetic zones' only transition), or <see langword="null"/> for any year.</summary>
    /// <param name="zoneId">The zone id.</param>
    /// <returns>The year, or <see langword="null"/>.</returns>
    public static int? InterestingYear(string zoneId) => zoneId switch
    {
        MidnightJump => 2030,
        MidnightRepeat => 2031,
        _ => null,
    };

    private sealed class CompositeProvider : IDateTimeZoneProvider
    {
        private readonly DateTimeZoneCache synthetic = new DateTimeZoneCache(new FakeDateTimeZoneSource.Builder
        {
            new SingleTransitionDateTimeZone(Instant.FromUtc(2030, 3, 10, 3, 0), Offset.FromHours(-3), Offset.FromHours(-2), MidnightJump),
            new SingleTransitionDateTimeZone(Instant.FromUtc(2031, 2, 16, 2, 0), Offset.FromHours(-2), Offset.FromHours(-3), MidnightRepeat),
        }.Build());

        public string VersionId => DateTimeZoneProviders.Tzdb.VersionId + " + test zones";

        public ReadOnlyCollection<string> Ids { get; } = new([.. DateTimeZoneProviders.Tzdb.Ids, MidnightJump, MidnightRepeat]);

        public DateTimeZone this[string id] => GetZoneOrNull(id) ?? throw new DateTimeZoneNotFoundException(id);

        public DateTimeZone GetSystemDefault() => DateTimeZone.Utc;

        public DateTimeZone? GetZoneOrNull(string id) =>
            id.StartsWith("Test/", StringComparison.Ordinal) ? synthetic.GetZoneOrNull(id) : DateTimeZoneProviders.Tzdb.GetZoneOrNull(id);
    }
}
