using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.Json;
using NodaTime;
using Sla.Core.Json.Compliance;
using Sla.Core.Policies;
using Sla.Core.Reports;
using Sla.Core.Text;

namespace Sla.Cli.Reports;

/// <summary><c>sla recommend</c> and <c>sla compare</c>: reviewing targets against history, as a table, JSON or CSV.</summary>
internal static class WhatIfCommands
{
    public static int Recommend(PolicySet policy, Stream tickets, Instant now, double percentile, ReportFormat format, CliConsole console)
    {
        var recommender = new TargetRecommender();
        var outcome = TicketStream.Evaluate(tickets, now, [policy], e => recommender.Add(e[0]), console);
        outcome.Report(console);
        var recommendations = recommender.Recommend(percentile);
        var byVariant = ReportCommand.HasVariants(policy);
        var output = console.Out;
        switch (format)
        {
            case ReportFormat.Json:
                output.WriteLine(new JsonObject
                {
                    ["policy"] = policy.Id,
                    ["asOf"] = InstantText.Format(now),
                    ["percentile"] = percentile,
                    ["rows"] = ReportCommand.JsonList(recommendations.Select(r => new JsonObject
                    {
                        ["service"] = r.Service, ["variant"] = r.Variant, ["priority"] = r.Priority, ["metric"] = PolicyNames.Of(r.Metric), ["judged"] = r.Judged,
                        ["target"] = EvaluationDocument.TargetText(r.Current), ["calendar"] = r.Current.CalendarId ?? "24x7",
                        ["compliance"] = r.CurrentCompliance, ["recommended"] = DurationText.Format(r.Recommended),
                    })),
                }.ToJsonString(ReportCommand.JsonOptions));
                break;
            case ReportFormat.Csv:
                output.WriteLine(string.Join(',', [.. ReportCommand.VariantCells(byVariant, "service", "variant", ""), "priority", "metric", "judged", "target", "calendar", "compliance", "recommended"]));
                foreach (var r in recommendations)
                {
                    output.WriteLine(Csv.Row([.. ReportCommand.VariantCells(byVariant, r.Service, r.Variant, ""), r.Priority, PolicyNames.Of(r.Metric),
                        ReportCommand.Number(r.Judged), EvaluationDocument.TargetText(r.Current) ?? "", r.Current.CalendarId ?? "24x7", Csv.Fraction(r.CurrentCompliance),
                        DurationText.Format(r.Recommended)]));
                }
                break;
            default:
                var label = $"p{(percentile * 100).ToString("0.#", CultureInfo.InvariantCulture)}";
                output.WriteLine($"Targets history would have met at {label}, for {policy.Id} as of {InstantText.Format(now)}:");
                output.WriteLine();
                Table.Write(output, ["service", "priority", "metric", "judged", "current target", "met now", $"{label} target"],
                    recommendations.Select(string[] (r) =>
                    [
                        r.Variant is null ? r.Service : $"{r.Service}/{r.Variant}", r.Priority, PolicyNames.Of(r.Metric), ReportCommand.Number(r.Judged),
                        HumanTarget.OnCalendar(r.Current), ReportCommand.Percent(r.CurrentCompliance), $"{HumanDuration.Format(r.Recommended)} on {HumanTarget.Calendar(r.Current)}",
                    ]));
                break;
        }
        return outcome.ExitCode;
    }

