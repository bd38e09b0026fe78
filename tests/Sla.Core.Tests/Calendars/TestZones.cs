using NodaTime;
using NodaTime.Testing.TimeZones;
using NodaTime.TimeZones;

namespace Sla.Core.Tests.Calendars;

/// <summary>
/// The zones the properties run over: real DST zones (a 30-minute shift, jumps at midnight, ambiguous
/// non-DST times) and synthetic zones whose only transition is at local midnight.
/// </summary>
internal static class TestZones
{
    /// <summary>Clocks jump from 00:00 to 01:00 local on 2030-03-10 (offset -03:00 to -02:00).</summary>
    public const string MidnightJump = "Test/MidnightJump";

    /// <summary>Clocks fall back from 00:00 to 23:00 local on 2031-02-16, so 23:00-24:00 of the 15th repeats.</summary>
    public const string MidnightRepeat = "Test/MidnightRepeat";

    public static readonly string[] Real =
    [
        "America/New_York", "Europe/London", "Australia/Lord_Howe", "America/Sao_Paulo", "Europe/Moscow",
        "Africa/Casablanca", "Asia/Kolkata", "Pacific/Apia", "UTC",
    ];

    public static readonly IDateTimeZoneProvider Provider = new CompositeProvider();

    public static string[] All => [.. Real, MidnightJump, MidnightRepeat];

    private sealed class CompositeProvider : IDateTimeZoneProvider
    {
        private readonly IDateTimeZoneProvider synthetic = new DateTimeZoneCache(new FakeDateTimeZoneSource.Builder
        {
            new SingleTransitionDateTimeZone(Instant.FromUtc(2030, 3, 10, 3, 0), Offset.FromHours(-3), Offset.FromHours(-2), MidnightJump),
            new SingleTransitionDateTimeZone(Instant.FromUtc(2031, 2, 16, 2, 0), Offset.FromHours(-2), Offset.FromHours(-3), MidnightRepeat),
        }.Build());

        public string VersionId => DateTimeZoneProviders.Tzdb.VersionId + " + test zones";

        public System.Collections.ObjectModel.ReadOnlyCollection<string> Ids { get; } = new([.. DateTimeZoneProviders.Tzdb.Ids, MidnightJump, MidnightRepeat]);

        public DateTimeZone this[string id] => GetZoneOrNull(id) ?? throw new DateTimeZoneNotFoundException(id);

        public DateTimeZone GetSystemDefault() => DateTimeZone.Utc;

        public DateTimeZone? GetZoneOrNull(string id) =>
            id.StartsWith("Test/", StringComparison.Ordinal) ? synthetic.GetZoneOrNull(id) : DateTimeZoneProviders.Tzdb.GetZoneOrNull(id);
    }
}
