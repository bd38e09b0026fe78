using Sla.Core.Policies;
using Sla.Core.Text;

namespace Sla.Cli.Policies;

/// <summary><c>sla policy check</c>: validates a policy and prints its versions and a services x priorities x targets table.</summary>
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
            var rows = version.Services.SelectMany(s => version.Priorities.Select(p => new[]
            {
                s.Id, p,
                Describe(s.TargetFor(p, Metric.FirstResponse)),
                Describe(s.TargetFor(p, Metric.NextResponse)),
                Describe(s.TargetFor(p, Metric.Resolution)),
            })).ToList();
            Table(output, ["service", "priority", "first response", "next response", "resolution"], rows);
            foreach (var objective in version.Objectives)
            {
                output.WriteLine($"  Objective: {objective.Service}{(objective.Priority is null ? "" : " " + objective.Priority)} {PolicyNames.Of(objective.Metric)} met at least {objective.AtLeast:P1} per {PolicyNames.Of(objective.Period)}");
            }
            foreach (var tier in version.Credits)
            {
                output.WriteLine($"  Credit: {tier.Service}{(tier.Priority is null ? "" : " " + tier.Priority)} {PolicyNames.Of(tier.Metric)} below {tier.Below:P1}: {tier.CreditPercent}%");
            }
            foreach (var availability in version.Availability)
            {
                var tiers = string.Join(", ", availability.Credits.Select(c => $"below {c.Below:P2}: {c.CreditPercent}%"));
                output.WriteLine($"  Availability: {availability.Service} at least {availability.AtLeast:P2} per {PolicyNames.Of(availability.Period)} on {availability.CalendarId ?? "24x7"}{(tiers.Length > 0 ? "; credits " + tiers : "")}");
            }
        }
        return ExitCodes.Ok;
    }

    private static string Describe(SlaTarget? target) => target?.Describe() ?? "-";

    private static void Table(TextWriter output, string[] header, List<string[]> rows)
    {
        var widths = header.Select((h, i) => rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        void Row(string[] cells) => output.WriteLine("  " + string.Join("  ", cells.Select((c, i) => c.PadRight(widths[i]))).TrimEnd());
        Row(header);
        Row([.. widths.Select(w => new string('-', w))]);
        rows.ForEach(Row);
    }
}
