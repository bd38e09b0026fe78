using System.Diagnostics;

namespace Sla.Core.Benchmarks;

/// <summary>
/// Start-up in one command (<c>--startup [NATIVE_SLA]</c>): runs four short <c>sla</c> commands ten times each, as a script
/// calling the tool per ticket does, and prints the median wall time of each: the JIT-compiled tool built beside this
/// project (through its native launcher, as an installed tool starts), and the ahead-of-time compiled one when its path is
/// given (<c>dotnet publish src/Sla.Cli -c Release -r linux-x64 -p:PublishAot=true -o DIR</c>). Not a BenchmarkDotNet
/// benchmark: whole processes, start to exit.
/// </summary>
internal static class StartupRun
{
    private const int Runs = 10;

    public static int Run(string? native)
    {
        var jit = Path.Combine(AppContext.BaseDirectory, "sla");
        var policy = Path.Combine(AppContext.BaseDirectory, "policy.json");
        var calendar = Path.Combine(AppContext.BaseDirectory, "london.json");
        (string Name, string[] Args, string? Input)[] commands =
        [
            ("sla --version", ["--version"], null),
            ("sla calendar check", ["calendar", "check", calendar], null),
            ("sla deadline", ["deadline", "--policy", policy, "--service", "email", "--priority", "P3", "--created", "2026-03-06T14:30:00+03:00"], null),
            ("sla calc (one line)", ["calc", "--calendar", calendar], """{"op":"add","start":"2026-03-27T16:30:00Z","duration":"PT8H"}""" + "\n"),
        ];
        var tools = new List<(string Name, string Path)> { ("JIT (installed tool)", jit) };
        if (native is not null)
        {
            tools.Add(("native (AOT)", Path.GetFullPath(native)));
        }
        Console.WriteLine($"Median wall time of {Runs} runs each, {Environment.ProcessorCount} cores:");
        Console.WriteLine();
        Console.WriteLine($"{"command",-22}" + string.Concat(tools.Select(t => $" {t.Name,22}")));
        foreach (var (name, args, input) in commands)
        {
            var medians = tools.Select(t => Median(t.Path, args, input));
            Console.WriteLine($"{name,-22}" + string.Concat(medians.Select(m => $" {m,19:0.0} ms")));
        }
        return 0;
    }

    private static double Median(string tool, string[] args, string? input)
    {
        // One run first, so the files and the tool are in the page cache as they are for a script's second call.
        Once(tool, args, input);
        var times = Enumerable.Range(0, Runs).Select(_ => Once(tool, args, input)).Order().ToList();
        return (times[(Runs / 2) - 1] + times[Runs / 2]) / 2;
    }

    private static double Once(string tool, string[] args, string? input)
    {
        var start = new ProcessStartInfo(tool, args) { RedirectStandardOutput = true, RedirectStandardInput = true, RedirectStandardError = true };
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        process.StandardInput.Write(input ?? "");
        process.StandardInput.Close();
        process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        var elapsed = clock.Elapsed.TotalMilliseconds;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} {string.Join(' ', args)} exited with {process.ExitCode}.");
        }
        return elapsed;
    }
}
