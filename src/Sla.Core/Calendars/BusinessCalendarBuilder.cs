using System.Collections.Immutable;
using NodaTime;
using Sla.Core.Validation;

namespace Sla.Core.Calendars;

/// <summary>
/// Builds an immutable <see cref="BusinessCalendar"/>. Collects the zone, weekly windows, recurring rules
/// and dated exceptions, then <see cref="Build"/> validates them all at once.
/// </summary>
/// <example>
/// <code>
/// var calendar = new BusinessCalendarBuilder("london-office", "Europe/London")
///     .AddHours(IsoDayOfWeek.Monday, "09:00-17:30")
///     .AddRule(new FixedDateRule("Christmas Day", 12, 25, ObservedShift.NextWeekday))
///     .AddException(new LocalDate(2027, 5, 10), "Bridge day")
///     .Build();
/// </code>
/// </example>
/// <remarks>A builder is mutable and not thread-safe; the calendar it builds is both immutable and thread-safe.</remarks>
public sealed class BusinessCalendarBuilder
{
    private readonly List<PathedWindow>[] weekly = Enumerable.Range(0, 7).Select(_ => new List<PathedWindow>()).ToArray();
    private readonly List<Pathed<CalendarRule>> rules = [];
    private readonly List<Pathed<DateOverride>> exceptions = [];

