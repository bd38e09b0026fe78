using NodaTime;
using Sla.Core.Calendars;
using Sla.Core.Text;

namespace Sla.Core.Policies;

/// <summary>
/// A target for one metric: a duration of business time (<see cref="DurationTarget"/>) or a number of
/// business days (<see cref="BusinessDaysTarget"/>), on a named calendar or, without one, on the 24/7 clock.
/// </summary>
/// <param name="CalendarId">The calendar the target is measured on; <see langword="null"/> for 24/7.</param>
/// <remarks>Immutable and thread-safe.</remarks>
public abstract record SlaTarget(string? CalendarId)
{
    /// <summary>Creates a duration target.</summary>
    /// <param name="within">The business time allowed.</param>
    /// <param name="calendarId">The calendar, or <see langword="null"/> for 24/7.</param>
    /// <returns>The target.</returns>
    public static DurationTarget InBusinessTime(Duration within, string? calendarId = null) => new(within, calendarId);

    /// <summary>Creates a business-days target.</summary>
    /// <param name="days">The days, cut-off and time of day.</param>
    /// <param name="calendarId">The calendar, or <see langword="null"/> for 24/7.</param>
    /// <returns>The target.</returns>
    public static BusinessDaysTarget InBusinessDays(BusinessDays days, string? calendarId = null) => new(days, calendarId);

    /// <summary>Computes the deadline for a clock that started at <paramref name="start"/> and was never paused.</summary>
    /// <param name="calendar">The target's calendar (already resolved from <see cref="CalendarId"/>).</param>
    /// <param name="start">When the clock started.</param>
    /// <param name="deadline">The deadline, when reachable.</param>
    /// <returns><see langword="false"/> when the calendar has no working time left to reach it.</returns>
    public abstract bool TryGetDeadline(BusinessCalendar calendar, Instant start, out Instant deadline);

    /// <summary>Describes the target for people: <c>PT4H on 24x7</c>, <c>2 business days (cutoff 16:00) on moscow-office</c>.</summary>
    /// <returns>The description.</returns>
    public abstract string Describe();
}

/// <summary>A target of business time: the deadline is <c>Add(calendar, start, Within)</c>.</summary>
/// <param name="Within">The business time allowed; must be positive.</param>
/// <param name="CalendarId">The calendar, or <see langword="null"/> for 24/7.</param>
public sealed record DurationTarget(Duration Within, string? CalendarId = null) : SlaTarget(CalendarId)
{
    /// <inheritdoc />
    public override bool TryGetDeadline(BusinessCalendar calendar, Instant start, out Instant deadline)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        return calendar.TryAdd(start, Within, out deadline);
    }

    /// <inheritdoc />
    public override string Describe() => $"{DurationText.Format(Within)} on {CalendarId ?? BusinessCalendar.AlwaysOpenId}";
}

/// <summary>A business-days target (see <see cref="BusinessDays"/>).</summary>
/// <param name="Days">The days, cut-off and time of day.</param>
/// <param name="CalendarId">The calendar, or <see langword="null"/> for 24/7.</param>
public sealed record BusinessDaysTarget(BusinessDays Days, string? CalendarId = null) : SlaTarget(CalendarId)
{
    /// <inheritdoc />
    public override bool TryGetDeadline(BusinessCalendar calendar, Instant start, out Instant deadline)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        return calendar.TryAddBusinessDays(start, Days, out deadline);
    }

    /// <inheritdoc />
    public override string Describe() => $"{Days} on {CalendarId ?? BusinessCalendar.AlwaysOpenId}";
}
