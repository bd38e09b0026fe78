using System.Collections.Immutable;
using NodaTime;
using Sla.Core.Calendars;
using static Sla.Core.Tests.Calendars.TestCalendars;

namespace Sla.Core.Tests.Calendars;

/// <summary>Window edges, zero durations, overnight windows and the peers' arithmetic bugs from prior-art.md.</summary>
public sealed class ArithmeticExampleTests
{
    private const string Utc0 = "UTC";

    [Fact]
    public void A_deadline_that_uses_up_a_window_lands_on_its_end_not_the_next_opening()
    {
        var calendar = OfficeHours(Utc0, "09:00-18:00");
        Assert.Equal(Utc("2026-03-27T18:00:00Z"), calendar.Add(Utc("2026-03-27T16:00:00Z"), Duration.FromHours(2)));
    }

    [Fact]
    public void Adding_zero_returns_the_start_even_outside_hours()
    {
        var calendar = OfficeHours(Utc0, "09:00-18:00");
        var saturday = Utc("2026-03-28T12:00:00Z");
        Assert.Equal(saturday, calendar.Add(saturday, Duration.Zero));
        Assert.Equal(saturday, calendar.Add(saturday, -Duration.Zero));
    }

    [Fact]
    public void Whole_day_windows_give_midnight_deadlines_and_zero_stays_put()
    {
        // zendesk/biz #138.
        var calendar = OfficeHours(Utc0, "00:00-24:00");
        Assert.Equal(Utc("2026-03-28T00:00:00Z"), calendar.Add(Utc("2026-03-27T00:00:00Z"), Duration.FromHours(24)));
        Assert.Equal(Utc("2026-03-30T00:00:00Z"), calendar.Add(Utc("2026-03-30T00:00:00Z"), Duration.Zero));
        Assert.Equal(Utc("2026-03-27T00:00:00Z"), calendar.Add(Utc("2026-03-30T00:00:00Z"), -Duration.FromHours(24)));
    }

    [Fact]
    public void Subtracting_lands_on_the_latest_instant_so_a_window_start_not_the_previous_end()
    {
        var calendar = OfficeHours(Utc0, "09:00-18:00");
        Assert.Equal(Utc("2026-03-30T09:00:00Z"), calendar.Add(Utc("2026-03-30T10:00:00Z"), -Duration.FromHours(1)));
    }

    [Fact]
    public void Eight_hours_from_Friday_afternoon_skips_a_Monday_holiday()
    {
        // pandas #16867: Fri 15:00 + 8 business hours landed on Martin Luther King Day.
        var calendar = Builder(Utc0, Weekdays, "09:00-17:00")
            .AddRule(new NthWeekdayRule("Martin Luther King Jr. Day", 1, IsoDayOfWeek.Monday, 3))
            .Build();
        Assert.Equal(Utc("2027-01-19T15:00:00Z"), calendar.Add(Utc("2027-01-15T15:00:00Z"), Duration.FromHours(8)));
    }

    [Fact]
    public void Friday_evening_to_Monday_evening_is_one_working_day()
    {
        // seatgeek/businesstime #13 returned 0.
        var calendar = OfficeHours(Utc0, "09:00-17:00");
        Assert.Equal(Duration.FromHours(8), calendar.Elapsed(Utc("2026-03-27T18:00:00Z"), Utc("2026-03-30T18:00:00Z")));
    }

    [Fact]
    public void A_range_that_starts_inside_hours_counts_the_partial_first_day()
    {
        // TimePeriodLibrary #13 dropped it.
        var calendar = OfficeHours(Utc0, "09:00-17:00");
        Assert.Equal(Duration.FromHours(9), calendar.Elapsed(Utc("2026-03-27T16:00:00Z"), Utc("2026-03-31T09:00:00Z")));
    }

    [Fact]
    public void Overnight_window_tail_works_on_the_next_date_whatever_its_own_hours()
    {
        var calendar = Builder(Utc0, [IsoDayOfWeek.Friday], "22:00-06:00").Build();
        Assert.True(calendar.IsWorking(Utc("2026-03-28T05:59:00Z")));
        Assert.False(calendar.IsWorking(Utc("2026-03-28T06:00:00Z")));
        Assert.Equal(Duration.FromHours(8), calendar.Elapsed(Utc("2026-03-27T00:00:00Z"), Utc("2026-03-29T00:00:00Z")));
    }

    [Fact]
    public void A_holiday_removes_the_overnight_window_that_starts_on_it_but_not_the_tail_that_ends_on_it()
    {
        var calendar = Builder(Utc0, TestCalendars.EveryDay, "22:00-06:00")
            .AddRule(new FixedDateRule("Holiday", 3, 27))
            .Build();
        Assert.True(calendar.IsWorking(Utc("2026-03-27T05:00:00Z")));
        Assert.False(calendar.IsWorking(Utc("2026-03-27T23:00:00Z")));
        Assert.False(calendar.IsWorking(Utc("2026-03-28T05:00:00Z")));
    }

    [Fact]
    public void A_short_day_keeps_only_its_hours_and_cuts_the_overnight_tail()
    {
        var calendar = Builder(Utc0, TestCalendars.EveryDay, "08:00-02:00")
            .AddRule(new FixedDateRule("Christmas Eve", 12, 24, hours: [TimeWindow.Parse("09:00-13:00")]))
            .Build();
        Assert.Equal(Duration.FromHours(4 + 2), WorkingTimeOn(calendar, new LocalDate(2026, 12, 24)));
        Assert.False(calendar.IsWorking(Utc("2026-12-25T01:00:00Z")));
        Assert.Equal(new[] { TimeWindow.Parse("09:00-13:00") }, calendar.GetDay(new LocalDate(2026, 12, 24)).Hours.ToArray());
    }

