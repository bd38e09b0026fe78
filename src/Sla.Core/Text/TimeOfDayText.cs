using NodaTime;
using NodaTime.Text;

namespace Sla.Core.Text;

/// <summary>
/// Local times of day in the documents' text form, <c>HH:mm</c> (such as a cut-off, <c>16:00</c>), with
/// seconds and a fraction when the time has them (<c>09:00:30</c>, <c>09:00:30.5</c>).
/// </summary>
/// <remarks>Stateless and thread-safe.</remarks>
public static class TimeOfDayText
{
    private static readonly LocalTimePattern HourMinute = LocalTimePattern.CreateWithInvariantCulture("HH:mm");
    private static readonly LocalTimePattern WithSeconds = LocalTimePattern.CreateWithInvariantCulture("HH:mm:ss;FFFFFFFFF");

    /// <summary>Tries to parse a time written <c>HH:mm</c> or <c>HH:mm:ss</c> (with an optional fraction), 00:00 to 23:59:59.999999999.</summary>
    /// <param name="text">The text.</param>
    /// <param name="time">The time, when the text is valid.</param>
    /// <returns><see langword="true"/> when the text is a valid time.</returns>
    public static bool TryParse(string? text, out LocalTime time)
    {
        time = default;
        if (text is null)
        {
            return false;
        }
        var result = text.Length <= 5 ? HourMinute.Parse(text) : WithSeconds.Parse(text);
        if (!result.Success)
        {
            return false;
        }
        time = result.Value;
        return true;
    }

    /// <summary>Formats a time as <c>HH:mm</c>, or <c>HH:mm:ss</c> with a fraction when it has seconds, so nothing is lost.</summary>
    /// <param name="time">The time.</param>
    /// <returns>The text; <see cref="TryParse"/> reads it back exactly.</returns>
    public static string Format(LocalTime time) =>
        time.Second == 0 && time.NanosecondOfSecond == 0 ? HourMinute.Format(time) : WithSeconds.Format(time);
}
