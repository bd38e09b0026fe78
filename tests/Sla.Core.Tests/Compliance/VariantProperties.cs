using System.Collections.Immutable;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using Sla.Core.Calendars;
using Sla.Core.Compliance;
using Sla.Core.Policies;
using Sla.Core.Tickets;

namespace Sla.Core.Tests.Compliance;

/// <summary>
/// Properties of variants over generated policies (variants on two attributes, targets on offices in two zones across
/// both clock changes) and event logs that change attributes, the service and the priority.
/// </summary>
[Properties(Arbitrary = [typeof(VariantScenarios)], MaxTest = 300)]
public sealed class VariantProperties
{
    [Property]
    public bool Finding_the_target_again_never_changes_time_already_counted(VariantScenario s)
    {
        var policy = s.Build(PriorityChangeRule.KeepCounted);
        var events = s.Ticket.Events;
        for (var k = 0; k < events.Length; k++)
        {
            if (events[k].Kind is not (TicketEventKind.Attribute or TicketEventKind.Service or TicketEventKind.Priority))
            {
                continue;
            }
            var before = ComplianceEvaluator.Evaluate(policy, s.Ticket with { Events = events[..k] }, events[k].At);
            var after = ComplianceEvaluator.Evaluate(policy, s.Ticket with { Events = events[..(k + 1)] }, events[k].At);
            var counted = before.Metrics.ToDictionary(m => (m.Metric, m.Cycle), m => m.Elapsed);
            if (after.Metrics.Any(m => counted.TryGetValue((m.Metric, m.Cycle), out var was) && was != m.Elapsed))
            {
                return false;
            }
        }
        return true;
    }

    [Property]
    public bool Without_attribute_events_a_ticket_evaluates_as_the_variant_chosen_at_creation(VariantScenario s)
    {
        var ticket = s.Ticket with { Events = [.. s.Ticket.Events.Where(e => e.Kind is not (TicketEventKind.Attribute or TicketEventKind.Service))] };
        var policy = s.Build(s.Rule);
        var chosen = policy.Versions[0].Service(ticket.Service)!.VariantFor(ticket.Attributes);
        var flattened = s.Build(s.Rule, flattenTo: chosen);
        var options = new EvaluationOptions(Explain: true);
        var withVariants = ComplianceEvaluator.Evaluate(policy, ticket, s.Now, options);
        Assert.All(withVariants.Metrics, m => Assert.Equal(chosen?.Id, m.Variant));
        return Describe(withVariants) == Describe(ComplianceEvaluator.Evaluate(flattened, ticket, s.Now, options));
    }

    [Property]
    public bool Applying_events_one_by_one_equals_evaluating_the_whole_log(VariantScenario s)
    {
        var policy = s.Build(s.Rule);
        var options = new EvaluationOptions(Explain: true);
        var state = TicketState.Start(policy, s.Ticket.Id, s.Ticket.Service, s.Ticket.Priority, s.Ticket.Created, options, s.Ticket.Attributes);
        foreach (var e in s.Ticket.Events.Where(e => e.At <= s.Now))
        {
            state = state.Apply(e);
        }
        return Describe(ComplianceEvaluator.Evaluate(policy, s.Ticket, s.Now, options)) == Describe(state.Evaluate(s.Now));
    }

    /// <summary>Everything but the variant's name (a flattened policy has none).</summary>
    private static string Describe(TicketEvaluation evaluation) =>
        evaluation.Error ?? string.Join("\n", evaluation.Metrics.Select(m =>
            $"{m.Metric.Id}#{m.Cycle} {m.Status} {m.Start} {m.Stop} {m.Target} {m.Deadline} {m.Elapsed} {m.Remaining} {m.BreachedAt} {m.Service} {m.Priority} {m.Warning} {m.NextChangeAt} " +
            string.Join(",", m.Segments.Select(x => $"{x.Interval}/{x.Kind}/{x.Reason}/{x.CalendarId}/{x.BusinessTime}"))));
}

