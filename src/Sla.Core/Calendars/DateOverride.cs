using System.Collections.Immutable;
using NodaTime;

namespace Sla.Core.Calendars;

/// <summary>
/// A dated exception: one local date whose hours replace whatever the weekly schedule and the recurring
/// rules would give it. Empty hours close the date (a one-off holiday); hours on a normally closed day
/// open it (a working Saturday).
/// </summary>
/// <remarks>Immutable and safe to share between threads.</remarks>
public sealed class DateOverride
{
    /// <summary>Creates a dated exception.</summary>
    /// <param name="date">The local date it applies to.</param>
    /// <param name="name">Its name, shown wherever it closes time; <see langword="null"/> for none.</param>
    /// <param name="hours">The date's hours; empty (or default) closes the date.</param>
    public DateOverride(LocalDate date, string? name, ImmutableArray<TimeWindow> hours = default)
    {
        Date = date;
        Name = name;
        Hours = hours.IsDefault ? ImmutableArray<TimeWindow>.Empty : hours;
    }

    /// <summary>Gets the local date the exception applies to.</summary>
    public LocalDate Date { get; }

    /// <summary>Gets the exception's name, or <see langword="null"/>.</summary>
    public string? Name { get; }

    /// <summary>Gets the date's hours; empty when the exception closes the date.</summary>
    public ImmutableArray<TimeWindow> Hours { get; }

    /// <summary>Gets the name to show for this exception: its <see cref="Name"/>, or a description of its date.</summary>
    public string DisplayName => Name ?? $"exception {Date:yyyy-MM-dd}";
}
