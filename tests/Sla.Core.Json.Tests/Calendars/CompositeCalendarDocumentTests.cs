using NodaTime;
using Sla.Core.Calendars;
using Sla.Core.Json.Calendars;
using Sla.Core.Json.Policies;
using Sla.Core.Policies;

namespace Sla.Core.Json.Tests.Calendars;

/// <summary>Calendars built from calendars in documents: a policy version's list, a list document, every mistake with its path, writing back.</summary>
public sealed class CompositeCalendarDocumentTests
{
    private const string London = """{ "id": "london", "timeZone": "Europe/London", "weekly": { "monday": ["09:00-17:30"] } }""";
    private const string NewYork = """{ "id": "new-york", "timeZone": "America/New_York", "weekly": { "monday": ["09:00-17:00"] } }""";

    private static string Policy(string calendars, string calendar = "follow-the-sun") => $$"""
        {
          "id": "p", "name": "P",
          "versions": [ {
            "version": "2027.1", "effectiveFrom": "2027-01-01T00:00:00Z",
            "calendars": [ {{calendars}} ],
            "priorities": ["P1"],
            "services": [ { "id": "email", "name": "E-mail", "targets": { "P1": { "resolution": { "within": "PT8H", "calendar": "{{calendar}}" } } } } ]
          } ]
        }
        """;

    private static string[] PolicyProblems(string json)
    {
        Assert.False(PolicyDocument.TryParse(json, out _, out var problems));
        return [.. problems.Select(p => p.ToString())];
    }

    [Fact]
    public void Reads_the_policy_example_and_a_target_measures_on_the_union()
    {
        // A composite may come before the calendars it names.
        var policy = PolicyDocument.Parse(Policy($$"""{ "id": "follow-the-sun", "union": ["london", "new-york"] }, {{London}}, {{NewYork}}"""));
        var calendar = policy.Versions[0].Calendars.Single(c => c.Id == "follow-the-sun");
        Assert.Equal(CalendarOperation.Union, calendar.Operation);
        Assert.Equal(["london", "new-york"], calendar.Members.Select(m => m.Id));
        Assert.Same(policy.Versions[0].Calendars.Single(c => c.Id == "london"), calendar.Members[0]);
        // Monday 2027-01-04: London 09:00-17:30 UTC and New York 14:00-22:00 UTC: 13 h.
        var monday = Instant.FromUtc(2027, 1, 4, 0, 0);
        Assert.Equal(Duration.FromHours(13), calendar.Elapsed(monday, monday + Duration.FromDays(1)));
    }

    [Fact]
    public void Nested_composites_with_a_zone_of_their_own_round_trip_through_the_policy_writer()
    {
        var json = Policy($$"""
            {{London}}, {{NewYork}},
            { "id": "maintenance", "timeZone": "UTC", "weekly": { "monday": ["15:00-16:00"] } },
            { "id": "follow-the-sun", "union": ["london", "new-york"] },
            { "id": "supported", "timeZone": "America/New_York", "difference": ["follow-the-sun", "maintenance"] },
            { "id": "both", "intersection": ["london", "24x7"] }
            """, "supported");
        var policy = PolicyDocument.Parse(json);
        var written = PolicyDocument.Write(policy);
        Assert.Contains("\"difference\": [", written, StringComparison.Ordinal);
        var again = PolicyDocument.Parse(written);
        var supported = again.Versions[0].Calendars.Single(c => c.Id == "supported");
        Assert.Equal("America/New_York", supported.Zone.Id);
        Assert.Equal("Europe/London", again.Versions[0].Calendars.Single(c => c.Id == "follow-the-sun").Zone.Id);
        Assert.Same(BusinessCalendar.AlwaysOpen, again.Versions[0].Calendars.Single(c => c.Id == "both").Members[1]);
        var monday = Instant.FromUtc(2027, 1, 4, 0, 0);
        Assert.Equal(Duration.FromHours(12), supported.Elapsed(monday, monday + Duration.FromDays(1)));
        Assert.Equal(written, PolicyDocument.Write(again));
    }

    /// <summary>The policy-version example for configurable clocks, variants and composite calendars, in a policy (its metrics shared with the metric tests).</summary>
    private const string AdditionsExample = $$"""
        { "id": "p", "name": "P", "versions": [
        {
          "version": "2027.1", "effectiveFrom": "2027-01-01T00:00:00Z",
          "calendars": [
            { "id": "london", "timeZone": "Europe/London", "weekly": { "monday": ["09:00-17:30"] } },
            { "id": "new-york", "timeZone": "America/New_York", "weekly": { "monday": ["09:00-17:00"] } },
            { "id": "follow-the-sun", "union": ["london", "new-york"] }
          ],
          "priorities": ["P1", "P2"],
          "pauseStatuses": ["pending"],
          "reportingTimeZone": "Europe/London",
          {{Policies.MetricDefinitionDocumentTests.ExampleMetrics}}
          "services": [
            { "id": "email", "name": "E-mail",
              "targets": { "P1": { "resolution": { "within": "PT8H", "calendar": "london" } } },
              "variants": [
                { "id": "gold-us", "when": { "tier": ["gold"], "region": ["us"] },
                  "targets": { "P1": { "resolution": { "within": "PT4H", "calendar": "new-york" }, "l2": { "within": "PT2H", "calendar": "follow-the-sun" } } } }
              ] }
          ]
        }
        ] }
        """;

