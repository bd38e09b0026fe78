namespace Sla.Cli;

/// <summary>Opens the files commands name, reporting a file that cannot be read the same way everywhere.</summary>
internal static class CliFiles
{
    /// <summary>Reads a whole text file.</summary>
    /// <returns>The text, or <see langword="null"/> after writing <c>PATH: cannot be read: ...</c> to standard error.</returns>
    public static string? ReadText(string path, CliConsole console)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            console.Error.WriteLine($"{path}: cannot be read: {e.Message}");
            return null;
        }
    }

    /// <summary>Opens a file for reading, or standard input for <c>-</c>.</summary>
    /// <returns>The stream (the caller disposes it unless it is <see cref="CliConsole.InputStream"/>), or <see langword="null"/> after reporting why not.</returns>
    public static Stream? OpenRead(string path, CliConsole console)
    {
        try
        {
            return path == "-" ? console.InputStream : File.OpenRead(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            console.Error.WriteLine($"{path}: cannot be read: {e.Message}");
            return null;
        }
    }
}
