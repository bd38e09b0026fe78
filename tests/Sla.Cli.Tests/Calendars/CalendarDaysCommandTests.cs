using System.Text.Json.Nodes;
using Sla.Tests.Shared;
using static Sla.Cli.Tests.CliRunner;

namespace Sla.Cli.Tests.Calendars;

/// <summary><c>sla calendar days</c> in each format, its closed-only list and its mistakes; <c>calendar check --count</c>.</summary>
public sealed class CalendarDaysCommandTests
{
    private static readonly string London = CalendarVectors.CalendarPath("london");

    [Fact]
    public void Lists_each_date_with_its_hours_and_what_shaped_them()
    {
        var (exitCode, output, error) = Run("", "calendar", "days", London, "--from", "2027-12-24", "--to", "2027-12-28");
        Assert.Equal((0, ""), (exitCode, error));
        Assert.Equal(
        [
            "Calendar london (Europe/London), 2027-12-24 to 2027-12-28:",
            // Christmas and Boxing Day fall on the weekend in 2027: observed on the Monday and Tuesday.
            "2027-12-24 Fri  08:30-12:30, 13:30-16:00   PT6H30M",
            "2027-12-25 Sat  10:00-14:00                PT4H",
            "2027-12-26 Sun  closed                     PT0S",
            "2027-12-27 Mon  closed                     PT0S     Christmas Day",
            "2027-12-28 Tue  closed                     PT0S     Boxing Day",
        ], Lines(output));
    }

    [Fact]
    public void Closed_only_lists_what_a_rule_or_exception_closes_or_shortens_as_csv_and_json()
    {
        var (exitCode, csv, _) = Run("", "calendar", "days", London, "--from", "2027-12-01", "--to", "2028-01-31", "--closed-only", "--format", "csv");
        Assert.Equal(0, exitCode);
        Assert.Equal(
        [
            "date,weekday,hours,wallClockTime,shapedBy",
            "2027-12-27,monday,,PT0S,Christmas Day",
            "2027-12-28,tuesday,,PT0S,Boxing Day",
            "2028-01-03,monday,,PT0S,New Year's Day",
        ], Lines(csv));
        var (_, json, _) = Run("", "calendar", "days", London, "--from", "2027-12-24", "--to", "2027-12-27", "--format", "json");
        var days = JsonNode.Parse(json)!.AsArray();
        Assert.Equal(4, days.Count);
        Assert.Equal("""{"date":"2027-12-24","weekday":"friday","hours":["08:30-12:30","13:30-16:00"],"wallClockTime":"PT6H30M","closed":false,"shapedBy":[]}""", days[0]!.ToJsonString());
        Assert.Equal("""{"date":"2027-12-27","weekday":"monday","hours":[],"wallClockTime":"PT0S","closed":true,"shapedBy":["Christmas Day"]}""", days[3]!.ToJsonString());
        Assert.Equal("""{"date":"2027-12-25","weekday":"saturday","hours":["10:00-14:00"],"wallClockTime":"PT4H","closed":false,"shapedBy":[]}""", days[1]!.ToJsonString());
    }

    [Theory]
    [InlineData("--from", "2027-13-01", "--from: '2027-13-01' is not a date: write yyyy-MM-dd.")]
    [InlineData("--to", "0001-01-01", "--to: 0001-01-01 is outside the dates calendars cover (0002-01-01 to 9998-12-31).")]
    [InlineData("--to", "2027-11-30", "--to: 2027-11-30 is before the first date, 2027-12-01.")]
    public void A_bad_range_is_a_usage_error(string option, string value, string message)
    {
        string[] range = option == "--from" ? ["--from", value] : ["--from", "2027-12-01", "--to", value];
        var (exitCode, output, error) = Run("", ["calendar", "days", London, .. range]);
        Assert.Equal((2, "", message), (exitCode, output, error.Trim()));
    }

    [Fact]
    public void Without_dates_it_lists_four_weeks_from_today_in_the_calendars_zone()
    {
        var (exitCode, output, _) = Run("", "calendar", "days", London);
        Assert.Equal(0, exitCode);
        Assert.Equal("Calendar london (Europe/London), 2026-11-28 to 2026-12-25:", Lines(output)[0]);
        Assert.Equal(29, Lines(output).Length);
    }

    private const string TwoVersions = """
        { "id": "p", "name": "P", "versions": [
          { "version": "1", "effectiveFrom": "2026-01-01T00:00:00Z", "priorities": ["P1"], "services": [],
            "calendars": [ { "id": "office", "timeZone": "UTC", "weekly": { "monday": ["09:00-17:00"], "tuesday": ["09:00-17:00"], "wednesday": ["09:00-17:00"],
              "thursday": ["09:00-17:00"], "friday": ["09:00-17:00"] } } ] },
          { "version": "2", "effectiveFrom": "2026-07-01T00:00:00Z", "priorities": ["P1"], "services": [],
            "calendars": [ { "id": "office", "timeZone": "UTC", "weekly": { "monday": ["09:00-17:00"], "tuesday": ["09:00-17:00"], "wednesday": ["09:00-17:00"],
              "thursday": ["09:00-17:00"], "friday": ["09:00-12:00"] }, "exceptions": [ { "date": "2026-07-03", "name": "Summer day", "hours": [] } ] } ] } ] }
        """;

    [Fact]
    public void Each_date_uses_the_calendar_of_the_policy_version_in_force_on_it()
    {
        var policy = TempFile(TwoVersions);
        var (exitCode, output, error) = Run("", "calendar", "days", policy, "--from", "2026-06-26", "--to", "2026-07-10", "--format", "csv");
        Assert.Equal((0, ""), (exitCode, error));
        var rows = Lines(output);
        Assert.Contains("2026-06-26,friday,09:00-17:00,PT8H,", rows);
        Assert.Contains("2026-07-03,friday,,PT0S,Summer day", rows);
        Assert.Contains("2026-07-10,friday,09:00-12:00,PT3H,", rows);
        var (_, check, _) = Run("", "calendar", "check", policy, "--from", "2026-06-01", "--count", "1");
        Assert.Contains("2026-07-03 Fri  closed                     Summer day", Lines(check));
        var (_, pinned, _) = Run("", "calendar", "days", policy, "--from", "2026-07-03", "--to", "2026-07-03", "--version", "1", "--format", "csv");
        Assert.Equal("2026-07-03,friday,09:00-17:00,PT8H,", Lines(pinned)[1]);
    }

    [Fact]
    public void Check_lists_as_many_closed_days_as_count_asks()
    {
        var (exitCode, output, _) = Run("", "calendar", "check", London, "--from", "2027-12-01", "--count", "3");
        Assert.Equal(0, exitCode);
        Assert.Equal(3, Lines(output).SkipWhile(l => !l.StartsWith("Next closed", StringComparison.Ordinal)).Skip(1).Count());
        var (negative, _, error) = Run("", "calendar", "check", London, "--count", "0");
        Assert.Equal((2, "--count: 0 lists nothing: give how many days to list, such as 20."), (negative, error.Trim()));
        var (words, _, notNumber) = Run("", "calendar", "check", London, "--count", "abc");
        Assert.Equal((2, "--count: 'abc' is not a whole number."), (words, Lines(notNumber)[0]));
    }
}
