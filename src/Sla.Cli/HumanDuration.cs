using System.Globalization;
using NodaTime;

namespace Sla.Cli;

/// <summary>
/// Durations for people in tables: <c>91h 59m</c>, <c>9m 8s</c>, <c>45s</c> (the two largest parts, rounded down). Machine
/// formats (JSON, CSV, JSON Lines) keep ISO-8601 (<c>PT91H59M10S</c>), exact to the nanosecond.
/// </summary>
internal static class HumanDuration
{
    public static string Format(Duration duration)
    {
        var sign = duration < Duration.Zero ? "-" : "";
        var total = (long)Math.Floor(Math.Abs(duration.TotalSeconds));
        var (hours, minutes, seconds) = (total / 3600, total / 60 % 60, total % 60);
        var text = hours > 0 ? (minutes > 0 ? $"{hours}h {minutes}m" : $"{hours}h")
            : minutes > 0 ? (seconds > 0 ? $"{minutes}m {seconds}s" : $"{minutes}m")
            : $"{seconds}s";
        return sign + text.ToString(CultureInfo.InvariantCulture);
    }
}
