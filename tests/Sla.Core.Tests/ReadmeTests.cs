using Sla.Tests.Shared;

namespace Sla.Core.Tests;

/// <summary>The README's quick start is the sample that CI builds and runs against the packed package.</summary>
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
}
