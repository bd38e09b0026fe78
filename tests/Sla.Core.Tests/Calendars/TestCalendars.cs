using NodaTime;
using NodaTime.Text;
using Sla.Core.Calendars;
using Sla.Core.Testing;

namespace Sla.Core.Tests.Calendars;

/// <summary>Short ways to write the calendars and instants the examples use.</summary>
internal static class TestCalendars
{
    public static readonly IsoDayOfWeek[] Weekdays =
        [IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday];

    public static readonly IsoDayOfWeek[] EveryDay = [.. Weekdays, IsoDayOfWeek.Saturday, IsoDayOfWeek.Sunday];

    /// <summary>A calendar with the same windows on each of the given days.</summary>
    public static BusinessCalendarBuilder Builder(string zone, IEnumerable<IsoDayOfWeek> days, params string[] windows)
    {
        var builder = new BusinessCalendarBuilder("test", zone).WithTimeZoneProvider(TestTimeZones.Provider);
        foreach (var day in days)
        {
            builder.AddHours(day, windows);
        }
        return builder;
    }

    public static BusinessCalendar Daily(string zone, params string[] windows) => Builder(zone, EveryDay, windows).Build();

    public static BusinessCalendar OfficeHours(string zone, params string[] windows) => Builder(zone, Weekdays, windows).Build();

    /// <summary>An instant from local wall time in a zone; the earlier instant when ambiguous.</summary>
    public static Instant Local(string zone, string localDateTime, bool later = false)
    {
        var local = LocalDateTimePattern.GeneralIso.Parse(localDateTime).Value;
        var mapping = TestTimeZones.Provider[zone].MapLocal(local);
        return (later ? mapping.Last() : mapping.First()).ToInstant();
    }

    public static Instant Utc(string text) => InstantPattern.ExtendedIso.Parse(text).Value;

    /// <summary>The working time a calendar holds over one local date (from its midnight to the next).</summary>
    public static Duration WorkingTimeOn(BusinessCalendar calendar, LocalDate date) =>
        calendar.Elapsed(calendar.Zone.AtStartOfDay(date).ToInstant(), calendar.Zone.AtStartOfDay(date.PlusDays(1)).ToInstant());
}
