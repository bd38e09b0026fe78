using Sla.Tests.Shared;
using static Sla.Cli.Tests.CliRunner;

namespace Sla.Cli.Tests.Calendars;

/// <summary><c>sla calendar import-ics</c>, <c>export-ics</c> and <c>holidays</c>, and their mistakes.</summary>
public sealed class HolidayCommandTests
{
    private static readonly string London = CalendarVectors.CalendarPath("london");

    private static readonly string Feed = TempFile(string.Join("\r\n",
        "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Tests//EN",
        "BEGIN:VEVENT", "UID:move@example", "DTSTART;VALUE=DATE:20270104", "SUMMARY:Office move", "END:VEVENT",
        "BEGIN:VEVENT", "UID:training@example", "DTSTART;TZID=Europe/London:20270105T120000", "DTEND;TZID=Europe/London:20270105T140000", "SUMMARY:Training", "END:VEVENT",
        "END:VCALENDAR", ""));

    [Fact]
    public void Import_writes_the_calendar_with_the_feeds_closures_and_export_writes_them_back()
    {
        var output = Path.Combine(Path.GetTempPath(), $"sla-import-{Guid.NewGuid():N}.json");
        var (exitCode, stdout, error) = Run("", "calendar", "import-ics", Feed, "--calendar", London, "--from", "2027", "--output", output);
        Assert.Equal((0, ""), (exitCode, stdout));
        Assert.Equal($"{Feed}: 2 dated exceptions from 2027 to 2027.", error.Trim());
        (exitCode, stdout, _) = Run("", "calendar", "days", output, "--from", "2027-01-04", "--to", "2027-01-05");
        Assert.Equal(0, exitCode);
        Assert.Equal(
        [
            "Calendar london (Europe/London), 2027-01-04 to 2027-01-05:",
            "2027-01-04 Mon  closed                     PT0S     Office move",
            "2027-01-05 Tue  08:30-12:00, 14:00-17:30   PT7H     Training",
        ], Lines(stdout));
        (exitCode, stdout, _) = Run("", "calendar", "export-ics", output, "--from", "2027-01-04", "--to", "2027-01-05");
        Assert.Equal(0, exitCode);
        Assert.Contains("DTSTART;VALUE=DATE:20270104\r\n", stdout, StringComparison.Ordinal);
        Assert.Contains("DTSTART;TZID=Europe/London:20270105T120000\r\n", stdout, StringComparison.Ordinal);
        Assert.Contains("SUMMARY:Training\r\n", stdout, StringComparison.Ordinal);
        File.Delete(output);
    }

    [Fact]
    public void A_malformed_feed_names_its_line_and_leaves_the_output_file_as_it_was()
    {
        var output = TempFile("{ \"untouched\": true }");
        var bad = TempFile("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20270104\r\nEND:VCALENDAR\r\n");
        var (exitCode, stdout, error) = Run("", "calendar", "import-ics", bad, "--calendar", London, "--from", "2027", "--output", output);
        Assert.Equal((2, ""), (exitCode, stdout));
        Assert.Equal($"{bad}: line 4: END:VCALENDAR where BEGIN:VEVENT (line 2) needs END:VEVENT.", error.Trim());
        Assert.Equal("{ \"untouched\": true }", File.ReadAllText(output));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(output)!, $".{Path.GetFileName(output)}.*"));
    }

    [Fact]
    public void Import_refuses_years_out_of_order_and_a_composite()
    {
        var (exitCode, _, error) = Run("", "calendar", "import-ics", Feed, "--calendar", London, "--from", "2027", "--to", "2026");
        Assert.Equal((2, "--to: 2026 must be from 2027 to 9998."), (exitCode, error.Trim()));
        var composite = TempFile($$"""[ {{File.ReadAllText(London)}}, { "id": "both", "union": ["london", "24x7"] } ]""");
        (exitCode, _, error) = Run("", "calendar", "import-ics", Feed, "--calendar", composite, "--id", "both", "--from", "2027");
        Assert.Equal((2, "--calendar: 'both' has no dated exceptions of its own: import into one of its members with --id."), (exitCode, error.Trim()));
    }

    [Fact]
    public void Holidays_lists_a_countrys_days_off_in_each_format()
    {
        var (exitCode, output, _) = Run("", "calendar", "holidays", "--country", "gb", "--region", "sct", "--from", "2027");
        Assert.Equal(0, exitCode);
        Assert.Equal("Public holidays of GB (SCT), 2027 to 2027: 9", Lines(output)[0]);
        Assert.Equal("2027-11-30 Tue  St Andrew's Day", Lines(output)[7]);
        (exitCode, output, _) = Run("", "calendar", "holidays", "--country", "US", "--from", "2027", "--format", "csv");
        Assert.Equal(0, exitCode);
        Assert.Equal(["date,weekday,name", "2027-01-01,friday,New Year"], Lines(output)[..2]);
        (exitCode, output, _) = Run("", "calendar", "holidays", "--country", "DE", "--from", "2027", "--format", "json");
        Assert.Equal(0, exitCode);
        Assert.Contains("\"name\": \"Tag der Deutschen Einheit\",", output, StringComparison.Ordinal);
        var (code, _, error) = Run("", "calendar", "holidays", "--country", "GB", "--region", "LON");
        Assert.Equal((2, "--region: 'LON' is not a region of GB the holiday data covers; it covers ENG, WLS, SCT, NIR."), (code, error.Trim()));
    }
}
