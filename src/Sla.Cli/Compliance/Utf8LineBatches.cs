using System.Buffers;

namespace Sla.Cli.Compliance;

/// <summary>
/// Splits a UTF-8 stream into batches of lines held in one pooled buffer each, so millions of lines are
/// read without a string per line. Blank lines are skipped (their numbers still count); a trailing
/// <c>\r</c> is dropped.
/// </summary>
internal sealed class Utf8LineBatches(Stream input, int linesPerBatch)
{
    private byte[] pending = new byte[1 << 16];
    private int pendingStart;
    private int pendingEnd;
    private bool endOfInput;
    private int lineNumber;

    /// <summary>Reads the next batch, or returns <see langword="null"/> at the end of the input.</summary>
    public LineBatch? Next()
    {
        var batch = new LineBatch(linesPerBatch);
        while (batch.Count < linesPerBatch)
        {
            var newline = Array.IndexOf(pending, (byte)'\n', pendingStart, pendingEnd - pendingStart);
            if (newline < 0)
            {
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
        }
        return batch.Count == 0 ? null : batch;
    }

    private void Add(LineBatch batch, int start, int end)
    {
        lineNumber++;
        if (end > start && pending[end - 1] == (byte)'\r')
        {
            end--;
        }
        var line = pending.AsSpan(start, end - start);
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
