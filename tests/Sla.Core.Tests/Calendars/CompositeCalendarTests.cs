using NodaTime;
using Sla.Core.Calendars;
using Sla.Core.Testing;
using Sla.Core.Validation;
using static Sla.Core.Tests.Calendars.TestCalendars;

namespace Sla.Core.Tests.Calendars;

/// <summary>Worked examples of calendars built from calendars: follow-the-sun, office and customer hours, support minus maintenance.</summary>
public sealed class CompositeCalendarTests
{
    private static BusinessCalendar Office(string id, string zone, string hours, bool christmas = false)
    {
        var builder = new BusinessCalendarBuilder(id, zone);
        for (var day = IsoDayOfWeek.Monday; day <= IsoDayOfWeek.Friday; day++)
        {
            builder.AddHours(day, hours);
        }
        if (christmas)
        {
            builder.AddRule(new FixedDateRule("Christmas Day", 12, 25, ObservedShift.NextWeekday));
        }
        return builder.Build();
    }

    private static BusinessCalendar FollowTheSun(bool christmas = false) => BusinessCalendar.Union("follow-the-sun",
        Office("london", "Europe/London", "09:00-17:00", christmas),
        Office("new-york", "America/New_York", "09:00-17:00", christmas),
        Office("sydney", "Australia/Sydney", "09:00-17:00", christmas));

    [Theory]
    // January: London UTC+0, New York UTC-5, Sydney UTC+11 (its summer). London and New York overlap 3 h a day.
    [InlineData("2027-01-17T12:00:00Z", 105)]
    // Between the US change (March 14) and the European one (March 28): the overlap grows to 4 h.
    [InlineData("2027-03-14T12:00:00Z", 100)]
    // July: London UTC+1, New York UTC-4, Sydney UTC+10 (its winter): 3 h again.
    [InlineData("2027-07-18T12:00:00Z", 105)]
    public void Follow_the_sun_counts_each_hour_once_whatever_the_DST_season(string sunday, int hours)
    {
        var from = Utc(sunday);
        Assert.Equal(Duration.FromHours(hours), FollowTheSun().Elapsed(from, from + Duration.FromDays(7)));
    }

    [Theory]
    // Friday 15:00 in New York: 2 h left there, then the week resumes with Sydney's Monday 09:00 (Sunday 22:00Z in January, 23:00Z in July).
    [InlineData("2027-01-15T20:00:00Z", "2027-01-18T00:00:00Z")]
    [InlineData("2027-07-16T19:00:00Z", "2027-07-19T01:00:00Z")]
    public void A_follow_the_sun_deadline_crosses_the_weekend_into_Sydneys_Monday(string start, string deadline) =>
        Assert.Equal(Utc(deadline), FollowTheSun().Add(Utc(start), Duration.FromHours(4)));

    [Fact]
    public void Follow_the_sun_dates_are_the_first_members_and_a_business_day_ends_with_its_date()
    {
        var calendar = FollowTheSun();
        Assert.Equal(DateTimeZoneProviders.Tzdb["Europe/London"], calendar.Zone);
        // Tuesday in London: Monday's run (New York, then Sydney) until 06:00, then London from 09:00 into New York and Sydney past midnight.
        Assert.Equal("2027-01-19 Tuesday 00:00-06:00, 09:00-24:00", calendar.GetDay(new LocalDate(2027, 1, 19)).ToString());
        Assert.Equal(Utc("2027-01-20T00:00:00Z"), calendar.AddBusinessDays(Utc("2027-01-18T10:00:00Z"), new BusinessDays(1)));
    }

    [Fact]
    public void A_closed_stretch_names_each_members_reason()
    {
        var calendar = FollowTheSun(christmas: true);
        // Christmas Day 2027 is a Saturday, observed on Monday December 27 in every office.
        var segments = calendar.GetSegments(Utc("2027-12-27T10:00:00Z"), Utc("2027-12-27T11:00:00Z"));
        var closed = Assert.Single(segments);
        Assert.False(closed.IsWorking);
        // 10:00 UTC is 21:00 in Sydney, still its December 27 too.
        Assert.Equal("london: Christmas Day; new-york: Christmas Day; sydney: Christmas Day", closed.ClosedBy);
        Assert.Contains("london: Christmas Day", calendar.GetDay(new LocalDate(2027, 12, 27)).ShapedBy);
    }

    [Theory]
    // London 09:00-17:30 and a New York customer 08:00-18:00 meet 13:00-17:30 UTC in winter...
    [InlineData("2027-01-18T09:00:00Z", "2027-01-19T14:30:00Z")]
    // ...and 12:00-17:30 UTC between the US and European clock changes.
    [InlineData("2027-03-15T09:00:00Z", "2027-03-16T12:30:00Z")]
    public void Office_and_customer_hours_count_only_while_both_are_open(string start, string deadline)
    {
        var both = BusinessCalendar.Intersection("both-open",
            Office("ours", "Europe/London", "09:00-17:30"), Office("customer", "America/New_York", "08:00-18:00"));
        Assert.Equal(Utc(deadline), both.Add(Utc(start), Duration.FromHours(6)));
        Assert.Equal(Duration.FromHours(4.5), both.Elapsed(Utc("2027-01-18T00:00:00Z"), Utc("2027-01-19T00:00:00Z")));
    }

