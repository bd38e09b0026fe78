using System.Diagnostics;

namespace Sla.Cli.Tests.Robustness;

/// <summary>
/// Standard input closed before <c>sla</c> starts (<c>&lt;&amp;-</c>) used to make it wait forever: the runtime reuses
/// descriptor 0 for a pipe of its own. These run the real program in a shell, so they need Linux's <c>/proc</c>;
/// elsewhere the check is off and the tests say so.
/// </summary>
public sealed class ClosedStandardInputTests
{
    private static (int ExitCode, string Out, string Error) RunInShell(string redirect, params string[] args)
    {
        var sla = Path.Combine(AppContext.BaseDirectory, "sla.dll");
        var quoted = string.Join(' ', args.Select(a => $"'{a}'"));
        var start = new ProcessStartInfo("/bin/sh", ["-c", $"exec dotnet '{sla}' {quoted} {redirect}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"sla {quoted} {redirect} did not finish: it waits on standard input.");
        }
        return (process.ExitCode, output.Result, error.Result);
    }

    [Fact]
    public void A_closed_standard_input_is_a_usage_error_not_a_hang()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.False(ClosedStandardInput.WasClosedAtStart(), "Only Linux can tell a closed standard input from the runtime's own pipe.");
            return;
        }
        var policy = Path.Combine(AppContext.BaseDirectory, "samples", "policy.json");
        Assert.Equal((2, "", "sla: cannot read the input: standard input is closed\n"), RunInShell("<&-", "evaluate", "--policy", policy, "--tickets", "-", "--at", "2026-04-01T00:00:00Z"));
        Assert.Equal((2, "", "sla: cannot read the input: standard input is closed\n"), RunInShell("<&-", "calc", "--calendar", "24x7"));
        // An empty or ordinary standard input is still read as before.
        Assert.Equal((0, "", ""), RunInShell("</dev/null", "evaluate", "--policy", policy, "--tickets", "-", "--at", "2026-04-01T00:00:00Z"));
        var (exitCode, output, _) = RunInShell($"<'{Path.Combine(AppContext.BaseDirectory, "samples", "tickets.jsonl")}'", "evaluate", "--policy", policy, "--tickets", "-", "--at", "2026-04-01T00:00:00Z");
        Assert.Equal((0, 2000), (exitCode, output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length));
    }
}
