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
    public TargetOrigin Origin { get; } = new(target, priority, service, variant);

    // Kept here as well as in the origin: clocks ask for it at every step, and this saves them a hop.
    public SlaTarget? Target { get; } = target;

    public BusinessCalendar? Calendar { get; } = calendar;
}

/// <summary>A target and where it came from, as a result reports it: shared by every result judged by it.</summary>
/// <param name="Target">The target, or <see langword="null"/> when none is set.</param>
/// <param name="Priority">The ticket's priority it came from.</param>
/// <param name="Service">The service it came from.</param>
/// <param name="Variant">The service's variant it came from, or <see langword="null"/> for the service's own targets.</param>
internal sealed record TargetOrigin(SlaTarget? Target, string Priority, string Service, string? Variant);

/// <summary>
/// A service compiled for evaluation: each variant's conditions as bit sets over value codes (a ticket's simulation keeps,
/// for each attribute any variant of the version names, the code of its value: see <see cref="AttributeCodes"/>), and for
/// the service's own targets and each variant's, one <see cref="TargetInForce"/> per metric for each priority. Trying a
/// variant is then a few bit tests, not string comparisons.
/// </summary>
internal sealed class CompiledService
{
    private readonly Condition[][] conditions;
    private readonly FrozenDictionary<string, TargetInForce[]>[] targets;

    public CompiledService(ServiceDefinition definition, PolicyVersion version, AttributeCodes codes)
    {
        Definition = definition;
        conditions = [.. definition.Variants.Select(v => v.When.Select(c => codes.Condition(c)).ToArray())];
        targets = [Targets(version, null, definition.Targets), .. definition.Variants.Select(v => Targets(version, v.Id, v.Targets))];

        FrozenDictionary<string, TargetInForce[]> Targets(PolicyVersion version, string? variant, ImmutableArray<ServiceTarget> given) =>
            version.Priorities.ToFrozenDictionary(p => p, p => version.Metrics.Select(m =>
                    ServiceTarget.Find(given, p, m.Metric) is { } target
                        ? new TargetInForce(target, version.Calendar(target.CalendarId), definition.Id, variant, p)
                        : new TargetInForce(null, null, definition.Id, variant, p)).ToArray(),
                StringComparer.Ordinal);
    }

    public ServiceDefinition Definition { get; }

    /// <summary>The index of the first variant whose every condition holds, or -1 for the service's own targets.</summary>
    /// <param name="attributes">The codes of the ticket's current values of the version's attribute slots (-1: not set, or a value no variant names).</param>
    public int Match(int[] attributes)
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

    private static bool Holds(Condition[] all, int[] attributes)
    {
        foreach (var (slot, allowed) in all)
        {
            var code = attributes[slot];
            if (code < 0 || (allowed[code >> 6] & (1UL << (code & 63))) == 0)
            {
                return false;
            }
        }
        return true;
    }
}

/// <summary>A variant's condition compiled: the attribute's slot, and the codes of the values it allows as a bit set.</summary>
internal readonly record struct Condition(int Slot, ulong[] Allowed);

/// <summary>
/// The attributes a version's variants name, each at a slot, and for each the values they name, each with a code (its
/// index among them): a ticket's attribute is kept as the code of its value, -1 when it is not set or has a value no
/// variant names (such a value can satisfy no condition).
/// </summary>
internal sealed class AttributeCodes
{
    private readonly FrozenDictionary<string, int> slots;
    private readonly FrozenDictionary<string, int>[] values;

    public AttributeCodes(IEnumerable<VariantCondition> conditions)
    {
        var named = conditions.GroupBy(c => c.Attribute, StringComparer.Ordinal).ToList();
        Names = [.. named.Select(g => g.Key)];
        slots = Names.Select((name, slot) => (name, slot)).ToFrozenDictionary(a => a.name, a => a.slot, StringComparer.Ordinal);
        values = [.. named.Select(g => g.SelectMany(c => c.Values.IsDefault ? [] : c.Values).Distinct(StringComparer.Ordinal)
            .Select((value, code) => (value, code)).ToFrozenDictionary(v => v.value, v => v.code, StringComparer.Ordinal))];
    }

    /// <summary>The attributes any variant names, each at its slot.</summary>
    public ImmutableArray<string> Names { get; }

    /// <summary>The slot of an attribute, or -1 when no variant names it.</summary>
    public int Slot(string name) => slots.TryGetValue(name, out var slot) ? slot : -1;

    /// <summary>The code of an attribute's value (null: not set), -1 when no variant names that value.</summary>
    public int Code(int slot, string? value) => value is not null && values[slot].TryGetValue(value, out var code) ? code : -1;

    /// <summary>The codes of a ticket's attributes, by slot.</summary>
    public int[] Codes(IReadOnlyDictionary<string, string> attributes)
    {
        if (Names.IsEmpty)
        {
            return [];
        }
        var codes = new int[Names.Length];
        for (var slot = 0; slot < codes.Length; slot++)
        {
            codes[slot] = Code(slot, attributes.TryGetValue(Names[slot], out var value) ? value : null);
        }
        return codes;
    }

    public Condition Condition(VariantCondition condition)
    {
        var slot = slots[condition.Attribute];
        var allowed = new ulong[(values[slot].Count + 63) / 64];
        foreach (var value in condition.Values)
        {
            var code = values[slot][value];
            allowed[code >> 6] |= 1UL << (code & 63);
        }
        return new Condition(slot, allowed);
    }
}
