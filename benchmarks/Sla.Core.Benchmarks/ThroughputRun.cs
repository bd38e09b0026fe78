using System.Diagnostics;
using System.Globalization;

namespace Sla.Core.Benchmarks;

/// <summary>
/// The end-to-end figures in one command (<c>--throughput [COUNT]</c>): generates the ticket file when it is not there yet,
/// then runs the real <c>sla</c> (the copy built beside this project) on it, <c>evaluate --parallel</c>, <c>evaluate</c> and
/// <c>report</c>, each under <c>/usr/bin/time</c> with its output thrown away, and prints wall time, tickets per second and
/// peak resident memory. Not a BenchmarkDotNet benchmark: one run each of a whole process, as a user runs it.
/// </summary>
internal static class ThroughputRun
{
    public static int Run(int count)
    {
        var tickets = Path.Combine(Path.GetTempPath(), $"sla-throughput-{count}.jsonl");
        if (!File.Exists(tickets))
        {
            Console.WriteLine($"Generating {count:N0} tickets into {tickets} ...");
            TicketFileGenerator.Write(count, tickets);
        }
        if (!File.Exists("/usr/bin/time"))
        {
            Console.Error.WriteLine("--throughput needs /usr/bin/time (Debian: apt-get install time) to read peak memory.");
            return 2;
        }
        var policy = Path.Combine(AppContext.BaseDirectory, "policy.json");
        var sla = Path.Combine(AppContext.BaseDirectory, "sla.dll");
        const string At = "2026-04-15T00:00:00Z";
        Console.WriteLine($"{count:N0} tickets ({new FileInfo(tickets).Length / (1 << 20):N0} MiB), the sample policy, --at {At}, {Environment.ProcessorCount} cores:");
        Console.WriteLine();
        Console.WriteLine($"{"command",-28} {"seconds",8} {"tickets/s",10} {"peak RSS",9}");
        foreach (var (name, args) in new[]
        {
            ("evaluate --parallel", $"evaluate --policy '{policy}' --tickets '{tickets}' --at {At} --parallel"),
            ("evaluate", $"evaluate --policy '{policy}' --tickets '{tickets}' --at {At}"),
            ("report", $"report --policy '{policy}' --tickets '{tickets}' --at {At}"),
        })
        {
            var (seconds, kilobytes) = Timed($"dotnet '{sla}' {args}");
            Console.WriteLine($"{name,-28} {seconds,8:0.00} {count / seconds,10:N0} {kilobytes / 1024,6:N0} MB");
        }
        return 0;
    }

    /// <summary>Runs a command line with its output discarded; its wall time and peak resident set as /usr/bin/time reports them.</summary>
    private static (double Seconds, long Kilobytes) Timed(string command)
    {
        var start = new ProcessStartInfo("/bin/sh", ["-c", $"/usr/bin/time -f '%e %M' {command} > /dev/null"]) { RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        var last = error.TrimEnd().Split('\n')[^1].Split(' ');
        return (double.Parse(last[0], CultureInfo.InvariantCulture), long.Parse(last[1], CultureInfo.InvariantCulture));
    }
}
