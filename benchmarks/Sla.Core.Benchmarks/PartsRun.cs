using System.Buffers;
using System.Diagnostics;
using System.Text;
using NodaTime;
using Sla.Core.Compliance;
using Sla.Core.Json.Compliance;
using Sla.Core.Json.Policies;
using Sla.Core.Json.Tickets;
using Sla.Core.Tickets;

namespace Sla.Core.Benchmarks;

/// <summary>
/// Where a ticket's time goes in <c>sla evaluate</c> (<c>--parts [COUNT]</c>): the throughput run's tickets (the first COUNT
/// lines of its file), read, evaluated and written in turn on one thread, from memory, each part timed and its allocation
/// counted. A pass to warm up, then the best of three. Not a BenchmarkDotNet benchmark: the parts of one workload, side by side.
/// </summary>
internal static class PartsRun
{
    public static int Run(int count)
    {
        var file = Path.Combine(Path.GetTempPath(), "sla-throughput-1000000.jsonl");
        if (!File.Exists(file))
        {
            Console.WriteLine($"Generating 1,000,000 tickets into {file} ...");
            TicketFileGenerator.Write(1_000_000, file);
        }
        var lines = File.ReadLines(file).Take(count).Select(Encoding.UTF8.GetBytes).ToArray();
        var policy = PolicyDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "policy.json")));
        var now = Instant.FromUtc(2026, 4, 15, 0, 0);
        var tickets = new Ticket[lines.Length];
        var evaluations = new TicketEvaluation[lines.Length];
        var output = new ArrayBufferWriter<byte>(4096);
        using var writer = EvaluationDocument.CreateWriter(output);
        var parts = new (string Name, Action Work)[]
        {
            ("read a line", () =>
            {
                for (var i = 0; i < lines.Length; i++)
                {
                    TicketDocument.TryParseLine(lines[i], i + 1, out tickets[i]!, out _, out _);
                }
            }),
            ("evaluate", () =>
            {
                for (var i = 0; i < tickets.Length; i++)
                {
                    evaluations[i] = ComplianceEvaluator.Evaluate(policy, tickets[i], now);
                }
            }),
            ("write a line", () =>
            {
                foreach (var evaluation in evaluations)
                {
                    output.ResetWrittenCount();
                    writer.Reset(output);
                    EvaluationDocument.WriteLine(evaluation, writer);
                }
            }),
        };
        Console.WriteLine($"{lines.Length:N0} tickets of {file}, one thread, best of three after a warm-up:");
        Console.WriteLine();
        Console.WriteLine($"{"part",-14} {"us/ticket",10} {"bytes/ticket",13} {"gen0 GCs",9}");
        foreach (var (name, work) in parts)
        {
            work();
            var best = (Seconds: double.MaxValue, Bytes: 0L, Collections: 0);
            for (var round = 0; round < 3; round++)
            {
                var (bytes, collections) = (GC.GetAllocatedBytesForCurrentThread(), GC.CollectionCount(0));
                var clock = Stopwatch.StartNew();
                work();
                var seconds = clock.Elapsed.TotalSeconds;
                if (seconds < best.Seconds)
                {
                    best = (seconds, GC.GetAllocatedBytesForCurrentThread() - bytes, GC.CollectionCount(0) - collections);
                }
            }
            Console.WriteLine($"{name,-14} {best.Seconds * 1e6 / lines.Length,10:0.00} {best.Bytes / lines.Length,13:N0} {best.Collections,9:N0}");
        }
        return 0;
    }
}
