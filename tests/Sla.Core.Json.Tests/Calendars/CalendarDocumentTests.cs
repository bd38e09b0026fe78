using NodaTime;
using Sla.Core.Calendars;
using Sla.Core.Json.Calendars;
using Sla.Core.Validation;

namespace Sla.Core.Json.Tests.Calendars;

/// <summary>Reading calendar documents: the formats.md example, and every kind of bad document with its exact problems.</summary>
public sealed class CalendarDocumentTests
{
    private const string FormatsExample = """
        {
          "id": "moscow-office",
          "timeZone": "Europe/Moscow",
          "weekly": {
            "monday": ["09:00-13:00", "14:00-18:00"],
            "tuesday": ["09:00-18:00"],
            "wednesday": ["09:00-18:00"],
            "thursday": ["09:00-18:00"],
            "friday": ["09:00-17:00"],
            "saturday": [],
            "sunday": ["22:00-06:00"]
          },
          "rules": [
            { "name": "New Year", "month": 1, "day": 1, "observed": "nextWeekday" },
            { "name": "Christmas Eve", "month": 12, "day": 24, "hours": ["09:00-13:00"] },
            { "name": "Thanksgiving", "month": 11, "weekday": "thursday", "occurrence": 4 },
            { "name": "Memorial Day", "month": 5, "weekday": "monday", "occurrence": -1 },
            { "name": "Good Friday", "easter": "western", "offset": -2 },
            { "name": "Orthodox Easter Monday", "easter": "orthodox", "offset": 1, "fromYear": 2020 }
          ],
          "exceptions": [
            { "date": "2027-01-09", "name": "Working Saturday", "hours": ["09:00-18:00"] },
            { "date": "2027-05-10", "name": "Bridge day", "hours": [] }
          ]
        }
        """;

    private static string[] Problems(string json)
    {
        Assert.False(CalendarDocument.TryParse(json, out var calendar, out var problems));
        Assert.Null(calendar);
        return [.. problems.Select(p => p.ToString())];
    }

    [Fact]
    public void Reads_the_formats_example()
    {
        var calendar = CalendarDocument.Parse(FormatsExample);
        Assert.Equal("moscow-office", calendar.Id);
        Assert.Equal("Europe/Moscow", calendar.Zone.Id);
        Assert.Equal(2, calendar.Weekly[IsoDayOfWeek.Monday].Length);
        Assert.Equal(6, calendar.Rules.Length);
        Assert.IsType<EasterRule>(calendar.Rules[4]);
        Assert.Equal(2020, calendar.Rules[5].FromYear);
        Assert.True(calendar.GetDay(new LocalDate(2027, 1, 9)).IsWorkingDay);
        Assert.False(calendar.GetDay(new LocalDate(2027, 5, 10)).IsWorkingDay);
    }

    [Fact]
    public void The_formats_calc_examples_hold()
    {
        var calendar = CalendarDocument.Parse(FormatsExample);
        Assert.Equal(Instant.FromUtc(2026, 3, 30, 3, 0), calendar.Add(Instant.FromUtc(2026, 3, 27, 16, 30), Duration.FromHours(8)));
        Assert.Equal(Duration.FromHours(16), calendar.Elapsed(Instant.FromUtc(2026, 3, 27, 10, 0), Instant.FromUtc(2026, 3, 30, 10, 0)));
        Assert.Equal(Instant.FromUtc(2026, 3, 30, 9, 0),
            calendar.AddBusinessDays(Instant.FromUtc(2026, 3, 27, 10, 0), new BusinessDays(2, new LocalTime(16, 0), new LocalTime(12, 0))));
        Assert.True(calendar.IsWorking(Instant.FromUtc(2026, 3, 29, 20, 0)));
    }

    [Fact]
    public void Malformed_JSON_names_the_line()
    {
        var problem = Assert.Single(Problems("{\n  \"id\": \"x\",\n  \"timeZone\": \"UTC\"\n  \"weekly\": {}\n}"));
        Assert.StartsWith("The document is not valid JSON at line 4, position 3:", problem);
    }