    /// <summary>Creates a builder for a calendar with the given id and IANA time zone id.</summary>
    /// <param name="id">The calendar's id, unique within a policy.</param>
    /// <param name="timeZoneId">An IANA zone id such as <c>Europe/Moscow</c>, resolved by <see cref="TimeZoneProvider"/>.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public BusinessCalendarBuilder(string id, string timeZoneId)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(timeZoneId);
        Id = id;
        TimeZoneId = timeZoneId;
    }

    /// <summary>Gets the calendar's id.</summary>
    public string Id { get; }

    /// <summary>Gets the IANA time zone id.</summary>
    public string TimeZoneId { get; }

    /// <summary>Gets the provider that resolves <see cref="TimeZoneId"/>; by default NodaTime's TZDB provider.</summary>
    public IDateTimeZoneProvider TimeZoneProvider { get; private set; } = DateTimeZoneProviders.Tzdb;

    internal IReadOnlyList<PathedWindow> WeeklyEntries(IsoDayOfWeek day) => weekly[(int)day - 1];

    internal IReadOnlyList<Pathed<CalendarRule>> RuleEntries => rules;

    internal IReadOnlyList<Pathed<DateOverride>> ExceptionEntries => exceptions;

    /// <summary>Uses another time zone provider (for example a fixed TZDB release, or a test provider).</summary>
    /// <param name="provider">The provider.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="provider"/> is null.</exception>
    public BusinessCalendarBuilder WithTimeZoneProvider(IDateTimeZoneProvider provider)
    {
        ArgumentNullException.ThrowIfNull(provider);
        TimeZoneProvider = provider;
        return this;
    }

    /// <summary>Adds working windows to a weekday.</summary>
    /// <param name="weekday">The ISO weekday.</param>
    /// <param name="windows">The windows to add.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="weekday"/> is not Monday to Sunday.</exception>
    public BusinessCalendarBuilder AddHours(IsoDayOfWeek weekday, params TimeWindow[] windows)
    {
        ArgumentNullException.ThrowIfNull(windows);
        CheckWeekday(weekday);
        foreach (var window in windows)
        {
            AddHours(weekday, window, path: null);
        }
        return this;
    }

    /// <summary>Adds working windows, written <c>HH:mm-HH:mm</c>, to a weekday.</summary>
    /// <param name="weekday">The ISO weekday.</param>
    /// <param name="windows">The windows, such as <c>"09:00-13:00"</c> or <c>"22:00-06:00"</c>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="weekday"/> is not Monday to Sunday.</exception>
    /// <exception cref="FormatException">A window is not written <c>HH:mm-HH:mm</c>.</exception>
    public BusinessCalendarBuilder AddHours(IsoDayOfWeek weekday, params string[] windows)
    {
        ArgumentNullException.ThrowIfNull(windows);
        return AddHours(weekday, windows.Select(TimeWindow.Parse).ToArray());
    }

    /// <summary>Adds a recurring rule (a holiday or a short day).</summary>
    /// <param name="rule">The rule.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="rule"/> is null.</exception>
    public BusinessCalendarBuilder AddRule(CalendarRule rule) => AddRule(rule, path: null);

    /// <summary>Adds a dated exception.</summary>
    /// <param name="exception">The exception.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="exception"/> is null.</exception>
    public BusinessCalendarBuilder AddException(DateOverride exception) => AddException(exception, path: null);

    /// <summary>Adds a dated exception from its parts.</summary>
    /// <param name="date">The local date.</param>
    /// <param name="name">Its name, or <see langword="null"/>.</param>
    /// <param name="hours">The date's hours, written <c>HH:mm-HH:mm</c>; none closes the date.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="FormatException">A window is not written <c>HH:mm-HH:mm</c>.</exception>
    public BusinessCalendarBuilder AddException(LocalDate date, string? name, params string[] hours)
    {
        ArgumentNullException.ThrowIfNull(hours);
        return AddException(new DateOverride(date, name, hours.Select(TimeWindow.Parse).ToImmutableArray()));
    }

    internal BusinessCalendarBuilder AddHours(IsoDayOfWeek weekday, TimeWindow window, string? path)
    {
        var list = weekly[(int)weekday - 1];
        list.Add(new PathedWindow(window, path, weekday, list.Count));
        return this;
    }

    internal BusinessCalendarBuilder AddRule(CalendarRule rule, string? path)
    {
        ArgumentNullException.ThrowIfNull(rule);
        rules.Add(new Pathed<CalendarRule>(rule, path ?? $"rules[{rules.Count}]"));
        return this;
    }

    internal BusinessCalendarBuilder AddException(DateOverride exception, string? path)
    {
        ArgumentNullException.ThrowIfNull(exception);
        exceptions.Add(new Pathed<DateOverride>(exception, path ?? $"exceptions[{exceptions.Count}]"));
        return this;
    }

    /// <summary>Checks everything added so far and reports every problem found.</summary>
    /// <returns>The problems, errors and warnings; empty when the calendar can be built.</returns>
    public ImmutableArray<ValidationProblem> Validate() => BusinessCalendarValidator.Instance.Problems(this);

    /// <summary>Validates and builds the calendar.</summary>
    /// <returns>The immutable calendar.</returns>
    /// <exception cref="DefinitionValidationException">Validation found errors; all of them are listed.</exception>
    public BusinessCalendar Build()
    {
        var problems = Validate();
        if (problems.Any(p => p.Severity == ValidationSeverity.Error))
        {
            throw new DefinitionValidationException(problems);
        }
        var days = weekly.Select(d => d.Select(w => w.Window).ToImmutableArray()).ToImmutableArray();
        return new BusinessCalendar(
            Id,
            TimeZoneProvider[TimeZoneId],
            TimeZoneProvider.VersionId,
            new WeeklySchedule(days),
            rules.Select(r => r.Value).ToImmutableArray(),
            exceptions.Select(e => e.Value).ToImmutableArray());
    }

    private static void CheckWeekday(IsoDayOfWeek weekday)
    {
        if (weekday is < IsoDayOfWeek.Monday or > IsoDayOfWeek.Sunday)
        {
            throw new ArgumentOutOfRangeException(nameof(weekday), weekday, "Expected an ISO weekday, Monday to Sunday.");
        }
    }
}

/// <summary>A window with the document path it came from, so problems name the path the author wrote.</summary>
/// <param name="Window">The window.</param>
/// <param name="GivenPath">The path a document gave, or <see langword="null"/> for a window added in C#.</param>
/// <param name="Weekday">The weekday it was added to (for the path of a window added in C#).</param>
/// <param name="Index">Its place in that weekday's list.</param>
internal readonly record struct PathedWindow(TimeWindow Window, string? GivenPath, IsoDayOfWeek Weekday = IsoDayOfWeek.None, int Index = 0)
{
    private static readonly string[] WeekdayPaths = ["", "weekly.monday", "weekly.tuesday", "weekly.wednesday", "weekly.thursday", "weekly.friday", "weekly.saturday", "weekly.sunday"];

    /// <summary>The path to name in a problem; made only when one is reported.</summary>
    public string Path => GivenPath ?? $"{WeekdayPaths[(int)Weekday]}[{Index}]";
}
