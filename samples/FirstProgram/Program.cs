using NodaTime;
using Sla.Core.Calendars;
using Sla.Core.Compliance;
using Sla.Core.Policies;
using Sla.Core.Text;
using Sla.Core.Tickets;
using Sla.Core.Validation;

// 1. A calendar: London office hours, Christmas observed on the next weekday.
var london = new BusinessCalendarBuilder("london", "Europe/London")
    .AddHours(IsoDayOfWeek.Monday, "09:00-17:30")
    .AddHours(IsoDayOfWeek.Tuesday, "09:00-17:30")
    .AddHours(IsoDayOfWeek.Wednesday, "09:00-17:30")
    .AddHours(IsoDayOfWeek.Thursday, "09:00-17:30")
    .AddHours(IsoDayOfWeek.Friday, "09:00-16:00")
    .AddRule(new FixedDateRule("Christmas Day", 12, 25, ObservedShift.NextWeekday))
    .Build();

// 2. A policy: one version, two priorities, a status that pauses the clock, one service and its targets.
var policy = new PolicySetBuilder("acme", "ACME support")
    .AddVersion("2026.1", Instant.FromUtc(2026, 1, 1, 0, 0), v => v
        .AddCalendar(london)
        .WithPriorities("P1", "P2")
        .WithPauseStatuses("waiting-on-customer")
        .AddService("email", "E-mail", s => s
            .Target("P1", Metric.FirstResponse, SlaTarget.InBusinessTime(Duration.FromMinutes(30)))
            .Target("P1", Metric.Resolution, SlaTarget.InBusinessTime(Duration.FromHours(4)))
            .Target("P2", Metric.FirstResponse, SlaTarget.InBusinessTime(Duration.FromHours(2), "london"))
            .Target("P2", Metric.Resolution, SlaTarget.InBusinessDays(new BusinessDays(2, cutoff: new LocalTime(16, 0)), "london"))))
    .Build();

// 3. A ticket's log: answered, waiting on the customer for four hours, then escalated to P1.
var created = Instant.FromUtc(2026, 3, 2, 10, 0); // Monday 10:00 in London
var ticket = new Ticket("T-1", "email", "P2", created,
[
    TicketEvent.AgentReply(created + Duration.FromMinutes(45)),
    TicketEvent.StatusChange(created + Duration.FromHours(1), "waiting-on-customer"),
    TicketEvent.StatusChange(created + Duration.FromHours(5), "open"),
    TicketEvent.PriorityChange(created + Duration.FromHours(6), "P1"),
]);

// 4. Evaluate as of an instant you choose: the library never reads the clock.
var now = created + Duration.FromHours(7);
var evaluation = ComplianceEvaluator.Evaluate(policy, ticket, now);
foreach (var result in evaluation.Metrics)
{
    var deadline = result.Deadline is { } due ? InstantText.Format(due) : "none";
    Console.WriteLine($"{result.Metric.Id}: {result.Status}, {DurationText.Format(result.Elapsed)} counted, deadline {deadline}");
}
// firstResponse: Met, PT45M counted, deadline 2026-03-02T12:00:00Z
// resolution: AtRisk, PT3H counted, deadline 2026-03-02T18:00:00Z
//   (two hours on London hours before P1, the pause not counted; P1's four hours run around the clock and keep those two)

// 5. The same, one event at a time, as a service that stores the state between events would.
var state = TicketState.Start(policy, "T-1", "email", "P2", created);
foreach (var e in ticket.Events)
{
    state = state.Apply(e);
}
Console.WriteLine($"Incremental agrees: {state.Evaluate(now).Metrics.SequenceEqual(evaluation.Metrics)}"); // True

// 6. Business days: two working days with a 16:00 cut-off, from Friday 16:30 (after the cut-off: counting starts Monday).
var friday = Instant.FromUtc(2026, 12, 18, 16, 30);
Console.WriteLine($"Due {london.AddBusinessDays(friday, new BusinessDays(2, cutoff: new LocalTime(16, 0))).InZone(london.Zone)}"); // 2026-12-23T17:30:00 Europe/London (+00)

// 7. What throws and what does not: a caller's bug throws, a bad ticket is a value.
try
{
    policy.Versions[0].Target("fax", "P1", Metric.Resolution);
}
catch (ArgumentException e)
{
    Console.WriteLine(e.Message); // Policy version 2026.1 has no service 'fax'; it has email. (Parameter 'service')
}
try
{
    new PolicySetBuilder("broken", "Broken").AddVersion("1", Instant.FromUtc(2026, 1, 1, 0, 0), v => v
        .WithPriorities("P1")
        .AddService("email", "E-mail", s => s.Target("P1", Metric.Resolution, SlaTarget.InBusinessTime(Duration.FromHours(4), "paris"))))
        .Build();
}
catch (DefinitionValidationException e)
{
    Console.WriteLine(e.Problems[0]); // versions[0].services[0].targets.P1.resolution.calendar: 'paris' is not a calendar of this version; ...
}
var late = ticket with { Events = [TicketEvent.AgentReply(created - Duration.FromMinutes(5))] };
Console.WriteLine(ComplianceEvaluator.Evaluate(policy, late, now).Error); // ticket T-1: event 1 (agentReply at ...) is before the ticket was created ...
