using System.Globalization;
using System.Net;
using System.Text;
using NodaTime;
using Sla.Core.Policies;
using Sla.Core.Text;

namespace Sla.Core.Reports;

/// <summary>
/// The compliance report as one self-contained HTML file: no scripts, stylesheets or images from
/// anywhere else; the charts are inline SVG. Compliance by priority and metric, breaches over time,
/// credits owed, and the full table: what <c>sla report --format html</c> writes, for a service to serve too.
/// </summary>
/// <remarks>Stateless and thread-safe. Every text from the policy or tickets is HTML-encoded.</remarks>
public static class ComplianceReportHtml
{
    private const int ChartWidth = 760;

    /// <summary>Renders a report as one HTML page.</summary>
    /// <param name="policy">The policy the report was built under (its name and id head the page).</param>
    /// <param name="report">The report.</param>
    /// <param name="now">The instant the tickets were evaluated at, shown as the report's "as of".</param>
    /// <returns>The page.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="policy"/> or <paramref name="report"/> is <see langword="null"/>.</exception>
    public static string Render(PolicySet policy, ComplianceReport report, Instant now)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(report);
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $$"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>SLA compliance: {{E(policy.Name)}}</title>
            <style>
              body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 820px; color: #1f2933; }
              h1 { font-size: 1.5rem; } h2 { font-size: 1.15rem; margin-top: 2rem; }
              table { border-collapse: collapse; font-size: 0.8rem; width: 100%; }
              th, td { text-align: left; padding: 2px 6px; border-bottom: 1px solid #e4e7eb; }
              td { white-space: nowrap; } td.n { text-align: right; } .missed { color: #b42318; font-weight: 600; } .met { color: #027a48; }
              svg text { font-size: 11px; fill: #1f2933; }
            </style>
            </head>
            <body>
            <h1>SLA compliance: {{E(policy.Name)}}</h1>
            <p>Policy <code>{{E(policy.Id)}}</code>, as of {{InstantText.Format(now)}}: {{report.TicketsEvaluated}} tickets evaluated, {{report.TicketsRejected}} rejected.</p>

            """);
        html.Append("<h2 id=\"compliance\">Compliance by priority and metric</h2>\n");
        html.Append(ComplianceChart(report));
        html.Append("<h2 id=\"breaches\">Breaches over time</h2>\n");
        html.Append(BreachTimeline(report));
        html.Append("<h2 id=\"credits\">Credits owed</h2>\n");
        html.Append(CreditChart(report));
        html.Append("<h2 id=\"objectives\">Objectives</h2>\n<table><tr><th>scope</th><th>period</th><th>compliance</th><th>objective</th><th>status</th></tr>\n");
        foreach (var o in report.Objectives)
        {
            html.Append(CultureInfo.InvariantCulture,
                $"<tr><td>{E(Scope(o.Objective.Service, o.Objective.Variant, o.Objective.Priority, o.Objective.Metric))}</td><td>{o.Period.Label}</td><td class=\"n\">{Percent(o.Compliance)}</td><td class=\"n\">{Percent(o.Objective.AtLeast)}</td><td class=\"{(o.IsMet ? "met" : "missed")}\">{(o.IsMet ? "met" : "missed")}</td></tr>\n");
        }
        html.Append("</table>\n<h2 id=\"rows\">Every service, priority, metric and period</h2>\n<table><tr><th>service</th><th>priority</th><th>metric</th><th>period</th><th>judged</th><th>met</th><th>cancelled</th><th>compliance</th><th>target</th><th>p90</th></tr>\n");
        foreach (var r in report.Rows)
        {
            html.Append(CultureInfo.InvariantCulture,
                $"<tr><td>{E(r.Variant is null ? r.Service : $"{r.Service}/{r.Variant}")}</td><td>{E(r.Priority)}</td><td>{E(PolicyNames.Of(r.Metric))}</td><td>{r.Period.Label}</td><td class=\"n\">{r.Count}</td><td class=\"n\">{r.Met}</td><td class=\"n\">{r.Cancelled}</td><td class=\"n\">{Percent(r.Compliance)}</td><td>{E(r.Target?.Describe() ?? "-")}</td><td class=\"n\">{(r.Count == 0 ? null : DurationText.Format(r.P90)) ?? "-"}</td></tr>\n");
        }
        html.Append("</table>\n</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>One horizontal bar per priority and metric: compliance over the whole report, all services.</summary>
    private static string ComplianceChart(ComplianceReport report)
    {
        var bars = report.Rows.GroupBy(r => (r.Priority, r.Metric))
            .OrderBy(g => g.Key.Priority, StringComparer.Ordinal).ThenBy(g => g.Key.Metric.Id, StringComparer.Ordinal)
            .Select(g => (Label: $"{g.Key.Priority} {PolicyNames.Of(g.Key.Metric)}", Value: g.Sum(r => r.Count) == 0 ? 0m : (decimal)g.Sum(r => r.Met) / g.Sum(r => r.Count)))
            .ToList();
        return HorizontalBars(bars.Select(b => (b.Label, b.Value, Percent(b.Value), b.Value >= 0.95m ? "#12b76a" : b.Value >= 0.8m ? "#f79009" : "#f04438")).ToList(), 1m, "Compliance by priority and metric");
    }

    private static string CreditChart(ComplianceReport report)
    {
        var totals = report.Credits.GroupBy(c => c.Service).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (Label: g.Key, Value: g.Sum(c => c.Tier.CreditPercent))).ToList();
        if (totals.Count == 0)
        {
            return "<p>No credits are owed.</p>\n";
        }
        var max = Math.Max(totals.Max(t => t.Value), 1m);
        return HorizontalBars([.. totals.Select(t => (t.Label, t.Value, t.Value.ToString(CultureInfo.InvariantCulture) + "% in total", "#7a5af8"))], max, "Credits owed per service");
    }

    private static string HorizontalBars(List<(string Label, decimal Value, string Text, string Colour)> bars, decimal max, string title)
    {
        const int rowHeight = 22, labelWidth = 190, textWidth = 110;
        var barWidth = ChartWidth - labelWidth - textWidth;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"{E(title)}\" width=\"{ChartWidth}\" height=\"{(bars.Count * rowHeight) + 10}\">\n");
        for (var i = 0; i < bars.Count; i++)
        {
            var (label, value, text, colour) = bars[i];
            var y = (i * rowHeight) + 5;
            var width = (int)Math.Round(barWidth * (double)(value / max));
            svg.Append(CultureInfo.InvariantCulture,
                $"<text x=\"0\" y=\"{y + 14}\">{E(label)}</text><rect x=\"{labelWidth}\" y=\"{y}\" width=\"{width}\" height=\"16\" fill=\"{colour}\"/><text x=\"{labelWidth + width + 6}\" y=\"{y + 13}\">{E(text)}</text>\n");
        }
        return svg.Append("</svg>\n").ToString();
    }

    /// <summary>Breached results per day, as bars along the report's range.</summary>
    private static string BreachTimeline(ComplianceReport report)
    {
        if (report.DailyBreaches.IsEmpty)
        {
            return "<p>No breaches.</p>\n";
        }
        const int height = 160, bottom = 20;
        var first = report.DailyBreaches[0].Date;
        var days = Period.Between(first, report.DailyBreaches[^1].Date, PeriodUnits.Days).Days + 1;
        var max = report.DailyBreaches.Max(d => d.Count);
        var step = (double)ChartWidth / days;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"Breaches per day\" width=\"{ChartWidth}\" height=\"{height + bottom}\">\n");
        foreach (var day in report.DailyBreaches)
        {
            var x = Period.Between(first, day.Date, PeriodUnits.Days).Days * step;
            var h = Math.Max(1, (int)Math.Round((height - 14) * (double)day.Count / max));
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x:0.#}\" y=\"{height - h}\" width=\"{Math.Max(1, step - 1):0.#}\" height=\"{h}\" fill=\"#f04438\"><title>{day.Date:yyyy-MM-dd}: {day.Count}</title></rect>\n");
        }
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"0\" y=\"{height + 15}\">{first:yyyy-MM-dd}</text><text x=\"{ChartWidth - 70}\" y=\"{height + 15}\">{report.DailyBreaches[^1].Date:yyyy-MM-dd}</text><text x=\"0\" y=\"10\">{max} a day at most</text>\n");
        return svg.Append("</svg>\n").ToString();
    }

    private static string Scope(string service, string? variant, string? priority, Metric metric) =>
        $"{service}{(variant is null ? "" : "/" + variant)}{(priority is null ? "" : " " + priority)} {PolicyNames.Of(metric)}";

    private static string Percent(decimal? value) => value is { } v ? (v * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "-";

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
