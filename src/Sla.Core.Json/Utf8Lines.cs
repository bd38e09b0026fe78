using System.Buffers;
using System.Text;

namespace Sla.Core.Json;

/// <summary>Finds bytes that are not UTF-8 in a line, so a reader can name them rather than replace them.</summary>
/// <remarks>Stateless and thread-safe.</remarks>
internal static class Utf8Lines
{
    /// <summary>The offset of the first byte that does not begin a valid UTF-8 sequence, or <see langword="null"/> when the line is valid.</summary>
    public static int? FirstInvalidByte(ReadOnlySpan<byte> line)
    {
        if (System.Text.Unicode.Utf8.IsValid(line))
        {
            return null;
        }
        var offset = 0;
        while (Rune.DecodeFromUtf8(line[offset..], out _, out var consumed) == OperationStatus.Done)
        {
            offset += consumed;
        }
        return offset;
    }

    /// <summary>The sentence for a line with bytes that are not UTF-8.</summary>
    public static string NotUtf8(int lineNumber, int offset) =>
        $"line {lineNumber} is not UTF-8 text: the byte at position {offset + 1} does not begin a valid UTF-8 character.";
}
