using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using NodaTime;
using Sla.Core.Policies;
using Sla.Core.Reports;
using Sla.Core.Text;

namespace Sla.Cli.Reports;

/// <summary>The output formats of <c>sla report</c> and <c>sla availability</c>.</summary>
internal enum ReportFormat
{
    /// <summary>Aligned tables for people.</summary>
    Table,

    /// <summary>One JSON document.</summary>
    Json,

    /// <summary>Rows for spreadsheets.</summary>
    Csv,

    /// <summary>One self-contained HTML page with inline SVG charts (<c>sla report</c> only).</summary>
    Html,
}

/// <summary>Which table of a report a CSV holds.</summary>
internal enum ReportSection
{
    /// <summary>The compliance rows.</summary>
    Rows,

    /// <summary>Each objective per period, with its figure and whether it was met.</summary>
    Objectives,

    /// <summary>The credits owed.</summary>
    Credits,
}

/// <summary>
/// <c>sla report</c>: evaluates tickets (streaming, on every core) and prints compliance per service,
/// priority, metric and period, the objectives and the credits owed.
/// </summary>
internal static class ReportCommand
{
    public static int Run(PolicySet policy, Stream tickets, Instant now, ReportingPeriod period, Instant? from, Instant? to, ReportFormat format, ReportSection section,
        CliConsole console)
    {
        var builder = new ComplianceReportBuilder(policy, period, from, to);
        var outcome = TicketStream.Evaluate(tickets, now, [policy], e => builder.Add(e[0]), console);
        var report = builder.Build();
        outcome.Report(console);
        var byVariant = HasVariants(policy);
        switch (format)
        {
            case ReportFormat.Json:
                WriteJson(policy, report, now, console.Out);
                break;
            case ReportFormat.Html:
                console.Out.Write(ComplianceReportHtml.Render(policy, report, now));
                break;
            case ReportFormat.Csv when section != ReportSection.Rows:
                WriteCsvSection(report, section, console.Out);
                break;
            case ReportFormat.Csv:
                console.Out.WriteLine(byVariant
                    ? "service,variant,priority,metric,period,count,met,breached,compliance,target,p50,p90,p99,cancelled"
                    : "service,priority,metric,period,count,met,breached,compliance,target,p50,p90,p99,cancelled");
                foreach (var r in report.Rows)
                {
                    console.Out.WriteLine(Csv.Row(
                    [
                        .. VariantCells(byVariant, r.Service, r.Variant, ""), r.Priority, PolicyNames.Of(r.Metric), r.Period.Label, r.Count.ToString(CultureInfo.InvariantCulture),
                        r.Met.ToString(CultureInfo.InvariantCulture), r.Breached.ToString(CultureInfo.InvariantCulture),
                        Csv.Fraction(r.Compliance), Core.Json.Compliance.EvaluationDocument.TargetText(r.Target) ?? "",
                        Percentile(r, r.P50) ?? "", Percentile(r, r.P90) ?? "", Percentile(r, r.P99) ?? "", r.Cancelled.ToString(CultureInfo.InvariantCulture),
                    ]));
                }
                break;
            default:
                WriteTable(policy, report, now, console.Out);
                break;
        }
        return outcome.ExitCode;
    }

    /// <summary>The objectives or the credits as CSV, with the rows' conventions (fractions, empty for none).</summary>
    private static void WriteCsvSection(ComplianceReport report, ReportSection section, TextWriter output)
    {
        if (section == ReportSection.Objectives)
        {
            output.WriteLine("service,variant,priority,metric,period,judged,compliance,atLeast,met");
            foreach (var o in report.Objectives)
            {
                output.WriteLine(Csv.Row([o.Objective.Service, o.Objective.Variant ?? "", o.Objective.Priority ?? "", PolicyNames.Of(o.Objective.Metric), o.Period.Label,
                    Number(o.Count), Csv.Fraction(o.Compliance), Csv.Fraction(o.Objective.AtLeast), o.IsMet ? "true" : "false"]));
            }
            return;
        }
        output.WriteLine("service,variant,priority,metric,period,compliance,below,creditPercent");
        foreach (var c in report.Credits)
        {
            output.WriteLine(Csv.Row([c.Service, c.Variant ?? "", c.Priority ?? "", PolicyNames.Of(c.Metric), c.Period.Label, Csv.Fraction(c.Compliance), Csv.Fraction(c.Tier.Below),
                c.Tier.CreditPercent.ToString(CultureInfo.InvariantCulture)]));
        }
    }

    /// <summary>Whether any version of the policy has variants: reports then group by variant too.</summary>
    internal static bool HasVariants(params PolicySet[] policies) => policies.Any(p => p.Versions.Any(v => v.Services.Any(s => !s.Variants.IsEmpty)));

    /// <summary>The service cell, and a variant cell after it when reports group by variant (<paramref name="none"/> for the service's own targets).</summary>
    internal static string[] VariantCells(bool byVariant, string service, string? variant, string none) => byVariant ? [service, variant ?? none] : [service];

    /// <summary>A scope for people: <c>email</c>, <c>email/gold-us</c>, then the priority when there is one, then the metric.</summary>
    internal static string Scope(string service, string? variant, string? priority, Metric metric) =>
        $"{service}{(variant is null ? "" : "/" + variant)}{(priority is null ? "" : " " + priority)} {PolicyNames.Of(metric)}";

