using BenchmarkDotNet.Attributes;
using NodaTime;
using Sla.Core.Compliance;
using Sla.Core.Json.Policies;
using Sla.Core.Policies;
using Sla.Core.Tickets;

namespace Sla.Core.Benchmarks;

/// <summary>
/// One ticket with a ten-event log (replies, customer messages, a pause, a priority change, resolve and
/// reopen) under the sample policy, whose email service has first-response, next-response and
/// resolution targets on the Moscow office calendar.
/// </summary>
[MemoryDiagnoser]
public class EvaluationBenchmarks
{
    private static readonly Instant Created = Instant.FromUtc(2026, 3, 2, 6, 15);
    private PolicySet policy = null!;
    private Ticket ticket = null!;
    private Instant now;

    [GlobalSetup]
    public void Setup()
    {
        policy = PolicyDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "policy.json")));
        Instant At(int minutes) => Created + Duration.FromMinutes(minutes);
        ticket = new Ticket("T-1", "email", "P2", Created,
        [
            TicketEvent.AgentReply(At(25)),
            TicketEvent.CustomerMessage(At(55)),
            TicketEvent.AgentNote(At(70)),
            TicketEvent.AgentReply(At(130)),
            TicketEvent.StatusChange(At(140), "pending"),
            TicketEvent.CustomerMessage(At(600)),
            TicketEvent.StatusChange(At(610), "open"),
            TicketEvent.PriorityChange(At(900), "P1"),
            TicketEvent.Resolved(At(1000)),
            TicketEvent.Reopened(At(2000)),
        ]);
        now = At(2100);
        var check = ComplianceEvaluator.Evaluate(policy, ticket, now);
        if (!check.IsValid || check.Metrics.Length != 4)
        {
            throw new InvalidOperationException("The benchmark ticket does not evaluate as intended: " + check);
        }
    }

    [Benchmark(Description = "Evaluate one ticket (10 events, 3 metrics)")]
    public TicketEvaluation Evaluate() => ComplianceEvaluator.Evaluate(policy, ticket, now);

    [Benchmark(Description = "Evaluate one ticket with explanation")]
    public TicketEvaluation EvaluateExplained() => ComplianceEvaluator.Evaluate(policy, ticket, now, new EvaluationOptions(Explain: true));
}
