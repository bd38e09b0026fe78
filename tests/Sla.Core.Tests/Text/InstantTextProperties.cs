using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using NodaTime.Text;
using Sla.Core.Text;

namespace Sla.Core.Tests.Text;

/// <summary>
/// The direct reading and writing of the common form (<c>2026-03-27T13:30:00Z</c>) gives exactly what NodaTime's patterns
/// give, for every instant and for texts that are nearly that form but not a valid instant.
/// </summary>
public sealed class InstantTextProperties
{
    private static readonly OffsetDateTimePattern General = OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss;FFFFFFFFFo<G>");

    public static Arbitrary<Instant> Instants() => Gen.Elements(
            Instant.MinValue, Instant.MaxValue, Instant.FromUtc(1, 1, 1, 0, 0), Instant.FromUtc(9999, 12, 31, 23, 59, 59), Instant.FromUtc(1, 1, 1, 0, 0) - Duration.Epsilon)
        .Or(ArbMap.Default.GeneratorFor<long>().Select(ticks => Instant.FromUnixTimeTicks(ticks % (Instant.MaxValue.ToUnixTimeTicks() - 1))))
        .Or(ArbMap.Default.GeneratorFor<int>().Select(seconds => Instant.FromUtc(2026, 1, 1, 0, 0) + Duration.FromSeconds(seconds)))
        .ToArbitrary();

    /// <summary>Texts in the common form's shape with any digits: invalid months, days, hours and February 29ths among them.</summary>
    public static Arbitrary<string> NearlyInstants() =>
        (from year in Gen.Choose(0, 9999)
         from month in Gen.Choose(0, 13)
         from day in Gen.Choose(0, 32)
         from hour in Gen.Choose(0, 24)
         from minute in Gen.Choose(0, 60)
         from second in Gen.Choose(0, 60)
         select $"{year:0000}-{month:00}-{day:00}T{hour:00}:{minute:00}:{second:00}Z").ToArbitrary();

    [Property(Arbitrary = [typeof(InstantTextProperties)], MaxTest = 2000)]
    public bool Format_writes_what_the_ISO_pattern_writes(Instant instant) => InstantText.Format(instant) == InstantPattern.ExtendedIso.Format(instant);

    [Property(Arbitrary = [typeof(InstantTextProperties)], MaxTest = 2000)]
    public bool Parse_reads_back_what_format_writes(Instant instant) =>
        InstantText.TryParse(InstantText.Format(instant), out var read) && read == instant;

    [Property(Arbitrary = [typeof(InstantTextProperties)], MaxTest = 3000)]
    public bool Parse_agrees_with_the_general_pattern_on_texts_of_the_common_shape(string text)
    {
        var general = General.Parse(text);
        var ours = InstantText.TryParse(text, out var instant);
        return ours == general.Success && (!ours || instant == general.Value.ToInstant());
    }
}
