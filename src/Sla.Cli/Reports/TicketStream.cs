using NodaTime;
using Sla.Cli.Compliance;
using Sla.Core.Compliance;
using Sla.Core.Policies;

namespace Sla.Cli.Reports;

/// <summary>Evaluates a JSON Lines ticket stream under one or more policies, batch by batch on every core, handing each evaluation over in input order.</summary>
internal static class TicketStream
{
    /// <summary>Evaluates every ticket under each policy; <paramref name="use"/> gets the evaluations of one ticket, one per policy.</summary>
    /// <returns>What could not be evaluated (and under which policy, when there are several), in input order, and the tickets given more than once.</returns>
    public static TicketStreamOutcome Evaluate(Stream tickets, Instant now, IReadOnlyList<PolicySet> policies, Action<TicketEvaluation[]> use, CliConsole console)
    {
        var outcome = new TicketStreamOutcome();
        var firstLineById = new Dictionary<string, int>(StringComparer.Ordinal);
        var progress = new Progress(console);
        // The next batch is read while this one is evaluated; only one batch's evaluations are alive at a time, since a report
        // keeps every judged result's counted time and the collector has a large heap to look after already.
        foreach (var batch in BatchPipeline.ReadAhead(new Utf8LineBatches(tickets, 2048)))
        {
            using (batch)
            {
                var evaluations = new TicketEvaluation[batch.Count][];
                var faults = new bool[batch.Count];
                Parallel.For(0, batch.Count, i => evaluations[i] = [.. policies.Select(p =>
                {
                    var evaluation = EvaluateCommand.EvaluateLine(p, batch, i, now, EvaluationOptions.Default, out var internalError);
                    faults[i] |= internalError;
                    return evaluation;
                })]);
                for (var i = 0; i < batch.Count; i++)
                {
                    var perPolicy = evaluations[i];
                    use(perPolicy);
                    outcome.InternalError |= faults[i];
                    outcome.AddErrors(perPolicy, policies);
                    if (perPolicy[0].Error is null && !firstLineById.TryAdd(perPolicy[0].TicketId, batch.LineNumber(i)))
                    {
                        outcome.Warnings.Add($"warning: ticket {perPolicy[0].TicketId} is given again on line {batch.LineNumber(i)} " +
                            $"(first on line {firstLineById[perPolicy[0].TicketId]}); each line is counted.");
                    }
                }
                progress.Report(batch.Count);
            }
        }
        progress.Done();
        return outcome;
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

/// <summary>What a ticket stream left unanswered: errors (each a line for standard error), warnings, and whether sla itself failed on a line.</summary>
internal sealed class TicketStreamOutcome
{
    /// <summary>The tickets that could not be evaluated, in input order.</summary>
    public List<string> Errors { get; } = [];

    /// <summary>Tickets given more than once, which reports count once per line.</summary>
    public List<string> Warnings { get; } = [];

    /// <summary>Whether evaluating some line failed inside sla.</summary>
    public bool InternalError { get; set; }

    /// <summary>3 after an internal error, 1 when some ticket could not be evaluated, otherwise 0.</summary>
    public int ExitCode => InternalError ? ExitCodes.InternalError : Errors.Count > 0 ? ExitCodes.SomeFailed : ExitCodes.Ok;

    /// <summary>Writes the errors and warnings to standard error.</summary>
    public void Report(CliConsole console)
    {
        Errors.ForEach(console.Error.WriteLine);
        Warnings.ForEach(console.Error.WriteLine);
    }

    /// <summary>Adds a ticket's errors: once when every policy gives the same, otherwise each with the policy it came under.</summary>
    public void AddErrors(TicketEvaluation[] perPolicy, IReadOnlyList<PolicySet> policies)
    {
        var distinct = perPolicy.Select(e => e.Error).Distinct().ToList();
        if (distinct is [{ } only])
        {
            Errors.Add(only);
            return;
        }
        for (var k = 0; k < perPolicy.Length; k++)
        {
            if (perPolicy[k].Error is { } error)
            {
                Errors.Add($"under {policies[k].Id}: {error}");
            }
        }
    }
}
