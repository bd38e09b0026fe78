using NodaTime;
using Sla.Core.Calendars;
using Sla.Core.Json.Calendars;
using Sla.Core.Text;

namespace Sla.Cli;

/// <summary>
/// The calendar a command names: <c>24x7</c>, a calendar document, or a calendar of a policy document. A
/// policy whose versions each define the chosen id gives the calendar of the version in force at the
/// instant a question is about, unless <c>--version</c> picks one.
/// </summary>
/// <remarks>Immutable once loaded.</remarks>
internal sealed class CalendarSource
{
    // Ordered by effective-from; one entry when there is no choice to make.
    private readonly IReadOnlyList<VersionedCalendar> choices;

    private CalendarSource(IReadOnlyList<VersionedCalendar> choices) => this.choices = choices;

    /// <summary>The calendar for a question about <paramref name="instant"/>, or <see langword="null"/> with the reason.</summary>
    public BusinessCalendar? At(Instant instant, out string? error)
    {
        error = null;
        if (choices[0].EffectiveFrom is null)
        {
            return choices[0].Calendar;
        }
        var inForce = choices.LastOrDefault(c => c.EffectiveFrom <= instant);
        if (inForce is null)
        {
            error = $"no version of the policy is in force at {InstantText.Format(instant)} (the first, {choices[0].Version}, takes effect at " +
                $"{InstantText.Format(choices[0].EffectiveFrom!.Value)}): pick one with --version.";
        }
        return inForce?.Calendar;
    }

    /// <summary>Loads the calendar (or the calendars of each version), writing every problem to standard error when it cannot.</summary>
    /// <returns>The source, or <see langword="null"/> after reporting why not.</returns>
    public static CalendarSource? Load(string file, string? id, string? version, CliConsole console)
    {
        if (file == BusinessCalendar.AlwaysOpenId)
        {
            if (id is not null || version is not null)
            {
                console.Error.WriteLine($"{(id is not null ? "--id" : "--version")}: the 24x7 calendar is built in; --id and --version pick a calendar of a file.");
                return null;
            }
            return new([new VersionedCalendar(BusinessCalendar.AlwaysOpen, null, null)]);
        }
        if (CliFiles.ReadText(file, console) is not { } json)
        {
            return null;
        }
        if (!CalendarDocument.TryParseVersioned(json, out var calendars, out var problems))
        {
            foreach (var problem in problems)
            {
                console.Error.WriteLine($"{file}: {problem}");
            }
            return null;
        }
        if (version is not null && !calendars.Any(c => c.Version == version))
        {
            var versions = calendars.Select(c => c.Version).OfType<string>().Distinct().ToList();
            console.Error.WriteLine(versions.Count == 0
                ? $"{file}: --version applies to a policy document; this is a calendar document."
                : $"{file}: has no version '{version}' with calendars; it has {string.Join(", ", versions)}.");
            return null;
        }
        if (id == BusinessCalendar.AlwaysOpenId && calendars.Any(c => c.Version is not null))
        {
            // Every version of a policy has the built-in 24/7 calendar beside its own, as its targets do.
            return new([new VersionedCalendar(BusinessCalendar.AlwaysOpen, null, null)]);
        }
        var chosen = calendars.Where(c => (id is null || c.Calendar.Id == id) && (version is null || c.Version == version)).ToList();
        var ids = chosen.Select(c => c.Calendar.Id).Distinct().ToList();
        switch (ids.Count)
        {
            case 0 when id is not null:
                console.Error.WriteLine($"{file}: has no calendar '{id}'{(version is null ? "" : $" in version {version}")}; it has {string.Join(", ", calendars.Select(c => c.Calendar.Id).Distinct())}.");
                return null;
            case 0:
                console.Error.WriteLine($"{file}: has no calendar.");
                return null;
            case > 1:
                console.Error.WriteLine($"{file}: has several calendars ({string.Join(", ", ids)}): pick one with --id.");
                return null;
        }
        if (chosen.Count > 1 && chosen.Select(c => c.Version).Distinct().Count() < chosen.Count)
        {
            console.Error.WriteLine($"{file}: version {chosen.GroupBy(c => c.Version).First(g => g.Count() > 1).Key} defines calendar '{ids[0]}' more than once.");
            return null;
        }
        // A version named on the command line answers for every instant.
        return new([.. chosen.OrderBy(c => c.EffectiveFrom).Select(c => version is null ? c : c with { EffectiveFrom = null })]);
    }
}

/// <summary>
/// The calendar of a source for each local date: the one of the version in force at the date's start (in the zone of the
/// calendar in force before it), so a list of days crosses from one version of a policy to the next where it comes into force.
/// </summary>
internal sealed class CalendarsByDate(CalendarSource source, BusinessCalendar first)
{
    private BusinessCalendar current = first;

    /// <summary>The calendar in force on the first date asked about (or now).</summary>
    public BusinessCalendar First { get; } = first;

    public BusinessCalendar On(LocalDate date)
    {
        current = source.At(date.AtStartOfDayInZone(current.Zone).ToInstant(), out _) ?? current;
        return current;
    }

    /// <summary>Today in the zone of the calendar in force now.</summary>
    public LocalDate Today(IClock clock) => clock.GetCurrentInstant().InZone(First.Zone).Date;
}
