using NodaTime;
using Sla.Core.Calendars;
using static Sla.Core.Tests.Calendars.TestCalendars;

namespace Sla.Core.Tests.Calendars;

/// <summary>Business-days deadlines: received day, cutoff, at, DST and unreachable.</summary>
public sealed class BusinessDaysTests
{
    private static readonly BusinessCalendar Office = OfficeHours("UTC", "09:00-13:00", "14:00-18:00");

    [Fact]
    public void Zero_days_received_in_hours_is_the_end_of_that_day()
    {
        Assert.Equal(Utc("2026-03-27T18:00:00Z"), Office.AddBusinessDays(Utc("2026-03-27T10:00:00Z"), new BusinessDays(0)));
    }

    [Fact]
    public void After_the_last_window_counts_as_received_the_next_working_day()
    {
        Assert.Equal(Utc("2026-03-30T18:00:00Z"), Office.AddBusinessDays(Utc("2026-03-27T18:00:00Z"), new BusinessDays(0)));
    }

    [Fact]
    public void Before_the_first_window_counts_as_received_that_day()
    {
        Assert.Equal(Utc("2026-03-31T18:00:00Z"), Office.AddBusinessDays(Utc("2026-03-30T06:00:00Z"), new BusinessDays(1)));
    }

    [Fact]
    public void Cutoff_moves_the_received_day_and_at_fixes_the_time()
    {
        var target = new BusinessDays(2, new LocalTime(16, 0), new LocalTime(12, 0));
        Assert.Equal(Utc("2026-03-31T12:00:00Z"), Office.AddBusinessDays(Utc("2026-03-27T10:00:00Z"), target));
        Assert.Equal(Utc("2026-04-01T12:00:00Z"), Office.AddBusinessDays(Utc("2026-03-27T16:00:00Z"), target));
    }

    [Fact]
    public void Weekends_and_holidays_are_not_working_days()
    {
        var calendar = Builder("UTC", Weekdays, "09:00-18:00").AddRule(new FixedDateRule("Holiday", 3, 30)).Build();
        Assert.Equal(Utc("2026-03-31T18:00:00Z"), calendar.AddBusinessDays(Utc("2026-03-27T10:00:00Z"), new BusinessDays(1)));
    }

    [Fact]
    public void An_at_time_in_the_gap_maps_to_the_jump_and_an_ambiguous_one_to_its_earlier_instant()
    {
        var calendar = Daily("America/New_York", "00:00-24:00");
        Assert.Equal(Local("America/New_York", "2026-03-08T03:00:00"),
            calendar.AddBusinessDays(Local("America/New_York", "2026-03-07T10:00:00"), new BusinessDays(1, at: new LocalTime(2, 30))));
        Assert.Equal(Local("America/New_York", "2026-11-01T01:30:00"),
            calendar.AddBusinessDays(Local("America/New_York", "2026-10-31T10:00:00"), new BusinessDays(1, at: new LocalTime(1, 30))));
    }

    [Fact]
    public void Many_days_skip_whole_years_and_stay_exact()
    {
        var deadline = Office.AddBusinessDays(Utc("2026-01-01T10:00:00Z"), new BusinessDays(261 * 3));
        // 2026-01-01 is received; 260 + 261 + 260 working days follow to 2028-12-29, then 2029-01-01 and -02.
        Assert.Equal(Utc("2029-01-02T18:00:00Z"), deadline);
    }

    [Fact]
    public void Too_few_working_days_is_unreachable()
    {
        var calendar = new BusinessCalendarBuilder("events", "UTC").AddException(new LocalDate(2027, 1, 9), "Open day", "09:00-18:00").Build();
        Assert.True(calendar.TryAddBusinessDays(Utc("2027-01-01T00:00:00Z"), new BusinessDays(0), out var first));
        Assert.Equal(Utc("2027-01-09T18:00:00Z"), first);
        Assert.False(calendar.TryAddBusinessDays(Utc("2027-01-01T00:00:00Z"), new BusinessDays(1), out _));
        Assert.Throws<DeadlineUnreachableException>(() => calendar.AddBusinessDays(Utc("2027-01-01T00:00:00Z"), new BusinessDays(1)));
    }

    [Fact]
    public void Negative_days_are_a_caller_bug()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new BusinessDays(-1));
        Assert.Equal("days", error.ParamName);
    }

    [Fact]
    public void Describes_itself()
    {
        Assert.Equal("2 business days (cutoff 16:00, at 12:00)", new BusinessDays(2, new LocalTime(16, 0), new LocalTime(12, 0)).ToString());
        Assert.Equal("1 business day", new BusinessDays(1).ToString());
    }
}
