namespace Sla.Cli;

/// <summary>
/// Standard input that was already closed when <c>sla</c> started (<c>sla evaluate --tickets - &lt;&amp;-</c>). The
/// runtime then reuses descriptor 0 for a pipe of its own, and reading it would wait forever. On Linux it shows in
/// <c>/proc</c>: descriptor 0 is a pipe whose writing end this very process holds (a pipe from another program has
/// its writing end there). Reading this stream fails at once, so the command reports that standard input cannot be
/// read (exit code 2) instead of hanging.
/// </summary>
internal sealed class ClosedStandardInput : Stream
{
    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    /// <summary>Whether descriptor 0 is a pipe this process also writes to: the runtime's own, standing where standard input was.</summary>
    public static bool WasClosedAtStart()
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }
        try
        {
            var input = new FileInfo("/proc/self/fd/0").LinkTarget;
            if (input is null || !input.StartsWith("pipe:", StringComparison.Ordinal))
            {
                return false;
            }
            return new DirectoryInfo("/proc/self/fd").EnumerateFileSystemInfos()
                .Any(fd => fd.LinkTarget == input && IsWriteOnly(fd.Name));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return false;
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => throw Closed();

    public override int Read(Span<byte> buffer) => throw Closed();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <summary>Whether a descriptor was opened for writing only (<c>O_WRONLY</c> in the octal <c>flags</c> of its fdinfo).</summary>
    private static bool IsWriteOnly(string descriptor)
    {
        const int AccessMode = 3, WriteOnly = 1;
        var flags = File.ReadLines($"/proc/self/fdinfo/{descriptor}").FirstOrDefault(l => l.StartsWith("flags:", StringComparison.Ordinal));
        return flags is not null && (Convert.ToInt32(flags["flags:".Length..].Trim(), 8) & AccessMode) == WriteOnly;
    }

    private static IOException Closed() => new("standard input is closed");
}
