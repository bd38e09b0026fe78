using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using Sla.Core.Calendars;
using Sla.Core.Compliance;
using Sla.Core.Policies;
using Sla.Core.Reports;
using Sla.Core.Text;
using Sla.Core.Tickets;
using static Sla.Core.Tests.Compliance.EvaluationFixture;

namespace Sla.Core.Tests.Robustness;

/// <summary>Input at the edges of what the library represents: each gives a documented answer, never a stray exception.</summary>
public sealed class HostileInputTests
{
    private static BusinessCalendar Weekdays(string zone = "UTC") => new BusinessCalendarBuilder("office", zone)
        .AddHours(IsoDayOfWeek.Monday, "09:00-17:00").AddHours(IsoDayOfWeek.Tuesday, "09:00-17:00")
        .AddHours(IsoDayOfWeek.Wednesday, "09:00-17:00").AddHours(IsoDayOfWeek.Thursday, "09:00-17:00")
        .AddHours(IsoDayOfWeek.Friday, "09:00-17:00").Build();

    [Theory]
    [InlineData("9999-12-31T23:59:59-01:00")]
    [InlineData("-9998-01-01T00:00:00+05:00")]
    public void Instants_beyond_NodaTimes_range_are_not_instants(string text)
    {
        Assert.False(InstantText.TryParse(text, out _));
        Assert.Contains("outside the range of instants", InstantText.Problem(text));
        Assert.Throws<FormatException>(() => InstantText.Parse(text));
    }

    [Fact]
    public void Instants_at_the_very_ends_of_the_range_still_parse()
    {
        Assert.Equal(Instant.FromUtc(9999, 12, 31, 23, 59, 59), InstantText.Parse("9999-12-31T23:59:59Z"));
        Assert.Equal(Instant.FromUtc(-9998, 1, 1, 0, 0), InstantText.Parse("-9998-01-01T01:00:00+01:00"));
    }

    [Fact]
    public void Durations_far_beyond_the_old_limit_read_and_write_exactly()
    {
        Assert.Equal(Duration.FromHours(3_000_000), DurationText.Parse("PT3000000H"));
        Assert.Equal(Duration.FromHours(3_000_000), DurationText.Parse("3000000h"));
        Assert.False(DurationText.TryParse("999999999h", out _, out var problem));
        Assert.Equal("'999999999h' is too long: a duration must be shorter than 402,653,184 hours either way.", problem);
        Assert.False(DurationText.TryParse("PT99999999999999999999999H", out _, out problem));
        Assert.Contains("is too long", problem);
    }

    [Fact]
    public void Formatting_is_exact_with_a_tick_fraction_and_at_the_limits()
    {
        var awkward = Duration.FromHours(350_640) + Duration.FromSeconds(59) + Duration.FromTicks(9_999_999);
        Assert.Equal("PT350640H59.9999999S", DurationText.Format(awkward));
        Assert.Equal(Duration.MaxValue, DurationText.Parse(DurationText.Format(Duration.MaxValue)));
        Assert.Equal(Duration.MinValue, DurationText.Parse(DurationText.Format(Duration.MinValue)));
    }

    [Property(MaxTest = 500)]
    public Property Every_duration_reads_back_as_written() =>
        Prop.ForAll(
            Gen.Choose(-(1 << 24), (1 << 24) - 1).ToArbitrary(),
            Gen.Choose(0, int.MaxValue).ToArbitrary(),
            Gen.Choose(0, 15).ToArbitrary(),
            (days, bits, shift) =>
            {
                var duration = Duration.FromDays(days) + Duration.FromNanoseconds(((long)bits << shift) % NodaConstants.NanosecondsPerDay);
                return DurationText.Parse(DurationText.Format(duration)) == duration;
            });

    [Fact]
    public void Arithmetic_beyond_292_years_does_not_overflow()
    {
        var from = Instant.FromUtc(1000, 1, 1, 0, 0);
        var to = Instant.FromUtc(2000, 1, 1, 0, 0);
        Assert.Equal(to - from, BusinessCalendar.AlwaysOpen.Elapsed(from, to));
        var start = Instant.FromUtc(2026, 1, 1, 0, 0);
        var threeHundredYears = Duration.FromHours(300 * 8766L);
        Assert.True(BusinessCalendar.AlwaysOpen.TryAdd(start, threeHundredYears, out var end));
        Assert.Equal(start + threeHundredYears, end);
        Assert.True(Weekdays().TryAdd(start, threeHundredYears / 5, out var weekdays));
        Assert.Equal(threeHundredYears / 5, Weekdays().Elapsed(start, weekdays));
    }

