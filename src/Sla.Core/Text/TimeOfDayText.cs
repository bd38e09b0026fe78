using NodaTime;
using NodaTime.Text;

namespace Sla.Core.Text;

/// <summary>Local times of day in the documents' text form, <c>HH:mm</c> (such as a cut-off, <c>16:00</c>).</summary>
/// <remarks>Stateless and thread-safe.</remarks>
public static class TimeOfDayText
{
    private static readonly LocalTimePattern HourMinute = LocalTimePattern.CreateWithInvariantCulture("HH:mm");

    /// <summary>Tries to parse a time written <c>HH:mm</c>, 00:00 to 23:59.</summary>
    /// <param name="text">The text.</param>
    /// <param name="time">The time, when the text is valid.</param>
    /// <returns><see langword="true"/> when the text is a valid time.</returns>
    public static bool TryParse(string? text, out LocalTime time)
    {
        time = default;
        if (text is null || HourMinute.Parse(text) is not { Success: true } result)
        {
            return false;
        }
        time = result.Value;
        return true;
    }

    /// <summary>Formats a time as <c>HH:mm</c> (seconds, if any, are not shown).</summary>
    /// <param name="time">The time.</param>
    /// <returns>The text.</returns>
    public static string Format(LocalTime time) => HourMinute.Format(time);
}
