using FsCheck;
using FsCheck.Fluent;
using NodaTime;
using Sla.Core.Calendars;
using Sla.Core.Json.Calendars;
using Sla.Core.Testing;

namespace Sla.Core.Testing.Tests.Examples;

public class OfficeCalendarTests
{
    // Your calendar file, copied to the test output (see the project file).
    private static readonly BusinessCalendar Office =
        CalendarDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "calendar.json")));

    [Fact]
    public void The_office_calendar_obeys_the_laws_of_business_time() =>
        CalendarLaws.Verify(Office, fromYear: 2026, toYear: 2027);

    [Fact]
    public void A_one_business_hour_deadline_is_never_more_than_two_weeks_away() =>
        Prop.ForAll(
                Arb.From(CalendarArbitraries.InstantsNear(Office, 2026)),
                created => Office.Add(created, Duration.FromHours(1)) - created <= Duration.FromDays(14))
            .QuickCheckThrowOnFailure();

    [Fact]
    public void The_engine_agrees_with_the_reference_on_the_new_year_holidays()
    {
        var reference = new ReferenceCalendar(Office);
        var from = Instant.FromUtc(2026, 12, 30, 0, 0);
        var to = Instant.FromUtc(2027, 1, 12, 0, 0);
        Assert.Equal(reference.Elapsed(from, to), Office.Elapsed(from, to));
    }
}
