using NodaTime;

namespace Sla.Core.Testing;

/// <summary>A clock that always reads the same instant: pass it where code under test asks for an <see cref="IClock"/>.</summary>
/// <param name="now">The instant it reads.</param>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class FixedClock(Instant now) : IClock
{
    /// <summary>Gets the instant the clock reads.</summary>
    public Instant Now { get; } = now;

    /// <summary>Creates a clock fixed at a UTC date and time.</summary>
    /// <param name="year">The year.</param>
    /// <param name="month">The month.</param>
    /// <param name="day">The day.</param>
    /// <param name="hour">The hour.</param>
    /// <param name="minute">The minute.</param>
    /// <returns>The clock.</returns>
    public static FixedClock AtUtc(int year, int month, int day, int hour = 0, int minute = 0) => new(Instant.FromUtc(year, month, day, hour, minute));

    /// <inheritdoc />
    public Instant GetCurrentInstant() => Now;
}
