using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using Sla.Core.Reports;

namespace Sla.Core.Tests.Reports;

/// <summary>The remembered reporting day gives the date a zone lookup gives, for any sequence of instants, across changes of offset.</summary>
public sealed class ReportingDaysProperties
{
    // Offsets that change at midnight (Havana, Santiago: the day starts at 01:00 or is 25 hours), by half an hour (Lord Howe),
    // whole days skipped (Apia, December 2011), and the usual ones.
    private static readonly string[] ZoneIds = ["Europe/London", "America/Havana", "America/Santiago", "Australia/Lord_Howe", "Pacific/Apia", "Asia/Kolkata", "UTC"];

    public static Arbitrary<(string Zone, Instant At)[]> Sequences() =>
        (from zone in Gen.Elements(ZoneIds)
         from start in Gen.Choose(0, 20 * 365)
         from steps in Gen.Choose(-3 * 3600, 30 * 3600).ArrayOf()
         select steps.Aggregate(new List<(string, Instant)>(), (list, step) =>
         {
             var previous = list.Count == 0 ? Instant.FromUtc(2008, 1, 1, 0, 0) + Duration.FromDays(start) : list[^1].Item2;
             list.Add((zone, previous + Duration.FromSeconds(step)));
             return list;
         }).ToArray())
        .Or(from pairs in Gen.Elements(ZoneIds).Zip(Gen.Choose(0, 20 * 365 * 24)).ArrayOf()
            select pairs.Select(p => (p.Item1, Instant.FromUtc(2008, 1, 1, 0, 0) + Duration.FromHours(p.Item2))).ToArray())
        .ToArbitrary();

    [Fact]
    public void A_day_before_a_day_that_never_happened_ends_when_the_next_one_begins()
    {
        // Samoa went from UTC-10 to UTC+14 at the end of 29 December 2011: the 30th never happened there.
        var apia = DateTimeZoneProviders.Tzdb["Pacific/Apia"];
        var days = new ReportingDays();
        Assert.Equal(new LocalDate(2011, 12, 29), days.DateOf(Instant.FromUtc(2011, 12, 30, 5, 0), apia));
        Assert.Equal(new LocalDate(2011, 12, 29), days.DateOf(Instant.FromUtc(2011, 12, 30, 9, 59), apia));
        Assert.Equal(new LocalDate(2011, 12, 31), days.DateOf(Instant.FromUtc(2011, 12, 30, 10, 0), apia));
    }

    [Property(Arbitrary = [typeof(ReportingDaysProperties)], MaxTest = 500)]
    public bool The_date_is_the_zone_lookups(( string Zone, Instant At)[] sequence)
    {
        var days = new ReportingDays();
        return sequence.All(s =>
        {
            var zone = DateTimeZoneProviders.Tzdb[s.Zone];
            return days.DateOf(s.At, zone) == s.At.InZone(zone).Date;
        });
    }
}
