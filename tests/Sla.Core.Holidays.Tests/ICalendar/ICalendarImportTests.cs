using NodaTime;
using Sla.Core.Calendars;
using Sla.Core.Holidays.ICalendar;
using Sla.Core.Json.Calendars;
using Sla.Tests.Shared;

namespace Sla.Core.Holidays.Tests.ICalendar;

/// <summary>iCalendar feeds into dated exceptions: a national-holidays feed with RRULEs, office closures across a DST change, overnight hours, every malformed file.</summary>
public sealed class ICalendarImportTests
{
    private static BusinessCalendar Office(string zone = "Europe/London", string hours = "09:00-17:30")
    {
        var builder = new BusinessCalendarBuilder("office", zone);
        for (var day = IsoDayOfWeek.Monday; day <= IsoDayOfWeek.Friday; day++)
        {
            builder.AddHours(day, hours);
        }
        return builder.Build();
    }

    private static string Ics(string events) => $"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Tests//EN\r\n{events.Trim().ReplaceLineEndings("\r\n")}\r\nEND:VCALENDAR\r\n";

    /// <summary>A national-holidays feed as such feeds are written: yearly all-day RRULEs, one EXDATE, one-off dates, a multi-day closure.</summary>
    private static readonly string HolidaysFeed = Ics("""
        BEGIN:VEVENT
        UID:new-year@example
        DTSTART;VALUE=DATE:20200101
        DTEND;VALUE=DATE:20200102
        RRULE:FREQ=YEARLY
        SUMMARY:New Year's Day
        END:VEVENT
        BEGIN:VEVENT
        UID:early-may@example
        DTSTART;VALUE=DATE:20200504
        RRULE:FREQ=YEARLY;BYMONTH=5;BYDAY=1MO
        SUMMARY:Early May bank holiday
        END:VEVENT
        BEGIN:VEVENT
        UID:christmas@example
        DTSTART;VALUE=DATE:20201225
        RRULE:FREQ=YEARLY
        EXDATE;VALUE=DATE:20271225
        SUMMARY:Christmas Day
        END:VEVENT
        BEGIN:VEVENT
        UID:shutdown-2027@example
        DTSTART;VALUE=DATE:20271229
        DTEND;VALUE=DATE:20280101
        SUMMARY:Year-end shutdown
        END:VEVENT
        """);

    [Fact]
    public void A_holidays_feed_closes_each_occurrence_in_the_years_asked_for()
    {
        var exceptions = ICalendarImport.ReadExceptions(HolidaysFeed, Office(), 2027, 2028);
        Assert.Equal(
        [
            // 2027-01-01 is a Friday; May 3 the first Monday; Christmas 2027 is left out by EXDATE (and is a Saturday anyway).
            "2027-01-01 New Year's Day closed",
            "2027-05-03 Early May bank holiday closed",
            "2027-12-29 Year-end shutdown closed",
            "2027-12-30 Year-end shutdown closed",
            "2027-12-31 Year-end shutdown closed",
            "2028-01-01 New Year's Day closed",
            "2028-05-01 Early May bank holiday closed",
            "2028-12-25 Christmas Day closed",
        ], exceptions.Select(e => $"{e.Date:yyyy-MM-dd} {e.Name} {(e.Hours.IsEmpty ? "closed" : string.Join(", ", e.Hours))}"));
        var calendar = ICalendarImport.Import(HolidaysFeed, Office(), 2027, 2028);
        Assert.False(calendar.GetDay(new LocalDate(2027, 5, 3)).IsWorkingDay);
        Assert.Equal(["Early May bank holiday"], calendar.GetDay(new LocalDate(2027, 5, 3)).ShapedBy.ToArray());
    }

