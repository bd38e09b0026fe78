namespace Sla.Cli;

/// <summary>Opens the files commands name, reporting a file that cannot be read the same way everywhere.</summary>
internal static class CliFiles
{
    /// <summary>Reads a whole text file.</summary>
    /// <returns>The text, or <see langword="null"/> after writing <c>PATH: cannot be read: ...</c> to standard error.</returns>
    public static string? ReadText(string path, CliConsole console) => Open(path, console, File.ReadAllText);

    /// <summary>Opens a file for reading, or standard input for <c>-</c>.</summary>
    /// <returns>The stream (the caller disposes it unless it is <see cref="CliConsole.InputStream"/>), or <see langword="null"/> after reporting why not.</returns>
    public static Stream? OpenRead(string path, CliConsole console) =>
        path == "-" ? console.InputStream : Open<Stream>(path, console, File.OpenRead);

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
