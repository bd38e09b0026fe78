using FluentValidation;

namespace Sla.Core.Policies;

/// <summary>
/// The part of <see cref="PolicyValidator"/> about service variants: their conditions, their targets, variants an earlier
/// one always wins over (a warning), and objectives and credits naming a variant.
/// </summary>
internal static class VariantChecks
{
    public static void Check(VariantBuilder variant, string owner, HashSet<string> priorities, HashSet<string> calendarIds, HashSet<string>? metrics,
        ValidationContext<PolicySetBuilder> context)
    {
        if (variant.ConditionEntries.Count == 0 && !variant.HasUnreadableConditions)
        {
            context.AddFailure($"{variant.Path}.when",
                $"{owner} has no conditions: a variant needs at least one attribute in 'when' (one without any would match every ticket; give those targets to the service itself).");
        }
        if (variant.Id.Any(char.IsControl))
        {
            context.AddFailure($"{variant.Path}.id", "A variant id cannot hold line breaks, tabs or other control characters: it is printed in tables and reports.");
        }
        if (variant.TargetEntries.Count == 0)
        {
            context.AddFailure(new FluentValidation.Results.ValidationFailure($"{variant.Path}.targets",
                $"{owner} sets no targets: the tickets it matches have no target for any metric. Give it targets, or leave it out if those tickets should keep the service's.")
            { Severity = Severity.Warning });
        }
        var attributes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var ((attribute, values), path) in variant.ConditionEntries)
        {
            if (string.IsNullOrWhiteSpace(attribute))
            {
                context.AddFailure(path, $"{owner} has a condition without an attribute name.");
            }
            else if (!attributes.Add(attribute))
            {
                context.AddFailure(path, $"{owner} names attribute '{attribute}' twice: list all its values in one condition.");
            }
            if (values.IsDefaultOrEmpty)
            {
                context.AddFailure(path, $"{owner} lists no values for '{attribute}', so it can never match: list the values that select it.");
            }
        }
        PolicyValidator.CheckTargets(owner, variant.TargetEntries, priorities, calendarIds, metrics, context);
    }

    /// <summary>
    /// A variant can never apply when an earlier one matches every ticket it matches: the earlier one's conditions are a
    /// subset of its own (each attribute it names, the later names too, with no value the earlier one lacks). A warning: the
    /// policy still means something, but not what its author wrote. Variants that can never match at all (an error of their
    /// own) take no part. Linear in the conditions for distinct values, so ten thousand per-customer variants check at once.
    /// </summary>
    public static void CheckShadowed(ServiceBuilder service, ValidationContext<PolicySetBuilder> context)
    {
        var variants = service.VariantBuilders;
        var conditions = variants.Select(Conditions).ToList();
        // For each attribute and value, the earlier variants whose condition on that attribute allows it.
        var allowing = new Dictionary<(string Attribute, string Value), List<int>>();
        var hits = new int[variants.Count];
        var touched = new List<int>();
        for (var later = 0; later < variants.Count; later++)
        {
            if (conditions[later] is not { } mine)
            {
                continue;
            }
            // An earlier variant wins over this one only if, for each of its own attributes, it allows this one's every
            // value, so in particular its first: count, per earlier variant, the attributes where it does.
            foreach (var (attribute, values) in mine)
            {
                foreach (var earlier in allowing.GetValueOrDefault((attribute, values.First())) ?? [])
                {
                    if (hits[earlier]++ == 0)
                    {
                        touched.Add(earlier);
                    }
                }
            }
            var shadowing = touched.Where(e => hits[e] == conditions[e]!.Count && conditions[e]!.All(c => mine[c.Key].IsSubsetOf(c.Value))).DefaultIfEmpty(-1).Min();
            touched.ForEach(e => hits[e] = 0);
            touched.Clear();
            if (shadowing >= 0)
            {
                context.AddFailure(new FluentValidation.Results.ValidationFailure($"{variants[later].Path}.when",
                    $"Variant '{variants[later].Id}' of service '{service.Id}' can never apply: every ticket it matches also matches '{variants[shadowing].Id}' ({variants[shadowing].Path}), which comes first. Move it earlier or narrow '{variants[shadowing].Id}'.")
                { Severity = Severity.Warning });
            }
            foreach (var (attribute, values) in mine)
            {
                foreach (var value in values)
                {
                    if (!allowing.TryGetValue((attribute, value), out var list))
                    {
                        allowing[(attribute, value)] = list = [];
                    }
                    list.Add(later);
                }
            }
        }

        // The values each attribute may have for the variant to match, or null when it can never match (or has no conditions).
        static Dictionary<string, HashSet<string>>? Conditions(VariantBuilder variant)
        {
            var conditions = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
            foreach (var ((attribute, values), _) in variant.ConditionEntries)
            {
                // Two conditions on one attribute (an error reported elsewhere) both must hold: the values both allow.
                var allowed = new HashSet<string>(values.IsDefault ? [] : values, StringComparer.Ordinal);
                if (conditions.TryGetValue(attribute, out var before))
                {
                    allowed.IntersectWith(before);
                }
                conditions[attribute] = allowed;
            }
            return conditions.Count == 0 || conditions.Values.Any(v => v.Count == 0) ? null : conditions;
        }
    }

    public static void CheckReference(PolicyVersionBuilder version, string service, string? variant, string path, ValidationContext<PolicySetBuilder> context)
    {
        if (variant is null || version.ServiceBuilders.FirstOrDefault(s => s.Id == service) is not { } owner)
        {
            return;
        }
        if (!owner.VariantBuilders.Any(v => v.Id == variant))
        {
            var known = owner.VariantBuilders.Count == 0 ? "it has none" : $"its variants are {string.Join(", ", owner.VariantBuilders.Select(v => v.Id))}";
            context.AddFailure($"{path}.variant", $"'{variant}' is not a variant of service '{service}'; {known}.");
        }
    }
}
