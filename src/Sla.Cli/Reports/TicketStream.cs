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
    public static List<string> Evaluate(Stream tickets, Instant now, IReadOnlyList<PolicySet> policies, Action<TicketEvaluation[]> use)
    {
        var errors = new List<string>();
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
            }
        }
        return errors;
    }
}
