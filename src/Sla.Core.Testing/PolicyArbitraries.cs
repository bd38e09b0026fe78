using FsCheck;
using FsCheck.Fluent;
using NodaTime;
using Sla.Core.Calendars;
using Sla.Core.Policies;

namespace Sla.Core.Testing;

/// <summary>A generated policy.</summary>
/// <param name="Policy">The policy: one or two versions, a generated office calendar, two services, up to four priorities.</param>
public sealed record GeneratedPolicy(PolicySet Policy)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"policy with {Policy.Versions.Length} version(s): " + string.Join("; ", Policy.Versions.Select(v =>
            $"{v.Version} from {v.EffectiveFrom}, priorities {string.Join(",", v.Priorities)}, " +
            string.Join(" ", v.Services.Select(s => $"{s.Id}[{string.Join(" ", s.Targets.Select(t => $"{t.Priority}.{PolicyNames.Of(t.Metric)}={t.Target.Describe()}"))}]"))));
}

/// <summary>
/// FsCheck generators for valid policies: a generated calendar (<see cref="CalendarArbitraries"/>) named
/// <c>office</c>, up to four priorities, two services whose targets mix durations and business days on
/// <c>office</c>, <c>24x7</c> and no calendar, objectives, monotone credit tiers and availability objectives.
/// Failing cases shrink by dropping versions and targets.
/// </summary>
public static class PolicyArbitraries
{
    private static readonly string[] PriorityNames = ["P1", "P2", "P3", "P4", "urgent", "low"];

    /// <summary>Valid generated policies.</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<GeneratedPolicy> Policies() =>
        Arb.From(
            from calendar in CalendarArbitraries.Calendars("office")
            from priorityCount in Gen.Choose(1, 4)
            from year in Gen.Choose(1995, 2055)
            from versionCount in Gen.Choose(1, 2)
            from targets in Gen.ListOf(Gen.ListOf(Target(PriorityNames[..priorityCount]), priorityCount * 3), 2)
            from warning in Gen.Choose(1, 99)
            from objectiveAt in Gen.Choose(50, 100)
            from creditBelow in Gen.Choose(50, 99)
            from period in Gen.Elements(Enum.GetValues<ReportingPeriod>())
            select new GeneratedPolicy(Build(new Recipe(calendar, PriorityNames[..priorityCount], year, versionCount,
                [.. targets.Select(t => t.DistinctBy(x => (x.Priority, x.Metric)).ToList())], warning / 100.0, objectiveAt / 100m, creditBelow / 100m, period))),
            Shrink);

    private sealed record Recipe(BusinessCalendar Calendar, string[] Priorities, int Year, int Versions,
        List<List<ServiceTarget>> Targets, double Warning, decimal ObjectiveAt, decimal CreditBelow, ReportingPeriod Period);

    private static IEnumerable<GeneratedPolicy> Shrink(GeneratedPolicy generated)
    {
        var first = generated.Policy.Versions[0];
        var recipe = new Recipe(first.Calendars[0], [.. first.Priorities], first.EffectiveFrom.InUtc().Year, generated.Policy.Versions.Length,
            [.. first.Services.Select(s => s.Targets.ToList())], first.WarningAt, first.Objectives[0].AtLeast, first.Credits[0].Below, first.Objectives[0].Period);
        if (recipe.Versions > 1)
        {
            yield return new GeneratedPolicy(Build(recipe with { Versions = 1 }));
        }
        for (var s = 0; s < recipe.Targets.Count; s++)
        {
            for (var t = 0; t < recipe.Targets[s].Count; t++)
            {
                var fewer = recipe.Targets.Select(list => list.ToList()).ToList();
                fewer[s].RemoveAt(t);
                yield return new GeneratedPolicy(Build(recipe with { Targets = fewer }));
            }
        }
    }

    private static PolicySet Build(Recipe recipe)
    {
        var builder = new PolicySetBuilder("generated", "Generated \"policy\" ünïcode");
        for (var v = 0; v < recipe.Versions; v++)
        {
            builder.AddVersion($"{recipe.Year}.{v + 1}", Instant.FromUtc(recipe.Year, 1 + (6 * v), 1, 0, 0), version =>
            {
                version.AddCalendar(recipe.Calendar).WithPriorities(recipe.Priorities).WithPauseStatuses("pending").WithWarningAt(recipe.Warning);
                for (var s = 0; s < recipe.Targets.Count; s++)
                {
                    version.AddService($"svc{s}", $"Service {s}", service => recipe.Targets[s].ForEach(t => service.Target(t.Priority, t.Metric, t.Target)));
                }
                version.AddObjective(new ComplianceObjective("svc0", Metric.Resolution, recipe.ObjectiveAt, recipe.Period, recipe.Priorities[0]))
                    .AddCredit(new CreditTier("svc0", Metric.Resolution, recipe.CreditBelow, 5))
                    .AddCredit(new CreditTier("svc0", Metric.Resolution, recipe.CreditBelow - 0.1m, 12.5m))
                    .AddAvailability(new AvailabilityObjective("svc1", 0.999m, recipe.Period, v == 0 ? null : "office",
                        [new AvailabilityCredit(0.999m, 10), new AvailabilityCredit(0.99m, 25)]));
            });
        }
        return builder.Build();
    }

    private static Gen<ServiceTarget> Target(string[] priorities) =>
        from priority in Gen.Elements(priorities)
        from metric in Gen.Elements(Metric.FirstResponse, Metric.NextResponse, Metric.Resolution)
        from calendar in Gen.Elements<string?>(null, "office", "24x7")
        from target in Gen.OneOf(
            Gen.Choose(1, 100_000).Select(m => (SlaTarget)SlaTarget.InBusinessTime(Duration.FromMinutes(m), calendar)),
            from days in Gen.Choose(0, 30)
            from cutoff in Gen.Elements<LocalTime?>(null, new LocalTime(16, 0), new LocalTime(0, 30))
            from at in Gen.Elements<LocalTime?>(null, new LocalTime(12, 0), new LocalTime(23, 59))
            select (SlaTarget)SlaTarget.InBusinessDays(new BusinessDays(days, cutoff, at), calendar))
        select new ServiceTarget(priority, metric, target);
}
