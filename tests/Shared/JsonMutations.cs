using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace Sla.Tests.Shared;

/// <summary>
/// Hostile versions of a valid JSON document or line, for fuzzing readers: a bit flipped, the text cut
/// short, or a value swapped for another type, an extreme value, a lone surrogate or a repeated field.
/// </summary>
internal static class JsonMutations
{
    private static readonly string[] Insertions =
    [
        "\"\\ud800\"", "\"\\udfff\"", "null", "true", "[]", "{}", "1e308", "-1e308", "99999999999999999999999", "\"PT3000000H\"",
        "\"9999-12-31T23:59:59-01:00\"", "\"-9998-01-01T00:00:00+05:00\"", "\"24:00-24:00\"", "\"\"", "\"x\":1,\"x\":2", ",", "\"",
    ];

    /// <summary>Mutations of <paramref name="valid"/>, as UTF-8 bytes (a flipped bit may leave invalid UTF-8).</summary>
    public static Gen<byte[]> Of(string valid)
    {
        var bytes = Encoding.UTF8.GetBytes(valid);
        var flip = Gen.Choose(0, bytes.Length - 1).Zip(Gen.Choose(0, 7)).Select(t =>
        {
            var copy = (byte[])bytes.Clone();
            copy[t.Item1] ^= (byte)(1 << t.Item2);
            return copy;
        });
        var cut = Gen.Choose(0, bytes.Length - 1).Select(n => bytes[..n]);
        var swap = Gen.Choose(0, valid.Length - 1).Zip(Gen.Elements(Insertions)).Select(t =>
        {
            var at = t.Item1;
            var end = valid.IndexOfAny([',', '}', ']'], at);
            return Encoding.UTF8.GetBytes(valid[..at] + t.Item2 + (end < 0 ? "" : valid[end..]));
        });
        return Gen.OneOf(flip, cut, swap);
    }
}
