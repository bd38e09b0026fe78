using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using Sla.Core.Calendars;
using Sla.Core.Json.Calendars;
using Sla.Core.Json.Policies;
using Sla.Core.Policies;
using Sla.Core.Tests.Calendars;

namespace Sla.Core.Json.Tests.Policies;

/// <summary>JSON -> model -> JSON keeps the meaning, over generated policies.</summary>
[Properties(Arbitrary = [typeof(PolicyGenerators)], MaxTest = 100)]
public sealed class PolicyRoundTripProperties
{
    [Property]
    public bool Writing_then_reading_a_policy_gives_the_same_document_and_the_same_deadlines(GeneratedPolicy generated)
    {
        var written = PolicyDocument.Write(generated.Policy);
        var read = PolicyDocument.Parse(written, TestZones.Provider);
        if (PolicyDocument.Write(read) != written)
        {
            return false;
        }
        var created = generated.Policy.Versions[0].EffectiveFrom + Duration.FromHours(37);
        return generated.Policy.Versions.Zip(read.Versions).All(pair =>
            pair.First.Services.All(s => pair.First.Priorities.All(p =>
                pair.First.Deadlines(s.Id, p, created).SequenceEqual(pair.Second.Deadlines(s.Id, p, created)))));
    }

    [Property]
    public bool Writing_then_reading_a_calendar_gives_the_same_calendar(GeneratedPolicy generated)
    {
        var calendar = generated.Policy.Versions[0].Calendars[0];
        var written = CalendarDocument.Write(calendar);
        var read = CalendarDocument.Parse(written, TestZones.Provider);
        var from = generated.Policy.Versions[0].EffectiveFrom;
        return CalendarDocument.Write(read) == written
            && read.Elapsed(from, from + Duration.FromDays(400)) == calendar.Elapsed(from, from + Duration.FromDays(400));
    }
}

/// <summary>A generated policy.</summary>
/// <param name="Policy">The policy.</param>
public sealed record GeneratedPolicy(PolicySet Policy)
{
    /// <inheritdoc />
    public override string ToString() => PolicyDocument.Write(Policy);
}

/// <summary>Generators for valid policies: calendars, priorities, services and targets of both kinds, objectives, credits, availability.</summary>
public static class PolicyGenerators
{
    private static readonly string[] PriorityNames = ["P1", "P2", "P3", "P4", "urgent", "low"];

    /// <summary>Valid generated policies.</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<GeneratedPolicy> Policies() =>
        (from calendar in CalendarGenerators.Calendars("office")
         from priorityCount in Gen.Choose(1, 4)
         from year in Gen.Choose(1995, 2055)
         from versionCount in Gen.Choose(1, 2)
         from services in Gen.ListOf(Service(PriorityNames[..priorityCount]), 2)
         from warning in Gen.Choose(1, 99)
         from objectiveAt in Gen.Choose(50, 100)
         from creditBelow in Gen.Choose(50, 99)
         from period in Gen.Elements(Enum.GetValues<ReportingPeriod>())
         select new GeneratedPolicy(Build(calendar, PriorityNames[..priorityCount], year, versionCount, [.. services], warning / 100.0, objectiveAt / 100m, creditBelow / 100m, period)))
        .ToArbitrary();

    private static PolicySet Build(BusinessCalendar calendar, string[] priorities, int year, int versionCount, List<Action<ServiceBuilder>> services,
        double warning, decimal objectiveAt, decimal creditBelow, ReportingPeriod period)
    {
        var builder = new PolicySetBuilder("generated", "Generated \"policy\" ünïcode");
        for (var v = 0; v < versionCount; v++)
        {
            builder.AddVersion($"{year}.{v + 1}", Instant.FromUtc(year, 1 + (6 * v), 1, 0, 0), version =>
            {
                version.AddCalendar(calendar).WithPriorities(priorities).WithPauseStatuses("pending").WithWarningAt(warning);
                for (var s = 0; s < services.Count; s++)
                {
                    version.AddService($"svc{s}", $"Service {s}", services[s]);
                }
                version.AddObjective(new ComplianceObjective("svc0", Metric.Resolution, objectiveAt, period, priorities[0]))
                    .AddCredit(new CreditTier("svc0", Metric.Resolution, creditBelow, 5))
                    .AddCredit(new CreditTier("svc0", Metric.Resolution, creditBelow - 0.1m, 12.5m))
                    .AddAvailability(new AvailabilityObjective("svc1", 0.999m, period, v == 0 ? null : "office",
                        [new AvailabilityCredit(0.999m, 10), new AvailabilityCredit(0.99m, 25)]));
            });
        }
        return builder.Build();
    }

    private static Gen<Action<ServiceBuilder>> Service(string[] priorities) =>
        from targets in Gen.ListOf(Target(priorities), priorities.Length * 3)
        select (Action<ServiceBuilder>)(service =>
        {
            foreach (var (priority, metric, target) in targets.DistinctBy(t => (t.Priority, t.Metric)))
            {
                service.Target(priority, metric, target);
            }
        });

    private static Gen<(string Priority, Metric Metric, SlaTarget Target)> Target(string[] priorities) =>
        from priority in Gen.Elements(priorities)
        from metric in Gen.Elements(Enum.GetValues<Metric>())
        from calendar in Gen.Elements<string?>(null, "office", "24x7")
        from target in Gen.OneOf(
            Gen.Choose(1, 100_000).Select(m => (SlaTarget)SlaTarget.InBusinessTime(Duration.FromMinutes(m), calendar)),
            from days in Gen.Choose(0, 30)
            from cutoff in Gen.Elements<LocalTime?>(null, new LocalTime(16, 0), new LocalTime(0, 30))
            from at in Gen.Elements<LocalTime?>(null, new LocalTime(12, 0), new LocalTime(23, 59))
            select (SlaTarget)SlaTarget.InBusinessDays(new BusinessDays(days, cutoff, at), calendar))
        select (priority, metric, target);
}
