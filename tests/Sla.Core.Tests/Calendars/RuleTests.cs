using NodaTime;
using Sla.Core.Calendars;
using static Sla.Core.Tests.Calendars.TestCalendars;

namespace Sla.Core.Tests.Calendars;

/// <summary>Recurring rules: dates, observed shifts, year ranges and the names they give closed days.</summary>
public sealed class RuleTests
{
    private static BusinessCalendar WithRules(params CalendarRule[] rules)
    {
        var builder = Builder("UTC", Weekdays, "09:00-17:00");
        foreach (var rule in rules)
        {
            builder.AddRule(rule);
        }
        return builder.Build();
    }

    private static bool Closed(BusinessCalendar calendar, int year, int month, int day) =>
        !calendar.GetDay(new LocalDate(year, month, day)).IsWorkingDay;

    [Theory]
    [InlineData(2024, 3, 31)]
    [InlineData(2025, 4, 20)]
    [InlineData(2026, 4, 5)]
    [InlineData(2027, 3, 28)]
    [InlineData(2038, 4, 25)]
    public void Western_Easter_follows_the_Gregorian_computus(int year, int month, int day) =>
        Assert.Equal(new LocalDate(year, month, day), EasterRule.WesternEaster(year));

    [Theory]
    [InlineData(2024, 5, 5)]
    [InlineData(2025, 4, 20)]
    [InlineData(2026, 4, 12)]
    [InlineData(2027, 5, 2)]
    public void Orthodox_Easter_follows_the_Julian_computus_as_a_Gregorian_date(int year, int month, int day) =>
        Assert.Equal(new LocalDate(year, month, day), EasterRule.OrthodoxEaster(year));

    [Fact]
    public void Easter_offsets_give_Good_Friday_and_Orthodox_Easter_Monday()
    {
        var calendar = WithRules(new EasterRule("Good Friday", EasterKind.Western, -2), new EasterRule("Orthodox Easter Monday", EasterKind.Orthodox, 1));
        Assert.True(Closed(calendar, 2026, 4, 3));
        Assert.True(Closed(calendar, 2026, 4, 13));
        Assert.False(Closed(calendar, 2026, 4, 6));
    }

    [Fact]
    public void Nth_and_last_weekday_rules_find_their_dates_and_a_missing_fifth_does_not_occur()
    {
        var thanksgiving = new NthWeekdayRule("Thanksgiving", 11, IsoDayOfWeek.Thursday, 4);
        var memorial = new NthWeekdayRule("Memorial Day", 5, IsoDayOfWeek.Monday, NthWeekdayRule.Last);
        var fifthFriday = new NthWeekdayRule("Fifth Friday", 2, IsoDayOfWeek.Friday, 5);
        Assert.Equal(new LocalDate(2026, 11, 26), thanksgiving.NominalDateIn(2026));
        Assert.Equal(new LocalDate(2026, 5, 25), memorial.NominalDateIn(2026));
        Assert.Null(fifthFriday.NominalDateIn(2026));
        Assert.Equal(new LocalDate(2036, 2, 29), fifthFriday.NominalDateIn(2036));
    }

    [Fact]
    public void Days_lists_each_date_of_a_range_both_ends_included_as_GetDay_sees_it()
    {
        var calendar = WithRules(
            new FixedDateRule("Christmas Day", 12, 25, ObservedShift.NextWeekday),
            new FixedDateRule("Boxing Day", 12, 26, ObservedShift.NextWeekday));
        var days = calendar.Days(new LocalDate(2027, 12, 20), new LocalDate(2028, 1, 2));
        Assert.Equal(14, days.Length);
        Assert.Equal(Enumerable.Range(0, 14).Select(i => new LocalDate(2027, 12, 20).PlusDays(i)), days.Select(d => d.Date));
        Assert.All(days, d => Assert.Equal(calendar.GetDay(d.Date).Hours.ToArray(), d.Hours.ToArray()));
        Assert.Equal(["Christmas Day", "Boxing Day"], days.Where(d => !d.ShapedBy.IsEmpty).SelectMany(d => d.ShapedBy));
        Assert.Equal("2027-12-27 Monday closed (Christmas Day)", Assert.Single(calendar.Days(new LocalDate(2027, 12, 27), new LocalDate(2027, 12, 27))).ToString());
        Assert.Equal("2027-12-29 Wednesday 09:00-17:00", days[9].ToString());
    }

    [Fact]
    public void A_calendar_describes_itself_for_people()
    {
        var calendar = Builder("Europe/London", Weekdays, "09:00-12:30", "13:30-17:30").AddHours(IsoDayOfWeek.Saturday, "10:00-14:00")
            .AddRule(new FixedDateRule("Christmas Day", 12, 25)).Build();
        Assert.Equal("test (Europe/London): Mon-Fri 09:00-12:30, 13:30-17:30; Sat 10:00-14:00; 1 rule, 0 dated exceptions", calendar.ToString());
        Assert.Equal("24x7: always open", BusinessCalendar.AlwaysOpen.ToString());
    }

