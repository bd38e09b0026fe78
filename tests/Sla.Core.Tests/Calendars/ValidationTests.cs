using NodaTime;
using Sla.Core.Calendars;
using Sla.Core.Validation;

namespace Sla.Core.Tests.Calendars;

/// <summary>Every calendar validation rule, with its exact path and sentence, all reported at once.</summary>
public sealed class ValidationTests
{
    private static string[] Problems(BusinessCalendarBuilder builder) => [.. builder.Validate().Select(p => p.ToString())];

    private static BusinessCalendarBuilder Valid() => new BusinessCalendarBuilder("office", "Europe/London").AddHours(IsoDayOfWeek.Monday, "09:00-17:00");

    [Fact]
    public void A_valid_calendar_has_no_problems() => Assert.Empty(Problems(Valid()));

    [Fact]
    public void Missing_id_and_zone()
    {
        var builder = new BusinessCalendarBuilder("", "").AddHours(IsoDayOfWeek.Monday, "09:00-17:00");
        Assert.Equal(["id: A calendar needs an id.", "timeZone: A calendar needs an IANA time zone, such as Europe/London."], Problems(builder));
    }

    [Fact]
    public void Unknown_zone_names_the_database()
    {
        var message = Assert.Single(Problems(new BusinessCalendarBuilder("x", "Mars/Olympus").AddHours(IsoDayOfWeek.Monday, "09:00-17:00")));
        Assert.Equal($"timeZone: 'Mars/Olympus' is not a time zone known to {DateTimeZoneProviders.Tzdb.VersionId}: use an IANA zone id such as Europe/London.", message);
    }

    [Fact]
    public void Overlapping_windows_of_one_day()
    {
        var builder = Valid().AddHours(IsoDayOfWeek.Monday, "12:00-13:00");
        Assert.Equal(["weekly.monday[1]: 12:00-13:00 overlaps 09:00-17:00 (weekly.monday[0]): windows of one day must not overlap."], Problems(builder));
    }

    [Fact]
    public void An_overnight_window_overlapping_a_later_window_of_the_same_day()
    {
        var builder = new BusinessCalendarBuilder("x", "UTC").AddHours(IsoDayOfWeek.Sunday, "22:00-06:00", "23:00-24:00");
        Assert.Equal(["weekly.sunday[1]: 23:00-24:00 overlaps 22:00-06:00 (weekly.sunday[0]): windows of one day must not overlap."], Problems(builder));
    }

    [Fact]
    public void An_overnight_tail_may_overlap_the_next_days_windows()
    {
        var builder = new BusinessCalendarBuilder("x", "UTC")
            .AddHours(IsoDayOfWeek.Sunday, "22:00-06:00")
            .AddHours(IsoDayOfWeek.Monday, "00:00-09:00");
        Assert.Empty(Problems(builder));
    }

    [Fact]
    public void No_working_time_at_all()
    {
        var builder = new BusinessCalendarBuilder("x", "UTC").AddException(new LocalDate(2027, 1, 1), "closed");
        Assert.Equal(["weekly: The calendar has no working time: the weekly schedule is empty and no dated exception has hours."], Problems(builder));
    }

    [Fact]
    public void Rule_problems_are_each_reported_with_their_path()
    {
        var builder = Valid()
            .AddRule(new FixedDateRule("", 13, 1))
            .AddRule(new FixedDateRule("Feb 30", 2, 30))
            .AddRule(new NthWeekdayRule("Sixth", 1, IsoDayOfWeek.Monday, 6))
            .AddRule(new NthWeekdayRule("No weekday", 1, IsoDayOfWeek.None, 1))
            .AddRule(new EasterRule("Far", EasterKind.Western, 400))
            .AddRule(new FixedDateRule("Backwards", 1, 2, fromYear: 2030, toYear: 2020))
            .AddRule(new FixedDateRule("Overlap", 1, 3, hours: [TimeWindow.Parse("09:00-12:00"), TimeWindow.Parse("11:00-13:00")]));
        Assert.Equal(
        [
            "rules[0].name: A rule needs a name: it is shown wherever the rule closes time.",
            "rules[0].month: Month 13 is not 1 to 12.",
            "rules[1].day: Day 30 does not exist in month 2.",
            "rules[2].occurrence: Occurrence 6 is not 1 to 5, or -1 for the last.",
            "rules[3].weekday: The weekday must be monday to sunday.",
            "rules[4].offset: Offset 400 is more than 365 days from Easter.",
            "rules[5].toYear: toYear 2020 is before fromYear 2030: the rule would never apply.",
            "rules[6].hours[1]: 11:00-13:00 overlaps 09:00-12:00 (rules[6].hours[0]): windows of one day must not overlap.",
        ], Problems(builder));
    }

    [Fact]
    public void Two_exceptions_for_one_date()
    {
        var builder = Valid()
            .AddException(new LocalDate(2027, 5, 10), "Bridge day")
            .AddException(new LocalDate(2027, 5, 10), "Again");
        Assert.Equal(["exceptions[1].date: 2027-05-10 already has an exception (exceptions[0]): a date can have only one."], Problems(builder));
    }

    [Fact]
    public void Build_throws_with_every_problem()
    {
        var builder = new BusinessCalendarBuilder("", "Nowhere/Else");
        var error = Assert.Throws<DefinitionValidationException>(builder.Build);
        Assert.Equal(3, error.Problems.Length);
        Assert.All(error.Problems, p => Assert.Equal(ValidationSeverity.Error, p.Severity));
        Assert.Contains("3 problems", error.Message);
    }

    [Fact]
    public void Caller_bugs_throw_standard_exceptions_with_the_parameter_name()
    {
        Assert.Equal("weekday", Assert.Throws<ArgumentOutOfRangeException>(() => Valid().AddHours((IsoDayOfWeek)9, "09:00-10:00")).ParamName);
        Assert.Equal("rule", Assert.Throws<ArgumentNullException>(() => Valid().AddRule(null!)).ParamName);
        Assert.Equal("id", Assert.Throws<ArgumentNullException>(() => new BusinessCalendarBuilder(null!, "UTC")).ParamName);
        Assert.Throws<FormatException>(() => Valid().AddHours(IsoDayOfWeek.Monday, "9-5"));
    }
}