/// <summary>A generated policy shape (each service's targets and variants) and a ticket under it.</summary>
/// <param name="Services">Each service's own targets and its variants.</param>
/// <param name="Rule">What a change of target does to an open cycle.</param>
/// <param name="Ticket">The ticket.</param>
/// <param name="Now">The evaluation instant.</param>
public sealed record VariantScenario(ImmutableArray<(string Id, ImmutableArray<ServiceTarget> Targets, ImmutableArray<ServiceVariant> Variants)> Services,
    PriorityChangeRule Rule, Ticket Ticket, Instant Now)
{
    /// <summary>Builds the policy; with <paramref name="flattenTo"/>, the ticket's service has that variant's targets as its own and no variants.</summary>
    public PolicySet Build(PriorityChangeRule rule, ServiceVariant? flattenTo = null) =>
        new PolicySetBuilder("p", "P").AddVersion("v1", Instant.FromUtc(2020, 1, 1, 0, 0), v =>
        {
            foreach (var calendar in VariantScenarios.Calendars)
            {
                v.AddCalendar(calendar);
            }
            v.WithPriorities("P1", "P2").WithPauseStatuses("pending").WithPriorityChange(rule);
            foreach (var (id, targets, variants) in Services)
            {
                var flatten = flattenTo is not null && id == Ticket.Service;
                v.AddService(id, id, s =>
                {
                    foreach (var t in flatten ? flattenTo!.Targets : targets)
                    {
                        s.Target(t.Priority, t.Metric, t.Target);
                    }
                    foreach (var variant in flatten ? [] : variants)
                    {
                        s.AddVariant(variant.Id, b =>
                        {
                            foreach (var c in variant.When)
                            {
                                b.When(c.Attribute, [.. c.Values]);
                            }
                            foreach (var t in variant.Targets)
                            {
                                b.Target(t.Priority, t.Metric, t.Target);
                            }
                        });
                    }
                });
            }
        }).Build();

    /// <inheritdoc/>
    public override string ToString() =>
        string.Join("\n", Services.Select(s => $"{s.Id}: {Targets(s.Targets)}; " + string.Join("; ", s.Variants.Select(v =>
            $"{v.Id} when {string.Join(" & ", v.When.Select(c => $"{c.Attribute} in [{string.Join(",", c.Values)}]"))}: {Targets(v.Targets)}"))))
        + $"\nrule {Rule}; ticket {Ticket.Service} {Ticket.Priority} {string.Join(",", Ticket.Attributes.Select(a => $"{a.Key}={a.Value}"))} created {Ticket.Created}, now {Now}: "
        + string.Join(", ", Ticket.Events.Select(Ticket.Describe));

    private static string Targets(ImmutableArray<ServiceTarget> targets) => string.Join(" ", targets.Select(t => $"{t.Priority}.{t.Metric.Id}={t.Target.Describe()}"));
}

/// <summary>Generators of <see cref="VariantScenario"/>.</summary>
public static class VariantScenarios
{
    internal static readonly ImmutableArray<BusinessCalendar> Calendars =
    [
        Weekdays(new BusinessCalendarBuilder("london", "Europe/London")).Build(),
        Weekdays(new BusinessCalendarBuilder("new-york", "America/New_York")).Build(),
    ];

    private static readonly Dictionary<string, string[]> AttributeValues = new() { ["tier"] = ["gold", "silver", "bronze"], ["region"] = ["us", "eu"] };

    // Around both clock changes of 2026 in Europe and America, and a plain week.
    private static readonly Instant[] Days = [Instant.FromUtc(2026, 3, 6, 0, 0), Instant.FromUtc(2026, 3, 27, 0, 0), Instant.FromUtc(2026, 10, 30, 0, 0), Instant.FromUtc(2026, 6, 15, 0, 0)];

    private static readonly Metric[] Metrics = [Metric.FirstResponse, Metric.NextResponse, Metric.Resolution];

    /// <summary>The generator FsCheck uses for <see cref="VariantScenario"/>.</summary>
    public static Arbitrary<VariantScenario> Scenarios() => Arb.From(
        from email in Service("email")
        from erp in Service("erp")
        from rule in Gen.Elements(PriorityChangeRule.KeepCounted, PriorityChangeRule.Restart)
        from ticket in Ticket()
        select new VariantScenario([email, erp], rule, ticket.Ticket, ticket.Now),
        s => Enumerable.Range(0, s.Ticket.Events.Length).Reverse().Select(i => s with { Ticket = s.Ticket with { Events = s.Ticket.Events.RemoveAt(i) } }));

    private static BusinessCalendarBuilder Weekdays(BusinessCalendarBuilder builder)
    {
        foreach (var day in new[] { IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday })
        {
            builder.AddHours(day, "09:00-17:00");
        }
        return builder;
    }

