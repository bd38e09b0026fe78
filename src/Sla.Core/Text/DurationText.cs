using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using NodaTime;

namespace Sla.Core.Text;

/// <summary>
/// Durations in the documents' text form: ISO-8601 time durations in (<c>PT8H30M</c>, <c>PT45S</c>,
/// <c>-PT2H</c>, a fraction on the last part: <c>PT1.5H</c>) or the shorthand <c>8h30m</c>, <c>45m</c>, <c>90s</c>; out as <c>PT#H#M#S</c> with zero
/// parts left out (<c>PT0S</c> for zero). Days and larger units are rejected: a day is not always
/// 24 hours of business time, so the author must say <c>PT24H</c> or use a business-days target.
/// </summary>
/// <remarks>Stateless and thread-safe.</remarks>
public static partial class DurationText
{
    private const long NanosecondsPerHour = NodaConstants.NanosecondsPerHour;
    private const long NanosecondsPerMinute = NodaConstants.NanosecondsPerMinute;
    private const long NanosecondsPerSecond = NodaConstants.NanosecondsPerSecond;
    private static readonly Int128 LargestNanoseconds = TotalNanoseconds(Duration.MaxValue);
    private static readonly Int128 SmallestNanoseconds = TotalNanoseconds(Duration.MinValue);

    /// <summary>Tries to parse a duration.</summary>
    /// <param name="text">The text.</param>
    /// <param name="duration">The duration, when the text is valid.</param>
    /// <param name="problem">A plain sentence saying what is wrong, when it is not.</param>
    /// <returns><see langword="true"/> when the text is a valid duration.</returns>
    /// <remarks>Every duration NodaTime represents can be written and read back exactly, to the nanosecond.</remarks>
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
        var match = Shorthand().Match(body);
        if (!match.Success || match.Length == 0)
        {
            match = Iso().Match(body.ToUpperInvariant());
            if (!match.Success || match.Length == 1)
            {
                problem = $"'{text}' is not a duration: write ISO-8601 such as PT8H30M, PT45S or -PT2H, or the shorthand 8h30m, 45m, 90s.";
                return false;
            }
            if (match.Groups["date"].Length > 0)
            {
                problem = $"'{text}' uses days or larger units, which are not a fixed amount of business time: write hours (PT24H) or use a business-days target.";
                return false;
            }
            // ISO-8601 allows a fraction on the smallest part only: PT1.5H, PT2.5M, PT1.5S.
            if ((match.Groups["hf"].Success && (match.Groups["m"].Success || match.Groups["s"].Success)) || (match.Groups["mf"].Success && match.Groups["s"].Success))
            {
                problem = $"'{text}': only the last part of a duration may have a fraction, such as PT1.5H or PT1H30M.";
                return false;
            }
        }
        if (!TryTotal(match, negative, out var nanoseconds) || nanoseconds > LargestNanoseconds || nanoseconds < SmallestNanoseconds)
        {
            problem = $"'{text}' is too long: a duration must be shorter than {(long)(LargestNanoseconds / NanosecondsPerHour) + 1:N0} hours either way.";
            return false;
        }
        duration = FromNanoseconds(nanoseconds);
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
    /// <param name="duration">The duration, any that NodaTime represents.</param>
    /// <returns>The text, with a leading <c>-</c> when negative; <see cref="Parse"/> reads it back exactly.</returns>
    public static string Format(Duration duration)
    {
        Span<byte> utf8 = stackalloc byte[LongestUtf8];
        return Encoding.ASCII.GetString(utf8[..FormatUtf8(duration, utf8)]);
    }

    /// <summary>The most bytes <see cref="FormatUtf8"/> writes: a sign, <c>PT</c>, nine digits of hours, two of minutes, a second with nine decimals.</summary>
    internal const int LongestUtf8 = 40;

