using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using NodaTime;
using Sla.Core.Compliance;
using Sla.Core.Json.Policies;
using Sla.Core.Policies;
using Sla.Core.Tickets;

namespace Sla.Core.Benchmarks;

/// <summary>
/// One ticket with a ten-event log (replies, customer messages, a pause, a priority change, resolve and
/// reopen) under the sample policy's email service, measured two ways: with only the three built-in
/// metrics (first response, next response, resolution: the sample as it was before it defined its own),
/// and with six definitions (the built-ins, a pausable periodic update, an L2 operational-level agreement
/// and Zendesk's requester wait time), where the ticket's internal note is an L2 assignment instead. And the
/// built-ins again with twenty variants on the service, the ticket's attributes matching only the last (every
/// variant is tried at creation and again at the priority change): the cost of choosing a variant.
/// </summary>
[MemoryDiagnoser]
public class EvaluationBenchmarks
{
    private static readonly Instant Created = Instant.FromUtc(2026, 3, 2, 6, 15);
    private PolicySet builtIns = null!;
    private PolicySet sixMetrics = null!;
    private PolicySet twentyVariants = null!;
    private Ticket ticket = null!;
    private Ticket customer = null!;
    private CompiledService twentyVariantEmail = null!;
    private int[] customerSlots = null!;
    private Ticket handedOff = null!;
    private Instant now;

    [GlobalSetup]
    public void Setup()
    {
        var sample = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "policy.json"));
        builtIns = PolicyDocument.Parse(WithMetrics(sample, null));
        sixMetrics = PolicyDocument.Parse(WithMetrics(sample, """
            [ { "id": "firstResponse", "preset": "firstResponse" }, { "id": "nextResponse", "preset": "nextResponse" },
              { "id": "resolution", "preset": "resolution" }, { "id": "update", "preset": "pausableUpdate" },
              { "id": "l2", "start": ["assigned:L2"], "stop": ["unassigned:L2", "resolved"], "cancel": ["status:merged"], "cycles": "each" },
              { "id": "requesterWait", "preset": "resolution", "pauseWhile": ["pending"] } ]
            """));
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
        handedOff = ticket with { Events = ticket.Events.SetItem(2, TicketEvent.AssignedTo(At(70), "L2")) };
        twentyVariants = PolicyDocument.Parse(WithVariants(WithMetrics(sample, null), 20));
        customer = new Ticket(ticket.Id, ticket.Service, ticket.Priority, ticket.Created, ticket.Events,
            new Dictionary<string, string> { ["tier"] = "gold", ["customer"] = "c19-b", ["region"] = "eu" });
        var version = twentyVariants.Versions[0];
        twentyVariantEmail = version.Compiled("email")!;
        customerSlots = version.Attributes.Codes(customer.Attributes);
        now = At(2100);
        Check(builtIns, ticket, 4);
        Check(sixMetrics, handedOff, 8);
        Check(twentyVariants, customer, 4);
        if (ComplianceEvaluator.Evaluate(twentyVariants, customer, now).Metrics.Any(m => m.Variant != "customer-19"))
        {
            throw new InvalidOperationException("The twenty-variant ticket should match the last variant only.");
        }
    }

    [Benchmark(Description = "Evaluate one ticket (10 events, 3 built-in metrics)")]
    public TicketEvaluation Evaluate() => ComplianceEvaluator.Evaluate(builtIns, ticket, now);

    [Benchmark(Description = "Evaluate one ticket (10 events, 6 metric definitions)")]
    public TicketEvaluation EvaluateSixMetrics() => ComplianceEvaluator.Evaluate(sixMetrics, handedOff, now);

    [Benchmark(Description = "Evaluate one ticket (10 events, 3 built-in metrics, 20 variants, the last matching)")]
    public TicketEvaluation EvaluateTwentyVariants() => ComplianceEvaluator.Evaluate(twentyVariants, customer, now);

    /// <summary>What choosing costs in that evaluation: the twenty variants tried at creation and again at the priority change.</summary>
    [Benchmark(Description = "Choose a variant twice (20 variants, the last matching)")]
    public int MatchTwentyVariantsTwice() => twentyVariantEmail.Match(customerSlots) + twentyVariantEmail.Match(customerSlots);

    [Benchmark(Description = "Evaluate one ticket with explanation")]
    public TicketEvaluation EvaluateExplained() => ComplianceEvaluator.Evaluate(builtIns, ticket, now, new EvaluationOptions(Explain: true));

    /// <summary>The sample policy with the given metrics list (or none), and targets for exactly those metrics on every priority of e-mail.</summary>
    private static string WithMetrics(string sample, string? metrics)
    {
        var policy = JsonNode.Parse(sample)!;
        var version = policy["versions"]![0]!.AsObject();
        version.Remove("metrics");
        version.Remove("warnings");
        version["objectives"] = new JsonArray([.. version["objectives"]!.AsArray().Where(o => o!["metric"]!.GetValue<string>() is "firstResponse" or "nextResponse" or "resolution" && o["variant"] is null).Select(o => o!.DeepClone())]);
        foreach (var service in version["services"]!.AsArray())
        {
            service!.AsObject().Remove("variants");
            foreach (var (_, targets) in service["targets"]!.AsObject())
            {
                foreach (var extra in targets!.AsObject().Select(t => t.Key).Where(k => k is not ("firstResponse" or "nextResponse" or "resolution")).ToList())
                {
                    targets.AsObject().Remove(extra);
                }
            }
        }
        if (metrics is not null)
        {
            version["metrics"] = JsonNode.Parse(metrics);
            var email = version["services"]!.AsArray().Single(s => s!["id"]!.GetValue<string>() == "email")!["targets"]!.AsObject();
            foreach (var (_, targets) in email)
            {
                targets!["update"] = JsonNode.Parse("""{ "within": "PT8H", "calendar": "moscow-office" }""");
                targets["l2"] = JsonNode.Parse("""{ "within": "PT4H" }""");
                targets["requesterWait"] = JsonNode.Parse("""{ "within": "PT24H", "calendar": "moscow-office" }""");
            }
        }
        return policy.ToJsonString();
    }

    /// <summary>
    /// The policy with <paramref name="count"/> variants on e-mail, each for two customers of the gold tier, with the service's
    /// own targets (so results equal the plain policy's and only the choosing costs).
    /// </summary>
    private static string WithVariants(string policyJson, int count)
    {
        var policy = JsonNode.Parse(policyJson)!;
        var email = policy["versions"]![0]!["services"]!.AsArray().Single(s => s!["id"]!.GetValue<string>() == "email")!;
        email["variants"] = new JsonArray([.. Enumerable.Range(0, count).Select(i => (JsonNode)new JsonObject
        {
            ["id"] = $"customer-{i}",
            ["when"] = new JsonObject { ["customer"] = new JsonArray($"c{i}-a", $"c{i}-b"), ["tier"] = new JsonArray("gold", "platinum") },
            ["targets"] = email["targets"]!.DeepClone(),
        })]);
        return policy.ToJsonString();
    }

    private void Check(PolicySet policy, Ticket evaluated, int results)
    {
        var check = ComplianceEvaluator.Evaluate(policy, evaluated, now);
        if (!check.IsValid || check.Metrics.Length != results)
        {
            throw new InvalidOperationException($"The benchmark ticket does not evaluate as intended: {check.Error ?? string.Join(", ", check.Metrics.Select(m => $"{m.Metric} {m.Cycle} {m.Status}"))}");
        }
    }
}