    [Fact]
    public void Days_rejects_a_reversed_range_and_dates_calendars_do_not_cover()
    {
        var calendar = WithRules();
        Assert.Equal("to", Assert.Throws<ArgumentException>(() => calendar.Days(new LocalDate(2027, 12, 2), new LocalDate(2027, 12, 1))).ParamName);
        Assert.Equal("from", Assert.Throws<ArgumentOutOfRangeException>(() => calendar.Days(new LocalDate(1, 12, 2), new LocalDate(2027, 12, 1))).ParamName);
        Assert.Equal("date", Assert.Throws<ArgumentOutOfRangeException>(() => calendar.GetDay(new LocalDate(9999, 1, 1))).ParamName);
        Assert.Equal(BusinessCalendar.LastDate, calendar.Days(BusinessCalendar.LastDate, BusinessCalendar.LastDate)[0].Date);
    }

    [Fact]
    public void February_29_occurs_only_in_leap_years()
    {
        var leap = new FixedDateRule("Leap day", 2, 29);
        Assert.Null(leap.NominalDateIn(2027));
        Assert.Equal(new LocalDate(2028, 2, 29), leap.NominalDateIn(2028));
    }

    [Fact]
    public void Next_weekday_moves_Christmas_and_Boxing_Day_to_Monday_and_Tuesday()
    {
        var calendar = WithRules(
            new FixedDateRule("Christmas Day", 12, 25, ObservedShift.NextWeekday),
            new FixedDateRule("Boxing Day", 12, 26, ObservedShift.NextWeekday));
        Assert.Equal(new[] { "Christmas Day" }, calendar.GetDay(new LocalDate(2027, 12, 27)).ShapedBy.ToArray());
        Assert.Equal(new[] { "Boxing Day" }, calendar.GetDay(new LocalDate(2027, 12, 28)).ShapedBy.ToArray());
        Assert.False(Closed(calendar, 2027, 12, 29));
        // 2026: Christmas is a Friday and stays; Boxing Day (Saturday) takes Monday.
        Assert.True(Closed(calendar, 2026, 12, 25));
        Assert.Equal(new[] { "Boxing Day" }, calendar.GetDay(new LocalDate(2026, 12, 28)).ShapedBy.ToArray());
    }

    [Fact]
    public void Nearest_weekday_moves_a_Saturday_New_Year_into_the_previous_year()
    {
        // rickar/cal #84, #98 and jollyday #742: observed on Dec 31 of the year before.
        var calendar = WithRules(new FixedDateRule("New Year's Day", 1, 1, ObservedShift.NearestWeekday));
        Assert.Equal(new[] { "New Year's Day" }, calendar.GetDay(new LocalDate(2021, 12, 31)).ShapedBy.ToArray());
        Assert.True(Closed(calendar, 2021, 12, 31));
        Assert.False(Closed(calendar, 2022, 12, 30));
        Assert.True(Closed(calendar, 2023, 1, 2));
        // Thursday Dec 30 and Monday Jan 3 work; Friday Dec 31 is the observed holiday.
        Assert.Equal(Duration.FromHours(16), calendar.Elapsed(Utc("2021-12-30T00:00:00Z"), Utc("2022-01-04T00:00:00Z")));
    }

    [Fact]
    public void Sunday_to_Monday_moves_only_Sundays()
    {
        var calendar = WithRules(new FixedDateRule("Holiday", 5, 9, ObservedShift.SundayToMonday));
        Assert.True(Closed(calendar, 2027, 5, 10)); // 2027-05-09 is a Sunday
        Assert.False(Closed(calendar, 2026, 5, 11)); // 2026-05-09 is a Saturday: not moved
    }

    [Fact]
    public void Year_ranges_bound_where_a_rule_applies()
    {
        var calendar = WithRules(new EasterRule("Orthodox Easter Monday", EasterKind.Orthodox, 1, fromYear: 2026, toYear: 2026));
        Assert.False(Closed(calendar, 2025, 4, 21));
        Assert.True(Closed(calendar, 2026, 4, 13));
        Assert.False(Closed(calendar, 2027, 5, 3));
    }

    [Fact]
    public void A_rule_with_hours_on_a_closed_weekday_adds_nothing()
    {
        var calendar = WithRules(new FixedDateRule("Short Saturday", 3, 28, hours: [TimeWindow.Parse("09:00-13:00")]));
        Assert.True(Closed(calendar, 2026, 3, 28));
    }
}