    [Fact]
    public void An_exception_replaces_the_day_including_on_a_closed_weekday()
    {
        var calendar = Builder(Utc0, Weekdays, "09:00-18:00")
            .AddException(new LocalDate(2027, 1, 9), "Working Saturday", "10:00-12:00")
            .AddException(new LocalDate(2027, 1, 11), "Bridge day")
            .Build();
        Assert.Equal(Duration.FromHours(2), WorkingTimeOn(calendar, new LocalDate(2027, 1, 9)));
        Assert.Equal(Duration.Zero, WorkingTimeOn(calendar, new LocalDate(2027, 1, 11)));
    }

    [Fact]
    public void Cost_does_not_depend_on_the_duration_but_the_answer_stays_exact_over_decades()
    {
        var calendar = OfficeHours(Utc0, "09:00-17:00");
        var start = Utc("2000-01-03T09:00:00Z");
        var deadline = calendar.Add(start, Duration.FromHours(8 * 261 * 20));
        Assert.Equal(Duration.FromHours(8 * 261 * 20), calendar.Elapsed(start, deadline));
    }

    [Fact]
    public void A_calendar_of_exceptions_only_reports_unreachable_instead_of_hanging()
    {
        var calendar = new BusinessCalendarBuilder("events", "UTC")
            .AddException(new LocalDate(2027, 1, 9), "Open day", "09:00-18:00")
            .Build();
        Assert.True(calendar.TryAdd(Utc("2027-01-01T00:00:00Z"), Duration.FromHours(9), out var deadline));
        Assert.Equal(Utc("2027-01-09T18:00:00Z"), deadline);
        Assert.False(calendar.TryAdd(Utc("2027-01-01T00:00:00Z"), Duration.FromHours(10), out _));
        Assert.False(calendar.TryAdd(Utc("2027-01-09T10:00:00Z"), -Duration.FromHours(2), out _));
        var error = Assert.Throws<DeadlineUnreachableException>(() => calendar.Add(Utc("2027-01-10T00:00:00Z"), Duration.FromMinutes(1)));
        Assert.StartsWith("unreachable: calendar 'events' has no working time after 2027-01-10T00:00:00Z", error.Message);
        Assert.Null(calendar.NextWorkingStart(Utc("2027-01-10T00:00:00Z")));
        Assert.Null(calendar.PreviousWorkingEnd(Utc("2027-01-09T09:00:00Z")));
    }

    [Fact]
    public void Instants_beyond_the_supported_years_are_rejected_with_the_parameter_name()
    {
        var calendar = OfficeHours(Utc0, "09:00-17:00");
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => calendar.Elapsed(Instant.MinValue, Utc("2026-01-01T00:00:00Z")));
        Assert.Equal("from", error.ParamName);
    }

    [Fact]
    public void The_24x7_calendar_adds_exactly_and_counts_a_fall_back_day_as_25_hours()
    {
        var always = BusinessCalendar.AlwaysOpen;
        var start = Local("America/New_York", "2026-11-01T00:00:00");
        Assert.Equal(start + Duration.FromHours(25), always.Add(start, Duration.FromHours(25)));
        Assert.Equal(Duration.FromHours(25), always.Elapsed(start, Local("America/New_York", "2026-11-02T00:00:00")));
        Assert.True(always.IsWorking(start));
        Assert.Equal("24x7", always.Id);
    }

    [Fact]
    public void Segments_name_the_holiday_that_closed_time()
    {
        var calendar = Builder("Europe/London", Weekdays, "09:00-17:00")
            .AddRule(new FixedDateRule("Christmas Day", 12, 25, ObservedShift.NextWeekday))
            .AddRule(new FixedDateRule("Boxing Day", 12, 26, ObservedShift.NextWeekday))
            .Build();
        var segments = calendar.GetSegments(Utc("2027-12-24T16:00:00Z"), Utc("2027-12-29T10:00:00Z"));
        var named = segments.Where(s => s.ClosedBy is not null).Select(s => (s.Interval.Start, s.ClosedBy)).ToList();
        Assert.Equal(
            [(Utc("2027-12-27T00:00:00Z"), "Christmas Day"), (Utc("2027-12-28T00:00:00Z"), "Boxing Day")],
            named);
        Assert.Equal(Duration.FromHours(2), segments.Where(s => s.IsWorking).Aggregate(Duration.Zero, (a, s) => a + s.Interval.Duration));
    }

    [Fact]
    public void Calendars_are_safe_to_share_between_threads_while_years_compile()
    {
        var calendar = OfficeHours("Europe/Moscow", "09:00-18:00");
        var start = Utc("2026-01-05T06:00:00Z");
        var results = Enumerable.Range(0, 64).AsParallel()
            .Select(i => calendar.Add(start, Duration.FromHours(i * 97)))
            .ToArray();
        var expected = Enumerable.Range(0, 64).Select(i => OfficeHours("Europe/Moscow", "09:00-18:00").Add(start, Duration.FromHours(i * 97)));
        Assert.Equal(expected, results);
    }

    [Fact]
    public void Rules_expose_what_they_are_made_of()
    {
        var rule = new FixedDateRule("New Year", 1, 1, ObservedShift.NearestWeekday, ImmutableArray<TimeWindow>.Empty, 2020, 2030);
        Assert.True(rule.IsHoliday);
        Assert.Null(rule.NominalDateIn(2019));
        Assert.Equal(new LocalDate(2025, 1, 1), rule.NominalDateIn(2025));
    }
}
