using Sla.Tests.Shared;

namespace Sla.Core.Tests;

/// <summary>The README's quick start and the first-program page are the samples that CI builds and runs against the packed package.</summary>
public sealed class ReadmeTests
{
    [Theory]
    [InlineData("README.md")]
    [InlineData("docs", "package", "README.md")]
    public void The_quick_start_in_the_README_is_the_QuickStart_sample_word_for_word(params string[] path)
    {
        var readme = RepositoryFiles.Read(path);
        var sample = RepositoryFiles.Read("samples", "QuickStart", "Program.cs");
        var start = readme.IndexOf("## Quick start", StringComparison.Ordinal);
        var codeStart = readme.IndexOf("```csharp\n", start, StringComparison.Ordinal) + "```csharp\n".Length;
        var codeEnd = readme.IndexOf("```", codeStart, StringComparison.Ordinal);
        Assert.Equal(sample, readme[codeStart..codeEnd]);
    }

    [Fact]
    public void The_first_program_page_is_the_FirstProgram_sample_word_for_word()
    {
        var page = RepositoryFiles.Read("docs", "first-program.md");
        var sample = RepositoryFiles.Read("samples", "FirstProgram", "Program.cs");
        var codeStart = page.IndexOf("```csharp\n", StringComparison.Ordinal) + "```csharp\n".Length;
        Assert.Equal(sample, page[codeStart..page.IndexOf("```\n", codeStart, StringComparison.Ordinal)]);
    }

    [Fact]
    public void The_packages_README_stands_alone_outside_a_clone()
    {
        var readme = RepositoryFiles.Read("docs", "package", "README.md");
        // nuget.org shows it without the repository: no links or images relative to it, no commands that need a clone.
        Assert.DoesNotMatch(@"\]\((?!https://)", readme);
        Assert.DoesNotContain("dotnet run --project", readme, StringComparison.Ordinal);
        Assert.DoesNotContain("dotnet pack", readme, StringComparison.Ordinal);
        Assert.Contains("dotnet add package Sla.Core", readme, StringComparison.Ordinal);
    }
}
