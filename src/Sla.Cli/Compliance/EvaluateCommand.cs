using System.Globalization;
using System.Text;
using NodaTime;
using Sla.Core.Compliance;
using Sla.Core.Json.Compliance;
using Sla.Core.Json.Tickets;
using Sla.Core.Policies;
using Sla.Core.Text;

namespace Sla.Cli.Compliance;

/// <summary>The output formats of <c>sla evaluate</c>.</summary>
internal enum EvaluationFormat
{
    /// <summary>One JSON object per ticket (formats.md).</summary>
    Jsonl,

    /// <summary>One aligned row per metric, for people.</summary>
    Table,

    /// <summary>One row per metric with a header, for spreadsheets.</summary>
    Csv,
}

/// <summary>
/// <c>sla evaluate</c>: tickets (JSON Lines) in, one result per ticket out, in input order. It streams:
/// lines are read, evaluated and written in batches, so memory stays flat however many tickets come in;
/// with <c>--parallel</c> each batch is evaluated on every core.
/// </summary>
internal static class EvaluateCommand
{
    private const int BatchSize = 2048;
    private static readonly string[] Columns = ["id", "metric", "cycle", "status", "target", "calendar", "start", "stop", "deadline", "elapsed", "remaining", "breachedAt", "error"];

    public static int Run(PolicySet policy, TextReader input, Instant now, EvaluationFormat format, bool explain, bool parallel, CliConsole console)
    {
        var options = new EvaluationOptions(explain);
        var output = console.Out;
        if (format == EvaluationFormat.Csv)
        {
            output.WriteLine(string.Join(',', Columns));
        }
        else if (format == EvaluationFormat.Table)
        {
            output.WriteLine(TableRow(["id", "metric", "cycle", "status", "target", "deadline", "elapsed", "remaining", "breached at"]));
        }
        var failed = false;
        var lines = new List<(string Text, int Number)>(BatchSize);
        var rendered = new string[BatchSize];
        var lineNumber = 0;
        while (true)
        {
            lines.Clear();
            while (lines.Count < BatchSize && input.ReadLine() is { } line)
            {
                lineNumber++;
                if (!string.IsNullOrWhiteSpace(line))
                {
                    lines.Add((line, lineNumber));
                }
            }
            if (lines.Count == 0)
            {
                break;
            }
            var batchFailed = 0;
            void Process(int i)
            {
                var evaluation = EvaluateLine(policy, lines[i].Text, lines[i].Number, now, options);
                if (!evaluation.IsValid)
                {
                    Interlocked.Exchange(ref batchFailed, 1);
                }
                rendered[i] = Render(evaluation, format);
            }
            if (parallel)
            {
                Parallel.For(0, lines.Count, Process);
            }
            else
            {
                for (var i = 0; i < lines.Count; i++)
                {
                    Process(i);
                }
            }
            for (var i = 0; i < lines.Count; i++)
            {
                output.Write(rendered[i]);
            }
            failed |= batchFailed != 0;
        }
        return failed ? ExitCodes.SomeFailed : ExitCodes.Ok;
    }

    internal static TicketEvaluation EvaluateLine(PolicySet policy, string line, int lineNumber, Instant now, EvaluationOptions options) =>
        TicketDocument.TryParseLine(line, lineNumber, out var ticket, out var id, out var error)
            ? ComplianceEvaluator.Evaluate(policy, ticket, now, options)
            : new TicketEvaluation(id ?? $"line {lineNumber}", null, [], error);

    private static string Render(TicketEvaluation evaluation, EvaluationFormat format)
    {
        switch (format)
        {
            case EvaluationFormat.Jsonl:
                return EvaluationDocument.ToLine(evaluation) + "\n";
            case EvaluationFormat.Table when !evaluation.IsValid:
                return $"{evaluation.TicketId,-12} ERROR: {evaluation.Error}\n";
            case EvaluationFormat.Csv when !evaluation.IsValid:
                return string.Join(',', Columns.Select(c => c switch { "id" => Csv(evaluation.TicketId), "error" => Csv(evaluation.Error!), _ => "" })) + "\n";
        }
        var text = new StringBuilder();
        foreach (var m in evaluation.Metrics)
        {
            if (format == EvaluationFormat.Table)
            {
                text.Append(TableRow(
                [
                    evaluation.TicketId, PolicyNames.Of(m.Metric), m.Cycle.ToString(CultureInfo.InvariantCulture), EvaluationDocument.StatusName(m.Status),
                    m.Target?.Describe() ?? "-", Instant(m.Deadline), DurationText.Format(m.Elapsed),
                    m.Remaining is { } r ? DurationText.Format(r) : "-", Instant(m.BreachedAt),
                ])).Append('\n');
            }
            else
            {
                text.AppendJoin(',',
                    Csv(evaluation.TicketId), PolicyNames.Of(m.Metric), m.Cycle.ToString(CultureInfo.InvariantCulture), EvaluationDocument.StatusName(m.Status),
                    Csv(EvaluationDocument.TargetText(m.Target) ?? ""), Csv(m.Target is null ? "" : m.Target.CalendarId ?? "24x7"),
                    InstantText.Format(m.Start), Blank(m.Stop), Blank(m.Deadline), DurationText.Format(m.Elapsed),
                    m.Remaining is { } r ? DurationText.Format(r) : "", Blank(m.BreachedAt), "").Append('\n');
            }
        }
        return text.ToString();
    }

    private static string TableRow(string[] cells)
    {
        int[] widths = [12, 14, 5, 13, 44, 20, 10, 10, 20];
        return string.Join("  ", cells.Select((c, i) => c.PadRight(widths[i]))).TrimEnd();
    }

    private static string Instant(Instant? value) => value is { } v ? InstantText.Format(v) : "-";

    private static string Blank(Instant? value) => value is { } v ? InstantText.Format(v) : "";

    private static string Csv(string value) =>
        value.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
