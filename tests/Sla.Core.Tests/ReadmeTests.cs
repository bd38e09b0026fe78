namespace Sla.Core.Tests;

/// <summary>The README's quick start is the sample that CI builds and runs against the packed package.</summary>
public sealed class ReadmeTests
{
    [Fact]
    public void The_quick_start_in_the_README_is_the_QuickStart_sample_word_for_word()
    {
        var root = RepositoryRoot();
        var readme = File.ReadAllText(Path.Combine(root, "README.md")).ReplaceLineEndings("\n");
        var sample = File.ReadAllText(Path.Combine(root, "samples", "QuickStart", "Program.cs")).ReplaceLineEndings("\n");
        var start = readme.IndexOf("## Quick start", StringComparison.Ordinal);
        var codeStart = readme.IndexOf("```csharp\n", start, StringComparison.Ordinal) + "```csharp\n".Length;
        var codeEnd = readme.IndexOf("```", codeStart, StringComparison.Ordinal);
        Assert.Equal(sample, readme[codeStart..codeEnd]);
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Sla.Core.sln")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException("The tests run outside the repository.");
    }
}