    [Fact]
    public void Amounts_beyond_the_supported_years_are_unreachable_not_exceptions()
    {
        var start = Instant.FromUtc(2026, 1, 1, 0, 0);
        Assert.False(BusinessCalendar.AlwaysOpen.TryAdd(start, Duration.MaxValue, out _));
        Assert.False(Weekdays().TryAdd(start, Duration.MinValue, out _));
        Assert.False(BusinessCalendar.AlwaysOpen.TryAdd(Instant.FromUtc(9998, 6, 1, 0, 0), Duration.FromHours(24 * 365), out _));
        var e = Assert.Throws<DeadlineUnreachableException>(() => Weekdays().Add(start, -Duration.FromHours(87_600_001)));
        Assert.StartsWith("unreachable: calendar 'office' has no working time before 2026-01-01T00:00:00Z to cover -PT87600001H", e.Message);
    }

    [Fact]
    public void The_unreachable_message_uses_the_documents_text_forms()
    {
        var events = new BusinessCalendarBuilder("events", "UTC").AddException(new LocalDate(2020, 6, 1), "Open day", "09:00-17:00").Build();
        var e = Assert.Throws<DeadlineUnreachableException>(() => events.Add(Instant.FromUtc(2027, 1, 10, 0, 0), Duration.FromHours(1)));
        Assert.Equal("unreachable: calendar 'events' has no working time after 2027-01-10T00:00:00Z to cover PT1H.", e.Message);
    }

    [Fact]
    public void Sub_tick_amounts_round_the_same_way_on_every_calendar()
    {
        var start = Instant.FromUtc(2026, 3, 2, 10, 0);
        var amount = Duration.FromNanoseconds(150);
        Assert.True(BusinessCalendar.AlwaysOpen.TryAdd(start, amount, out var always));
        Assert.True(Weekdays().TryAdd(start, amount, out var weekdays));
        Assert.Equal(start + Duration.FromTicks(1), always);
        Assert.Equal(always, weekdays);
        Assert.True(BusinessCalendar.AlwaysOpen.TryAdd(start, -amount, out var back));
        Assert.Equal(start - Duration.FromTicks(1), back);
    }

    [Fact]
    public void Instants_outside_the_supported_years_are_argument_errors_naming_the_parameter()
    {
        var year1 = Instant.FromUtc(1, 6, 1, 0, 0);
        Assert.Equal("start", Assert.Throws<ArgumentOutOfRangeException>(() => BusinessCalendar.AlwaysOpen.TryAdd(year1, Duration.FromHours(1), out _)).ParamName);
        Assert.Equal("from", Assert.Throws<ArgumentOutOfRangeException>(() => Weekdays().Elapsed(year1, Instant.FromUtc(2026, 1, 1, 0, 0))).ParamName);
        Assert.Equal("instant", Assert.Throws<ArgumentOutOfRangeException>(() => ReportPeriod.Containing(ReportingPeriod.Month, Instant.FromUtc(9999, 6, 1, 0, 0), DateTimeZone.Utc)).ParamName);
        Assert.Equal("date", Assert.Throws<ArgumentOutOfRangeException>(() => ReportPeriod.OfDate(ReportingPeriod.Week, new LocalDate(9999, 12, 31), DateTimeZone.Utc)).ParamName);
    }

    [Fact]
    public void Evaluating_at_or_creating_in_years_the_calendars_do_not_cover_is_an_argument_error_or_an_error_value()
    {
        var ticket = new Ticket("T-1", "email", "P1", At(16, 9), []);
        Assert.Equal("now", Assert.Throws<ArgumentOutOfRangeException>(() => ComplianceEvaluator.Evaluate(Policy, ticket, Instant.FromUtc(9999, 6, 1, 0, 0))).ParamName);
        var ancient = ComplianceEvaluator.Evaluate(Policy, ticket with { Created = Instant.FromUtc(1, 6, 1, 0, 0) }, At(16, 10));
        Assert.Equal("ticket T-1: it was created at 0001-06-01T00:00:00Z, outside the instants calendars support (0002-01-02T00:00:00Z to 9998-12-31T00:00:00Z).", ancient.Error);
        var late = ComplianceEvaluator.Evaluate(Policy, ticket, Instant.FromUtc(9998, 6, 1, 0, 0));
        Assert.True(late.IsValid);
    }

