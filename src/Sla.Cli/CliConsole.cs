using System.Text;

namespace Sla.Cli;

/// <summary>
/// The streams a command reads and writes. Standard input and output are byte streams, so commands that
/// move millions of lines (<c>sla evaluate</c>) can read and write UTF-8 without making strings; the
/// text views <see cref="In"/> and <see cref="Out"/> are for everything else. Tests run commands in-process
/// on memory streams.
/// </summary>
internal sealed class CliConsole(Stream input, Stream output, TextWriter error, bool errorIsTerminal = false) : IDisposable
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);
    private StreamReader? reader;
    private StreamWriter? writer;

    /// <summary>Standard input as bytes.</summary>
    public Stream InputStream => input;

    /// <summary>Standard output as bytes; call <see cref="FlushText"/> before writing here after <see cref="Out"/>.</summary>
    public Stream OutputStream => output;

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

    /// <summary>The command could not run at all (an invalid file, bad arguments); nothing was written to standard output.</summary>
    public const int Invalid = 2;
}