    /// <summary>
    /// Writes what <see cref="Format"/> gives as UTF-8 into <paramref name="utf8"/> (at least <see cref="LongestUtf8"/> bytes) and
    /// returns the count: evaluations write millions of durations, without a string each.
    /// </summary>
    internal static int FormatUtf8(Duration duration, Span<byte> utf8)
    {
        ulong hours, rest;
        // Within about 270 years either way (every target and counted time in practice) the total fits 64 bits.
        if (duration.Days is > -100_000 and < 100_000)
        {
            var magnitude = (ulong)Math.Abs((duration.Days * NodaConstants.NanosecondsPerDay) + duration.NanosecondOfDay);
            (hours, rest) = (magnitude / NanosecondsPerHour, magnitude % NanosecondsPerHour);
        }
        else
        {
            var magnitude = Int128.Abs(TotalNanoseconds(duration));
            (hours, rest) = ((ulong)(magnitude / NanosecondsPerHour), (ulong)(magnitude % NanosecondsPerHour));
        }
        if (hours == 0 && rest == 0)
        {
            "PT0S"u8.CopyTo(utf8);
            return 4;
        }
        var at = 0;
        if (duration < Duration.Zero)
        {
            utf8[at++] = (byte)'-';
        }
        utf8[at++] = (byte)'P';
        utf8[at++] = (byte)'T';
        var minutes = rest / NanosecondsPerMinute;
        rest %= NanosecondsPerMinute;
        if (hours > 0)
        {
            at += Digits(hours, utf8[at..]);
            utf8[at++] = (byte)'H';
        }
        if (minutes > 0)
        {
            at += Digits(minutes, utf8[at..]);
            utf8[at++] = (byte)'M';
        }
        if (rest > 0)
        {
            at += Digits(rest / NanosecondsPerSecond, utf8[at..]);
            if (rest % NanosecondsPerSecond is var fraction and > 0)
            {
                utf8[at++] = (byte)'.';
                fraction.TryFormat(utf8[at..], out var written, "000000000", CultureInfo.InvariantCulture);
                while (utf8[at + written - 1] == (byte)'0')
                {
                    written--;
                }
                at += written;
            }
            utf8[at++] = (byte)'S';
        }
        return at;
    }

    private static int Digits(ulong value, Span<byte> utf8)
    {
        value.TryFormat(utf8, out var written, default, CultureInfo.InvariantCulture);
        return written;
    }

    // Duration.Days and NanosecondOfDay both truncate towards zero, so this sum is exact for every duration.
    private static Int128 TotalNanoseconds(Duration duration) =>
        ((Int128)duration.Days * NodaConstants.NanosecondsPerDay) + duration.NanosecondOfDay;

    private static Duration FromNanoseconds(Int128 nanoseconds) =>
        Duration.FromDays((int)(nanoseconds / NodaConstants.NanosecondsPerDay))
        + Duration.FromNanoseconds((long)(nanoseconds % NodaConstants.NanosecondsPerDay));

    // NodaTime's period patterns add up through a 64-bit count of nanoseconds, which overflows above about
    // 2,562,047 hours; a duration reaches much further, so the parts are added up here in 128 bits.
    private static bool TryTotal(Match match, bool negative, out Int128 nanoseconds)
    {
        nanoseconds = 0;
        if (!TryPart(match, "h", NanosecondsPerHour, ref nanoseconds)
            || !TryPart(match, "m", NanosecondsPerMinute, ref nanoseconds)
            || !TryPart(match, "s", NanosecondsPerSecond, ref nanoseconds))
        {
            return false;
        }
        // Nine fraction digits at most, and an hour, a minute and a second are each a multiple of 10^9 ns: exact.
        nanoseconds += Fraction(match, "hf", NanosecondsPerHour) + Fraction(match, "mf", NanosecondsPerMinute) + Fraction(match, "f", NanosecondsPerSecond);
        nanoseconds = negative ? -nanoseconds : nanoseconds;
        return true;
    }

    private static long Fraction(Match match, string group, long unit) =>
        match.Groups[group] is { Success: true } digits
            ? long.Parse(digits.Value.PadRight(9, '0'), CultureInfo.InvariantCulture) * (unit / NanosecondsPerSecond)
            : 0;

    private static bool TryPart(Match match, string group, long unit, ref Int128 nanoseconds)
    {
        var digits = match.Groups[group];
        if (!digits.Success)
        {
            return true;
        }
        // Anything with more digits than this is beyond every duration however it is written.
        if (digits.Length > 18 || !long.TryParse(digits.ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            return false;
        }
        nanoseconds += (Int128)count * unit;
        return true;
    }

    [GeneratedRegex(@"^(?:(?<h>[0-9]+)h)?(?:(?<m>[0-9]+)m)?(?:(?<s>[0-9]+)s)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Shorthand();

    [GeneratedRegex(@"^P(?<date>(?:[0-9]+Y)?(?:[0-9]+M)?(?:[0-9]+W)?(?:[0-9]+D)?)(?:T(?=[0-9])(?:(?<h>[0-9]+)(?:[.,](?<hf>[0-9]{1,9}))?H)?(?:(?<m>[0-9]+)(?:[.,](?<mf>[0-9]{1,9}))?M)?(?:(?<s>[0-9]+)(?:[.,](?<f>[0-9]{1,9}))?S)?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Iso();
}
