using NodaTime;
using Sla.Core.Text;

namespace Sla.Core.Tests.Text;

public sealed class TextFormatTests
{
    [Theory]
    [InlineData("PT8H30M", 510 * 60)]
    [InlineData("PT45S", 45)]
    [InlineData("-PT2H", -7200)]
    [InlineData("PT2000H", 2000 * 3600)]
    [InlineData("8h30m", 510 * 60)]
    [InlineData("45m", 45 * 60)]
    [InlineData("90s", 90)]
    [InlineData("-1h", -3600)]
    [InlineData("PT1.5H", 5400)]
    [InlineData("PT0,25H", 900)]
    [InlineData("PT2H2.5M", 7350)]
    [InlineData("-PT0.5M", -30)]
    public void Durations_in(string text, int seconds) => Assert.Equal(Duration.FromSeconds(seconds), DurationText.Parse(text));

    [Theory]
    [InlineData("P1D", "'P1D' uses days or larger units, which are not a fixed amount of business time: write hours (PT24H) or use a business-days target.")]
    [InlineData("P1W", "'P1W' uses days or larger units, which are not a fixed amount of business time: write hours (PT24H) or use a business-days target.")]
    [InlineData("soon", "'soon' is not a duration: write ISO-8601 such as PT8H30M, PT45S or -PT2H, or the shorthand 8h30m, 45m, 90s.")]
    [InlineData("", "A duration is required: write ISO-8601 such as PT8H30M, or 8h30m.")]
    [InlineData("PT1.5H30M", "'PT1.5H30M': only the last part of a duration may have a fraction, such as PT1.5H or PT1H30M.")]
    [InlineData("PT1.5M30S", "'PT1.5M30S': only the last part of a duration may have a fraction, such as PT1.5H or PT1H30M.")]
    public void Durations_rejected(string text, string problem)
    {
        Assert.False(DurationText.TryParse(text, out _, out var actual));
        Assert.Equal(problem, actual);
    }

    [Theory]
    [InlineData(0, "PT0S")]
    [InlineData(57600, "PT16H")]
    [InlineData(-28800, "-PT8H")]
    [InlineData(3661, "PT1H1M1S")]
    [InlineData(60, "PT1M")]
    [InlineData(7200000, "PT2000H")]
    public void Durations_out(int seconds, string text) => Assert.Equal(text, DurationText.Format(Duration.FromSeconds(seconds)));

    [Fact]
    public void A_fraction_of_an_hour_is_exact_to_the_nanosecond() =>
        Assert.Equal(Duration.FromNanoseconds(1) * 3600, DurationText.Parse("PT0.000000001H"));

    [Fact]
    public void Fractions_of_a_second_are_kept() => Assert.Equal("PT1.5S", DurationText.Format(Duration.FromMilliseconds(1500)));

    [Theory]
    [InlineData("2026-03-27T16:30:00+03:00", "2026-03-27T13:30:00Z")]
    [InlineData("2026-03-27T13:30:00Z", "2026-03-27T13:30:00Z")]
    [InlineData("2026-03-27T13:30Z", "2026-03-27T13:30:00Z")]
    [InlineData("2026-03-27T13:30:00.25Z", "2026-03-27T13:30:00.25Z")]
    public void Instants_in_with_an_offset_and_out_in_UTC(string text, string utc) =>
        Assert.Equal(utc, InstantText.Format(InstantText.Parse(text)));

    [Theory]
    [InlineData("2026-03-27T13:30:00")]
    [InlineData("yesterday")]
    [InlineData("2026-02-30T00:00:00Z")]
    public void Instants_without_an_offset_are_rejected(string text)
    {
        Assert.False(InstantText.TryParse(text, out _));
        Assert.StartsWith($"'{text}' is not an instant", Assert.Throws<FormatException>(() => InstantText.Parse(text)).Message);
    }
}
