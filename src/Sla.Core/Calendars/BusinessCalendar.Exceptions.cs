using System.Collections.Immutable;
using NodaTime;
using Sla.Core.Validation;

namespace Sla.Core.Calendars;

/// <summary>Copies of a calendar with dated exceptions added, for holidays that arrive from elsewhere (an iCalendar feed, country data).</summary>
public sealed partial class BusinessCalendar
{
    /// <summary>
    /// Gets a copy of this calendar with <paramref name="exceptions"/> added, each replacing the calendar's own
    /// exception on its date; the weekly schedule, rules and zone stay. The copy is validated as any new calendar.
    /// </summary>
    /// <param name="exceptions">The dated exceptions, at most one per date.</param>
    /// <returns>The new calendar; this one is unchanged.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="exceptions"/> or one of them is null.</exception>
    /// <exception cref="InvalidOperationException">This is the 24/7 calendar or a composite, which have no exceptions of their own.</exception>
    /// <exception cref="DefinitionValidationException">The exceptions do not make a valid calendar (two for one date, overlapping windows).</exception>
    public BusinessCalendar WithExceptions(IEnumerable<DateOverride> exceptions)
    {
        ArgumentNullException.ThrowIfNull(exceptions);
        var added = exceptions.ToList();
        if (added.Any(e => e is null))
        {
            throw new ArgumentNullException(nameof(exceptions), "An exception is null.");
        }
        if (IsAlwaysOpen || IsComposite)
        {
            throw new InvalidOperationException(
                $"Calendar '{Id}' {(IsAlwaysOpen ? "is the built-in 24/7 calendar" : "is built from other calendars")}: add dated exceptions to a calendar of windows.");
        }
        var replaced = added.Select(e => e.Date).ToHashSet();
        var builder = new BusinessCalendarBuilder(Id, Zone.Id).WithTimeZoneProvider(new SingleZoneProvider(Zone, TimeZoneProviderVersion));
        for (var day = IsoDayOfWeek.Monday; day <= IsoDayOfWeek.Sunday; day++)
        {
            builder.AddHours(day, [.. Weekly[day]]);
        }
        foreach (var rule in Rules)
        {
            builder.AddRule(rule);
        }
        foreach (var exception in Exceptions.Where(e => !replaced.Contains(e.Date)).Concat(added))
        {
            builder.AddException(exception);
        }
        return builder.Build();
    }

    /// <summary>The calendar's own zone as a provider, so a copy is built with the zone (and data version) it already has.</summary>
    private sealed class SingleZoneProvider(DateTimeZone zone, string versionId) : IDateTimeZoneProvider
    {
        public string VersionId => versionId;

        public System.Collections.ObjectModel.ReadOnlyCollection<string> Ids { get; } = new([zone.Id]);

        public DateTimeZone this[string id] => GetZoneOrNull(id) ?? throw new NodaTime.TimeZones.DateTimeZoneNotFoundException($"Time zone {id} is unknown to this provider.");

        public DateTimeZone GetSystemDefault() => zone;

        public DateTimeZone? GetZoneOrNull(string id) => id == zone.Id ? zone : null;
    }
}
