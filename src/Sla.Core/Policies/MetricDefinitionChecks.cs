using FluentValidation;

namespace Sla.Core.Policies;

/// <summary>
/// The part of the policy validator that checks a version's metric definitions and clock options: ids,
/// presets, triggers, <c>startAfter</c> references, metrics that could never start, warning fractions.
/// </summary>
internal static class MetricDefinitionChecks
{
    /// <summary>
    /// Checks the version's metrics and options; returns the metric ids targets, objectives and credits may name, or
    /// <see langword="null"/> when a listed metric could not be read (references to it would only repeat that problem).
    /// </summary>
    public static HashSet<string>? Check(PolicyVersionBuilder version, ValidationContext<PolicySetBuilder> context)
    {
        CheckOptions(version, context);
        if (!version.DefinesMetrics)
        {
            return [Metric.FirstResponse.Id, Metric.NextResponse.Id, Metric.Resolution.Id];
        }
        if (version.MetricBuilders.Count == 0 && !version.HasUnreadableMetrics)
        {
            context.AddFailure($"{version.Path}.metrics", "The metrics list is empty: list at least one metric, or leave metrics out for first response, next response and resolution.");
        }
        var firstPath = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var metric in version.MetricBuilders)
        {
            if (string.IsNullOrWhiteSpace(metric.Id))
            {
                context.AddFailure($"{metric.Path}.id", "A metric needs an id, the name its targets use.");
            }
            else if (metric.Id.Any(char.IsControl))
            {
                context.AddFailure($"{metric.Path}.id", "A metric id cannot hold line breaks, tabs or other control characters: it is printed in tables and reports.");
            }
            else if (!firstPath.TryAdd(metric.Id, metric.Path))
            {
                context.AddFailure($"{metric.Path}.id", $"'{metric.Id}' is a duplicate metric id (also {firstPath[metric.Id]}).");
            }
        }
        foreach (var metric in version.MetricBuilders)
        {
            CheckMetric(metric, firstPath, version, context);
        }
        CheckStartAfterLoops(version, context);
        return version.HasUnreadableMetrics ? null : [.. firstPath.Keys];
    }

    private static void CheckOptions(PolicyVersionBuilder version, ValidationContext<PolicySetBuilder> context)
    {
        if (!Enum.IsDefined(version.PriorityChange))
        {
            context.AddFailure($"{version.Path}.priorityChange", $"'{version.PriorityChange}' is not a priority-change rule: use keepCounted or restart.");
        }
        if (!Enum.IsDefined(version.BusinessDaysPause))
        {
            context.AddFailure($"{version.Path}.businessDaysPause", $"'{version.BusinessDaysPause}' is not a business-days pause rule: use extend or ignore.");
        }
        if (version.WarningFractions is not { } warnings)
        {
            return;
        }
        if (warnings.IsEmpty)
        {
            context.AddFailure(version.WarningsPath, "The warnings list is empty: list at least one fraction, or leave warnings out to warn at warningAt alone.");
        }
        for (var i = 0; i < warnings.Length; i++)
        {
            if (!(warnings[i] > 0 && warnings[i] < 1))
            {
                context.AddFailure($"{version.WarningsPath}[{i}]", $"{warnings[i]} is not a fraction between 0 and 1 (exclusive), such as 0.9.");
            }
            else if (i > 0 && !(warnings[i] > warnings[i - 1]))
            {
                context.AddFailure($"{version.WarningsPath}[{i}]", $"{warnings[i]} does not come after {warnings[i - 1]}: list the warning fractions in ascending order, each once.");
            }
        }
    }

    private static void CheckMetric(MetricBuilder metric, Dictionary<string, string> ids, PolicyVersionBuilder version, ValidationContext<PolicySetBuilder> context)
    {
        if (metric.PresetValue is { } preset && !Enum.IsDefined(preset))
        {
            context.AddFailure($"{metric.Path}.preset", $"'{preset}' is not a preset: use firstResponse, nextResponse, resolution, periodicUpdate or pausableUpdate.");
        }
        if (metric.CyclesValue is { } cycles && !Enum.IsDefined(cycles))
        {
            context.AddFailure($"{metric.Path}.cycles", $"'{cycles}' is not a cycles rule: use once or each.");
        }
        var pauses = metric.PauseStatuses ?? [];
        for (var i = 0; i < pauses.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(pauses[i]))
            {
                context.AddFailure($"{metric.Path}.pauseWhile[{i}]", "A pause status cannot be empty.");
            }
        }
        var startAfter = metric.StartAfterId;
        if (startAfter is not null)
        {
            if (startAfter == metric.Id)
            {
                context.AddFailure($"{metric.Path}.startAfter", $"Metric '{metric.Id}' cannot start after itself.");
            }
            else if (!ids.ContainsKey(startAfter))
            {
                context.AddFailure($"{metric.Path}.startAfter", $"'{startAfter}' is not a metric of this version; the metrics are {string.Join(", ", ids.Keys)}.");
            }
        }
        if (metric.PresetValue is { } known && !Enum.IsDefined(known))
        {
            return;
        }
        var start = metric.StartTriggers ?? (metric.PresetValue is { } basis ? MetricDefinition.FromPreset(Metric.FirstResponse, basis, []).Start : []);
        if (start.IsEmpty)
        {
            context.AddFailure($"{metric.Path}.start", $"Metric '{metric.Id}' can never start: give it start triggers, or a preset.");
        }
        else if (startAfter is not null && startAfter != metric.Id && ids.ContainsKey(startAfter) && start.All(t => t.Kind == MetricTriggerKind.Created))
        {
            context.AddFailure($"{metric.Path}.start",
                $"Metric '{metric.Id}' can never start: it starts only at creation but waits for '{startAfter}' to stop first, which cannot happen by then.");
        }
    }

    /// <summary>
    /// Reports each loop of <c>startAfter</c> once, at its first metric. Each metric's chain is walked at most once
    /// (linear in the metrics, however long the chains), since a policy may hold thousands of metrics.
    /// </summary>
    private static void CheckStartAfterLoops(PolicyVersionBuilder version, ValidationContext<PolicySetBuilder> context)
    {
        var first = new Dictionary<string, MetricBuilder>(StringComparer.Ordinal);
        foreach (var metric in version.MetricBuilders.Where(m => !string.IsNullOrWhiteSpace(m.Id)))
        {
            first.TryAdd(metric.Id, metric);
        }
        // 1: on the chain being walked; 2: walked before, leads to no loop not already reported.
        var state = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var start in first.Values)
        {
            var chain = new List<MetricBuilder>();
            for (var current = start; current is not null && !state.ContainsKey(current.Id);
                current = current.StartAfterId is { } after && after != current.Id && first.TryGetValue(after, out var next) ? next : null)
            {
                state[current.Id] = 1;
                chain.Add(current);
                if (current.StartAfterId is { } named && first.TryGetValue(named, out var target) && state.GetValueOrDefault(target.Id) == 1 && named != current.Id)
                {
                    var loop = chain.SkipWhile(m => m.Id != named).ToList();
                    context.AddFailure($"{loop[0].Path}.startAfter",
                        $"startAfter makes a loop ({string.Join(" → ", loop.Select(m => m.Id).Append(loop[0].Id))}): none of these metrics could ever start.");
                    break;
                }
            }
            foreach (var walked in chain)
            {
                state[walked.Id] = 2;
            }
        }
    }
}
