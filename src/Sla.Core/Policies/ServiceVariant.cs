using System.Collections.Immutable;
using Sla.Core.Validation;

namespace Sla.Core.Policies;

/// <summary>
/// A variant of a service: the targets for tickets whose attributes match its conditions (a tier, a region, a
/// customer), replacing the service's own. Of a service's variants, the first that matches applies.
/// </summary>
/// <param name="Id">The variant's id, unique within its service.</param>
/// <param name="When">Its conditions, each an attribute and the values it may have; it matches when every one holds.</param>
/// <param name="Targets">Its targets, at most one per (priority, metric); a pair it leaves out has no target (not applicable).</param>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record ServiceVariant(string Id, ImmutableArray<VariantCondition> When, ImmutableArray<ServiceTarget> Targets)
{
    /// <summary>Gets whether the variant matches a ticket with these attributes: every condition's attribute has one of its values.</summary>
    /// <param name="attributes">The ticket's attributes as they stand.</param>
    /// <returns><see langword="true"/> when it matches.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="attributes"/> is null.</exception>
    public bool Matches(IReadOnlyDictionary<string, string> attributes)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        // Names compare exactly even when the caller's dictionary ignores case, as they do in evaluation.
        var exact = Tickets.TicketAttributes.Of(attributes);
        foreach (var condition in When.IsDefault ? [] : When)
        {
            if (!exact.TryGetValue(condition.Attribute, out var value) || condition.Values.IsDefault || !condition.Values.Contains(value, StringComparer.Ordinal))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Gets the variant's target for a priority and metric, or <see langword="null"/> when it sets none.</summary>
    /// <param name="priority">The priority.</param>
    /// <param name="metric">The metric.</param>
    /// <returns>The target, or <see langword="null"/>.</returns>
    public SlaTarget? TargetFor(string priority, Metric metric) => ServiceTarget.Find(Targets, priority, metric);
}

/// <summary>One condition of a <see cref="ServiceVariant"/>: an attribute and the values it may have (compared exactly).</summary>
/// <param name="Attribute">The attribute's name, such as <c>tier</c>.</param>
/// <param name="Values">The values that satisfy it, such as <c>gold</c> and <c>platinum</c>.</param>
public sealed record VariantCondition(string Attribute, ImmutableArray<string> Values);

/// <summary>Sets a variant's conditions and targets; obtained from <see cref="ServiceBuilder.AddVariant(string, Action{VariantBuilder})"/>.</summary>
/// <remarks>Mutable and not thread-safe.</remarks>
public sealed class VariantBuilder
{
    private readonly List<Pathed<VariantCondition>> conditions = [];
    private readonly TargetList targets;

    internal VariantBuilder(string id, string path)
    {
        Id = id;
        Path = path;
        targets = new TargetList(path);
    }

    /// <summary>Gets the variant's id.</summary>
    public string Id { get; }

    internal string Path { get; }

    internal IReadOnlyList<Pathed<VariantCondition>> ConditionEntries => conditions;

    internal IReadOnlyList<Pathed<ServiceTarget>> TargetEntries => targets.Entries;

    /// <summary>Whether a document gave conditions that could not be read (already reported): missing ones are then not reported again.</summary>
    internal bool HasUnreadableConditions { get; private set; }

    internal void NoteUnreadableConditions() => HasUnreadableConditions = true;

    /// <summary>Adds a condition: the attribute must have one of <paramref name="values"/>.</summary>
    /// <param name="attribute">The attribute's name.</param>
    /// <param name="values">The values that satisfy it.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException">An argument, or one of the values, is null.</exception>
    public VariantBuilder When(string attribute, params string[] values)
    {
        ArgumentNullException.ThrowIfNull(attribute);
        ArgumentNullException.ThrowIfNull(values);
        foreach (var value in values)
        {
            ArgumentNullException.ThrowIfNull(value, nameof(values));
        }
        var path = string.IsNullOrEmpty(attribute) ? $"{Path}.when" : $"{Path}.when.{attribute}";
        conditions.Add(new Pathed<VariantCondition>(new VariantCondition(attribute, [.. values]), path));
        return this;
    }

    /// <summary>Sets the variant's target for a priority and metric.</summary>
    /// <param name="priority">The priority.</param>
    /// <param name="metric">The metric.</param>
    /// <param name="target">The target.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public VariantBuilder Target(string priority, Metric metric, SlaTarget target)
    {
        targets.Add(priority, metric, target);
        return this;
    }

    internal ServiceVariant ToVariant() => new(Id, [.. conditions.Select(c => c.Value)], targets.ToArray());
}

/// <summary>The targets a service or a variant is given, each with the path it was given at.</summary>
internal sealed class TargetList(string path)
{
    private readonly List<Pathed<ServiceTarget>> entries = [];

    public IReadOnlyList<Pathed<ServiceTarget>> Entries => entries;

    public void Add(string priority, Metric metric, SlaTarget target)
    {
        ArgumentNullException.ThrowIfNull(priority);
        ArgumentNullException.ThrowIfNull(metric);
        ArgumentNullException.ThrowIfNull(target);
        entries.Add(new Pathed<ServiceTarget>(new ServiceTarget(priority, metric, target), $"{path}.targets.{priority}.{metric.Id}"));
    }

    public ImmutableArray<ServiceTarget> ToArray() => [.. entries.Select(t => t.Value)];
}
