using NodaTime;
using NodaTime.Testing;

namespace Sla.Cli.Tests;

/// <summary>Runs the sla command line in-process with given standard input and a fixed clock.</summary>
internal static class CliRunner
{
    public static readonly Instant Now = Instant.FromUtc(2026, 11, 28, 12, 0);

    public static (int ExitCode, string Out, string Error) Run(string input, params string[] args)
    {
        using var output = new MemoryStream();
        using var error = new StringWriter();
        int exitCode;
        using (var console = new CliConsole(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(input)), output, error))
        {
            exitCode = SlaCommandLine.Run(args, console, new FakeClock(Now));
        }
        return (exitCode, System.Text.Encoding.UTF8.GetString(output.ToArray()), error.ToString());
    }

    public static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static string TempFile(string content)
    {
        var path = Path.Combine(Path.GetTempPath(), $"sla-test-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, content);
        return path;
    }
}