    [Fact]
    public void Rules_whose_occurrence_in_9999_lies_beyond_the_calendar_leave_9998_intact()
    {
        var calendar = new BusinessCalendarBuilder("edge", "UTC").AddHours(IsoDayOfWeek.Monday, "09:00-17:00")
            .AddRule(new EasterRule("Orthodox Easter", EasterKind.Orthodox, 0))
            .AddRule(new EasterRule("Far after Easter", EasterKind.Western, 300))
            .AddRule(new NthWeekdayRule("Fifth Monday of December", 12, IsoDayOfWeek.Monday, 5))
            .Build();
        var start = Instant.FromUtc(9998, 3, 2, 0, 0);
        Assert.True(calendar.TryAdd(start, Duration.FromHours(8), out var deadline));
        Assert.Equal(Instant.FromUtc(9998, 3, 2, 17, 0), deadline);
        Assert.Equal(Duration.FromHours(8), calendar.Elapsed(start, Instant.FromUtc(9998, 3, 3, 0, 0)));
    }

    [Fact]
    public void A_calendar_whose_rules_close_every_working_day_answers_unreachable()
    {
        var builder = new BusinessCalendarBuilder("never", "UTC").AddHours(IsoDayOfWeek.Monday, "09:00-17:00");
        foreach (var date in Enumerable.Range(0, 366).Select(i => new LocalDate(2024, 1, 1).PlusDays(i)))
        {
            builder.AddRule(new FixedDateRule($"Closed {date:MM-dd}", date.Month, date.Day, ObservedShift.NextWeekday));
        }
        var calendar = builder.Build();
        Assert.False(calendar.TryAdd(Instant.FromUtc(2026, 1, 1, 0, 0), Duration.FromHours(1), out _));
        Assert.False(calendar.TryAddBusinessDays(Instant.FromUtc(2026, 1, 1, 0, 0), new BusinessDays(1), out _));
    }

    [Fact]
    public void Searches_across_thousands_of_empty_years_do_not_compile_them()
    {
        var exceptionsOnly = new BusinessCalendarBuilder("events", "UTC").AddException(new LocalDate(2020, 6, 1), "Open day", "09:00-17:00").Build();
        Assert.True(exceptionsOnly.TryAdd(Instant.FromUtc(9000, 1, 1, 0, 0), -Duration.FromHours(1), out var back));
        Assert.Equal(Instant.FromUtc(2020, 6, 1, 16, 0), back);
        Assert.True(exceptionsOnly.CompiledMemoryBytes() < 200_000);
        var weekdays = Weekdays();
        Assert.True(weekdays.TryAddBusinessDays(Instant.FromUtc(2026, 1, 1, 0, 0), new BusinessDays(BusinessDays.MaxDays / 2), out var farAway));
        Assert.True(farAway.InUtc().Year > 9000);
        Assert.True(weekdays.CompiledMemoryBytes() < 1_000_000);
    }

    [Fact]
    public void An_amount_more_than_the_years_left_can_hold_is_unreachable_at_once()
    {
        var weekdays = Weekdays();
        Assert.False(weekdays.TryAdd(Instant.FromUtc(2026, 1, 5, 0, 0), BusinessCalendar.MaxAmount, out _));
        Assert.False(weekdays.TryAdd(Instant.FromUtc(2026, 1, 5, 0, 0), -Duration.FromHours(5_000_000), out _));
        Assert.True(weekdays.CompiledMemoryBytes() < 200_000);
        // The bound is never below what a year really holds: a calendar open around the clock reaches as far as 24/7 does.
        var builder = new BusinessCalendarBuilder("always", "UTC");
        for (var day = IsoDayOfWeek.Monday; day <= IsoDayOfWeek.Sunday; day++)
        {
            builder.AddHours(day, "00:00-24:00");
        }
        var start = Instant.FromUtc(2026, 1, 5, 0, 0);
        var far = Duration.FromHours(500 * 8766L);
        Assert.True(builder.Build().TryAdd(start, far, out var reached));
        Assert.Equal(BusinessCalendar.AlwaysOpen.Add(start, far), reached);
    }

    [Property(MaxTest = 40)]
    public Property Skipping_whole_cycles_counts_business_days_exactly()
    {
        var calendar = Weekdays();
        return Prop.ForAll(Gen.Choose(0, 1_500_000).ToArbitrary(), days =>
        {
            // Monday 2026-01-05 08:00 is received that day; with no holidays, N working days later is plain weekday arithmetic.
            var start = Instant.FromUtc(2026, 1, 5, 8, 0);
            var expected = new LocalDate(2026, 1, 5).PlusDays((7 * (days / 5)) + (days % 5)).At(new LocalTime(17, 0)).InUtc().ToInstant();
            return calendar.TryAddBusinessDays(start, new BusinessDays(days), out var deadline) && deadline == expected;
        });
    }