    private static Gen<(string, ImmutableArray<ServiceTarget>, ImmutableArray<ServiceVariant>)> Service(string id) =>
        from own in Targets()
        from count in Gen.Choose(0, 4)
        from variants in Gen.ListOf(Variant(), count)
        select (id, own, variants.Select((v, i) => v with { Id = $"{id}-v{i}" }).ToImmutableArray());

    private static Gen<ServiceVariant> Variant() =>
        from attributes in Gen.SubListOf(AttributeValues.Keys.ToArray()).Where(l => l.Count > 0)
        from conditions in Gen.CollectToArray(attributes.Select(a => Gen.SubListOf(AttributeValues[a]).Where(l => l.Count > 0).Select(l => new VariantCondition(a, [.. l]))))
        from targets in Targets()
        select new ServiceVariant("", [.. conditions], targets);

    private static Gen<ImmutableArray<ServiceTarget>> Targets() =>
        from each in Gen.CollectToArray(new[] { "P1", "P2" }.SelectMany(p => Metrics.Select(m => Target(p, m))))
        select each.Where(t => t is not null).Select(t => t!).ToImmutableArray();

    private static Gen<ServiceTarget?> Target(string priority, Metric metric) =>
        Gen.Frequency(
            (1, Gen.Constant<ServiceTarget?>(null)),
            (4, from minutes in Gen.Frequency((2, Gen.Elements(30, 60, 120, 240)), (1, Gen.Choose(1, 600)))
                from calendar in Gen.Elements<string?>(null, "london", "new-york")
                select (ServiceTarget?)new ServiceTarget(priority, metric, SlaTarget.InBusinessTime(Duration.FromMinutes(minutes), calendar))));

    private static Gen<(Ticket Ticket, Instant Now)> Ticket() =>
        from day in Gen.Elements(Days)
        from offset in Gen.Choose(0, 4 * 24 * 60)
        from service in Gen.Elements("email", "erp")
        from priority in Gen.Elements("P1", "P2")
        from attributes in Gen.CollectToArray(AttributeValues.Select(a => Gen.Elements([null, .. a.Value]).Select(v => (a.Key, Value: v))))
        from count in Gen.Choose(0, 10)
        from gaps in Gen.ListOf(Gen.Frequency((1, Gen.Constant(0)), (3, Gen.Choose(1, 120)), (1, Gen.Choose(121, 1440))), count)
        from kinds in Gen.ListOf(Event(), count)
        from tail in Gen.Choose(0, 1440)
        let created = day + Duration.FromMinutes(offset)
        let events = Build(created, gaps, kinds)
        let last = events.Count == 0 ? created : events[^1].At
        select (new Ticket("T-v", service, priority, created, [.. events],
                attributes.Where(a => a.Value is not null).ToDictionary(a => a.Key, a => a.Value!)),
            last + Duration.FromMinutes(tail));

    private static List<TicketEvent> Build(Instant created, IEnumerable<int> gaps, IEnumerable<Func<Instant, TicketEvent>> kinds)
    {
        var at = created;
        return [.. gaps.Zip(kinds, (gap, make) => make(at += Duration.FromMinutes(gap)))];
    }

    private static Gen<Func<Instant, TicketEvent>> Event() =>
        Gen.Frequency<Func<Instant, TicketEvent>>(
            (2, Gen.Constant<Func<Instant, TicketEvent>>(TicketEvent.AgentReply)),
            (2, Gen.Constant<Func<Instant, TicketEvent>>(TicketEvent.CustomerMessage)),
            (2, Gen.Elements("pending", "open").Select(s => (Func<Instant, TicketEvent>)(at => TicketEvent.StatusChange(at, s)))),
            (2, Gen.Elements("P1", "P2").Select(p => (Func<Instant, TicketEvent>)(at => TicketEvent.PriorityChange(at, p)))),
            (1, Gen.Constant<Func<Instant, TicketEvent>>(TicketEvent.Resolved)),
            (1, Gen.Constant<Func<Instant, TicketEvent>>(TicketEvent.Reopened)),
            (5, from name in Gen.Elements("tier", "region", "channel")
                from value in Gen.Elements<string?>(null, "gold", "silver", "bronze", "us", "eu")
                select (Func<Instant, TicketEvent>)(at => TicketEvent.AttributeChange(at, name, value))),
            (2, Gen.Elements("email", "erp").Select(s => (Func<Instant, TicketEvent>)(at => TicketEvent.ServiceChange(at, s)))));
}
