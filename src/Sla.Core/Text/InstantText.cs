using NodaTime;
using NodaTime.Text;

namespace Sla.Core.Text;

/// <summary>
/// Instants in the documents' text form: ISO-8601 in with <c>Z</c> or an offset
/// (<c>2026-03-27T16:30:00+03:00</c>); out in UTC with <c>Z</c>, seconds always shown and a fraction
/// only when it is not zero (<c>2026-03-27T13:30:00Z</c>).
/// </summary>
/// <remarks>Stateless and thread-safe.</remarks>
public static class InstantText
{
    private static readonly OffsetDateTimePattern[] InputPatterns =
    [
        OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss;FFFFFFFFFo<G>"),
        OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mmo<G>"),
    ];

    /// <summary>Formats an instant in UTC, for example <c>2026-03-27T13:30:00Z</c>.</summary>
    /// <param name="instant">The instant.</param>
    /// <returns>The text.</returns>
    public static string Format(Instant instant)
    {
        Span<char> text = stackalloc char[UtcSecondsLength];
        return TryFormatUtcSeconds(instant, text) ? new string(text) : InstantPattern.ExtendedIso.Format(instant);
    }

    /// <summary>The length of the common form, <c>2026-03-27T13:30:00Z</c>.</summary>
    internal const int UtcSecondsLength = 20;

    /// <summary>
    /// Writes the common case, a whole second in years 1 to 9999, directly into <paramref name="text"/> (20 characters):
    /// reports and evaluations write millions of instants, and the general pattern costs twice as much and a string
    /// each. The text is what <see cref="Format"/> gives; <see langword="false"/> for any other instant.
    /// </summary>
    internal static bool TryFormatUtcSeconds(Instant instant, Span<char> text)
    {
        var t = instant.InUtc().LocalDateTime;
        if (t.NanosecondOfSecond != 0 || t.Year is < 1 or > 9999)
        {
            return false;
        }
        Digits(text[..4], t.Year);
        text[4] = '-';
        Digits(text[5..7], t.Month);
        text[7] = '-';
        Digits(text[8..10], t.Day);
        text[10] = 'T';
        Digits(text[11..13], t.Hour);
        text[13] = ':';
        Digits(text[14..16], t.Minute);
        text[16] = ':';
        Digits(text[17..19], t.Second);
        text[19] = 'Z';
        return true;
    }

    private static void Digits(Span<char> into, int value)
    {
        for (var i = into.Length - 1; i >= 0; i--, value /= 10)
        {
            into[i] = (char)('0' + (value % 10));
        }
    }

    /// <summary>
    /// Reads the common form, <c>2026-03-27T13:30:00Z</c>, without the general patterns; <see langword="false"/> for
    /// any other text (which the patterns then read, or explain).
    /// </summary>
    internal static bool TryParseUtcSeconds(ReadOnlySpan<char> text, out Instant instant)
    {
        instant = default;
        if (text.Length != UtcSecondsLength || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' || text[16] != ':' || text[19] != 'Z'
            || !TryDigits(text[..4], out var year) || !TryDigits(text.Slice(5, 2), out var month) || !TryDigits(text.Slice(8, 2), out var day)
            || !TryDigits(text.Slice(11, 2), out var hour) || !TryDigits(text.Slice(14, 2), out var minute) || !TryDigits(text.Slice(17, 2), out var second)
            || year < 1 || month is < 1 or > 12 || day < 1 || day > CalendarSystem.Iso.GetDaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }
        instant = Instant.FromUtc(year, month, day, hour, minute, second);
        return true;
    }

    /// <summary>Reads the common form from UTF-8 (a JSON string's bytes), as <see cref="TryParseUtcSeconds(ReadOnlySpan{char}, out Instant)"/> does.</summary>
    internal static bool TryParseUtcSeconds(ReadOnlySpan<byte> utf8, out Instant instant)
    {
        instant = default;
        if (utf8.Length != UtcSecondsLength)
        {
            return false;
        }
        Span<char> text = stackalloc char[UtcSecondsLength];
        for (var i = 0; i < UtcSecondsLength; i++)
        {
            text[i] = (char)utf8[i];
        }
        return TryParseUtcSeconds(text, out instant);
    }

    private static bool TryDigits(ReadOnlySpan<char> text, out int value)
    {
        value = 0;
        foreach (var c in text)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
            value = (value * 10) + (c - '0');
        }
        return true;
    }

    /// <summary>Tries to parse an ISO-8601 instant with <c>Z</c> or an offset.</summary>
    /// <param name="text">The text.</param>
    /// <param name="instant">The instant, when the text is valid.</param>
    /// <returns><see langword="true"/> when the text is a valid instant.</returns>
    public static bool TryParse(string? text, out Instant instant)
    {
        instant = default;
        if (text is null)
        {
            return false;
        }
        if (TryParseUtcSeconds(text, out instant))
        {
            return true;
        }
        foreach (var pattern in InputPatterns)
        {
            var result = pattern.Parse(text);
            if (result.Success)
            {
                return TryToInstant(result.Value, out instant);
            }
        }
        return false;
    }

    // A valid local date and offset can still name an instant outside the range NodaTime represents
    // (9999-12-31T23:59:59-01:00 falls in the year 10000 in UTC): that text is not an instant either.
    private static bool TryToInstant(OffsetDateTime value, out Instant instant)
    {
        var wallClockAsUtc = value.LocalDateTime.InUtc().ToInstant();
        var shift = Duration.FromSeconds(value.Offset.Seconds);
        if (shift > Duration.Zero ? wallClockAsUtc < Instant.MinValue + shift : wallClockAsUtc > Instant.MaxValue + shift)
        {
            instant = default;
            return false;
        }
        instant = wallClockAsUtc - shift;
        return true;
    }

    /// <summary>Parses an ISO-8601 instant with <c>Z</c> or an offset.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The instant.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="FormatException">The text is not such an instant.</exception>
    public static Instant Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out var instant) ? instant : throw new FormatException(Problem(text));
    }

    /// <summary>Describes why a text is not an instant, as a plain sentence.</summary>
    /// <param name="text">The text that failed to parse.</param>
    /// <returns>The sentence.</returns>
    public static string Problem(string? text)
    {
        if (text is not null && Array.Exists(InputPatterns, p => p.Parse(text).Success))
        {
            return $"'{text}' is outside the range of instants (from -9998-01-01T00:00:00Z to 9999-12-31T23:59:59Z).";
        }
        return $"'{text}' is not an instant: write ISO-8601 with Z or an offset, for example 2026-03-27T16:30:00Z or 2026-03-27T16:30:00+03:00.";
    }
}