    public static int Compare(PolicySet current, PolicySet candidate, Stream tickets, Instant now, ReportFormat format, CliConsole console)
    {
        var builders = new[] { new ComplianceReportBuilder(current, ReportingPeriod.Quarter), new ComplianceReportBuilder(candidate, ReportingPeriod.Quarter) };
        var outcome = TicketStream.Evaluate(tickets, now, [current, candidate], e =>
        {
            builders[0].Add(e[0]);
            builders[1].Add(e[1]);
        }, console);
        outcome.Report(console);
        var (a, b) = (builders[0].Build(), builders[1].Build());
        var (ta, tb) = (Totals(a), Totals(b));
        var byVariant = ReportCommand.HasVariants(current, candidate);
        var rows = ta.Keys.Union(tb.Keys).Order().Select(k => new Comparison(k, ta.GetValueOrDefault(k), tb.GetValueOrDefault(k))).ToList();
        var services = a.Credits.Select(c => c.Service).Union(b.Credits.Select(c => c.Service)).Union(ta.Keys.Select(k => k.Service)).Distinct().Order(StringComparer.Ordinal).ToList();
        static decimal Credit(ComplianceReport r, string s) => r.Credits.Where(c => c.Service == s).Sum(c => c.Tier.CreditPercent);
        var output = console.Out;
        switch (format)
        {
            case ReportFormat.Json:
                output.WriteLine(new JsonObject
                {
                    ["current"] = current.Id,
                    ["candidate"] = candidate.Id,
                    ["asOf"] = InstantText.Format(now),
                    ["rows"] = ReportCommand.JsonList(rows.Select(r => new JsonObject
                    {
                        ["service"] = r.Key.Service, ["variant"] = r.Variant, ["priority"] = r.Key.Priority, ["metric"] = PolicyNames.Of(r.Key.Metric),
                        ["current"] = new JsonObject { ["judged"] = r.Current.Judged, ["compliance"] = r.CurrentFigure },
                        ["candidate"] = new JsonObject { ["judged"] = r.Candidate.Judged, ["compliance"] = r.CandidateFigure },
                        ["change"] = r.Change,
                    })),
                    ["credits"] = ReportCommand.JsonList(services.Select(s => new JsonObject { ["service"] = s, ["current"] = Credit(a, s), ["candidate"] = Credit(b, s) })),
                }.ToJsonString(ReportCommand.JsonOptions));
                break;
            case ReportFormat.Csv:
                output.WriteLine(string.Join(',', [.. ReportCommand.VariantCells(byVariant, "service", "variant", ""), "priority", "metric",
                    "currentJudged", "currentCompliance", "candidateJudged", "candidateCompliance", "change"]));
                foreach (var r in rows)
                {
                    output.WriteLine(Csv.Row([.. ReportCommand.VariantCells(byVariant, r.Key.Service, r.Variant, ""), r.Key.Priority, PolicyNames.Of(r.Key.Metric),
                        ReportCommand.Number(r.Current.Judged), Csv.Fraction(r.CurrentFigure), ReportCommand.Number(r.Candidate.Judged), Csv.Fraction(r.CandidateFigure), Csv.Fraction(r.Change)]));
                }
                break;
            default:
                output.WriteLine($"The same tickets under {current.Id} (current) and {candidate.Id} (candidate), as of {InstantText.Format(now)}:");
                output.WriteLine();
                // Each side with its own count: a variant in one policy and not the other changes which tickets a row holds.
                Table.Write(output, [.. ReportCommand.VariantCells(byVariant, "service", "variant", ""), "priority", "metric", "current", "candidate", "change"],
                    rows.Select(string[] (r) =>
                    [
                        .. ReportCommand.VariantCells(byVariant, r.Key.Service, r.Variant, "-"), r.Key.Priority, PolicyNames.Of(r.Key.Metric),
                        Of(r.CurrentFigure, r.Current.Judged), Of(r.CandidateFigure, r.Candidate.Judged),
                        r.Change is { } change ? (change * 100).ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture) + " pt" : "-",
                    ]));
                output.WriteLine();
                output.WriteLine("Credits owed (sum of percent over periods):");
                foreach (var service in services)
                {
                    output.WriteLine($"  {service,-10} current {Credit(a, service).ToString(CultureInfo.InvariantCulture),6}%   candidate {Credit(b, service).ToString(CultureInfo.InvariantCulture),6}%");
                }
                break;
        }
        return outcome.ExitCode;
    }

    private static Dictionary<RowKey, (int Judged, int Met)> Totals(ComplianceReport report) =>
        report.Rows.GroupBy(r => new RowKey(r.Service, r.Variant ?? "", r.Priority, r.Metric)).ToDictionary(g => g.Key, g => (g.Sum(r => r.Count), g.Sum(r => r.Met)));

    /// <summary>A compliance figure with the count it is of: <c>87.5% of 40</c>, or <c>-</c> when nothing was judged.</summary>
    private static string Of(decimal? figure, int judged) => figure is null ? "-" : $"{ReportCommand.Percent(figure)} of {ReportCommand.Number(judged)}";

    /// <summary>One row of the comparison: a scope (the variant empty for the service's own targets), counted under each policy.</summary>
    private readonly record struct RowKey(string Service, string Variant, string Priority, Metric Metric) : IComparable<RowKey>
    {
        public int CompareTo(RowKey other)
        {
            var order = string.CompareOrdinal(Service, other.Service);
            order = order != 0 ? order : string.CompareOrdinal(Variant, other.Variant);
            order = order != 0 ? order : string.CompareOrdinal(Priority, other.Priority);
            return order != 0 ? order : Metric.CompareTo(other.Metric);
        }
    }

    private sealed record Comparison(RowKey Key, (int Judged, int Met) Current, (int Judged, int Met) Candidate)
    {
        public string? Variant => Key.Variant.Length == 0 ? null : Key.Variant;

        public decimal? CurrentFigure => Current.Judged == 0 ? null : (decimal)Current.Met / Current.Judged;

        public decimal? CandidateFigure => Candidate.Judged == 0 ? null : (decimal)Candidate.Met / Candidate.Judged;

        /// <summary>The candidate's figure minus the current one, as a fraction (0.05 is five points).</summary>
        public decimal? Change => CurrentFigure is { } p && CandidateFigure is { } q ? q - p : null;
    }
}
