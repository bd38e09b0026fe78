using System.Globalization;
using NodaTime;
using Sla.Core.Policies;
using Sla.Core.Reports;
using Sla.Core.Text;

namespace Sla.Cli.Reports;

/// <summary><c>sla recommend</c> and <c>sla compare</c>: reviewing targets against history.</summary>
internal static class WhatIfCommands
{
    public static int Recommend(PolicySet policy, Stream tickets, Instant now, double percentile, CliConsole console)
    {
        var recommender = new TargetRecommender();
        var outcome = TicketStream.Evaluate(tickets, now, [policy], e => recommender.Add(e[0]), console);
        outcome.Report(console);
        var label = $"p{(percentile * 100).ToString("0.#", CultureInfo.InvariantCulture)}";
        console.Out.WriteLine($"Targets history would have met at {label}, for {policy.Id} as of {InstantText.Format(now)}:");
        console.Out.WriteLine();
        var byVariant = ReportCommand.HasVariants(policy);
        Table.Write(console.Out, [.. ReportCommand.VariantCells(byVariant, "service", "variant", ""), "priority", "metric", "judged", "current target", "met now", $"{label} target"],
            recommender.Recommend(percentile).Select(string[] (r) =>
            [
                .. ReportCommand.VariantCells(byVariant, r.Service, r.Variant, "-"), r.Priority, PolicyNames.Of(r.Metric), r.Judged.ToString(CultureInfo.InvariantCulture), r.Current.Describe(),
                ReportCommand.Percent(r.CurrentCompliance), $"{DurationText.Format(r.Recommended)} on {r.Current.CalendarId ?? "24x7"}",
            ]));
        return outcome.ExitCode;
    }

    public static int Compare(PolicySet current, PolicySet candidate, Stream tickets, Instant now, CliConsole console)
    {
        var builders = new[] { new ComplianceReportBuilder(current, ReportingPeriod.Quarter), new ComplianceReportBuilder(candidate, ReportingPeriod.Quarter) };
        var outcome = TicketStream.Evaluate(tickets, now, [current, candidate], e =>
        {
            builders[0].Add(e[0]);
            builders[1].Add(e[1]);
        }, console);
        outcome.Report(console);
        var (a, b) = (builders[0].Build(), builders[1].Build());
        static Dictionary<(string Service, string Variant, string Priority, Metric Metric), (int Judged, int Met)> Totals(ComplianceReport report) =>
            report.Rows.GroupBy(r => (r.Service, r.Variant ?? "", r.Priority, r.Metric)).ToDictionary(g => g.Key, g => (g.Sum(r => r.Count), g.Sum(r => r.Met)));
        var byVariant = ReportCommand.HasVariants(current, candidate);
        var (ta, tb) = (Totals(a), Totals(b));
        console.Out.WriteLine($"The same tickets under {current.Id} (current) and {candidate.Id} (candidate), as of {InstantText.Format(now)}:");
        console.Out.WriteLine();
        // Each side with its own count: a variant in one policy and not the other changes which tickets a row holds.
        Table.Write(console.Out, [.. ReportCommand.VariantCells(byVariant, "service", "variant", ""), "priority", "metric", "current", "candidate", "change"],
            ta.Keys.Union(tb.Keys).Order().Select(k =>
            {
                var (x, y) = (ta.GetValueOrDefault(k), tb.GetValueOrDefault(k));
                decimal? rx = x.Judged == 0 ? null : (decimal)x.Met / x.Judged, ry = y.Judged == 0 ? null : (decimal)y.Met / y.Judged;
                var change = rx is { } p && ry is { } q ? ((q - p) * 100).ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture) + " pt" : "-";
                return (string[])[.. ReportCommand.VariantCells(byVariant, k.Service, k.Variant.Length == 0 ? null : k.Variant, "-"), k.Priority, PolicyNames.Of(k.Metric), Of(rx, x.Judged), Of(ry, y.Judged), change];
            }));
        console.Out.WriteLine();
        console.Out.WriteLine("Credits owed (sum of percent over periods):");
        foreach (var service in a.Credits.Select(c => c.Service).Union(b.Credits.Select(c => c.Service)).Union(ta.Keys.Select(k => k.Service)).Distinct().Order(StringComparer.Ordinal))
        {
            static decimal Sum(ComplianceReport r, string s) => r.Credits.Where(c => c.Service == s).Sum(c => c.Tier.CreditPercent);
            console.Out.WriteLine($"  {service,-10} current {Sum(a, service).ToString(CultureInfo.InvariantCulture),6}%   candidate {Sum(b, service).ToString(CultureInfo.InvariantCulture),6}%");
        }
        return outcome.ExitCode;
    }

    /// <summary>A compliance figure with the count it is of: <c>87.5% of 40</c>, or <c>-</c> when nothing was judged.</summary>
    private static string Of(decimal? figure, int judged) => figure is null ? "-" : $"{ReportCommand.Percent(figure)} of {judged.ToString(CultureInfo.InvariantCulture)}";
}
