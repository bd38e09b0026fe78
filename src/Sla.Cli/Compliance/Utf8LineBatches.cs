using System.Buffers;

namespace Sla.Cli.Compliance;

/// <summary>
/// Splits a UTF-8 stream into batches of lines held in one pooled buffer each, so millions of lines are
/// read without a string per line. Blank lines are skipped (their numbers still count); a trailing
/// <c>\r</c> is dropped, and so is a UTF-8 byte order mark at the start of the input. Each byte is looked
/// at once, so a line of any length is read in linear time.
/// </summary>
internal sealed class Utf8LineBatches(Stream input, int linesPerBatch)
{
    private byte[] pending = new byte[1 << 16];
    private int pendingStart;
    private int pendingEnd;
    // Bytes before this index (from pendingStart) hold no line break: a long line is not scanned again after each read.
    private int scanned;
    private bool endOfInput;
    private int lineNumber;

    /// <summary>The lines of a stream one at a time, as text, or the sentence that says a line is not UTF-8.</summary>
    public static IEnumerable<(int Number, string? Text, string? Error)> TextLines(Stream input)
    {
        var lines = new Utf8LineBatches(input, 1);
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
                    if (pendingEnd > pendingStart)
                    {
                        Add(batch, pendingStart, pendingEnd);
                        pendingStart = pendingEnd;
                    }
                    break;
                }
                Fill();
                continue;
            }
            Add(batch, pendingStart, newline);
            pendingStart = newline + 1;
            scanned = pendingStart;
        }
        return batch.Count == 0 ? null : batch;
    }

    private static (int Number, string? Text, string? Error) Decode(LineBatch batch)
    {
        var bytes = batch.Line(0);
        var number = batch.LineNumber(0);
        return Core.Json.Utf8Lines.FirstInvalidByte(bytes) is { } invalid
            ? (number, null, Core.Json.Utf8Lines.NotUtf8(number, invalid))
            : (number, System.Text.Encoding.UTF8.GetString(bytes), null);
    }

    private void Add(LineBatch batch, int start, int end)
    {
        lineNumber++;
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
    private readonly (int Start, int Length, int Number)[] lines = new (int, int, int)[capacity];
    private byte[] buffer = ArrayPool<byte>.Shared.Rent(256 * capacity);
    private int used;

    public int Count { get; private set; }

    public ReadOnlySpan<byte> Line(int index) => buffer.AsSpan(lines[index].Start, lines[index].Length);

    public int LineNumber(int index) => lines[index].Number;

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
        lines[Count++] = (used, line.Length, number);
        used += line.Length;
    }

    public void Dispose() => ArrayPool<byte>.Shared.Return(buffer);
}
