using System.Collections.Immutable;
using NodaTime;
using PublicHoliday;
using Sla.Core.Calendars;

namespace Sla.Core.Holidays.Countries;

/// <summary>
/// Countries' public holidays as dated exceptions that close each day off, from the PublicHoliday library
/// (MIT), which computes them from each country's rules.
/// </summary>
/// <remarks>
/// <para>Each holiday closes the date people are off (a Saturday Christmas in the United States closes Friday
/// December 24, named <c>Christmas (observed)</c>); a day off that falls in the range counts even when the
/// holiday it stands for falls outside it (New Year's Day 2028 is observed in the US on Friday 2027-12-31).
/// Names are as the data gives them, in the country's language for some (Germany's are German).</para>
/// <para>Regions, as ISO 3166-2 subdivision codes: GB <c>ENG</c> (the default), <c>WLS</c>, <c>SCT</c>, <c>NIR</c>;
/// DE a state (<c>BY</c>, <c>NW</c>, ...; without one, the nationwide holidays only); AU a state or territory
/// (<c>NSW</c>, <c>VIC</c>, ...).</para>
/// <para>Stateless and thread-safe.</para>
/// </remarks>
public static class CountryHolidays
{
    private static readonly ImmutableSortedDictionary<string, string[]> RegionsByCountry = new Dictionary<string, string[]>
    {
        ["GB"] = ["ENG", "WLS", "SCT", "NIR"],
        ["DE"] = [.. Enum.GetNames<GermanPublicHoliday.States>().Where(s => s != nameof(GermanPublicHoliday.States.ALL))],
        ["AU"] = [.. Enum.GetNames<AustraliaPublicHoliday.States>().Where(s => s != nameof(AustraliaPublicHoliday.States.All))],
    }.ToImmutableSortedDictionary(StringComparer.Ordinal);

    /// <summary>Gets the ISO 3166-1 alpha-2 codes of the countries the data covers, in order.</summary>
    public static ImmutableArray<string> Countries { get; } =
        [.. Enum.GetNames<PublicHolidayCountryCode>().Where(c => c != nameof(PublicHolidayCountryCode.Po)).Select(c => c.ToUpperInvariant()).Order(StringComparer.Ordinal)];

    /// <summary>Gets the region codes a country takes (empty for a country without regions here).</summary>
    /// <param name="country">An ISO 3166-1 alpha-2 code, such as <c>GB</c>.</param>
    /// <returns>The region codes.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="country"/> is null.</exception>
    public static ImmutableArray<string> Regions(string country)
    {
        ArgumentNullException.ThrowIfNull(country);
        return RegionsByCountry.TryGetValue(country.ToUpperInvariant(), out var regions) ? [.. regions] : [];
    }

    /// <summary>Gets a country's public holidays from <paramref name="fromYear"/> to <paramref name="toYear"/> as dated exceptions.</summary>
    /// <param name="country">An ISO 3166-1 alpha-2 code, such as <c>GB</c> (any case); see <see cref="Countries"/>.</param>
    /// <param name="fromYear">The first year.</param>
    /// <param name="toYear">The last year, included.</param>
    /// <param name="region">A region code (see <see cref="Regions"/>), or <see langword="null"/> for the country's default.</param>
    /// <returns>One closing exception per day off, in date order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="country"/> is null.</exception>
    /// <exception cref="ArgumentException">The country or region is not one the data covers (the message lists those it does).</exception>
    /// <exception cref="ArgumentOutOfRangeException">The years are out of order or outside 1900 to 2200.</exception>
    public static ImmutableArray<DateOverride> Exceptions(string country, int fromYear, int toYear, string? region = null)
    {
        ArgumentNullException.ThrowIfNull(country);
        if (fromYear < 1900 || fromYear > 2200)
        {
            throw new ArgumentOutOfRangeException(nameof(fromYear), fromYear, "Country holidays are given for the years 1900 to 2200.");
        }
        if (toYear < fromYear || toYear > 2200)
        {
            throw new ArgumentOutOfRangeException(nameof(toYear), toYear, $"The last year must be from {fromYear} to 2200.");
        }
        var holidays = Source(country.ToUpperInvariant(), region);
        var (first, last) = (new LocalDate(fromYear, 1, 1), new LocalDate(toYear, 12, 31));
        var found = new SortedDictionary<LocalDate, List<string>>();
        // A year's holiday may be observed in the year before or after it.
        for (var year = fromYear - 1; year <= toYear + 1; year++)
        {
            var names = holidays.PublicHolidayNames(year);
            foreach (var holiday in holidays.PublicHolidaysInformation(year))
            {
                var observed = LocalDate.FromDateTime(holiday.ObservedDate);
                if (observed < first || observed > last)
                {
                    continue;
                }
                var name = !string.IsNullOrWhiteSpace(holiday.Name) ? holiday.Name
                    : names.TryGetValue(holiday.HolidayDate, out var byDate) ? byDate
                    : names.TryGetValue(holiday.ObservedDate, out var byObserved) ? byObserved
                    : "Public holiday";
                name = name.Trim() + (holiday.ObservedDate.Date != holiday.HolidayDate.Date ? " (observed)" : "");
                (found.TryGetValue(observed, out var list) ? list : found[observed] = []).Add(name);
            }
        }
        return [.. found.Select(f => new DateOverride(f.Key, string.Join("; ", f.Value.Distinct()), []))];
    }

    private static IPublicHolidays Source(string country, string? region)
    {
        if (!Countries.Contains(country))
        {
            throw new ArgumentException($"'{country}' is not a country the holiday data covers; it covers {string.Join(", ", Countries)}.", nameof(country));
        }
        if (region is null)
        {
            return PublicHolidayFactory.GetPublicHolidayForCountry(country);
        }
        var code = region.ToUpperInvariant();
        if (!RegionsByCountry.TryGetValue(country, out var regions) || !regions.Contains(code))
        {
            throw new ArgumentException(regions is null
                ? $"The holiday data has no regions for {country}; leave the region out."
                : $"'{region}' is not a region of {country} the holiday data covers; it covers {string.Join(", ", regions)}.", nameof(region));
        }
        return country switch
        {
            "GB" => new UKBankHoliday(code switch
            {
                "WLS" => UKBankHoliday.UkCountries.Wales,
                "SCT" => UKBankHoliday.UkCountries.Scotland,
                "NIR" => UKBankHoliday.UkCountries.NorthernIreland,
                _ => UKBankHoliday.UkCountries.England,
            }),
            "DE" => new GermanPublicHoliday { State = Enum.Parse<GermanPublicHoliday.States>(code) },
            _ => new AustraliaPublicHoliday { State = Enum.Parse<AustraliaPublicHoliday.States>(code) },
        };
    }
}
