using System.Collections.Immutable;
using NodaTime;
using Sla.Core.Validation;

namespace Sla.Core.Calendars;

/// <summary>Calendars built from calendars: union, intersection and difference of their working instants.</summary>
public sealed partial class BusinessCalendar
{
    /// <summary>
    /// Builds a calendar from others: working when any member is (<see cref="CalendarOperation.Union"/>), when
    /// all are (<see cref="CalendarOperation.Intersection"/>), or when the first is and none of the others is
    /// (<see cref="CalendarOperation.Difference"/>).
    /// </summary>
    /// <param name="id">The composite's id.</param>
    /// <param name="operation">How the members combine.</param>
    /// <param name="members">The member calendars, composites among them; for a difference, the first is the one the others are taken from.</param>
    /// <param name="zone">The zone whose local dates the composite's days and business days follow; the first member's when <see langword="null"/>.
    /// Which instants are working does not depend on it.</param>
    /// <returns>The composite calendar, immutable and thread-safe like any other.</returns>
    /// <remarks>
    /// <para>The working predicate is on instants, so members in different zones combine exactly, DST included;
    /// <see cref="Add"/>, <see cref="Elapsed"/> and the rest keep their definitions on the combined predicate and
    /// their speed (each local year of the composite is compiled once from its members' compiled intervals).</para>
    /// <para>A composite's date (for <see cref="GetDay"/>, <see cref="Days"/> and business days) is a local date of
    /// <paramref name="zone"/>; its hours are the working time within that date, and a business day ends where that
    /// time ends, at the latest at the date's end. A closed stretch names the reasons of the members closed there
    /// (<c>london: Christmas Day</c>) and, for a difference, the id of each subtracted calendar working there.</para>
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="id"/>, <paramref name="members"/> or a member is null.</exception>
    /// <exception cref="DefinitionValidationException">The id is blank, there are too few members (one for a union or
    /// intersection, two for a difference), or two members share an id or one shares the composite's.</exception>
    public static BusinessCalendar Compose(string id, CalendarOperation operation, IEnumerable<BusinessCalendar> members, DateTimeZone? zone = null)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(members);
        var list = members.ToImmutableArray();
        for (var i = 0; i < list.Length; i++)
        {
            if (list[i] is null)
            {
                throw new ArgumentNullException(nameof(members), $"Member {i} is null.");
            }
        }
        var problems = ValidateComposite(id, operation, list.Select(m => m.Id).ToList());
        if (problems.Any(p => p.Severity == ValidationSeverity.Error))
        {
            throw new DefinitionValidationException(problems);
        }
        return new BusinessCalendar(id, zone ?? list[0].Zone, operation, list);
    }

    /// <summary>Builds a calendar that is working when any member is: follow-the-sun support across offices.</summary>
    /// <param name="id">The composite's id.</param>
    /// <param name="members">At least one member calendar; the first one's zone gives the composite's dates.</param>
    /// <returns>The composite calendar.</returns>
    /// <exception cref="ArgumentNullException">An argument or a member is null.</exception>
    /// <exception cref="DefinitionValidationException">See <see cref="Compose"/>.</exception>
    public static BusinessCalendar Union(string id, params BusinessCalendar[] members) => Compose(id, CalendarOperation.Union, members);

    /// <summary>Builds a calendar that is working when every member is: our hours and the customer's.</summary>
    /// <param name="id">The composite's id.</param>
    /// <param name="members">At least one member calendar; the first one's zone gives the composite's dates.</param>
    /// <returns>The composite calendar.</returns>
    /// <exception cref="ArgumentNullException">An argument or a member is null.</exception>
    /// <exception cref="DefinitionValidationException">See <see cref="Compose"/>.</exception>
    public static BusinessCalendar Intersection(string id, params BusinessCalendar[] members) => Compose(id, CalendarOperation.Intersection, members);

    /// <summary>Builds a calendar that is working when <paramref name="from"/> is and none of <paramref name="without"/> is: support minus maintenance.</summary>
    /// <param name="id">The composite's id.</param>
    /// <param name="from">The calendar to take time from; its zone gives the composite's dates.</param>
    /// <param name="without">At least one calendar whose working time is taken away.</param>
    /// <returns>The composite calendar.</returns>
    /// <exception cref="ArgumentNullException">An argument or a member is null.</exception>
    /// <exception cref="DefinitionValidationException">See <see cref="Compose"/>.</exception>
    public static BusinessCalendar Difference(string id, BusinessCalendar from, params BusinessCalendar[] without)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(without);
        return Compose(id, CalendarOperation.Difference, [from, .. without]);
    }

    /// <summary>The problems of a composite definition, with paths as a document writes them (<c>union[1]</c>).</summary>
    internal static ImmutableArray<ValidationProblem> ValidateComposite(string id, CalendarOperation operation, IReadOnlyList<string> memberIds) =>
        CompositeCalendarValidator.Instance.Problems(new CompositeDefinition(id, operation, memberIds));

    internal BusinessCalendar(string id, DateTimeZone zone, CalendarOperation operation, ImmutableArray<BusinessCalendar> members)
    {
        Id = id;
        Zone = zone;
        TimeZoneProviderVersion = string.Join(", ", members.Select(m => m.TimeZoneProviderVersion).Distinct());
        Weekly = WeeklySchedule.Closed;
        Rules = [];
        Exceptions = [];
        Operation = operation;
        Members = members;
        var years = new CalendarYears(year => CompositeYear.Compile(year, zone, operation, members));
        var (first, last, most) = CompositeBounds(operation, members);
        var everyYearWorks = operation == CalendarOperation.Union && members.Any(m => m.engine.Summaries.EveryYearWorks);
        var leaves = Leaves(members).Distinct().ToList();
        // Easter moves with the moon, not every 400 years: a calendar without it, working whenever this one is, guides searches instead.
        var moves = leaves.Any(l => l.Rules.Any(r => r is EasterRule));
        var summaries = YearSummaries.ForCompiledYears(years, everyYearWorks, !moves,
            () => RepeatingYears.Breaks([.. leaves.Select(l => l.Zone).Append(zone).Distinct()], leaves.SelectMany(l => l.engine.Summaries.Breaks)),
            () => moves ? WorkingAtLeastAsOften(this).engine.Summaries : null);
        engine = new BusinessTimeEngine(years, summaries, first, last, most);
        dayCounter = new BusinessDayCounter(zone, engine);
    }

    /// <summary>A composite's date: the working time within the date's instants, as local windows, and its members' reasons.</summary>
    private CalendarDay CompositeDay(LocalDate date)
    {
        var start = ZoneDates.StartOfDay(Zone, date).ToUnixTimeTicks();
        var end = ZoneDates.StartOfDay(Zone, date.PlusDays(1)).ToUnixTimeTicks();
        LocalTime Local(long ticks) => Instant.FromUnixTimeTicks(ticks).InZone(Zone).TimeOfDay;
        var hours = engine.Years.WorkingIntervals(start, end)
            .Select(w => new TimeWindow(Local(w.Start), w.End == end ? LocalTime.Midnight : Local(w.End)));
        var reasons = engine.Years.AnnotationsIn(start, end).SelectMany(a => a.Names).Distinct();
        return new CalendarDay(date, [.. hours], [.. reasons]);
    }


    private static IEnumerable<BusinessCalendar> Leaves(IEnumerable<BusinessCalendar> calendars) =>
        calendars.SelectMany(c => c.IsComposite ? Leaves(c.Members) : [c]);

    /// <summary>
    /// A calendar without Easter rules that is working whenever <paramref name="calendar"/> is: its rules only take
    /// time away, so leaving them out gives more; a difference gives at most its first member's time.
    /// </summary>
    private static BusinessCalendar WorkingAtLeastAsOften(BusinessCalendar calendar) => calendar.Operation switch
    {
        null when !calendar.Rules.Any(r => r is EasterRule) => calendar,
        null => new BusinessCalendar(calendar.Id, calendar.Zone, calendar.TimeZoneProviderVersion, calendar.Weekly,
            [.. calendar.Rules.Where(r => r is not EasterRule)], calendar.Exceptions),
        CalendarOperation.Difference => WorkingAtLeastAsOften(calendar.Members[0]),
        { } operation => new BusinessCalendar(calendar.Id, calendar.Zone, operation, [.. calendar.Members.Select(WorkingAtLeastAsOften)]),
    };

    /// <summary>
    /// The years a composite may have working time in and the most one of its years can hold, from its members'
    /// (a year further either way, as the members' local years need not line up with the composite's).
    /// </summary>
    private static (int First, int Last, long MostPerYear) CompositeBounds(CalendarOperation operation, ImmutableArray<BusinessCalendar> members)
    {
        var engines = members.Select(m => m.engine).ToList();
        var relevant = operation == CalendarOperation.Difference ? engines.Take(1).ToList() : engines;
        var (first, last) = operation == CalendarOperation.Intersection
            ? (relevant.Max(e => e.FirstWorkingYear), relevant.Min(e => e.LastWorkingYear))
            : (relevant.Min(e => e.FirstWorkingYear), relevant.Max(e => e.LastWorkingYear));
        var most = operation == CalendarOperation.Union ? relevant.Sum(e => e.MostPerYear) : relevant.Min(e => e.MostPerYear);
        return first > last
            ? (CalendarYears.MaxYear, CalendarYears.MinYear, 0)
            : (Math.Max(first - 1, CalendarYears.MinYear), Math.Min(last + 1, CalendarYears.MaxYear), most + Duration.FromDays(2).BclCompatibleTicks);
    }

}
