using Sla.Core.Policies;
using Sla.Core.Text;

namespace Sla.Cli.Policies;

/// <summary><c>sla policy check</c>: validates a policy and prints its versions, their metrics and options, and a services x priorities x metrics table of targets.</summary>
internal static class PolicyCheckCommand
{
    public static int Run(PolicySet policy, CliConsole console)
    {
        var output = console.Out;
        output.WriteLine($"Policy {policy.Id} ({policy.Name}) is valid: {policy.Versions.Length} version{(policy.Versions.Length == 1 ? "" : "s")}.");
        foreach (var version in policy.Versions)
        {
            output.WriteLine();
            output.WriteLine($"Version {version.Version}, in force from {InstantText.Format(version.EffectiveFrom)}");
            output.WriteLine($"  Calendars: {string.Join(", ", version.Calendars.Select(c => $"{c.Id} ({c.Zone.Id})").Append("24x7"))}");
            output.WriteLine($"  Priorities: {string.Join(", ", version.Priorities)}; pause statuses: {(version.PauseStatuses.IsEmpty ? "none" : string.Join(", ", version.PauseStatuses))}; at risk from {version.WarningAt:P0} of a target");
            if (version.Warnings.Length > 1 || version.Warnings[0] != version.WarningAt || version.PriorityChange != PriorityChangeRule.KeepCounted || version.BusinessDaysPause != BusinessDaysPauseRule.Extend)
            {
                output.WriteLine($"  Warnings at {string.Join(", ", version.Warnings.Select(w => (w * 100).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) + " %"))}; a priority change {(version.PriorityChange == PriorityChangeRule.Restart ? "restarts an open cycle whose target changes" : "keeps counted time")}; pauses {(version.BusinessDaysPause == BusinessDaysPauseRule.Ignore ? "never move" : "move")} business-days deadlines");
            }
            foreach (var metric in version.DefinesMetrics ? version.Metrics : [])
            {
                output.WriteLine($"  Metric {Describe(metric)}");
            }
            // Each service's own targets, then each of its variants' in the order they are tried.
            var rows = version.Services.SelectMany(s => s.Variants.Select(v => (Name: $"{s.Id}/{v.Id}", Targets: (Func<string, Metric, SlaTarget?>)v.TargetFor))
                .Prepend((Name: s.Id, Targets: s.TargetFor))
                .SelectMany(owner => version.Priorities.Select(p => Row(owner.Name, p, [.. version.Metrics.Select(m => owner.Targets(p, m.Metric))])))).ToList();
            Table(output, ["service", "priority", "calendar", .. version.Metrics.Select(m => Heading(m.Metric))], rows);
            foreach (var service in version.Services)
            {
                foreach (var variant in service.Variants)
                {
                    output.WriteLine($"  Variant {service.Id}/{variant.Id} when {string.Join(" and ", variant.When.Select(c => $"{c.Attribute} is {string.Join(" or ", c.Values)}"))}");
                }
            }
            foreach (var objective in version.Objectives)
            {
                output.WriteLine($"  Objective: {Reports.ReportCommand.Scope(objective.Service, objective.Variant, objective.Priority, objective.Metric)} met at least {objective.AtLeast:P1} per {PolicyNames.Of(objective.Period)}");
            }
            foreach (var tier in version.Credits)
            {
                output.WriteLine($"  Credit: {Reports.ReportCommand.Scope(tier.Service, tier.Variant, tier.Priority, tier.Metric)} below {tier.Below:P1}: {tier.CreditPercent}%");
            }
            foreach (var availability in version.Availability)
            {
                var tiers = string.Join(", ", availability.Credits.Select(c => $"below {c.Below:P2}: {c.CreditPercent}%"));
                output.WriteLine($"  Availability: {availability.Service} at least {availability.AtLeast:P2} per {PolicyNames.Of(availability.Period)} on {availability.CalendarId ?? "24x7"}{(tiers.Length > 0 ? "; credits " + tiers : "")}");
            }
        }
        return ExitCodes.Ok;
    }

    /// <summary>
    /// A row of the targets table, in 120 columns for people: when all the row's targets use one calendar it is named once,
    /// otherwise each target names its own.
    /// </summary>
    private static string[] Row(string service, string priority, SlaTarget?[] targets)
    {
        var calendars = targets.OfType<SlaTarget>().Select(HumanTarget.Calendar).Distinct().ToList();
        var shared = calendars.Count == 1;
        return [service, priority, shared ? calendars[0] : calendars.Count == 0 ? "-" : "(each)",
            .. targets.Select(t => t is null ? "-" : shared ? HumanTarget.Detailed(t) : $"{HumanTarget.Detailed(t)} on {HumanTarget.Calendar(t)}")];
    }

    /// <summary>The built-ins keep their words; a metric the policy defines is headed by its id.</summary>
    private static string Heading(Metric metric) =>
        metric == Metric.FirstResponse ? "first response" : metric == Metric.NextResponse ? "next response" : metric.Id;

    private static string Describe(MetricDefinition metric)
    {
        static string List(IEnumerable<object> items) => string.Join(", ", items);
        var parts = new List<string> { $"starts at {List(metric.Start)}", $"stops at {(metric.Stop.IsEmpty ? "nothing" : List(metric.Stop))}" };
        if (!metric.Cancel.IsEmpty)
        {
            parts.Add($"cancelled at {List(metric.Cancel)}");
        }
        if (!metric.Resume.IsEmpty)
        {
            parts.Add($"resumed at {List(metric.Resume)}");
        }
        parts.Add(metric.Cycles == MetricCycles.Each ? "a cycle each start" : "once");
        if (!metric.PauseWhile.IsEmpty)
        {
            parts.Add($"paused while {List(metric.PauseWhile)}");
        }
        if (metric.StartAfter is { } after)
        {
            parts.Add($"after {after.Id} first stops");
        }
        return $"{metric.Metric.Id}: {string.Join("; ", parts)}";
    }

    private static void Table(TextWriter output, string[] header, List<string[]> rows)
    {
        var widths = header.Select((h, i) => rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        void Row(string[] cells) => output.WriteLine("  " + string.Join("  ", cells.Select((c, i) => c.PadRight(widths[i]))).TrimEnd());
        Row(header);
        Row([.. widths.Select(w => new string('-', w))]);
        rows.ForEach(Row);
    }
}