    [Fact]
    public void Every_problem_is_listed_with_its_path()
    {
        const string json = """
            {
              "id": "bad",
              "timeZone": "Mars/Olympus",
              "colour": "blue",
              "weekly": {
                "monday": ["09:00-13:00", "12:00-18:00", "9am-5pm"],
                "funday": ["10:00-11:00"],
                "tuesday": "09:00-17:00"
              },
              "rules": [
                { "name": "Both", "month": 1, "day": 1, "easter": "western", "offset": 0 },
                { "name": "Nothing" },
                { "name": "Weird", "month": 1, "day": 2, "observed": "sometimes" },
                { "name": "Bad easter", "easter": "eastern", "offset": 1 },
                { "name": "Bad weekday", "month": 5, "weekday": "mon", "occurrence": 1 },
                { "name": "Range", "month": 14, "day": 1 }
              ],
              "exceptions": [
                { "date": "2027-02-30", "name": "No such day" },
                { "date": "2027-05-10" },
                { "date": "2027-05-10", "hours": ["25:00-26:00"] },
                { "name": "No date" }
              ]
            }
            """;
        Assert.Equal(
        [
            "colour: 'colour' is not a field of a calendar; the fields are id, timeZone, weekly, rules, exceptions.",
            "weekly.funday: 'funday' is not a field of a weekly schedule; the fields are monday, tuesday, wednesday, thursday, friday, saturday, sunday.",
            "weekly.monday[2]: '9am' in window '9am-5pm' is not a time of day: write HH:mm from 00:00 to 23:59.",
            "weekly.tuesday: Expected a list (a JSON array), found the string \"09:00-17:00\".",
            "rules[0].month: 'month' does not belong to an Easter rule.",
            "rules[0].day: 'day' does not belong to an Easter rule.",
            "rules[1]: A rule is exactly one of: month + day (a fixed date), month + weekday + occurrence, or easter + offset.",
            "rules[2].observed: 'sometimes' is not an observed shift: use none, nearestWeekday, nextWeekday or sundayToMonday.",
            "rules[3].easter: 'eastern' is not an Easter: use western or orthodox.",
            "rules[4].weekday: 'mon' is not a weekday: use monday to sunday in lower case.",
            "exceptions[0].date: '2027-02-30' is not a date: write yyyy-MM-dd, for example 2027-01-09.",
            "exceptions[2].hours[0]: '25:00' in window '25:00-26:00' is not a time of day: write HH:mm from 00:00 to 23:59.",
            "exceptions[3].date: A dated exception needs a date (yyyy-MM-dd).",
            $"timeZone: 'Mars/Olympus' is not a time zone known to {DateTimeZoneProviders.Tzdb.VersionId}: use an IANA zone id such as Europe/London.",
            "weekly.monday[1]: 12:00-18:00 overlaps 09:00-13:00 (weekly.monday[0]): windows of one day must not overlap.",
            "rules[5].month: Month 14 is not 1 to 12.",
        ], Problems(json));
    }

    [Fact]
    public void Duplicate_exception_dates_keep_their_document_paths()
    {
        const string json = """
            { "id": "x", "timeZone": "UTC", "weekly": { "monday": ["09:00-17:00"] },
              "exceptions": [ { "date": "bad" }, { "date": "2027-05-10" }, { "date": "2027-05-10" } ] }
            """;
        Assert.Equal(
        [
            "exceptions[0].date: 'bad' is not a date: write yyyy-MM-dd, for example 2027-01-09.",
            "exceptions[2].date: 2027-05-10 already has an exception (exceptions[1]): a date can have only one.",
        ], Problems(json));
    }

    [Fact]
    public void Missing_id_zone_and_hours_and_wrong_types()
    {
        Assert.Equal(
        [
            "id: Expected a string, found the number 7.",
            "id: A calendar needs an id.",
            "timeZone: A calendar needs an IANA time zone, such as Europe/London.",
            "weekly: The calendar has no working time: the weekly schedule is empty and no dated exception has hours.",
        ], Problems("""{ "id": 7 }"""));
        Assert.Equal(["The list holds no calendar."], Problems("[]"));
        Assert.Equal(["[0]: Expected a calendar (a JSON object), found the number 1."], Problems("[1]"));
    }

    [Fact]
    public void A_policy_document_yields_the_calendars_of_each_version_with_their_paths()
    {
        const string policy = """
            { "id": "p", "versions": [ { "calendars": [
                { "id": "a", "timeZone": "UTC", "weekly": { "monday": ["09:00-17:00"] } },
                { "id": "b", "timeZone": "Nowhere", "weekly": { "monday": ["09:00-17:00"] } } ] } ] }
            """;
        Assert.False(CalendarDocument.TryParseAll(policy, out var calendars, out var problems));
        Assert.Empty(calendars);
        Assert.StartsWith("versions[0].calendars[1].timeZone: 'Nowhere' is not a time zone", Assert.Single(problems).ToString());
        Assert.True(CalendarDocument.TryParseAll(policy.Replace("Nowhere", "UTC", StringComparison.Ordinal), out calendars, out _));
        Assert.Equal(["a", "b"], calendars.Select(c => c.Id));
    }

    [Fact]
    public void Parse_throws_with_every_problem()
    {
        var error = Assert.Throws<DefinitionValidationException>(() => CalendarDocument.Parse("""{ "id": "", "timeZone": "" }"""));
        Assert.Equal(3, error.Problems.Length);
    }
}
