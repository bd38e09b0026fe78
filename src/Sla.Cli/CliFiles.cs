namespace Sla.Cli;

/// <summary>Opens the files commands name, reporting a file that cannot be read the same way everywhere.</summary>
internal static class CliFiles
{
    /// <summary>The largest document (calendar or policy) read: far beyond any real one, and well within memory.</summary>
    private const int LargestDocument = 64 << 20;

    /// <summary>Reads a whole document: UTF-8 text (a byte order mark is skipped) of at most 64 MiB.</summary>
    /// <returns>The text, or <see langword="null"/> after writing <c>PATH: cannot be read: ...</c> to standard error.</returns>
    public static string? ReadText(string path, CliConsole console) => Open(path, console, ReadDocument);

    /// <summary>The sample files inside sla, each under the path the commands default to.</summary>
    public static readonly string[] BundledSamples = ["samples/policy.json", "samples/tickets.jsonl", "samples/outages.jsonl"];

    /// <summary>
    /// A bundled sample's path that names no file here (run outside a clone): the copy inside sla, so <c>sla report</c> with
    /// no files works wherever the tool is installed. A file at that path, in a clone or made by the user, wins.
    /// </summary>
    private static Stream? Bundled(string path) =>
        Array.IndexOf(BundledSamples, path.Replace('\\', '/')) >= 0 && !File.Exists(path)
            ? typeof(CliFiles).Assembly.GetManifestResourceStream(path.Replace('\\', '/'))
            : null;

    /// <summary>Opens a file for reading, or standard input for <c>-</c>.</summary>
    /// <returns>The stream (the caller disposes it unless it is <see cref="CliConsole.InputStream"/>), or <see langword="null"/> after reporting why not.</returns>
    public static Stream? OpenRead(string path, CliConsole console) =>
        path == "-" ? console.InputStream : Open(path, console, p => Bundled(p) ?? File.OpenRead(p));

    private static string ReadDocument(string path)
    {
        using var file = Bundled(path) ?? File.OpenRead(path);
        using var bytes = new MemoryStream();
        // Read one byte past the limit to know it was passed, without reading on forever (a device, a huge file).
        var buffer = new byte[1 << 16];
        int read;
        while (bytes.Length <= LargestDocument && (read = file.Read(buffer, 0, buffer.Length)) > 0)
        {
            bytes.Write(buffer, 0, read);
        }
        if (bytes.Length > LargestDocument)
        {
            throw new IOException($"it is larger than {LargestDocument >> 20} MiB, too large for a calendar or policy document");
        }
        var text = bytes.GetBuffer().AsSpan(0, (int)bytes.Length);
        var mark = text.StartsWith("\uFEFF"u8) ? 3 : 0;
        text = text[mark..];
        if (Core.Json.Utf8Lines.FirstInvalidByte(text) is { } invalid)
        {
            throw new IOException($"it is not UTF-8 text: the byte at position {mark + invalid + 1} does not begin a valid UTF-8 character");
        }
        return System.Text.Encoding.UTF8.GetString(text);
    }

    private static T? Open<T>(string path, CliConsole console, Func<string, T> open)
        where T : class
    {
        var problem = path.Length == 0 ? "the file name is empty"
            : Directory.Exists(path) ? "it is a directory, not a file"
            : null;
        if (problem is null)
        {
            try
            {
                return open(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                problem = e.Message;
            }
        }
        console.Error.WriteLine($"{(path.Length == 0 ? "\"\"" : path)}: cannot be read: {problem}");
        return null;
    }
}
