using Sla.Tests.Shared;
using static Sla.Cli.Tests.CliRunner;

namespace Sla.Cli.Tests.Calendars;

public sealed class CalendarCheckCommandTests
{
    [Fact]
    public void Summarises_zone_weekly_hours_and_the_next_closed_days()
    {
        var (exitCode, output, error) = Run("", "calendar", "check", CalendarVectors.CalendarPath("london"), "--from", "2027-12-01");
        Assert.Equal(0, exitCode);
        Assert.Equal("", error);
        Assert.Contains("Calendar london is valid.", output);
        Assert.Contains("Europe/London (TZDB: ", output);
        Assert.Contains("monday     08:30-12:30, 13:30-17:30       PT8H", output);
        Assert.Contains("week                                      PT42H30M", output);
        var closed = Lines(output).SkipWhile(l => !l.StartsWith("Next closed", StringComparison.Ordinal)).Skip(1).ToList();
        Assert.Equal(10, closed.Count);
        Assert.Equal("2027-12-27 Mon  closed                     Christmas Day", closed[0]);
        Assert.Equal("2027-12-28 Tue  closed                     Boxing Day", closed[1]);
        Assert.Equal("2028-01-03 Mon  closed                     New Year's Day", closed[2]);
        Assert.StartsWith("2028-04-14 Fri  closed                     Good Friday", closed[3]);
    }

    [Fact]
    public void Defaults_to_today_from_the_clock_and_shows_short_days()
    {
        var (exitCode, output, _) = Run("", "calendar", "check", CalendarVectors.CalendarPath("chicago-night"));
        Assert.Equal(0, exitCode);
        Assert.Contains("from 2026-11-28:", output);
        // Thursday's only window starts at 22:00, so the 00:00-20:00 short day leaves nothing.
        Assert.Contains("2026-12-31 Thu  closed                     New Year's Eve", output);
        Assert.Contains("2028-12-31 Sun  00:00-03:30, 12:00-20:00   New Year's Eve", output);
    }

    [Fact]
    public void An_invalid_calendar_exits_2_with_its_problems()
    {
        var file = TempFile("""{ "id": "x", "timeZone": "UTC", "weekly": { "monday": ["09:00-17:00", "10:00-11:00"] } }""");
        var (exitCode, output, error) = Run("", "calendar", "check", file);
        Assert.Equal(2, exitCode);
        Assert.Equal("", output);
        Assert.Contains("weekly.monday[1]: 10:00-11:00 overlaps 09:00-17:00 (weekly.monday[0])", error);
    }

    [Fact]
    public void A_bad_from_date_is_a_usage_error()
    {
        var (exitCode, _, error) = Run("", "calendar", "check", CalendarVectors.CalendarPath("london"), "--from", "tomorrow");
        Assert.Equal(2, exitCode);
        Assert.Equal("--from: 'tomorrow' is not a date: write yyyy-MM-dd.", error.Trim());
    }
}
