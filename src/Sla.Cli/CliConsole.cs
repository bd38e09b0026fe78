using System.Text;

namespace Sla.Cli;

/// <summary>
/// The streams a command reads and writes. Standard input and output are byte streams, so commands that
/// move millions of lines (<c>sla evaluate</c>) can read and write UTF-8 without making strings; the
/// text views <see cref="In"/> and <see cref="Out"/> are for everything else. Tests run commands in-process
/// on memory streams.
/// </summary>
internal sealed class CliConsole(Stream rawInput, Stream rawOutput, TextWriter error, bool errorIsTerminal = false) : IDisposable
{
    private readonly Stream input = new StandardStream(rawInput, "read the input");
    private readonly Stream output = new StandardStream(rawOutput, "write the output");
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);
    private StreamReader? reader;
    private StreamWriter? writer;

    /// <summary>Standard input as bytes.</summary>
    public Stream InputStream => input;

    /// <summary>Standard output as bytes; call <see cref="FlushText"/> before writing here after <see cref="Out"/>.</summary>
    public Stream OutputStream => output;

    /// <summary>
    /// Writes one indented JSON document (non-ASCII text as it is) to standard output, then a line end; the writer
    /// may be flushed along the way so a long list streams.
    /// </summary>
    public void WriteJson(Action<System.Text.Json.Utf8JsonWriter> write)
    {
        using (var writer = new System.Text.Json.Utf8JsonWriter(output,
            new System.Text.Json.JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            write(writer);
        }
        output.WriteByte((byte)'\n');
    }

    /// <summary>Standard input as text.</summary>
    public TextReader In => reader ??= new StreamReader(input, Utf8, false, 1 << 16, leaveOpen: true);

    /// <summary>Standard output as text (buffered; flushed by <see cref="Flush"/>).</summary>
    public TextWriter Out => writer ??= new StreamWriter(output, Utf8, 1 << 16, leaveOpen: true) { AutoFlush = false };

    /// <summary>Standard error.</summary>
    public TextWriter Error => error;

    /// <summary>Whether standard error is a terminal a person watches (progress is shown only there).</summary>
    public bool ErrorIsTerminal => errorIsTerminal;

    /// <summary>Pushes text written to <see cref="Out"/> into <see cref="OutputStream"/>.</summary>
    public void FlushText() => writer?.Flush();

    /// <summary>Flushes everything written.</summary>
    public void Flush()
    {
        FlushText();
        output.Flush();
        error.Flush();
    }

    public void Dispose()
    {
        Flush();
        reader?.Dispose();
        writer?.Dispose();
    }
}

/// <summary>The exit codes every command uses.</summary>
internal static class ExitCodes
{
    /// <summary>Everything was answered.</summary>
    public const int Ok = 0;

    /// <summary>Some input could not be answered; each such line says why, and the rest were answered.</summary>
    public const int SomeFailed = 1;

    /// <summary>The command could not run at all (an invalid file, bad arguments, output that cannot be written).</summary>
    public const int Invalid = 2;

    /// <summary>A fault in <c>sla</c> itself: one line on standard error (the stack trace with <c>--verbose</c>).</summary>
    public const int InternalError = 3;

    /// <summary>The sentence for a fault in <c>sla</c> itself, wherever it is caught.</summary>
    public static string InternalErrorText(Exception e) => $"internal error: {e.GetType().Name}: {e.Message}";
}

/// <summary>Standard input or output failed (a full disk, a directory given as input): the command cannot go on, and it is not the input's fault.</summary>
internal sealed class StandardStreamException(string action, Exception inner) : Exception($"cannot {action}: {inner.Message}", inner);

/// <summary>Passes reads and writes through, turning a failure into a <see cref="StandardStreamException"/> that says which stream failed.</summary>
internal sealed class StandardStream(Stream inner, string action) : Stream
{
    public override bool CanRead => inner.CanRead;

    public override bool CanSeek => false;

    public override bool CanWrite => inner.CanWrite;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        try
        {
            return inner.Read(buffer);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StandardStreamException(action, e);
        }
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        try
        {
            inner.Write(buffer);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StandardStreamException(action, e);
        }
    }

    public override void Flush()
    {
        try
        {
            inner.Flush();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StandardStreamException(action, e);
        }
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}

/// <summary>
/// Standard error that keeps quiet when it cannot be written (closed, or on a full disk): there is nowhere
/// left to report that, and the exit code still tells what happened.
/// </summary>
internal sealed class QuietWriter(TextWriter inner) : TextWriter
{
    public override Encoding Encoding => inner.Encoding;

    public override void Write(char value) => Quietly(() => inner.Write(value));

    public override void Write(string? value) => Quietly(() => inner.Write(value));

    public override void WriteLine(string? value) => Quietly(() => inner.WriteLine(value));

    public override void Flush() => Quietly(inner.Flush);

    private static void Quietly(Action write)
    {
        try
        {
            write();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Nothing else can be told; see the class remarks.
        }
    }
}
