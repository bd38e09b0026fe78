using FsCheck.Fluent;
using NodaTime;
using Sla.Core.Calendars;
using Sla.Core.Policies;
using Sla.Core.Tickets;

namespace Sla.Core.Testing.Tests;

public sealed class PackageTests
{
    [Fact]
    public void The_docs_example_is_this_project_s_example_test_word_for_word()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Sla.Core.sln")))
        {
            root = root.Parent;
        }
        Assert.NotNull(root);
        var docs = File.ReadAllText(Path.Combine(root.FullName, "docs", "testing.md")).ReplaceLineEndings("\n");
        var example = File.ReadAllText(Path.Combine(root.FullName, "tests", "Sla.Core.Testing.Tests", "Examples", "OfficeCalendarTests.cs")).ReplaceLineEndings("\n");
        var start = docs.IndexOf("```csharp\n", docs.IndexOf("## A complete example", StringComparison.Ordinal), StringComparison.Ordinal) + "```csharp\n".Length;
        Assert.Equal(example, docs[start..docs.IndexOf("```", start, StringComparison.Ordinal)]);
    }

    [Fact]
    public void Verify_passes_on_a_sound_calendar_in_a_zone_with_a_midnight_jump()
    {
        var calendar = new BusinessCalendarBuilder("night", "America/Sao_Paulo")
            .AddHours(IsoDayOfWeek.Saturday, "22:00-06:00")
            .AddHours(IsoDayOfWeek.Sunday, "00:00-24:00")
            .Build();
        CalendarLaws.Verify(calendar, 2015, 2018, maxTest: 100);
    }

    [Fact]
    public void Specs_shrink_towards_fewer_parts_and_UTC()
    {
        var spec = new CalendarSpec("Europe/London",
            [[TimeWindow.Parse("09:00-17:00")], [TimeWindow.Parse("09:00-12:00"), TimeWindow.Parse("13:00-17:00")], [], [], [], [], []],
            [new FixedDateRule("Holiday", 12, 25)], [new DateOverride(new LocalDate(2026, 5, 1), "closed")], 2026);
        var smaller = spec.Shrink().ToList();
        Assert.Equal("UTC", smaller[0].ZoneId);
        Assert.Contains(smaller, s => s.Rules.IsEmpty);
        Assert.Contains(smaller, s => s.Exceptions.IsEmpty);
        Assert.Equal(1 + 1 + 1 + 3, smaller.Count);
        Assert.Equal("Europe/London {Monday=09:00-17:00 Tuesday=09:00-12:00,13:00-17:00} rules [12/25] exceptions [2026-05-01=closed]", spec.ToString());
    }

    [Fact]
    public void Generated_calendars_policies_and_tickets_are_valid()
    {
        var specs = CalendarArbitraries.ValidSpecs().Sample(20, 10);
        Assert.All(specs, s => Assert.NotNull(s.TryBuild()));
        var policies = PolicyArbitraries.Policies().Generator.Sample(5, 5);
        Assert.All(policies, p => Assert.NotEmpty(p.Policy.Versions));
        var version = policies[0].Policy.Versions[0];
        var tickets = TicketArbitraries.For(version, "svc0", version.EffectiveFrom).Generator.Sample(20, 10);
        Assert.All(tickets, t => Assert.Null(t.Ticket.FindProblem()));
        Assert.All(tickets, t => Assert.True(Compliance.ComplianceEvaluator.Evaluate(policies[0].Policy, t.Ticket, t.Now).IsValid));
    }

    [Fact]
    public void Ticket_logs_exercise_the_statuses_and_groups_a_version_s_own_metrics_watch()
    {
        var policy = new PolicySetBuilder("p", "P").AddVersion("1", Instant.FromUtc(2026, 1, 1, 0, 0), v => v.WithPriorities("P1")
            .AddMetric("l2", m => m.StartOn(MetricTrigger.AssignedTo("L2")).StopOn(MetricTrigger.UnassignedFrom("L2")).CancelOn(MetricTrigger.StatusBecomes("merged")).WithCycles(MetricCycles.Each))
            .AddService("s", "S", s => s.Target("P1", Metric.Named("l2"), SlaTarget.InBusinessTime(Duration.FromHours(1))))).Build();
        var events = TicketArbitraries.For(policy.Versions[0], "s", Instant.FromUtc(2026, 1, 1, 0, 0)).Generator.Sample(200, 10)
            .SelectMany(t => t.Ticket.Events).ToList();
        Assert.Contains(events, e => e is { Kind: TicketEventKind.Assigned, Value: "L2" });
        Assert.Contains(events, e => e is { Kind: TicketEventKind.Assigned, Value: null });
        Assert.Contains(events, e => e is { Kind: TicketEventKind.Status, Value: "merged" });
    }

    [Fact]
    public void Tickets_for_a_service_with_variants_carry_and_change_the_attributes_its_variants_name()
    {
        var policy = new PolicySetBuilder("p", "P").AddVersion("1", Instant.FromUtc(2026, 1, 1, 0, 0), v => v.WithPriorities("P1")
            .AddService("s", "S", s => s.Target("P1", Metric.Resolution, SlaTarget.InBusinessTime(Duration.FromHours(8)))
                .AddVariant("gold", g => g.When("tier", "gold").Target("P1", Metric.Resolution, SlaTarget.InBusinessTime(Duration.FromHours(4)))))).Build();
        var tickets = TicketArbitraries.For(policy.Versions[0], "s", Instant.FromUtc(2026, 1, 1, 0, 0)).Generator.Sample(200, 10).ToList();
        Assert.Contains(tickets, t => t.Ticket.Attributes.GetValueOrDefault("tier") == "gold");
        Assert.Contains(tickets, t => t.Ticket.Attributes.GetValueOrDefault("tier") == "unlisted");
        Assert.Contains(tickets, t => !t.Ticket.Attributes.ContainsKey("tier"));
        var events = tickets.SelectMany(t => t.Ticket.Events).ToList();
        Assert.Contains(events, e => e is { Kind: TicketEventKind.Attribute, Name: "tier", Value: "gold" });
        Assert.Contains(events, e => e is { Kind: TicketEventKind.Attribute, Name: "tier", Value: null });
        var evaluations = tickets.Select(t => Compliance.ComplianceEvaluator.Evaluate(policy, t.Ticket, t.Now)).ToList();
        Assert.All(evaluations, e => Assert.True(e.IsValid, e.Error));
        Assert.Contains(evaluations, e => e.Metrics.Any(m => m.Variant == "gold"));
    }

    [Fact]
    public void Ticket_cases_shrink_by_dropping_events()
    {
        var version = new PolicySetBuilder("p", "P").AddVersion("1", Instant.FromUtc(2026, 1, 1, 0, 0), v => v.WithPriorities("P1")
            .AddService("s", "S", s => s.Target("P1", Metric.Resolution, SlaTarget.InBusinessTime(Duration.FromHours(1))))).Build().Versions[0];
        var arbitrary = TicketArbitraries.For(version, "s", Instant.FromUtc(2026, 1, 1, 0, 0));
        var scenario = arbitrary.Generator.Sample(50, 10).First(t => t.Ticket.Events.Length >= 3);
        var shrunk = arbitrary.Shrinker(scenario).ToList();
        Assert.Contains(shrunk, s => s.Ticket.Events.Length == scenario.Ticket.Events.Length - 1);
    }

    [Fact]
    public void The_fixed_clock_reads_one_instant() =>
        Assert.Equal(Instant.FromUtc(2026, 11, 28, 12, 0), FixedClock.AtUtc(2026, 11, 28, 12).GetCurrentInstant());

    [Fact]
    public void The_reference_calendar_adds_and_counts_by_the_minute()
    {
        var calendar = new BusinessCalendarBuilder("o", "UTC").AddHours(IsoDayOfWeek.Friday, "09:00-18:00").AddHours(IsoDayOfWeek.Monday, "09:00-18:00").Build();
        var reference = new ReferenceCalendar(calendar);
        var friday = Instant.FromUtc(2026, 3, 27, 17, 0);
        Assert.Equal(Instant.FromUtc(2026, 3, 30, 10, 0), reference.Add(friday, Duration.FromHours(2), Duration.FromDays(10)));
        Assert.Equal(Duration.FromHours(2), reference.Elapsed(friday, Instant.FromUtc(2026, 3, 30, 10, 0)));
        Assert.Null(reference.Add(friday, Duration.FromHours(100), Duration.FromDays(3)));
    }
}
