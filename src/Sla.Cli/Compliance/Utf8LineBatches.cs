using System.Buffers;

namespace Sla.Cli.Compliance;

/// <summary>
/// Splits a UTF-8 stream into batches of lines held in one pooled buffer each, so millions of lines are
/// read without a string per line. Blank lines are skipped (their numbers still count); a trailing
/// <c>\r</c> is dropped, and so is a UTF-8 byte order mark at the start of the input. Each byte is looked
/// at once, so a line of any length is read in linear time.
/// </summary>
internal sealed class Utf8LineBatches(Stream input, int linesPerBatch, int longestLine = Utf8LineBatches.LongestLine)
{
    /// <summary>Lines of this many bytes (1 GiB) or more are passed over and marked, so the lines after them are still read.</summary>
    public const int LongestLine = 1 << 30;

    private byte[] pending = new byte[1 << 16];
    private int pendingStart;
    private int pendingEnd;
    // Bytes before this index (from pendingStart) hold no line break: a long line is not scanned again after each read.
    private int scanned;
    private bool endOfInput;
    private int lineNumber;
    // Set while passing over the rest of a line longer than LongestLine.
    private bool skippingLongLine;

    /// <summary>The sentence for a line longer than <see cref="LongestLine"/>.</summary>
    public static string TooLong(int lineNumber) => $"line {lineNumber} is 1 GiB ({LongestLine:N0} bytes) or longer: it was not read.";

    /// <summary>The lines of a stream one at a time, as text, or the sentence that says a line is not UTF-8 or too long.</summary>
    public static IEnumerable<(int Number, string? Text, string? Error)> TextLines(Stream input) => TextLines(input, LongestLine);

    /// <summary>As <see cref="TextLines(Stream)"/>, with lines longer than <paramref name="longestLine"/> passed over.</summary>
    internal static IEnumerable<(int Number, string? Text, string? Error)> TextLines(Stream input, int longestLine)
    {
        var lines = new Utf8LineBatches(input, 1, longestLine);
        while (lines.Next() is { } batch)
        {
            using (batch)
            {
                yield return Decode(batch);
            }
        }
    }

    /// <summary>Reads the next batch, or returns <see langword="null"/> at the end of the input.</summary>
    public LineBatch? Next()
    {
        var batch = new LineBatch(linesPerBatch);
        while (batch.Count < linesPerBatch)
        {
            var newline = Array.IndexOf(pending, (byte)'\n', scanned, pendingEnd - scanned);
            if (newline < 0)
            {
                scanned = pendingEnd;
                if (endOfInput)
                {
                    if (pendingEnd > pendingStart || skippingLongLine)
                    {
                        Add(batch, pendingStart, pendingEnd);
                        pendingStart = pendingEnd;
                    }
                    break;
                }
                if (pendingEnd - pendingStart >= longestLine)
                {
                    // Too long to hold: drop what is read of it and look only for its end.
                    skippingLongLine = true;
                    pendingStart = pendingEnd = scanned = 0;
                }
                Fill();
                continue;
            }
            Add(batch, pendingStart, newline);
            pendingStart = newline + 1;
            scanned = pendingStart;
        }
        if (batch.Count == 0)
        {
            batch.Dispose();
            return null;
        }
        return batch;
    }

    private static (int Number, string? Text, string? Error) Decode(LineBatch batch)
    {
        var bytes = batch.Line(0);
        var number = batch.LineNumber(0);
        if (batch.IsTooLong(0))
        {
            return (number, null, TooLong(number));
        }
        return Core.Json.Utf8Lines.FirstInvalidByte(bytes) is { } invalid
            ? (number, null, Core.Json.Utf8Lines.NotUtf8(number, invalid))
            : (number, System.Text.Encoding.UTF8.GetString(bytes), null);
    }

    private void Add(LineBatch batch, int start, int end)
    {
        lineNumber++;
        if (skippingLongLine || end - start >= longestLine)
        {
            skippingLongLine = false;
            batch.AddTooLong(lineNumber);
            return;
        }
        if (end > start && pending[end - 1] == (byte)'\r')
        {
            end--;
        }
        var line = pending.AsSpan(start, end - start);
        if (lineNumber == 1 && line.StartsWith("\uFEFF"u8))
        {
            line = line[3..];
        }
        if (!line.Trim(" \t"u8).IsEmpty)
        {
            batch.Add(line, lineNumber);
        }
    }

    private void Fill()
    {
        if (pendingStart > 0)
        {
            Buffer.BlockCopy(pending, pendingStart, pending, 0, pendingEnd - pendingStart);
            pendingEnd -= pendingStart;
            scanned -= pendingStart;
            pendingStart = 0;
        }
        if (pendingEnd == pending.Length)
        {
            Array.Resize(ref pending, pending.Length * 2);
        }
        var read = input.Read(pending, pendingEnd, pending.Length - pendingEnd);
        endOfInput = read == 0;
        pendingEnd += read;
    }
}

/// <summary>A batch of lines in one pooled buffer; <see cref="Dispose"/> returns the buffer.</summary>
internal sealed class LineBatch(int capacity) : IDisposable
{
    private readonly (int Start, int Length, int Number, bool TooLong)[] lines = new (int, int, int, bool)[capacity];
    private byte[] buffer = ArrayPool<byte>.Shared.Rent(256 * capacity);
    private int used;
    private bool returned;

    public int Count { get; private set; }

    public ReadOnlySpan<byte> Line(int index) => buffer.AsSpan(lines[index].Start, lines[index].Length);

    public int LineNumber(int index) => lines[index].Number;

    /// <summary>Whether the line was longer than <see cref="Utf8LineBatches.LongestLine"/> and so not read (its text is empty).</summary>
    public bool IsTooLong(int index) => lines[index].TooLong;

    public void AddTooLong(int number) => lines[Count++] = (used, 0, number, true);

    public void Add(ReadOnlySpan<byte> line, int number)
    {
        if (used + line.Length > buffer.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(buffer.Length * 2, used + line.Length));
            Buffer.BlockCopy(buffer, 0, larger, 0, used);
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = larger;
        }
        line.CopyTo(buffer.AsSpan(used));
        lines[Count++] = (used, line.Length, number, false);
        used += line.Length;
    }

    /// <summary>Returns the buffer to the pool, once: returning it twice would hand one array to two later batches.</summary>
    public void Dispose()
    {
        if (!returned)
        {
            returned = true;
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
