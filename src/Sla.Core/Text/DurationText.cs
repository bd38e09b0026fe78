using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using NodaTime;
using NodaTime.Text;

namespace Sla.Core.Text;

/// <summary>
/// Durations in the documents' text form: ISO-8601 time durations in (<c>PT8H30M</c>, <c>PT45S</c>,
/// <c>-PT2H</c>) or the shorthand <c>8h30m</c>, <c>45m</c>, <c>90s</c>; out as <c>PT#H#M#S</c> with zero
/// parts left out (<c>PT0S</c> for zero). Days and larger units are rejected: a day is not always
/// 24 hours of business time, so the author must say <c>PT24H</c> or use a business-days target.
/// </summary>
/// <remarks>Stateless and thread-safe.</remarks>
public static partial class DurationText
{
    private static readonly PeriodPattern Iso = PeriodPattern.NormalizingIso;

    /// <summary>Tries to parse a duration.</summary>
    /// <param name="text">The text.</param>
    /// <param name="duration">The duration, when the text is valid.</param>
    /// <param name="problem">A plain sentence saying what is wrong, when it is not.</param>
    /// <returns><see langword="true"/> when the text is a valid duration.</returns>
    public static bool TryParse(string? text, out Duration duration, out string problem)
    {
        duration = Duration.Zero;
        problem = string.Empty;
        if (string.IsNullOrEmpty(text))
        {
            problem = "A duration is required: write ISO-8601 such as PT8H30M, or 8h30m.";
            return false;
        }
        var negative = text.StartsWith('-');
        var body = negative ? text[1..] : text;
        if (Shorthand().Match(body) is { Success: true } match && match.Length > 0)
        {
            duration = Duration.FromHours(Number(match, "h")) + Duration.FromMinutes(Number(match, "m")) + Duration.FromSeconds(Number(match, "s"));
            duration = negative ? -duration : duration;
            return true;
        }
        var result = Iso.Parse(body.ToUpperInvariant());
        if (!result.Success)
        {
            problem = $"'{text}' is not a duration: write ISO-8601 such as PT8H30M, PT45S or -PT2H, or the shorthand 8h30m, 45m, 90s.";
            return false;
        }
        var period = result.Value;
        if (period.Years != 0 || period.Months != 0 || period.Weeks != 0 || period.Days != 0)
        {
            problem = $"'{text}' uses days or larger units, which are not a fixed amount of business time: write hours (PT24H) or use a business-days target.";
            return false;
        }
        duration = negative ? -period.ToDuration() : period.ToDuration();
        return true;
    }

    /// <summary>Parses a duration.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The duration.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="FormatException">The text is not a duration (the message says why).</exception>
    public static Duration Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out var duration, out var problem) ? duration : throw new FormatException(problem);
    }

    /// <summary>Formats a duration as <c>PT#H#M#S</c> (hours may exceed 24; zero parts left out; <c>PT0S</c> for zero).</summary>
    /// <param name="duration">The duration.</param>
    /// <returns>The text, with a leading <c>-</c> when negative.</returns>
    public static string Format(Duration duration)
    {
        if (duration == Duration.Zero)
        {
            return "PT0S";
        }
        var text = new StringBuilder(duration < Duration.Zero ? "-PT" : "PT");
        var magnitude = duration < Duration.Zero ? -duration : duration;
        var hours = (long)Math.Floor(magnitude.TotalHours);
        var rest = magnitude - Duration.FromHours(hours);
        var minutes = (long)Math.Floor(rest.TotalMinutes);
        rest -= Duration.FromMinutes(minutes);
        if (hours > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"{hours}H");
        }
        if (minutes > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"{minutes}M");
        }
        if (rest > Duration.Zero)
        {
            var nanos = rest.ToInt64Nanoseconds();
            var seconds = nanos / NodaConstants.NanosecondsPerSecond;
            var fraction = nanos % NodaConstants.NanosecondsPerSecond;
            text.Append(seconds.ToString(CultureInfo.InvariantCulture));
            if (fraction > 0)
            {
                text.Append('.').Append(fraction.ToString("000000000", CultureInfo.InvariantCulture).TrimEnd('0'));
            }
            text.Append('S');
        }
        return text.ToString();
    }

    private static long Number(Match match, string group) =>
        match.Groups[group].Success ? long.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture) : 0;

    [GeneratedRegex(@"^(?:(?<h>\d{1,9})h)?(?:(?<m>\d{1,9})m)?(?:(?<s>\d{1,9})s)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Shorthand();
}
