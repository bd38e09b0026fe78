using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using Sla.Core.Text;

namespace Sla.Core.Tests.Text;

/// <summary>
/// Durations are written straight into bytes; the text is what a plain reference (128-bit arithmetic and a string builder)
/// writes, for every duration NodaTime has, and reads back exactly.
/// </summary>
public sealed class DurationTextProperties
{
    public static Arbitrary<Duration> Durations() => Gen.Elements(
            Duration.MinValue, Duration.MaxValue, Duration.Zero, Duration.Epsilon, -Duration.Epsilon, Duration.FromDays(100_000) - Duration.Epsilon,
            Duration.FromDays(-100_000) + Duration.Epsilon, Duration.FromDays(100_000), Duration.FromDays(-100_000))
        .Or(ArbMap.Default.GeneratorFor<long>().Select(Duration.FromNanoseconds))
        .Or(ArbMap.Default.GeneratorFor<int>().Select(seconds => Duration.FromSeconds(seconds)))
        .Or(from days in Gen.Choose(-16_777_215, 16_777_215) from nanos in ArbMap.Default.GeneratorFor<long>()
            select Duration.FromDays(days) + Duration.FromNanoseconds(nanos % NodaConstants.NanosecondsPerDay))
        .ToArbitrary();

    [Property(Arbitrary = [typeof(DurationTextProperties)], MaxTest = 3000)]
    public bool Format_writes_what_the_reference_writes(Duration duration) => DurationText.Format(duration) == Reference(duration);

    [Property(Arbitrary = [typeof(DurationTextProperties)], MaxTest = 3000)]
    public bool Parse_reads_back_what_format_writes(Duration duration) =>
        DurationText.TryParse(DurationText.Format(duration), out var read, out _) && read == duration;

    private static string Reference(Duration duration)
    {
        var total = ((Int128)duration.Days * NodaConstants.NanosecondsPerDay) + duration.NanosecondOfDay;
        if (total == 0)
        {
            return "PT0S";
        }
        var text = new StringBuilder(total < 0 ? "-PT" : "PT");
        var magnitude = Int128.Abs(total);
        var (hours, rest) = ((long)(magnitude / NodaConstants.NanosecondsPerHour), (long)(magnitude % NodaConstants.NanosecondsPerHour));
        var (minutes, seconds) = (rest / NodaConstants.NanosecondsPerMinute, rest % NodaConstants.NanosecondsPerMinute);
        text.Append(hours > 0 ? $"{hours}H" : "").Append(minutes > 0 ? $"{minutes}M" : "");
        if (seconds > 0)
        {
            text.Append(seconds / NodaConstants.NanosecondsPerSecond);
            if (seconds % NodaConstants.NanosecondsPerSecond is var fraction and > 0)
            {
                text.Append('.').Append(fraction.ToString("000000000", CultureInfo.InvariantCulture).TrimEnd('0'));
            }
            text.Append('S');
        }
        return text.ToString();
    }
}
