using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using Sla.Core.Calendars;
using static Sla.Core.Tests.Calendars.TestCalendars;

namespace Sla.Core.Tests.Calendars;

/// <summary>A calendar compiles the months a question needs, not whole years, and answers the same across month and year ends.</summary>
public sealed class MonthByMonthTests
{
    [Fact]
    public void A_first_deadline_within_a_month_compiles_only_that_month()
    {
        var calendar = OfficeHours("Europe/London", "09:00-12:30", "13:30-17:30");
        var empty = calendar.CompiledMemoryBytes();
        calendar.Add(Utc("2026-03-27T14:17:00Z"), Duration.FromHours(8));
        var oneMonth = calendar.CompiledMemoryBytes() - empty;
        calendar.Elapsed(Utc("2026-01-01T00:00:00Z"), Utc("2026-12-31T12:00:00Z"));
        var wholeYear = calendar.CompiledMemoryBytes() - empty;
        // The month itself, and the year and its slot in the cache made on first use.
        Assert.InRange(oneMonth, 1, wholeYear / 4);
        // Two windows a day on weekdays: about 520 intervals a year, 8 bytes each, and the dates' ends.
        Assert.InRange(wholeYear, 1, 8 * 1024);
    }

    [Fact]
    public void Overnight_windows_run_across_month_and_year_ends()
    {
        var calendar = Daily("Europe/London", "22:00-06:00");
        // January 31 22:00 to February 1 06:00, and December 31 22:00 to January 1 06:00: one stretch each.
        Assert.Equal(Utc("2027-02-01T05:00:00Z"), calendar.Add(Utc("2027-01-31T22:00:00Z"), Duration.FromHours(7)));
        Assert.Equal(Utc("2028-01-01T05:00:00Z"), calendar.Add(Utc("2027-12-31T22:00:00Z"), Duration.FromHours(7)));
        Assert.Equal(Utc("2027-12-31T23:00:00Z"), calendar.Add(Utc("2028-01-01T05:00:00Z"), -Duration.FromHours(6)));
        Assert.Equal(Duration.FromHours(8), calendar.Elapsed(Utc("2027-01-31T21:00:00Z"), Utc("2027-02-01T07:00:00Z")));
        Assert.Equal(Utc("2027-02-01T06:00:00Z"), calendar.PreviousWorkingEnd(Utc("2027-02-01T12:00:00Z")));
        Assert.Equal(Utc("2027-03-01T22:00:00Z"), calendar.NextWorkingStart(Utc("2027-03-01T06:00:00Z")));
    }

    [Fact]
    public void A_month_a_zone_made_a_day_longer_answers_as_the_reference_does()
    {
        // Alaska took America's dates in October 1867: Sitka's clocks went back a whole day, so that October has 32 days of instants.
        var calendar = Daily("America/Sitka", "09:00-17:00");
        var reference = new Sla.Core.Testing.ReferenceCalendar(calendar);
        var from = Utc("1867-10-01T00:00:00Z");
        foreach (var days in new[] { 17, 18, 19, 20, 30, 31, 32, 33, 45 })
        {
            var to = from + Duration.FromDays(days);
            Assert.Equal(reference.Elapsed(from, to), calendar.Elapsed(from, to));
            Assert.Equal(reference.Elapsed(to, to + Duration.FromDays(3)), calendar.Elapsed(to, to + Duration.FromDays(3)));
            Assert.Equal(reference.Add(from, Duration.FromHours(8 * days), Duration.FromDays(60)), calendar.Add(from, Duration.FromHours(8 * days)));
        }
    }

    [Property(MaxTest = 1000)]
    public Property A_month_finds_the_last_interval_starting_at_or_before_any_second_as_a_walk_does() =>
        Prop.ForAll(
            Gen.Choose(-5, 2_700_000).ArrayOf().ToArbitrary(),
            Gen.Choose(-10, 2_700_010).ToArbitrary(),
            (seconds, value) =>
            {
                var starts = seconds.Distinct().Order().ToArray();
                var walked = Array.FindLastIndex(starts, start => start <= value);
                return CompiledMonth.LastAtMost(starts, value) == walked
                    && CompiledMonth.LastAtMost(starts, starts.Length > 0 ? starts[^1] : value) == starts.Length - 1
                    && CompiledMonth.LastAtMost(starts, starts.Length > 0 ? starts[0] - 1 : value) == -1;
            });
}
