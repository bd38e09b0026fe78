using FsCheck.Xunit;
using NodaTime;
using Sla.Core.Calendars;
using Sla.Core.Testing;
using static Sla.Core.Tests.Calendars.TestCalendars;

namespace Sla.Core.Tests.Calendars;

/// <summary>
/// The cursor an evaluation asks its calendar questions through remembers the month it last answered in; whatever it
/// remembers, its answers and its exceptions are the calendar's own.
/// </summary>
[Properties(Arbitrary = [typeof(CalendarArbitraries)], MaxTest = 300)]
public sealed class BusinessTimeCursorTests
{
    private static readonly BusinessCalendar London = OfficeHours("Europe/London", "09:00-12:30", "13:30-17:30");

    [Property]
    public bool A_cursor_answers_as_the_calendar_does(CalendarScenario s) => AgreesWithCalendar(s.Calendar, s.A, s.B, s.C, s.D1, s.D2);

    [Property(MaxTest = 150)]
    public bool A_cursor_answers_as_a_composite_calendar_does(CompositeScenario s) => AgreesWithCalendar(s.Calendar, s.A, s.B, s.C, s.D1, s.D2);

    [Fact]
    public void An_instant_outside_the_supported_years_is_refused_with_the_calendars_own_exception()
    {
        var tooEarly = Instant.FromUtc(1, 6, 1, 0, 0);
        var tooLate = Instant.FromUtc(9999, 6, 1, 0, 0);
        var inRange = Utc("2026-03-02T10:00:00Z");
        var cursor = default(BusinessTimeCursor);
        cursor.Elapsed(London, inRange, inRange + Duration.FromHours(1));

        AssertSameRefusal(() => London.Elapsed(tooEarly, inRange), () => cursor.Elapsed(London, tooEarly, inRange));
        AssertSameRefusal(() => London.Elapsed(inRange, tooLate), () => cursor.Elapsed(London, inRange, tooLate));
        AssertSameRefusal(() => London.TryAdd(tooLate, Duration.FromHours(1), out _), () => cursor.TryAdd(London, tooLate, Duration.FromHours(1), out _));
        AssertSameRefusal(() => London.Add(inRange, BusinessCalendar.MaxAmount + Duration.FromHours(1)),
            () => cursor.Add(London, inRange, BusinessCalendar.MaxAmount + Duration.FromHours(1)));
    }

    [Fact]
    public void Time_that_runs_past_the_month_remembered_is_added_across_it()
    {
        var cursor = default(BusinessTimeCursor);
        var friday = Utc("2026-03-27T15:00:00Z");
        Assert.Equal(London.Elapsed(friday, friday + Duration.FromMinutes(30)), cursor.Elapsed(London, friday, friday + Duration.FromMinutes(30)));
        // 7.5 hours a working day: 2.5 on Friday, 15 on Monday and Tuesday the 31st, and the last 2.5 on April 1 (09:00-11:30 BST).
        Assert.Equal(London.Add(friday, Duration.FromHours(20)), cursor.Add(London, friday, Duration.FromHours(20)));
        Assert.Equal(Utc("2026-04-01T10:30:00Z"), cursor.Add(London, friday, Duration.FromHours(20)));
        Assert.Equal(London.Elapsed(friday, Utc("2026-04-02T12:00:00Z")), cursor.Elapsed(London, friday, Utc("2026-04-02T12:00:00Z")));
    }

    [Fact]
    public void At_the_end_of_the_supported_years_a_cursor_answers_and_refuses_as_the_calendar_does()
    {
        var lastDecember = Instant.FromUtc(9998, 12, 28, 10, 0);
        var cursor = default(BusinessTimeCursor);
        Assert.Equal(London.Elapsed(lastDecember, lastDecember + Duration.FromHours(5)), cursor.Elapsed(London, lastDecember, lastDecember + Duration.FromHours(5)));
        // Time beyond the last supported year is out of reach, not an error; an instant beyond it is an error, named as the calendar names it.
        Assert.Equal(London.TryAdd(lastDecember, Duration.FromHours(200), out var expected), cursor.TryAdd(London, lastDecember, Duration.FromHours(200), out var actual));
        Assert.Equal(expected, actual);
        Assert.Equal(lastDecember, actual);
        AssertSameRefusal(() => London.Elapsed(lastDecember, Instant.FromUtc(9999, 2, 1, 0, 0)), () => cursor.Elapsed(London, lastDecember, Instant.FromUtc(9999, 2, 1, 0, 0)));
    }

    /// <summary>
    /// Asks a cursor and the calendar the same questions, around three instants and switching calendar between them (so
    /// the cursor both finds and misses the month it remembers): measures both ways and additions forward and back.
    /// </summary>
    private static bool AgreesWithCalendar(BusinessCalendar calendar, Instant a, Instant b, Instant c, Duration d1, Duration d2)
    {
        var cursor = default(BusinessTimeCursor);
        Instant[] instants = [a, a + Duration.FromMinutes(37), a + Duration.FromHours(9), b, c, a - Duration.FromHours(30)];
        Duration[] amounts = [d1, d2, -d1, Duration.FromMinutes(90), Duration.Zero, Duration.FromDays(40)];
        foreach (var on in new[] { calendar, London, calendar, BusinessCalendar.AlwaysOpen, calendar })
        {
            foreach (var from in instants)
            {
                foreach (var to in instants)
                {
                    if (cursor.Elapsed(on, from, to) != on.Elapsed(from, to))
                    {
                        return false;
                    }
                }
                foreach (var amount in amounts)
                {
                    var reached = cursor.TryAdd(on, from, amount, out var result);
                    if (reached != on.TryAdd(from, amount, out var expected) || result != expected)
                    {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    private static void AssertSameRefusal(Action byCalendar, Action byCursor)
    {
        var expected = Record.Exception(byCalendar);
        var actual = Record.Exception(byCursor);
        Assert.NotNull(expected);
        Assert.IsType(expected.GetType(), actual);
        Assert.Equal(expected.Message, actual!.Message);
        Assert.Equal((expected as ArgumentException)?.ParamName, (actual as ArgumentException)?.ParamName);
    }
}