    /// <summary>Office closures with times, in the office's zone, in New York's and in UTC, around the spring change of 2027 (US March 14, UK March 28).</summary>
    private static readonly string ClosuresFeed = Ics("""
        BEGIN:VEVENT
        UID:maintenance@example
        DTSTART;TZID=Europe/London:20270326T160000
        DTEND;TZID=Europe/London:20270326T180000
        SUMMARY:Network maintenance
        END:VEVENT
        BEGIN:VEVENT
        UID:drill@example
        DTSTART;TZID=America/New_York:20270329T050000
        DTEND;TZID=America/New_York:20270329T060000
        SUMMARY:Fire drill
        END:VEVENT
        BEGIN:VEVENT
        UID:town-hall@example
        DTSTART:20270315T130000Z
        DURATION:PT90M
        RRULE:FREQ=WEEKLY;COUNT=3
        SUMMARY:Town hall
        END:VEVENT
        """);

    [Fact]
    public void Timed_closures_cut_just_their_part_of_the_day_on_the_offices_clock()
    {
        var exceptions = ICalendarImport.ReadExceptions(ClosuresFeed, Office(), 2027, 2027);
        Assert.Equal(
        [
            // 13:00-14:30 UTC is 13:00-14:30 in London until March 28, then 14:00-15:30 British Summer Time.
            "2027-03-15 Town hall 09:00-13:00, 14:30-17:30",
            "2027-03-22 Town hall 09:00-13:00, 14:30-17:30",
            "2027-03-26 Network maintenance 09:00-16:00",
            // 05:00-06:00 in New York (EDT since March 14) is 10:00-11:00 in London (BST since March 28).
            "2027-03-29 Fire drill; Town hall 09:00-10:00, 11:00-14:00, 15:30-17:30",
        ], exceptions.Select(e => $"{e.Date:yyyy-MM-dd} {e.Name} {string.Join(", ", e.Hours)}"));
    }

    [Fact]
    public void A_closure_after_midnight_cuts_the_evening_befores_overnight_window()
    {
        var night = new BusinessCalendarBuilder("night", "Europe/London").AddHours(IsoDayOfWeek.Monday, "22:00-06:00").Build();
        var feed = Ics("""
            BEGIN:VEVENT
            UID:patch@example
            DTSTART;TZID=Europe/London:20270105T020000
            DTEND;TZID=Europe/London:20270105T040000
            SUMMARY:Patching
            END:VEVENT
            """);
        var exceptions = ICalendarImport.ReadExceptions(feed, night, 2027, 2027);
        Assert.Equal(["2027-01-04 Patching 22:00-02:00", "2027-01-05 Patching 04:00-06:00"],
            exceptions.Select(e => $"{e.Date:yyyy-MM-dd} {e.Name} {string.Join(", ", e.Hours)}"));
        var patched = night.WithExceptions(exceptions);
        var monday = Instant.FromUtc(2027, 1, 4, 22, 0);
        Assert.Equal(Duration.FromHours(6), patched.Elapsed(monday, monday + Duration.FromHours(8)));
        Assert.False(patched.IsWorking(Instant.FromUtc(2027, 1, 5, 3, 0)));
        Assert.True(patched.IsWorking(Instant.FromUtc(2027, 1, 5, 5, 0)));
    }

