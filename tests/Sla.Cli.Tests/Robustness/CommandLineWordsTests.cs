using static Sla.Cli.Tests.CliRunner;

namespace Sla.Cli.Tests.Robustness;

/// <summary>What the command line says about what it was not given or does not know: help, the nearest word, the formats by name.</summary>
public sealed class CommandLineWordsTests
{
    [Theory]
    [InlineData(new string[0], " [command] [options]")]
    [InlineData(new[] { "calendar" }, " calendar [command] [options]")]
    [InlineData(new[] { "policy" }, " policy [command] [options]")]
    [InlineData(new[] { "--" }, " [command] [options]")]
    public void A_command_with_nothing_after_it_prints_its_help(string[] args, string usage)
    {
        var (exitCode, output, error) = Run("", args);
        Assert.Equal((0, ""), (exitCode, error));
        Assert.Contains(usage, output, StringComparison.Ordinal);
        Assert.Contains("Commands:", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "evaluat" }, "'evaluat' is not a command or option here. Did you mean 'evaluate'?\nRun 'sla --help' for usage.")]
    [InlineData(new[] { "calendar", "chek", "x.json" }, "'chek' is not a command or option here. Did you mean 'check'?\n'x.json' is not a command or option here.\nRun 'sla calendar --help' for usage.")]
    [InlineData(new[] { "report", "--formt", "json" }, "'--formt' is not a command or option here. Did you mean '--format'?\n'json' is not a command or option here.\nRun 'sla report --help' for usage.")]
    [InlineData(new[] { "report", "--verbos" }, "'--verbos' is not a command or option here. Did you mean '--verbose'?\nRun 'sla report --help' for usage.")]
    [InlineData(new[] { "frobnicate" }, "'frobnicate' is not a command or option here.\nRun 'sla --help' for usage.")]
    [InlineData(new[] { "--", "evaluate" }, "'evaluate' is not a command or option here.\nRun 'sla --help' for usage.")]
    public void A_word_it_does_not_know_gets_the_nearest_one(string[] args, string message)
    {
        var (exitCode, output, error) = Run("", args);
        Assert.Equal((2, "", message), (exitCode, output, error.TrimEnd().ReplaceLineEndings("\n")));
    }

    [Theory]
    [InlineData("report", "--format", "xml", "--format: 'xml' is not a format: use table, json, csv or html.")]
    [InlineData("report", "--period", "year", "--period: 'year' is not a period: use week, month or quarter.")]
    [InlineData("evaluate", "--format", "html", "--format: 'html' is not a format: use jsonl, table or csv.")]
    [InlineData("availability", "--format", "html", "--format: 'html' is not a format: use table, json or csv.")]
    public void A_value_that_is_not_one_of_the_choices_lists_them_by_name(string command, string option, string value, string message)
    {
        var (exitCode, output, error) = Run("", command, option, value);
        Assert.Equal((2, ""), (exitCode, output));
        Assert.Contains(message, Lines(error));
        Assert.DoesNotContain("Sla.Cli", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Choices_are_written_in_lower_case_in_help_and_read_in_any_case()
    {
        var (_, help, _) = Run("", "report", "--help");
        Assert.Matches(@"--format <table\|json\|csv\|html> +table \(default\), json, csv, html\.", help);
        Assert.Contains("--period <week|month|quarter>", help, StringComparison.Ordinal);
        Assert.DoesNotContain("[default: Table]", help, StringComparison.Ordinal);
        var (exitCode, json, _) = Run("", "report", "--format", "JSON", "--period", "Quarter");
        Assert.Equal(0, exitCode);
        Assert.StartsWith("{", json, StringComparison.Ordinal);
    }
}
