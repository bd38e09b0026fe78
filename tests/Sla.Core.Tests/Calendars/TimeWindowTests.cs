using NodaTime;
using Sla.Core.Calendars;

namespace Sla.Core.Tests.Calendars;

public sealed class TimeWindowTests
{
    [Theory]
    [InlineData("09:00-18:00", false, 9 * 60)]
    [InlineData("22:00-06:00", true, 8 * 60)]
    [InlineData("00:00-24:00", false, 24 * 60)]
    [InlineData("13:30-24:00", false, 630)]
    public void Parses_windows_and_knows_their_length(string text, bool overnight, int minutes)
    {
        var window = TimeWindow.Parse(text);
        Assert.Equal(overnight, window.IsOvernight);
        Assert.Equal(Duration.FromMinutes(minutes), window.WallClockLength);
        Assert.Equal(text, window.ToString());
    }

    [Theory]
    [InlineData("9 to 5", "'9 to 5' is not a window: write it as HH:mm-HH:mm, for example 09:00-18:00.")]
    [InlineData("9-5", "'9' in window '9-5' is not a time of day: write HH:mm from 00:00 to 23:59.")]
    [InlineData("09:00", "'09:00' is not a window: write it as HH:mm-HH:mm, for example 09:00-18:00.")]
    [InlineData("24:00-06:00", "'24:00' in window '24:00-06:00' is not a time of day: write HH:mm from 00:00 to 23:59.")]
    [InlineData("09:00-25:00", "'25:00' in window '09:00-25:00' is not a time of day: write HH:mm from 00:00 to 24:00.")]
    [InlineData("00:00-00:00", "'00:00-00:00' is not a window: write 00:00-24:00 for a whole day.")]
    [InlineData("09:00-09:00", "'09:00-09:00' is empty: a window's start and end must differ.")]
    public void Rejects_what_is_not_a_window_with_a_plain_sentence(string text, string problem)
    {
        Assert.False(TimeWindow.TryParse(text, out _, out var actual));
        Assert.Equal(problem, actual);
        Assert.Equal(problem, Assert.Throws<FormatException>(() => TimeWindow.Parse(text)).Message);
    }

    [Fact]
    public void An_empty_window_is_a_caller_bug()
    {
        Assert.Equal("end", Assert.Throws<ArgumentException>(() => new TimeWindow(new LocalTime(9, 0), new LocalTime(9, 0))).ParamName);
    }

    [Fact]
    public void A_window_with_a_fraction_of_a_second_is_a_caller_bug()
    {
        var error = Assert.Throws<ArgumentException>(() => new TimeWindow(new LocalTime(9, 0).PlusMilliseconds(500), new LocalTime(17, 0)));
        Assert.Equal("start", error.ParamName);
        Assert.StartsWith("A window opens and closes on whole seconds (got 09:00:00.5000000).", error.Message, StringComparison.Ordinal);
        Assert.Equal("end", Assert.Throws<ArgumentException>(() => new TimeWindow(new LocalTime(9, 0), new LocalTime(17, 0).PlusTicks(1))).ParamName);
        Assert.Equal(new LocalTime(9, 0, 30), new TimeWindow(new LocalTime(9, 0, 30), new LocalTime(17, 0)).Start);
    }
}
