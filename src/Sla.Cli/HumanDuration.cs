using System.Globalization;
using NodaTime;
using Sla.Core.Policies;

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

/// <summary>
/// Targets for people in tables, short enough that a table fits 120 columns: <c>15m</c>, <c>5 bd</c> (business days),
/// with the calendar (<c>15m on 24x7</c>) or the business days' cutoff and time of day (<c>5 bd, cutoff 16:00, at 18:00</c>).
/// Machine formats keep the target as a policy writes it.
/// </summary>
internal static class HumanTarget
{
    /// <summary>The amount alone: <c>15m</c>, <c>5 bd</c>.</summary>
    public static string Amount(SlaTarget target) => target switch
    {
        DurationTarget d => HumanDuration.Format(d.Within),
        BusinessDaysTarget b => $"{b.Days.Days.ToString(CultureInfo.InvariantCulture)} bd",
        _ => target.Describe(),
    };

    /// <summary>The amount and the calendar: <c>15m on 24x7</c>.</summary>
    public static string OnCalendar(SlaTarget target) => $"{Amount(target)} on {Calendar(target)}";

    /// <summary>The amount with a business-days target's cutoff and time of day: <c>5 bd, cutoff 16:00, at 18:00</c>.</summary>
    public static string Detailed(SlaTarget target) => target is BusinessDaysTarget { Days: var days }
        ? Amount(target) + (days.Cutoff is { } cutoff ? $", cutoff {Clock(cutoff)}" : "") + (days.At is { } at ? $", at {Clock(at)}" : "")
        : Amount(target);

    private static string Clock(LocalTime time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);

    /// <summary>The calendar's id, <c>24x7</c> when the target has none.</summary>
    public static string Calendar(SlaTarget target) => target.CalendarId ?? "24x7";
}
