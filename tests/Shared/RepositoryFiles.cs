namespace Sla.Tests.Shared;

/// <summary>Files of the repository itself (the README, the docs), for tests that keep them honest.</summary>
internal static class RepositoryFiles
{
    /// <summary>Reads a file by its path from the repository root, with line ends normalised to <c>\n</c>.</summary>
    public static string Read(params string[] path) => File.ReadAllText(Path.Combine([Root(), .. path])).ReplaceLineEndings("\n");

    private static string Root()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Sla.Core.sln")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException("The tests run outside the repository.");
    }
}