    [Fact]
    public void Support_minus_maintenance_loses_the_maintenance_window_and_says_why()
    {
        var maintenance = new BusinessCalendarBuilder("maintenance", "Europe/London").AddHours(IsoDayOfWeek.Sunday, "02:00-06:00").Build();
        var support = BusinessCalendar.Compose("support", CalendarOperation.Difference, [BusinessCalendar.AlwaysOpen, maintenance],
            DateTimeZoneProviders.Tzdb["Europe/London"]);
        var monday = Utc("2027-07-19T00:00:00Z");
        Assert.Equal(Duration.FromHours(164), support.Elapsed(monday, monday + Duration.FromDays(7)));
        // 02:00-06:00 London summer time is 01:00-05:00 UTC.
        var segments = support.GetSegments(Utc("2027-07-18T00:00:00Z"), Utc("2027-07-18T06:00:00Z"));
        Assert.Equal(
            [(Utc("2027-07-18T00:00:00Z"), true, (string?)null), (Utc("2027-07-18T01:00:00Z"), false, "maintenance"), (Utc("2027-07-18T05:00:00Z"), true, null)],
            segments.Select(s => (s.Interval.Start, s.IsWorking, s.ClosedBy)));
        Assert.Equal(Utc("2027-07-18T05:30:00Z"), support.Add(Utc("2027-07-18T00:30:00Z"), Duration.FromHours(1)));
    }

    [Fact]
    public void Composites_nest_and_describe_themselves()
    {
        var sun = FollowTheSun();
        var maintenance = new BusinessCalendarBuilder("maintenance", "UTC").AddHours(IsoDayOfWeek.Monday, "10:00-11:00").Build();
        var nested = BusinessCalendar.Difference("sun-without-maintenance", sun, maintenance);
        Assert.True(nested.IsComposite);
        Assert.Equal(CalendarOperation.Difference, nested.Operation);
        Assert.Equal(["follow-the-sun", "maintenance"], nested.Members.Select(m => m.Id));
        Assert.Equal("sun-without-maintenance (Europe/London): difference of follow-the-sun, maintenance", nested.ToString());
        Assert.Equal(Duration.FromHours(104), nested.Elapsed(Utc("2027-01-17T12:00:00Z"), Utc("2027-01-24T12:00:00Z")));
        CalendarLaws.Verify(nested, 2026, 2028, maxTest: 50);
    }

    [Fact]
    public void Calendars_whose_hours_never_meet_report_unreachable_rather_than_search_forever()
    {
        var never = BusinessCalendar.Intersection("never", Office("mornings", "Europe/London", "08:00-10:00"), Office("evenings", "Europe/London", "18:00-20:00"));
        Assert.False(never.TryAdd(Utc("2027-01-18T09:00:00Z"), Duration.FromHours(1), out _));
        Assert.False(never.TryAdd(Utc("2027-01-18T09:00:00Z"), -Duration.FromHours(1), out _));
        Assert.False(never.TryAddBusinessDays(Utc("2027-01-18T09:00:00Z"), new BusinessDays(1), out _));
        Assert.Null(never.NextWorkingStart(Utc("2027-01-18T09:00:00Z")));
        Assert.Equal(Duration.Zero, never.Elapsed(Utc("2027-01-01T00:00:00Z"), Utc("2028-01-01T00:00:00Z")));
    }

    [Fact]
    public void Members_with_Easter_rules_still_end_a_search_that_finds_nothing()
    {
        BusinessCalendar WithEaster(string id, string hours) => new BusinessCalendarBuilder(id, "Europe/Berlin")
            .AddHours(IsoDayOfWeek.Monday, hours).AddRule(new EasterRule("Easter Monday", EasterKind.Western, 1)).Build();
        var never = BusinessCalendar.Intersection("never", WithEaster("a", "08:00-10:00"), WithEaster("b", "12:00-14:00"));
        Assert.False(never.TryAdd(Utc("2027-01-18T09:00:00Z"), Duration.FromHours(1), out _));
        Assert.False(never.TryAdd(Utc("2027-01-18T09:00:00Z"), -Duration.FromHours(1), out _));
    }

    [Fact]
    public void Composing_checks_every_problem_at_once()
    {
        var london = Office("london", "Europe/London", "09:00-17:00");
        var error = Assert.Throws<DefinitionValidationException>(() => BusinessCalendar.Compose("", CalendarOperation.Difference, [london]));
        Assert.Equal(
            ["id: A calendar needs an id.", "difference: A difference needs the calendar to take time from and at least one calendar to take away."],
            error.Problems.Select(p => $"{p.Path}: {p.Message}"));
        error = Assert.Throws<DefinitionValidationException>(() => BusinessCalendar.Union("london", london, london));
        Assert.Equal(
            ["union[0]: 'london' is this calendar's own id: a calendar cannot be its own member.", "union[1]: 'london' is this calendar's own id: a calendar cannot be its own member."],
            error.Problems.Select(p => $"{p.Path}: {p.Message}"));
        error = Assert.Throws<DefinitionValidationException>(() => BusinessCalendar.Intersection("both", london, london));
        Assert.Equal(["intersection[1]: 'london' is named twice: name each member once."], error.Problems.Select(p => $"{p.Path}: {p.Message}"));
        error = Assert.Throws<DefinitionValidationException>(() => BusinessCalendar.Union("none"));
        Assert.Equal(["union: A union needs at least one member calendar."], error.Problems.Select(p => $"{p.Path}: {p.Message}"));
        Assert.Equal("members", Assert.Throws<ArgumentNullException>(() => BusinessCalendar.Union("x", london, null!)).ParamName);
        Assert.Equal("from", Assert.Throws<ArgumentNullException>(() => BusinessCalendar.Difference("x", null!, london)).ParamName);
    }
}
