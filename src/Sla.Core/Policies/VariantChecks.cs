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
    /// policy still means something, but not what its author wrote.
    /// </summary>
    public static void CheckShadowed(ServiceBuilder service, ValidationContext<PolicySetBuilder> context)
    {
        var variants = service.VariantBuilders;
        for (var later = 1; later < variants.Count; later++)
        {
            var conditions = Conditions(variants[later]);
            for (var earlier = 0; earlier < later; earlier++)
            {
                var shadowing = Conditions(variants[earlier]);
                if (shadowing.Count > 0 && shadowing.All(c => conditions.TryGetValue(c.Key, out var values) && values.IsSubsetOf(c.Value)))
                {
                    context.AddFailure(new FluentValidation.Results.ValidationFailure($"{variants[later].Path}.when",
                        $"Variant '{variants[later].Id}' of service '{service.Id}' can never apply: every ticket it matches also matches '{variants[earlier].Id}' ({variants[earlier].Path}), which comes first. Move it earlier or narrow '{variants[earlier].Id}'.")
                    { Severity = Severity.Warning });
                    break;
                }
            }
        }

        static Dictionary<string, HashSet<string>> Conditions(VariantBuilder variant)
        {
            var conditions = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
            foreach (var ((attribute, values), _) in variant.ConditionEntries)
            {
                if (!values.IsDefault)
                {
                    // Two conditions on one attribute (an error reported elsewhere) both must hold: the values both allow.
                    var allowed = new HashSet<string>(values, StringComparer.Ordinal);
                    if (conditions.TryGetValue(attribute, out var before))
                    {
                        allowed.IntersectWith(before);
                    }
                    conditions[attribute] = allowed;
                }
            }
            return conditions;
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
