using System.Collections.Immutable;
using NodaTime;
using Sla.Core.Calendars;

namespace Sla.Core.Testing;

/// <summary>
/// What a generated calendar is made of, kept beside it so a failing case shrinks by dropping rules,
/// exceptions and windows, and prints as something a person can read.
/// </summary>
/// <param name="ZoneId">The zone id (resolved by <see cref="TestTimeZones.Provider"/>).</param>
/// <param name="Weekly">Seven lists of windows, Monday first.</param>
/// <param name="Rules">The recurring rules.</param>
/// <param name="Exceptions">The dated exceptions.</param>
/// <param name="FocusYear">The year the instants of a scenario cluster in.</param>
public sealed record CalendarSpec(string ZoneId, ImmutableArray<ImmutableArray<TimeWindow>> Weekly, ImmutableArray<CalendarRule> Rules,
    ImmutableArray<DateOverride> Exceptions, int FocusYear)
{
    /// <summary>Builds the calendar, or returns <see langword="null"/> when the parts do not make a valid one.</summary>
    /// <param name="id">The calendar id.</param>
    /// <returns>The calendar, or <see langword="null"/>.</returns>
    public BusinessCalendar? TryBuild(string id = "generated")
    {
        var builder = new BusinessCalendarBuilder(id, ZoneId).WithTimeZoneProvider(TestTimeZones.Provider);
        for (var day = 0; day < 7; day++)
        {
            builder.AddHours((IsoDayOfWeek)(day + 1), [.. Weekly[day]]);
        }
        foreach (var rule in Rules)
        {
            builder.AddRule(rule);
        }
        foreach (var exception in Exceptions)
        {
            builder.AddException(exception);
        }
        return builder.Validate().Any(p => p.Severity == Validation.ValidationSeverity.Error) ? null : builder.Build();
    }

    /// <summary>Smaller specs: each rule, exception or window left out in turn, and the zone replaced by UTC.</summary>
    /// <returns>The candidates, simplest first; some may not build (a calendar needs working time).</returns>
    public IEnumerable<CalendarSpec> Shrink()
    {
        if (ZoneId != "UTC")
        {
            yield return this with { ZoneId = "UTC" };
        }
        for (var i = 0; i < Rules.Length; i++)
        {
            yield return this with { Rules = Rules.RemoveAt(i) };
        }
        for (var i = 0; i < Exceptions.Length; i++)
        {
            yield return this with { Exceptions = Exceptions.RemoveAt(i) };
        }
        for (var day = 0; day < 7; day++)
        {
            for (var i = 0; i < Weekly[day].Length; i++)
            {
                yield return this with { Weekly = Weekly.SetItem(day, Weekly[day].RemoveAt(i)) };
            }
        }
    }

    /// <summary>Describes the calendar: zone, weekly windows, rules and exceptions.</summary>
    /// <returns>The description.</returns>
    public override string ToString()
    {
        static string Hours(IEnumerable<TimeWindow> windows) => string.Join(",", windows);
        var days = string.Join(" ", Weekly.Select((w, i) => w.IsEmpty ? null : $"{(IsoDayOfWeek)(i + 1)}={Hours(w)}").OfType<string>());
        var rules = string.Join("; ", Rules.Select(r => r switch
        {
            FixedDateRule f => $"{f.Month}/{f.Day}{(f.Observed == ObservedShift.None ? "" : " " + f.Observed)}",
            NthWeekdayRule n => $"{n.Weekday} #{n.Occurrence} of {n.Month}",
            EasterRule e => $"{e.Easter} Easter {e.Offset:+0;-0;0}",
            _ => r.Name,
        } + (r.IsHoliday ? "" : $" hours {Hours(r.Hours)}") + (r.FromYear is { } from ? $" from {from}" : "")));
        var exceptions = string.Join("; ", Exceptions.Select(e => $"{e.Date:yyyy-MM-dd}={(e.Hours.IsEmpty ? "closed" : Hours(e.Hours))}"));
        return $"{ZoneId} {{{days}}}{(rules.Length > 0 ? $" rules [{rules}]" : "")}{(exceptions.Length > 0 ? $" exceptions [{exceptions}]" : "")}";
    }
}