    [Fact]
    public void Reads_the_documented_example_with_its_follow_the_sun_calendar()
    {
        var policy = PolicyDocument.Parse(AdditionsExample);
        var followTheSun = policy.Versions[0].Calendars.Single(c => c.Id == "follow-the-sun");
        Assert.Equal(["london", "new-york"], followTheSun.Members.Select(m => m.Id));
        var schema = Policies.PolicyDocumentTests.Schema;
        Assert.True(schema.Evaluate(System.Text.Json.JsonDocument.Parse(AdditionsExample).RootElement).IsValid);
        Assert.True(schema.Evaluate(System.Text.Json.JsonDocument.Parse(PolicyDocument.Write(policy)).RootElement).IsValid);
        var broken = AdditionsExample.Replace("\"union\": [\"london\", \"new-york\"]", "\"union\": [\"london\"], \"difference\": [\"london\", \"new-york\"]", StringComparison.Ordinal);
        Assert.False(schema.Evaluate(System.Text.Json.JsonDocument.Parse(broken).RootElement).IsValid);
    }

    [Fact]
    public void Reports_unknown_members_cycles_and_misplaced_fields_with_their_paths()
    {
        // What each calendar's own fields say comes first, then what referring to the others finds.
        Assert.Equal(
            [
                "versions[0].calendars[4].weekly: 'weekly' does not belong to a calendar built from other calendars: its hours are its members'.",
                "versions[0].calendars[5]: A calendar is built with one of union, intersection or difference; this one has union and difference.",
                "versions[0].calendars[8].timeZone: 'Mars/Olympus' is not a time zone known to TZDB: 2025b: use an IANA zone id such as Europe/London.",
                "versions[0].calendars[9].union[0]: Expected a calendar id, found the number 1.",
                "versions[0].calendars[1].union[1]: 'paris' is not a calendar of this version; the calendars are london, a, b, odd, c, d, e, f, 24x7.",
                "versions[0].calendars[2].union: The calendars a -> b -> a form a cycle: a calendar cannot be built from itself.",
                "versions[0].calendars[6].difference: A difference needs the calendar to take time from and at least one calendar to take away.",
                "versions[0].calendars[7].intersection[1]: 'london' is named twice: name each member once.",
            ],
            PolicyProblems(Policy($$"""
                {{London}},
                { "id": "follow-the-sun", "union": ["london", "paris"] },
                { "id": "a", "union": ["b"] },
                { "id": "b", "union": ["a"] },
                { "id": "odd", "union": ["london"], "weekly": {} },
                { "union": ["london"], "difference": ["london"] },
                { "id": "c", "difference": ["london"] },
                { "id": "d", "intersection": ["london", "london"] },
                { "id": "e", "timeZone": "Mars/Olympus", "union": ["london"] },
                { "id": "f", "union": [1] }
                """, "london")).Select(p => p.Replace(DateTimeZoneProviders.Tzdb.VersionId, "TZDB: 2025b", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_composite_whose_member_could_not_be_read_is_not_reported_again()
    {
        var problems = PolicyProblems(Policy("""
            { "id": "london", "timeZone": "Europe/Nowhere", "weekly": { "monday": ["09:00-17:00"] } },
            { "id": "follow-the-sun", "union": ["london"] }
            """));
        Assert.Equal("versions[0].calendars[0].timeZone", Assert.Single(problems).Split(':')[0]);
    }

    [Fact]
    public void A_calendar_in_CSharp_built_from_calendars_the_version_lacks_is_refused()
    {
        var london = CalendarDocument.Parse(London);
        var newYork = CalendarDocument.Parse(NewYork);
        var builder = new PolicySetBuilder("p", "P");
        builder.AddVersion("2027.1", Instant.FromUtc(2027, 1, 1, 0, 0), version => version
            .AddCalendar(london)
            .AddCalendar(BusinessCalendar.Union("follow-the-sun", london, newYork))
            .WithPriorities("P1"));
        var problem = Assert.Single(builder.Validate(), p => p.Path.Contains("union", StringComparison.Ordinal));
        Assert.Equal("versions[0].calendars[1].union[1]: 'follow-the-sun' is built from 'new-york', which is not among this version's calendars: add that calendar to the version too.",
            problem.ToString());
    }

    [Fact]
    public void A_list_document_reads_as_the_calendar_it_ends_with_and_a_composite_writes_as_such_a_list()
    {
        var list = $$"""[ {{London}}, {{NewYork}}, { "id": "follow-the-sun", "union": ["london", "new-york"] } ]""";
        var calendar = CalendarDocument.Parse(list);
        Assert.Equal("follow-the-sun", calendar.Id);
        Assert.True(CalendarDocument.TryParseAll(list, out var all, out _));
        Assert.Equal(["london", "new-york", "follow-the-sun"], all.Select(c => c.Id));
        var written = CalendarDocument.Write(calendar);
        Assert.StartsWith("[", written, StringComparison.Ordinal);
        var again = CalendarDocument.Parse(written);
        var monday = Instant.FromUtc(2027, 1, 4, 0, 0);
        Assert.Equal(calendar.Elapsed(monday, monday + Duration.FromDays(7)), again.Elapsed(monday, monday + Duration.FromDays(7)));
        Assert.Equal(written, CalendarDocument.Write(again));
    }

    [Fact]
    public void A_composite_alone_names_members_the_document_does_not_have()
    {
        Assert.False(CalendarDocument.TryParse("""{ "id": "x", "union": ["london"] }""", out _, out var problems));
        Assert.Equal("union[0]: 'london' is not a calendar of this document; the calendars are 24x7.", Assert.Single(problems).ToString());
        Assert.False(CalendarDocument.TryParse("[]", out _, out problems));
        Assert.Equal("The list holds no calendar.", Assert.Single(problems).ToString());
    }
}
