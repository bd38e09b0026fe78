using System.Collections.Frozen;
using System.Collections.Immutable;
using Sla.Core.Calendars;

namespace Sla.Core.Policies;

/// <summary>
/// A metric's target in force, with its calendar and where it came from (service, variant, priority). One object per
/// combination, made when the version is built, so a clock holds one reference and a result names its origin for free.
/// </summary>
internal sealed class TargetInForce(SlaTarget? target, BusinessCalendar? calendar, string service, string? variant, string priority)
{
    public SlaTarget? Target { get; } = target;

    public BusinessCalendar? Calendar { get; } = calendar;

    public string Service { get; } = service;

    /// <summary>The variant the target came from, or <see langword="null"/> for the service's own targets.</summary>
    public string? Variant { get; } = variant;

    public string Priority { get; } = priority;
}

/// <summary>
/// A service compiled for evaluation: each variant's conditions as attribute slots (indexes into the values a ticket's
/// simulation keeps for the attributes any variant of the version names), and for the service's own targets and each
/// variant's, one <see cref="TargetInForce"/> per metric for each priority.
/// </summary>
internal sealed class CompiledService
{
    private readonly Condition[][] conditions;
    private readonly FrozenDictionary<string, TargetInForce[]>[] targets;

    public CompiledService(ServiceDefinition definition, PolicyVersion version, IReadOnlyDictionary<string, int> attributeSlots)
    {
        Definition = definition;
        conditions = [.. definition.Variants.Select(v => v.When.Select(c => new Condition(attributeSlots[c.Attribute], [.. c.Values])).ToArray())];
        targets = [Targets(version, null, definition.Targets), .. definition.Variants.Select(v => Targets(version, v.Id, v.Targets))];

        FrozenDictionary<string, TargetInForce[]> Targets(PolicyVersion version, string? variant, ImmutableArray<ServiceTarget> given) =>
            version.Priorities.ToFrozenDictionary(p => p, p => version.Metrics.Select(m =>
                    ServiceTarget.Find(given, p, m.Metric) is { } target
                        ? new TargetInForce(target, version.Calendar(target.CalendarId), definition.Id, variant, p)
                        : new TargetInForce(null, null, definition.Id, variant, p)).ToArray(),
                StringComparer.Ordinal);
    }

    public ServiceDefinition Definition { get; }

    public bool HasVariants => conditions.Length > 0;

    /// <summary>The index of the first variant whose every condition holds, or -1 for the service's own targets.</summary>
    /// <param name="attributes">The ticket's current values of the version's attribute slots (null: not set).</param>
    public int Match(string?[] attributes)
    {
        for (var v = 0; v < conditions.Length; v++)
        {
            if (Holds(conditions[v], attributes))
            {
                return v;
            }
        }
        return -1;
    }

    /// <summary>The targets in force, one per metric in definition order, under a variant (-1: the service's own) and priority.</summary>
    public TargetInForce[] Targets(int variant, string priority) => targets[variant + 1][priority];

    private static bool Holds(Condition[] all, string?[] attributes)
    {
        foreach (var (slot, values) in all)
        {
            if (attributes[slot] is not { } value || Array.IndexOf(values, value) < 0)
            {
                return false;
            }
        }
        return true;
    }

    private readonly record struct Condition(int Slot, string[] Values);
}
