using NodaTime;

namespace Sla.Core.Calendars;

/// <summary>
/// A business-days target: the deadline is the end of the last window of the <see cref="Days"/>-th
/// working day after the day the ticket counts as received (or that day's <see cref="At"/> local time).
/// </summary>
/// <remarks>
/// The received day is the start's local date when that date is a working day and the start is before
/// both the <see cref="Cutoff"/> and the end of that date's last window; otherwise the next working day.
/// A deadline is never earlier than its start: when the <see cref="At"/> time of the day reached has
/// already passed, the deadline is that time on the next working day.
/// Immutable value type, safe to share between threads.
/// </remarks>
public readonly struct BusinessDays : IEquatable<BusinessDays>
{
    /// <summary>Creates a business-days target.</summary>
    /// <param name="days">How many working days after the received day; 0 means the received day itself.</param>
    /// <param name="cutoff">A local time after which a ticket counts as received on the next working day; <see langword="null"/> for none.</param>
    /// <param name="at">The local time of day the deadline falls at; <see langword="null"/> for the end of that day's last window.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="days"/> is negative or more than <see cref="MaxDays"/>.</exception>
    public BusinessDays(int days, LocalTime? cutoff = null, LocalTime? at = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(days, MaxDays);
        Days = days;
        Cutoff = cutoff;
        At = at;
    }

    /// <summary>The most working days a target may count: 3,660,000, the days of 10,000 years, more than the
    /// supported local years (2 to 9998) hold.</summary>
    public const int MaxDays = 3_660_000;

    /// <summary>Gets how many working days after the received day the deadline falls.</summary>
    public int Days { get; }

    /// <summary>Gets the local cut-off time, or <see langword="null"/>.</summary>
    public LocalTime? Cutoff { get; }

    /// <summary>Gets the local time of the deadline, or <see langword="null"/> for the end of the day's last window.</summary>
    public LocalTime? At { get; }

    /// <inheritdoc />
    public bool Equals(BusinessDays other) => Days == other.Days && Cutoff == other.Cutoff && At == other.At;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is BusinessDays other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Days, Cutoff, At);

    /// <summary>Returns the target as, for example, <c>2 business days (cutoff 16:00, at 12:00)</c>.</summary>
    /// <returns>A description.</returns>
    public override string ToString()
    {
        var parts = new List<string>();
        if (Cutoff is { } cutoff)
        {
            parts.Add("cutoff " + Text.TimeOfDayText.Format(cutoff));
        }
        if (At is { } at)
        {
            parts.Add("at " + Text.TimeOfDayText.Format(at));
        }
        return $"{Days} business day{(Days == 1 ? "" : "s")}{(parts.Count > 0 ? $" ({string.Join(", ", parts)})" : "")}";
    }

    /// <summary>Compares two targets for equality.</summary>
    /// <param name="left">The first target.</param>
    /// <param name="right">The second target.</param>
    /// <returns><see langword="true"/> when days, cut-off and time are all equal.</returns>
    public static bool operator ==(BusinessDays left, BusinessDays right) => left.Equals(right);

    /// <summary>Compares two targets for inequality.</summary>
    /// <param name="left">The first target.</param>
    /// <param name="right">The second target.</param>
    /// <returns><see langword="true"/> when they differ.</returns>
    public static bool operator !=(BusinessDays left, BusinessDays right) => !left.Equals(right);
}
