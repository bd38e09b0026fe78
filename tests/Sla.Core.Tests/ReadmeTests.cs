using Sla.Tests.Shared;

namespace Sla.Core.Tests;

/// <summary>The README's quick start and the first-program page are the samples that CI builds and runs against the packed package.</summary>
public sealed class ReadmeTests
{
    [Fact]
    public void The_quick_start_in_the_README_is_the_QuickStart_sample_word_for_word()
    {
        var readme = RepositoryFiles.Read("README.md");
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
}