    [Fact]
    public void A_date_the_zone_skips_whole_does_not_break_its_year()
    {
        var apia = new BusinessCalendarBuilder("apia", "Pacific/Apia").AddHours(IsoDayOfWeek.Friday, "09:00-17:00")
            .AddHours(IsoDayOfWeek.Thursday, "09:00-17:00")
            .AddException(new LocalDate(2011, 12, 30), "Skipped day", "09:00-17:00")
            .AddRule(new FixedDateRule("Also on the skipped day", 12, 30))
            .Build();
        var thursday = Instant.FromUtc(2011, 12, 28, 0, 0);
        Assert.True(apia.TryAdd(thursday, Duration.FromHours(16), out var deadline));
        Assert.Equal(Duration.FromHours(16), apia.Elapsed(thursday, deadline));
        Assert.False(apia.GetDay(new LocalDate(2011, 12, 30)).Hours.IsEmpty);
    }

    [Fact]
    public void Business_days_beyond_the_maximum_are_rejected_by_the_constructor_and_the_validator()
    {
        Assert.Equal("days", Assert.Throws<ArgumentOutOfRangeException>(() => new BusinessDays(int.MaxValue - 1)).ParamName);
        Assert.Equal(BusinessDays.MaxDays, new BusinessDays(BusinessDays.MaxDays).Days);
    }

    [Fact]
    public void A_duration_target_beyond_the_maximum_is_a_validation_error()
    {
        var e = Assert.Throws<Validation.DefinitionValidationException>(() => new PolicySetBuilder("p", "P")
            .AddVersion("v1", Instant.FromUtc(2026, 1, 1, 0, 0), v => v.WithPriorities("P1")
                .AddService("email", "E-mail", s => s.Target("P1", Metric.Resolution, SlaTarget.InBusinessTime(Duration.FromHours(90_000_000)))))
            .Build());
        Assert.Contains("is longer than business-time arithmetic reaches: a duration target is at most PT87600000H (10,000 years).", e.Message);
    }

    [Fact]
    public void A_300_year_target_evaluates()
    {
        var policy = new PolicySetBuilder("p", "P")
            .AddVersion("v1", Instant.FromUtc(2026, 1, 1, 0, 0), v => v.WithPriorities("P1")
                .AddService("email", "E-mail", s => s.Target("P1", Metric.Resolution, SlaTarget.InBusinessTime(Duration.FromHours(300 * 8766L)))))
            .Build();
        var result = ComplianceEvaluator.Evaluate(policy, new Ticket("T", "email", "P1", At(16, 9), []), At(16, 10));
        Assert.True(result.IsValid);
        Assert.Equal(At(16, 9) + Duration.FromHours(300 * 8766L), result.Metrics[^1].Deadline);
    }

    [Fact]
    public void Seconds_in_a_window_are_kept_in_its_text()
    {
        var window = new TimeWindow(new LocalTime(9, 0, 30), new LocalTime(17, 0));
        Assert.Equal("09:00:30-17:00", window.ToString());
        Assert.Equal(window, TimeWindow.Parse(window.ToString()));
        Assert.Equal(new LocalTime(9, 0, 30, 500), TimeOfDayText.TryParse("09:00:30.5", out var t) ? t : default);
    }

    [Fact]
    public void Three_thousand_copies_of_one_window_give_a_few_problems_not_millions()
    {
        var builder = new BusinessCalendarBuilder("dup", "UTC");
        for (var i = 0; i < 3000; i++)
        {
            builder.AddHours(IsoDayOfWeek.Monday, "09:00-17:00");
        }
        var problems = builder.Validate();
        Assert.Equal(11, problems.Length);
        Assert.Equal("weekly.monday[1]: 09:00-17:00 overlaps 09:00-17:00 (weekly.monday[0]): windows of one day must not overlap.", problems[0].ToString());
        Assert.Equal("weekly.monday: 2989 more windows of this list overlap others: windows of one day must not overlap.", problems[^1].ToString());
    }

    [Fact]
    public void A_ticket_with_sixty_thousand_exchanges_evaluates_every_cycle()
    {
        var events = Enumerable.Range(0, 60_000).SelectMany(i => new[]
        {
            TicketEvent.CustomerMessage(At(16, 9) + Duration.FromSeconds((2 * i) + 1)),
            TicketEvent.AgentReply(At(16, 9) + Duration.FromSeconds((2 * i) + 2)),
        }).ToList();
        var result = ComplianceEvaluator.Evaluate(Policy, new Ticket("T-1", "email", "P1", At(16, 9), [.. events]), At(18, 9));
        Assert.Equal(60_002, result.Metrics.Length);
        Assert.All(result.Metrics.Skip(1).SkipLast(1), m => Assert.Equal(MetricStatus.Met, m.Status));
    }
}
