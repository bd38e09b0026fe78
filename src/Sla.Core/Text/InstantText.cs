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
    public static string Format(Instant instant) => InstantPattern.ExtendedIso.Format(instant);

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