    [Fact]
    public void Export_then_import_into_the_same_weekly_hours_gives_the_same_days()
    {
        // The vectors' london calendar (eight holiday rules, dated exceptions) with a shortened day besides.
        var london = CalendarDocument.Parse(File.ReadAllText(CalendarVectors.CalendarPath("london")))
            .WithExceptions([new DateOverride(new LocalDate(2027, 12, 23), "Early close", [TimeWindow.Parse("08:30-12:30")])]);
        var weeklyOnly = new BusinessCalendarBuilder(london.Id, london.Zone.Id);
        for (var day = IsoDayOfWeek.Monday; day <= IsoDayOfWeek.Sunday; day++)
        {
            weeklyOnly.AddHours(day, [.. london.Weekly[day]]);
        }
        var (from, to) = (new LocalDate(2026, 1, 1), new LocalDate(2028, 12, 31));
        var ics = ICalendarExport.Write(london, from, to);
        Assert.Equal(ics, ICalendarExport.Write(london, from, to));
        var again = ICalendarImport.Import(ics, weeklyOnly.Build(), 2026, 2028);
        var differences = london.Days(from, to).Zip(again.Days(from, to))
            .Where(p => !p.First.Hours.SequenceEqual(p.Second.Hours) && !(p.First.Hours.IsEmpty && p.Second.Hours.IsEmpty))
            .Select(p => $"{p.First} vs {p.Second}");
        Assert.Empty(differences);
        Assert.Contains("SUMMARY:Christmas Day", ics, StringComparison.Ordinal);
        Assert.Contains("DTSTART;TZID=Europe/London:20271223T133000", ics, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20270101\r\nSUMMARY:x\r\nEND:VCALENDAR", "line 7: END:VCALENDAR where BEGIN:VEVENT (line 4) needs END:VEVENT.")]
    [InlineData("this is not a line", "line 4: 'this is not a line' is not an iCalendar line (NAME:value).")]
    [InlineData("BEGIN:VEVENT\r\nUID:a\r\nDTSTART:2026-13-45XX\r\nSUMMARY:Broken\r\nEND:VEVENT", "line 4: the event 'Broken' has no DTSTART the reader understands (write DTSTART;VALUE=DATE:20270101 or DTSTART;TZID=Europe/London:20270101T090000).")]
    [InlineData("BEGIN:VEVENT\r\nUID:b\r\nDTSTART;TZID=Mars/Olympus:20270101T090000\r\nSUMMARY:Far\r\nEND:VEVENT", "line 4: the event 'Far' cannot be expanded: Unrecognized time zone id Mars/Olympus (Parameter 'tzId')")]
    [InlineData("BEGIN:VEVENT\r\nUID:c\r\nDTSTART;VALUE=DATE:20270101\r\nRRULE:FREQ=SOMETIMES\r\nEND:VEVENT", "the text cannot be read as iCalendar: The recurrence rule part 'freq' or its value SOMETIMES is not supported. (Parameter 'key')")]
    public void A_malformed_feed_is_refused_with_its_line(string events, string message)
    {
        var error = Assert.Throws<ICalendarFormatException>(() => ICalendarImport.ReadExceptions(Ics(events), Office(), 2027, 2027));
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void The_first_supported_year_is_read_from_its_first_day()
    {
        var feed = Ics("""
            BEGIN:VEVENT
            UID:old@example
            DTSTART;VALUE=DATE:00020301
            SUMMARY:Old holiday
            END:VEVENT
            """);
        Assert.Equal(["0002-03-01 Old holiday"], ICalendarImport.ReadExceptions(feed, Office(), 2, 2).Select(e => $"{e.Date:yyyy-MM-dd} {e.Name}"));
    }

    [Fact]
    public void Bad_arguments_throw_with_their_names()
    {
        Assert.Equal("line 1: an iCalendar file starts with BEGIN:VCALENDAR.", Assert.Throws<ICalendarFormatException>(() => ICalendarImport.ReadExceptions("VERSION:2.0", Office(), 2027, 2027)).Message);
        Assert.Equal("the text is empty: an iCalendar file starts with BEGIN:VCALENDAR.", Assert.Throws<ICalendarFormatException>(() => ICalendarImport.ReadExceptions("", Office(), 2027, 2027)).Message);
        Assert.Equal("toYear", Assert.Throws<ArgumentOutOfRangeException>(() => ICalendarImport.ReadExceptions(HolidaysFeed, Office(), 2027, 2026)).ParamName);
        Assert.Equal("calendar", Assert.Throws<ArgumentException>(() => ICalendarImport.ReadExceptions(HolidaysFeed, BusinessCalendar.AlwaysOpen, 2027, 2027)).ParamName);
        Assert.Equal("calendar", Assert.Throws<ArgumentException>(() => ICalendarExport.Write(BusinessCalendar.Union("u", Office()), new LocalDate(2027, 1, 1), new LocalDate(2027, 1, 2))).ParamName);
    }
}
