using System.Globalization;
using System.Text.Json.Nodes;
using NodaTime;
using Sla.Core.Availability;
using Sla.Core.Json.Availability;
using Sla.Core.Policies;
using Sla.Core.Text;

namespace Sla.Cli.Reports;

/// <summary><c>sla availability</c>: outages in, uptime per service and period against the policy's availability objectives.</summary>
internal static class AvailabilityCommand
{
    public static int Run(PolicySet policy, Stream outagesText, Instant? from, Instant? to, ReportFormat format, CliConsole console)
    {
        var outages = new List<Outage>();
        var problems = new List<string>();
        var services = policy.Versions.SelectMany(v => v.Services).Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var (lineNumber, line, notText) in Compliance.Utf8LineBatches.TextLines(outagesText))
        {
            if (line is null)
            {
                problems.Add(notText!);
            }
            else if (!OutageDocument.TryParseLine(line, lineNumber, out var outage, out var error))
            {
                problems.Add(error!);
            }
            else if (!Core.Calendars.BusinessCalendar.SupportedRange.Contains(outage.Start) || outage.End > Core.Calendars.BusinessCalendar.SupportedRange.End)
            {
                problems.Add($"line {lineNumber}{(outage.Id is null ? "" : $" (outage {outage.Id})")}: it lies outside the instants calendars support ({SlaCommandLine.SupportedRangeText}).");
            }
            else if (!services.Contains(outage.Service))
            {
                // An outage the report would leave out is as wrong as one it cannot read.
                problems.Add($"line {lineNumber}{(outage.Id is null ? "" : $" (outage {outage.Id})")}: service '{outage.Service}' is not in policy {policy.Id}; " +
                    $"the services are {string.Join(", ", services.Order(StringComparer.Ordinal))}.");
            }
            else
            {
                outages.Add(outage);
            }
        }
        if (problems.Count > 0)
        {
            // A report without an outage would overstate uptime: nothing is reported until every line is right.
            problems.ForEach(console.Error.WriteLine);
            return ExitCodes.Invalid;
        }
        if ((from ?? outages.Select(o => (Instant?)o.Start).Min()) is not { } start || (to ?? outages.Select(o => (Instant?)o.End).Max()) is not { } end)
        {
            console.Error.WriteLine("There are no outages to take the range from: give --from and --to.");
            return ExitCodes.Invalid;
        }
        var report = AvailabilityReport.Build(policy, outages, start, end);
        if (format == ReportFormat.Json)
        {
            console.Out.WriteLine(ReportCommand.JsonList(report.Rows.Select(r => new JsonObject
            {
                ["service"] = r.Objective.Service, ["period"] = r.Period.Label, ["calendar"] = r.Objective.CalendarId ?? "24x7",
                ["measured"] = DurationText.Format(r.Measured), ["downtime"] = DurationText.Format(r.Downtime),
                ["uptime"] = decimal.Round(r.Uptime, 6), ["atLeast"] = r.Objective.AtLeast, ["met"] = r.IsMet, ["creditPercent"] = r.Credit?.CreditPercent,
            })).ToJsonString(ReportCommand.JsonOptions));
            return ExitCodes.Ok;
        }
        var rows = report.Rows.Select(r => new[]
        {
            r.Objective.Service, r.Period.Label, r.Objective.CalendarId ?? "24x7", DurationText.Format(r.Measured), DurationText.Format(r.Downtime),
            (r.Uptime * 100).ToString("0.000", CultureInfo.InvariantCulture) + "%", (r.Objective.AtLeast * 100).ToString("0.0##", CultureInfo.InvariantCulture) + "%",
            r.IsMet ? "met" : "MISSED", r.Credit is { } c ? c.CreditPercent.ToString(CultureInfo.InvariantCulture) + "%" : "-",
        });
        string[] header = ["service", "period", "calendar", "measured", "downtime", "uptime", "objective", "status", "credit"];
        if (format == ReportFormat.Csv)
        {
            console.Out.WriteLine(Csv.Row(header));
            foreach (var row in rows)
            {
                console.Out.WriteLine(Csv.Row(row));
            }
        }
        else
        {
            console.Out.WriteLine($"Availability for {policy.Id} ({policy.Name}), {InstantText.Format(start)} to {InstantText.Format(end)}: {outages.Count} outages.");
            console.Out.WriteLine();
            Table.Write(console.Out, header, rows);
        }
        return ExitCodes.Ok;
    }
}
