using System.Diagnostics;

namespace Sla.Cli.Tests.Reports;

/// <summary>
/// The sample travels inside sla: run from a folder with no <c>samples/</c> (an installed tool), the commands that
/// default to it still run on it; a file of the same name, in a clone, wins.
/// </summary>
public sealed class BundledSampleTests
{
    private static (int ExitCode, string Out, string Error) RunIn(string directory, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "sla.dll"), .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = directory,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, output.Result, error.Result);
    }

    [Fact]
    public void Report_availability_and_recommend_run_from_an_empty_folder()
    {
        var empty = Directory.CreateTempSubdirectory("sla-empty-").FullName;
        try
        {
            var report = RunIn(empty, "report", "--at", "2026-04-15T00:00:00Z");
            Assert.Equal((0, ""), (report.ExitCode, report.Error));
            Assert.StartsWith($"Compliance report for acme-support (ACME support agreement){Environment.NewLine}as of 2026-04-15T00:00:00Z: 2000 tickets evaluated, 0 rejected.", report.Out, StringComparison.Ordinal);
            var availability = RunIn(empty, "availability", "--format", "csv");
            Assert.Equal(0, availability.ExitCode);
            Assert.StartsWith("service,", availability.Out, StringComparison.Ordinal);
            var recommend = RunIn(empty, "recommend", "--at", "2026-04-15T00:00:00Z", "--format", "csv");
            Assert.Equal(0, recommend.ExitCode);
            // A named file is never replaced by the sample.
            var missing = RunIn(empty, "report", "--policy", "policy.json");
            Assert.Equal(2, missing.ExitCode);
            Assert.StartsWith("policy.json: cannot be read:", missing.Error, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(empty, recursive: true);
        }
    }

    [Fact]
    public void A_samples_folder_where_sla_runs_wins_over_the_bundled_copy()
    {
        var folder = Directory.CreateTempSubdirectory("sla-own-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(folder, "samples"));
            File.WriteAllText(Path.Combine(folder, "samples", "tickets.jsonl"), """{"id":"mine","service":"email","priority":"P1","created":"2026-03-02T06:00:00Z"}""" + "\n");
            var report = RunIn(folder, "report", "--at", "2026-04-15T00:00:00Z");
            Assert.Equal(0, report.ExitCode);
            Assert.Contains("1 tickets evaluated", report.Out, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
