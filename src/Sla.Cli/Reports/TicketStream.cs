using NodaTime;
using Sla.Cli.Compliance;
using Sla.Core.Compliance;
using Sla.Core.Policies;

namespace Sla.Cli.Reports;

/// <summary>Evaluates a JSON Lines ticket stream under one or more policies, batch by batch on every core, handing each evaluation over in input order.</summary>
internal static class TicketStream
{
    /// <summary>Evaluates every ticket under each policy; <paramref name="use"/> gets the evaluations of one ticket, one per policy.</summary>
    /// <returns>The errors of tickets that could not be evaluated (under the first policy), in input order.</returns>
    public static List<string> Evaluate(Stream tickets, Instant now, IReadOnlyList<PolicySet> policies, Action<TicketEvaluation[]> use, CliConsole console)
    {
        var errors = new List<string>();
        var progress = new Progress(console);
        var batches = new Utf8LineBatches(tickets, 2048);
        while (batches.Next() is { } batch)
        {
            using (batch)
            {
                var evaluations = new TicketEvaluation[batch.Count][];
                Parallel.For(0, batch.Count, i => evaluations[i] = [.. policies.Select(p =>
                    EvaluateCommand.EvaluateLine(p, batch.Line(i), batch.LineNumber(i), now, EvaluationOptions.Default))]);
                foreach (var perPolicy in evaluations)
                {
                    use(perPolicy);
                    if (perPolicy[0].Error is { } error)
                    {
                        errors.Add(error);
                    }
                }
                progress.Report(batch.Count);
            }
        }
        progress.Done();
        return errors;
    }

    /// <summary>Shows how many tickets are done on a terminal's standard error, once a run has taken more than a second.</summary>
    private sealed class Progress(CliConsole console)
    {
        private readonly System.Diagnostics.Stopwatch watch = System.Diagnostics.Stopwatch.StartNew();
        private long done;
        private bool shown;

        public void Report(int count)
        {
            done += count;
            if (console.ErrorIsTerminal && watch.Elapsed > TimeSpan.FromSeconds(1))
            {
                console.Error.Write($"\r{done.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} tickets evaluated...");
                shown = true;
            }
        }

        public void Done()
        {
            if (shown)
            {
                console.Error.Write("\r" + new string(' ', 40) + "\r");
            }
        }
    }
}