    private static void WriteTable(PolicySet policy, ComplianceReport report, Instant now, TextWriter output)
    {
        output.WriteLine($"Compliance report for {policy.Id} ({policy.Name})");
        output.WriteLine($"as of {InstantText.Format(now)}: {report.TicketsEvaluated} tickets evaluated, {report.TicketsRejected} rejected.");
        output.WriteLine();
        // For people, in 120 columns: a variant joins its service, breached is judged less met, cancelled shows when there
        // are any, and the target is its amount and calendar. CSV and JSON keep every column.
        var cancelled = report.Rows.Any(r => r.Cancelled > 0);
        Table.Write(output, ["service", "priority", "metric", "period", "judged", "met", .. cancelled ? ["cancelled"] : Array.Empty<string>(), "met %", "p50", "p90", "p99", "target"],
            report.Rows.Select(string[] (r) =>
            [
                r.Variant is null ? r.Service : $"{r.Service}/{r.Variant}", r.Priority, PolicyNames.Of(r.Metric), r.Period.Label, Number(r.Count), Number(r.Met),
                .. cancelled ? [Number(r.Cancelled)] : Array.Empty<string>(),
                Percent(r.Compliance), ForPeople(r, r.P50), ForPeople(r, r.P90), ForPeople(r, r.P99), r.Target is { } t ? HumanTarget.OnCalendar(t) : "-",
            ]));
        output.WriteLine();
        output.WriteLine("Objectives:");
        foreach (var o in report.Objectives)
        {
            var scope = Scope(o.Objective.Service, o.Objective.Variant, o.Objective.Priority, o.Objective.Metric);
            output.WriteLine($"  {scope,-28} {o.Period.Label,-8} {Percent(o.Compliance),8} of {Number(o.Count),5}  (at least {Percent(o.Objective.AtLeast)})  {(o.IsMet ? "met" : "MISSED")}");
        }
        output.WriteLine();
        output.WriteLine(report.Credits.IsEmpty ? "Credits owed: none." : "Credits owed:");
        foreach (var c in report.Credits)
        {
            var scope = Scope(c.Service, c.Variant, c.Priority, c.Metric);
            output.WriteLine($"  {scope,-28} {c.Period.Label,-8} {Percent(c.Compliance),8} is below {Percent(c.Tier.Below)}: {c.Tier.CreditPercent.ToString(CultureInfo.InvariantCulture)}%");
        }
    }

    /// <summary>A percentile of counted time for a table (<c>2h 47m</c>), or <c>-</c> for a row with nothing judged.</summary>
    private static string ForPeople(ComplianceRow row, Duration value) => row.Count == 0 ? "-" : HumanDuration.Format(value);

    /// <summary>A percentile of counted time, or <see langword="null"/> for a row with nothing judged (only cancelled cycles).</summary>
    internal static string? Percentile(ComplianceRow row, Duration value) => row.Count == 0 ? null : DurationText.Format(value);

    private static void WriteJson(PolicySet policy, ComplianceReport report, Instant now, TextWriter output)
    {
        var document = new JsonObject
        {
            ["policy"] = policy.Id,
            ["asOf"] = InstantText.Format(now),
            ["ticketsEvaluated"] = report.TicketsEvaluated,
            ["ticketsRejected"] = report.TicketsRejected,
            ["rows"] = JsonList(report.Rows.Select(r => new JsonObject
            {
                ["service"] = r.Service, ["variant"] = r.Variant, ["priority"] = r.Priority, ["metric"] = PolicyNames.Of(r.Metric), ["period"] = r.Period.Label,
                ["judged"] = r.Count, ["met"] = r.Met, ["breached"] = r.Breached, ["cancelled"] = r.Cancelled, ["compliance"] = r.Compliance,
                ["target"] = Core.Json.Compliance.EvaluationDocument.TargetText(r.Target), ["calendar"] = r.Target is null ? null : r.Target.CalendarId ?? "24x7",
                ["p50"] = Percentile(r, r.P50), ["p90"] = Percentile(r, r.P90), ["p99"] = Percentile(r, r.P99),
            })),
            ["objectives"] = JsonList(report.Objectives.Select(o => new JsonObject
            {
                ["service"] = o.Objective.Service, ["variant"] = o.Objective.Variant, ["priority"] = o.Objective.Priority, ["metric"] = PolicyNames.Of(o.Objective.Metric), ["period"] = o.Period.Label,
                ["atLeast"] = o.Objective.AtLeast, ["judged"] = o.Count, ["compliance"] = o.Compliance, ["met"] = o.IsMet,
            })),
            ["credits"] = JsonList(report.Credits.Select(c => new JsonObject
            {
                ["service"] = c.Service, ["variant"] = c.Variant, ["priority"] = c.Priority, ["metric"] = PolicyNames.Of(c.Metric), ["period"] = c.Period.Label,
                ["compliance"] = c.Compliance, ["below"] = c.Tier.Below, ["creditPercent"] = c.Tier.CreditPercent,
            })),
        };
        output.WriteLine(document.ToJsonString(JsonOptions));
    }

    /// <summary>A JSON list of objects, built without reflection so the tool can be compiled ahead of time.</summary>
    internal static JsonArray JsonList(IEnumerable<JsonObject> items) => new([.. items]);

    internal static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A count, the same in every culture, for tables and CSV.</summary>
    internal static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    internal static string Percent(decimal? value) => value is { } v ? (v * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "-";


}

/// <summary>Aligned text tables.</summary>
internal static class Table
{
    public static void Write(TextWriter output, string[] header, IEnumerable<string[]> rows)
    {
        var all = rows.ToList();
        var widths = header.Select((h, i) => all.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        void Row(string[] cells) => output.WriteLine(string.Join("  ", cells.Select((c, i) => c.PadRight(widths[i]))).TrimEnd());
        Row(header);
        Row([.. widths.Select(w => new string('-', w))]);
        all.ForEach(Row);
    }
}
