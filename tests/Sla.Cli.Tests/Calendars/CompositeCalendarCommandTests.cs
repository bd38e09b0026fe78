using static Sla.Cli.Tests.CliRunner;

namespace Sla.Cli.Tests.Calendars;

/// <summary>The calendar commands on a calendar built from calendars, read from a list document.</summary>
public sealed class CompositeCalendarCommandTests
{
    private static string Office(string id, string zone) => $$"""
        { "id": "{{id}}", "timeZone": "{{zone}}",
          "weekly": { "monday": ["09:00-17:00"], "tuesday": ["09:00-17:00"], "wednesday": ["09:00-17:00"], "thursday": ["09:00-17:00"], "friday": ["09:00-17:00"] },
          "rules": [ { "name": "Christmas Day", "month": 12, "day": 25, "observed": "nextWeekday" } ] }
        """;

    private static readonly string FollowTheSun = TempFile($$"""
        [ {{Office("london", "Europe/London")}}, {{Office("new-york", "America/New_York")}}, {{Office("sydney", "Australia/Sydney")}},
          { "id": "follow-the-sun", "union": ["london", "new-york", "sydney"] } ]
        """);

    [Fact]
    public void Check_says_what_the_composite_is_built_from_and_which_days_its_members_close()
    {
        var (exitCode, output, error) = Run("", "calendar", "check", FollowTheSun, "--id", "follow-the-sun", "--from", "2027-12-20", "--count", "2");
        Assert.Equal((0, ""), (exitCode, error));
        var lines = Lines(output);
        Assert.Equal("Built as:   union of london (Europe/London), new-york (America/New_York), sydney (Australia/Sydney)", lines[2]);
        // 105 hours in a week, less Sydney's Monday (Christmas observed), which begins on Sunday 22:00 in London.
        Assert.Equal("Working time in the week from Monday 2027-12-20: PT103H", lines[3]);
        Assert.Equal(
        [
            "2027-12-26 Sun  closed                     sydney: Christmas Day",
            "2027-12-27 Mon  22:00-24:00                london: Christmas Day; sydney: Christmas Day; new-york: Christmas Day",
        ], lines[5..]);
    }

    [Fact]
    public void Days_and_calc_answer_on_the_composite()
    {
        var (exitCode, output, _) = Run("", "calendar", "days", FollowTheSun, "--id", "follow-the-sun", "--from", "2027-01-18", "--to", "2027-01-19");
        Assert.Equal(0, exitCode);
        Assert.Equal(
        [
            "Calendar follow-the-sun (Europe/London), 2027-01-18 to 2027-01-19:",
            "2027-01-18 Mon  00:00-06:00, 09:00-24:00   PT21H",
            "2027-01-19 Tue  00:00-06:00, 09:00-24:00   PT21H",
        ], Lines(output));
        (exitCode, output, _) = Run("""{"op":"add","start":"2027-01-15T20:00:00Z","duration":"PT4H"}""", "calc", "--calendar", FollowTheSun, "--id", "follow-the-sun");
        Assert.Equal(0, exitCode);
        Assert.Equal("{\"deadline\":\"2027-01-18T00:00:00Z\"}", output.Trim());
    }

    [Fact]
    public void A_list_without_an_id_asks_for_one_and_an_unknown_member_is_named_with_its_path()
    {
        var (exitCode, _, error) = Run("", "calendar", "check", FollowTheSun);
        Assert.Equal(2, exitCode);
        Assert.Contains("has several calendars (london, new-york, sydney, follow-the-sun): pick one with --id.", error, StringComparison.Ordinal);
        var broken = TempFile("""[ { "id": "both", "intersection": ["ours", "customer"] } ]""");
        (exitCode, _, error) = Run("", "calendar", "check", broken);
        Assert.Equal(2, exitCode);
        Assert.Equal(
        [
            $"{broken}: [0].intersection[0]: 'ours' is not a calendar of this document; the calendars are 24x7.",
            $"{broken}: [0].intersection[1]: 'customer' is not a calendar of this document; the calendars are 24x7.",
        ], Lines(error));
    }
}
