using NodaTime;
using Sla.Core.Calendars;
using Sla.Core.Holidays.Countries;

namespace Sla.Core.Holidays.Tests.Countries;

/// <summary>Country holidays checked against calendars governments publish for 2027.</summary>
public sealed class CountryHolidaysTests
{
    private static string[] Dates(string country, int year, string? region = null) =>
        [.. CountryHolidays.Exceptions(country, year, year, region).Select(e => $"{e.Date:MM-dd}")];

    [Fact]
    public void England_and_Wales_2027_match_the_published_bank_holidays()
    {
        // gov.uk: Christmas and Boxing Day fall on the weekend, substitute days December 27 and 28.
        Assert.Equal(["01-01", "03-26", "03-29", "05-03", "05-31", "08-30", "12-27", "12-28"], Dates("GB", 2027));
        Assert.Equal(Dates("GB", 2027), Dates("gb", 2027, "ENG"));
    }

    [Fact]
    public void Scotland_2027_has_its_own_bank_holidays()
    {
        // gov.uk: January 2 (a Saturday) substituted on January 4, no Easter Monday, summer in August's first week, St Andrew's Day.
        Assert.Equal(["01-01", "01-04", "03-26", "05-03", "05-31", "08-02", "11-30", "12-27", "12-28"], Dates("GB", 2027, "SCT"));
    }

    [Fact]
    public void United_States_2027_closes_the_federal_days_off()
    {
        // OPM: Juneteenth (Saturday) observed Friday June 18, Independence Day (Sunday) Monday July 5, Christmas (Saturday)
        // Friday December 24, and New Year's Day 2028 (Saturday) Friday December 31, 2027.
        var days = CountryHolidays.Exceptions("US", 2027, 2027);
        Assert.Equal(["01-01", "01-18", "02-15", "05-31", "06-18", "07-05", "09-06", "10-11", "11-11", "11-25", "12-24", "12-31"], days.Select(e => $"{e.Date:MM-dd}"));
        Assert.Equal("Christmas (observed)", days.Single(d => d.Date == new LocalDate(2027, 12, 24)).Name);
        Assert.Equal("New Year (observed)", days.Single(d => d.Date == new LocalDate(2027, 12, 31)).Name);
        Assert.All(days, d => Assert.True(d.Hours.IsEmpty));
    }

    [Fact]
    public void Germany_2027_nationwide_and_in_Bavaria()
    {
        Assert.Equal(["01-01", "03-26", "03-29", "05-01", "05-06", "05-17", "10-03", "12-25", "12-26"], Dates("DE", 2027));
        var bavaria = Dates("DE", 2027, "BY");
        // Bavaria adds Epiphany, Corpus Christi and All Saints' Day at least.
        Assert.Contains("01-06", bavaria);
        Assert.Contains("05-27", bavaria);
        Assert.Contains("11-01", bavaria);
    }

    [Fact]
    public void Holidays_go_into_a_calendar_as_closed_dates()
    {
        var office = new BusinessCalendarBuilder("office", "Europe/London").AddHours(IsoDayOfWeek.Monday, "09:00-17:00").Build();
        var withHolidays = office.WithExceptions(CountryHolidays.Exceptions("GB", 2026, 2030));
        Assert.False(withHolidays.GetDay(new LocalDate(2027, 5, 31)).IsWorkingDay);
        Assert.Single(withHolidays.GetDay(new LocalDate(2027, 5, 31)).ShapedBy);
    }

    [Fact]
    public void Unknown_countries_regions_and_years_are_refused_with_what_is_covered()
    {
        var error = Assert.Throws<ArgumentException>(() => CountryHolidays.Exceptions("XX", 2027, 2027));
        Assert.Equal("country", error.ParamName);
        Assert.StartsWith("'XX' is not a country the holiday data covers; it covers AT, AU, BE,", error.Message, StringComparison.Ordinal);
        error = Assert.Throws<ArgumentException>(() => CountryHolidays.Exceptions("GB", 2027, 2027, "LON"));
        Assert.StartsWith("'LON' is not a region of GB the holiday data covers; it covers ENG, WLS, SCT, NIR.", error.Message, StringComparison.Ordinal);
        error = Assert.Throws<ArgumentException>(() => CountryHolidays.Exceptions("FR", 2027, 2027, "IDF"));
        Assert.StartsWith("The holiday data has no regions for FR; leave the region out.", error.Message, StringComparison.Ordinal);
        Assert.Equal("toYear", Assert.Throws<ArgumentOutOfRangeException>(() => CountryHolidays.Exceptions("GB", 2027, 2026)).ParamName);
        Assert.Contains("GB", CountryHolidays.Countries);
        Assert.Equal(["ENG", "WLS", "SCT", "NIR"], CountryHolidays.Regions("gb").ToArray());
        Assert.Empty(CountryHolidays.Regions("FR"));
    }
}
