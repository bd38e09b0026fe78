using NodaTime;
using static Sla.Core.Tests.Calendars.TestCalendars;
using Sla.Core.Testing;

namespace Sla.Core.Tests.Calendars;

/// <summary>The DST consequences semantics.md §1 spells out, and the peers' DST bugs from prior-art.md.</summary>
public sealed class DstExampleTests
{
    private const string NewYork = "America/New_York";
    private static readonly LocalDate SpringForward = new(2026, 3, 8);
    private static readonly LocalDate FallBack = new(2026, 11, 1);

    [Theory]
    [InlineData("01:00-05:00", 3)]
    [InlineData("02:30-05:00", 2)]
    [InlineData("00:00-24:00", 23)]
    public void Spring_forward_day_holds_what_the_wall_clock_shows(string window, int hours) =>
        Assert.Equal(Duration.FromHours(hours), WorkingTimeOn(Daily(NewYork, window), SpringForward));

    [Theory]
    [InlineData("00:00-24:00", 25 * 60)]
    [InlineData("00:00-01:30", 120)]
    [InlineData("09:00-17:00", 8 * 60)]
    public void Fall_back_day_holds_what_the_wall_clock_shows(string window, int minutes) =>
        Assert.Equal(Duration.FromMinutes(minutes), WorkingTimeOn(Daily(NewYork, window), FallBack));

    [Fact]
    public void A_window_starting_in_the_gap_begins_when_the_clocks_jump()
    {
        var calendar = Daily(NewYork, "02:30-05:00");
        Assert.Equal(Local(NewYork, "2026-03-08T03:00:00"), calendar.NextWorkingStart(Local(NewYork, "2026-03-08T01:00:00")));
    }

    [Fact]
    public void Advancing_to_an_opening_after_the_repeated_hour_is_not_sent_back_an_hour()
    {
        // Intrepidd/working_hours #26: 01:59:30 EDT to a 02:00 opening must give 02:00 EST, not 01:00 EST.
        var calendar = Daily(NewYork, "02:00-10:00");
        var start = Utc("2026-11-01T05:59:30Z");
        Assert.Equal(Utc("2026-11-01T07:00:00Z"), calendar.NextWorkingStart(start));
    }

    [Fact]
    public void Adding_an_hour_across_the_Amsterdam_fall_back_moves_an_hour()
    {
        // moment-business-time #58: 1 h after 2022-10-30 02:00+02 returned the same instant.
        var calendar = Daily("Europe/Amsterdam", "00:00-24:00");
        Assert.Equal(Utc("2022-10-30T01:00:00Z"), calendar.Add(Utc("2022-10-30T00:00:00Z"), Duration.FromHours(1)));
    }

    [Fact]
    public void End_of_DST_in_Sao_Paulo_counts_the_repeated_hour()
    {
        // OTRS bug 9884: on 2018-02-17 Sao Paulo repeated 23:00-24:00.
        var calendar = Daily("America/Sao_Paulo", "00:00-24:00");
        Assert.Equal(Duration.FromHours(25), WorkingTimeOn(calendar, new LocalDate(2018, 2, 17)));
    }

    [Fact]
    public void Sao_Paulo_midnight_jump_leaves_a_23_hour_day_and_no_midnight()
    {
        var calendar = Daily("America/Sao_Paulo", "00:00-24:00");
        var jumpDay = new LocalDate(2018, 11, 4);
        Assert.Equal(Duration.FromHours(23), WorkingTimeOn(calendar, jumpDay));
        var earlyHour = Daily("America/Sao_Paulo", "00:00-01:00");
        Assert.Equal(Duration.Zero, WorkingTimeOn(earlyHour, jumpDay));
    }

    [Fact]
    public void Lord_Howe_half_hour_shift_makes_a_23_and_a_half_hour_day()
    {
        var calendar = Daily("Australia/Lord_Howe", "00:00-24:00");
        Assert.Equal(Duration.FromMinutes((23 * 60) + 30), WorkingTimeOn(calendar, new LocalDate(2026, 10, 4)));
        Assert.Equal(Duration.FromMinutes((24 * 60) + 30), WorkingTimeOn(calendar, new LocalDate(2026, 4, 5)));
    }

    [Fact]
    public void Synthetic_midnight_jump_removes_the_first_hour_of_the_day()
    {
        var calendar = Daily(TestTimeZones.MidnightJump, "00:00-02:00");
        Assert.Equal(Duration.FromHours(1), WorkingTimeOn(calendar, new LocalDate(2030, 3, 10)));
    }

    [Fact]
    public void Synthetic_midnight_repeat_counts_the_repeated_hour_once_per_pass()
    {
        // 23:00-24:00 of the 15th happens twice; a 22:00-24:00 window holds 3 h.
        var calendar = Daily(TestTimeZones.MidnightRepeat, "22:00-24:00");
        Assert.Equal(Duration.FromHours(3), WorkingTimeOn(calendar, new LocalDate(2031, 2, 15)) + Duration.Zero);
    }

    [Fact]
    public void Casablanca_ambiguous_times_are_counted_as_the_clock_shows()
    {
        // zendesk/biz PR #160: Morocco's Ramadan shift repeats an hour without being DST.
        var calendar = Daily("Africa/Casablanca", "00:00-24:00");
        var zone = calendar.Zone;
        var year = Instant.FromUtc(2026, 1, 1, 0, 0);
        var transition = zone.GetZoneIntervals(year, year + Duration.FromDays(365)).First(z => z.HasStart && z.Start > year).Start;
        var date = transition.InZone(zone).Date;
        var length = (zone.AtStartOfDay(date.PlusDays(1)).ToInstant() - zone.AtStartOfDay(date).ToInstant());
        Assert.Equal(length, WorkingTimeOn(calendar, date));
    }
}
