using System.Globalization;
using NodaTime;
using Sla.Core.Text;

namespace Sla.Core.Calendars;

/// <summary>
/// A span of local wall-clock time within a day, half-open: <c>[Start, End)</c>.
/// </summary>
/// <remarks>
/// <para>An <see cref="End"/> of midnight (<see cref="LocalTime.Midnight"/>) means the end of the local
/// day (written <c>24:00</c>). A window whose end is earlier than its start is an <em>overnight</em>
/// window: it covers <c>[Start, 24:00)</c> of the day it belongs to and <c>[00:00, End)</c> of the
/// next local date, whatever that date's own hours say.</para>
/// <para>This is an immutable value type, safe to share between threads.</para>
/// </remarks>
public readonly struct TimeWindow : IEquatable<TimeWindow>
{
    /// <summary>
    /// Creates a window from its local start (inclusive) and end (exclusive).
    /// </summary>
    /// <param name="start">The local time the window opens.</param>
    /// <param name="end">The local time the window closes; <see cref="LocalTime.Midnight"/> means
    /// <c>24:00</c>, and a value earlier than <paramref name="start"/> makes an overnight window.</param>
    /// <remarks>Two midnights make the whole day, <c>00:00-24:00</c>.</remarks>
    /// <exception cref="ArgumentException"><paramref name="start"/> equals <paramref name="end"/> at a time
    /// other than midnight: the window would be empty; or a time has a fraction of a second (windows are whole
    /// seconds, so calendars are kept compact and exact).</exception>
    public TimeWindow(LocalTime start, LocalTime end)
    {
        if (start.TickOfSecond != 0 || end.TickOfSecond != 0)
        {
            throw new ArgumentException(
                $"A window opens and closes on whole seconds (got {(start.TickOfSecond != 0 ? start : end):HH:mm:ss.fffffff}).", start.TickOfSecond != 0 ? nameof(start) : nameof(end));
        }
        if (start == end && start != LocalTime.Midnight)
        {
            throw new ArgumentException($"A window's start and end must differ (got {TimeOfDayText.Format(start)} twice).", nameof(end));
        }
        Start = start;
        End = end;
    }

    /// <summary>Gets the local time the window opens (inclusive).</summary>
    public LocalTime Start { get; }

    /// <summary>Gets the local time the window closes (exclusive); midnight means the end of the day (<c>24:00</c>).</summary>
    public LocalTime End { get; }

    /// <summary>Gets a value indicating whether the window runs past midnight into the next local date.</summary>
    public bool IsOvernight => End != LocalTime.Midnight && End < Start;

    /// <summary>Gets the window's length in wall-clock time (ignoring any DST shift on a given date).</summary>
    public Duration WallClockLength => EndOffset - StartOffset;

    /// <summary>Gets the start as time since the start of the window's own day.</summary>
    internal Duration StartOffset => Duration.FromTicks(Start.TickOfDay);

    /// <summary>Gets the end as time since the start of the window's own day: up to 24 h, or up to 48 h for an overnight window.</summary>
    internal Duration EndOffset =>
        End == LocalTime.Midnight || End < Start
            ? Duration.FromDays(1) + Duration.FromTicks(End.TickOfDay)
            : Duration.FromTicks(End.TickOfDay);

    /// <summary>
    /// Parses a window written <c>HH:mm-HH:mm</c>, where the end may be <c>24:00</c>.
    /// </summary>
    /// <param name="text">The text to parse.</param>
    /// <returns>The window.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="FormatException">The text is not a window (see <see cref="TryParse"/>).</exception>
    public static TimeWindow Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out var window, out var problem) ? window : throw new FormatException(problem);
    }

    /// <summary>
    /// Tries to parse a window written <c>HH:mm-HH:mm</c>, where the end may be <c>24:00</c>.
    /// </summary>
    /// <param name="text">The text to parse.</param>
    /// <param name="window">The window, when the text is valid.</param>
    /// <param name="problem">A plain sentence saying what is wrong, when it is not.</param>
    /// <returns><see langword="true"/> when <paramref name="text"/> is a window.</returns>
    public static bool TryParse(string? text, out TimeWindow window, out string problem)
    {
        window = default;
        problem = string.Empty;
        var parts = text?.Split('-');
        if (parts is not { Length: 2 })
        {
            problem = $"'{text}' is not a window: write it as HH:mm-HH:mm, for example 09:00-18:00.";
            return false;
        }
        if (!TryParseTime(parts[0], allowEndOfDay: false, out var start))
        {
            problem = $"'{parts[0]}' in window '{text}' is not a time of day: write HH:mm from 00:00 to 23:59.";
            return false;
        }
        if (!TryParseTime(parts[1], allowEndOfDay: true, out var end))
        {
            problem = $"'{parts[1]}' in window '{text}' is not a time of day: write HH:mm from 00:00 to 24:00.";
            return false;
        }
        if (start == LocalTime.Midnight && end == LocalTime.Midnight && parts[1] != "24:00")
        {
            problem = $"'{text}' is not a window: write 00:00-24:00 for a whole day.";
            return false;
        }
        if (start == end && start != LocalTime.Midnight)
        {
            problem = $"'{text}' is empty: a window's start and end must differ.";
            return false;
        }
        window = new TimeWindow(start, end);
        return true;
    }

    private static bool TryParseTime(string text, bool allowEndOfDay, out LocalTime time)
    {
        if (allowEndOfDay && text == "24:00")
        {
            time = LocalTime.Midnight;
            return true;
        }
        return TimeOfDayText.TryParse(text, out time);
    }

    /// <summary>Returns the window as <c>HH:mm-HH:mm</c>, with an end of midnight written <c>24:00</c>.</summary>
    /// <returns>The window in its document form.</returns>
    public override string ToString()
    {
        var end = End == LocalTime.Midnight ? "24:00" : TimeOfDayText.Format(End);
        return string.Create(CultureInfo.InvariantCulture, $"{TimeOfDayText.Format(Start)}-{end}");
    }

    /// <inheritdoc />
    public bool Equals(TimeWindow other) => Start == other.Start && End == other.End;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is TimeWindow other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Start, End);

    /// <summary>Compares two windows for equality.</summary>
    /// <param name="left">The first window.</param>
    /// <param name="right">The second window.</param>
    /// <returns><see langword="true"/> when both have the same start and end.</returns>
    public static bool operator ==(TimeWindow left, TimeWindow right) => left.Equals(right);

    /// <summary>Compares two windows for inequality.</summary>
    /// <param name="left">The first window.</param>
    /// <param name="right">The second window.</param>
    /// <returns><see langword="true"/> when they differ in start or end.</returns>
    public static bool operator !=(TimeWindow left, TimeWindow right) => !left.Equals(right);
}
