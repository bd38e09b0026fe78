using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using CommunityToolkit.HighPerformance.Buffers;
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

/// <summary>What <c>sla evaluate</c> was asked for besides its input.</summary>
/// <param name="Format">The output format.</param>
/// <param name="Explain">Whether each result lists its segments.</param>
/// <param name="Parallel">Whether batches are evaluated on every core.</param>
/// <param name="DueWithin">With a value, only the tickets whose next change falls within it of the evaluation instant, soonest first.</param>
internal sealed record EvaluateOptions(EvaluationFormat Format, bool Explain = false, bool Parallel = false, Duration? DueWithin = null);

/// <summary>
/// <c>sla evaluate</c>: tickets (JSON Lines) in, one result per ticket out, in input order. It streams:
/// lines are read, evaluated and written in batches, so memory stays flat however many tickets come in;
/// with <c>--parallel</c> batches are evaluated side by side on every core. With <c>--due-within</c> only the tickets
/// due soon are kept (and sorted, soonest first), then the tickets that could not be evaluated.
/// </summary>
internal static class EvaluateCommand
{
    private const int BatchSize = 2048;
    private static readonly string[] Columns = ["id", "metric", "cycle", "status", "target", "calendar", "start", "stop", "deadline", "elapsed", "remaining", "breachedAt", "error", "warning", "nextChangeAt", "variant", "service"];

    public static int Run(PolicySet policy, Stream input, Instant now, EvaluateOptions asked, CliConsole console)
    {
        var (format, parallel) = (asked.Format, asked.Parallel);
        // The metric column fits the longest id the policy defines, so the table stays aligned.
        var layout = new TableLayout(Math.Max(13, policy.Versions.SelectMany(v => v.Metrics).Max(m => m.Metric.Id.Length)));
        var options = new EvaluationOptions(asked.Explain);
        var due = asked.DueWithin is { } window ? new DueSoon(now, window) : null;
        if (format == EvaluationFormat.Csv)
        {
            console.Out.WriteLine(string.Join(',', Columns));
        }
        else if (format == EvaluationFormat.Table)
        {
            console.Out.WriteLine(TableRow(["id", "metric", "cycle", "status", "deadline", "elapsed", "remaining", "next change", "target"], layout));
        }
        console.FlushText();
        var output = console.OutputStream;
        var failed = 0;
        var faulted = 0;
        // A batch's lines are evaluated in order on one thread, into one pooled buffer (with --parallel, batches side by side):
        // nothing of a ticket outlives its line but its bytes in that buffer, so the collector finds little alive.
        RenderedBatch Process(LineBatch batch)
        {
            using (batch)
            {
                var rendered = new RenderedBatch(batch.Count, due is not null);
                for (var i = 0; i < batch.Count; i++)
                {
                    var evaluation = EvaluateLine(policy, batch, i, now, options, out var internalError);
                    if (!evaluation.IsValid)
                    {
                        Interlocked.Exchange(ref failed, 1);
                    }
                    if (internalError)
                    {
                        Interlocked.Exchange(ref faulted, 1);
                    }
                    if (due is null || !evaluation.IsValid || due.Includes(evaluation.NextChangeAt))
                    {
                        var start = rendered.Bytes.WrittenCount;
                        Render(evaluation, format, layout, rendered.Bytes);
                        rendered.Lines?.Add(new Rendered(start, rendered.Bytes.WrittenCount - start, evaluation.IsValid ? evaluation.NextChangeAt : null, batch.LineNumber(i)));
                    }
                }
                return rendered;
            }
        }

        var batches = new Utf8LineBatches(input, BatchSize);
        void Write(RenderedBatch rendered)
        {
            using (rendered)
            {
                if (due is not null)
                {
                    due.Keep(rendered);
                }
                else
                {
                    output.Write(rendered.Bytes.WrittenSpan);
                }
            }
        }
        BatchPipeline.Run(batches, parallel, Process, Write);
        due?.WriteTo(output);
        return faulted != 0 ? ExitCodes.InternalError : failed != 0 ? ExitCodes.SomeFailed : ExitCodes.Ok;
    }

    /// <summary>
    /// A batch's output: its lines' bytes one after another in a pooled buffer (returned on <see cref="Dispose"/>), and with
    /// <c>--due-within</c> where each ticket's bytes are, with when it next changes.
    /// </summary>
    private sealed class RenderedBatch(int count, bool keepLines) : IDisposable
    {
        // About what a ticket's evaluation line takes, so the buffer seldom grows.
        private const int BytesPerLine = 1024;

        public ArrayPoolBufferWriter<byte> Bytes { get; } = new(count * BytesPerLine);

        public List<Rendered>? Lines { get; } = keepLines ? new(count) : null;

        public void Dispose() => Bytes.Dispose();
    }

    /// <summary>One ticket's output in its batch's bytes, with when it next changes (null for a ticket that could not be evaluated) and its line.</summary>
    private readonly record struct Rendered(int Start, int Length, Instant? NextChangeAt, int Line);

    /// <summary>The tickets kept by <c>--due-within</c>: those due soon, soonest first (input order among equals), then the errors.</summary>
    private sealed class DueSoon(Instant now, Duration window)
    {
        private readonly List<(byte[] Bytes, Instant? NextChangeAt, int Line)> kept = [];

        public bool Includes(Instant? nextChangeAt) => nextChangeAt is { } at && at - now <= window;

        public void Keep(RenderedBatch rendered) =>
            kept.AddRange(rendered.Lines!.Select(r => (rendered.Bytes.WrittenSpan.Slice(r.Start, r.Length).ToArray(), r.NextChangeAt, r.Line)));

        public void WriteTo(Stream output)
        {
            foreach (var line in kept.OrderBy(r => r.NextChangeAt is null).ThenBy(r => r.NextChangeAt ?? default).ThenBy(r => r.Line))
            {
                output.Write(line.Bytes);
            }
        }
    }

    /// <summary>Reads and evaluates one ticket line; whatever goes wrong stays on this line.</summary>
    /// <param name="internalError">Set when evaluating failed inside sla (the evaluation then says so): a fault to report, not bad input.</param>
    internal static TicketEvaluation EvaluateLine(PolicySet policy, LineBatch batch, int index, Instant now, EvaluationOptions options, out bool internalError)
    {
        internalError = false;
        string? id = null;
        var lineNumber = batch.LineNumber(index);
        if (batch.IsTooLong(index))
        {
            return new TicketEvaluation($"line {lineNumber}", null, null, [], Utf8LineBatches.TooLong(lineNumber));
        }
        try
        {
            return TicketDocument.TryParseLine(batch.Line(index), lineNumber, out var ticket, out id, out var error)
                ? ComplianceEvaluator.Evaluate(policy, ticket, now, options)
                : new TicketEvaluation(id ?? $"line {lineNumber}", null, null, [], error);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            internalError = true;
            return new TicketEvaluation(id ?? $"line {lineNumber}", null, null, [], $"line {lineNumber}: {ExitCodes.InternalErrorText(e)}");
        }
    }

    // Each thread writes its lines through one writer, reset onto the batch's buffer for each line.
    [ThreadStatic]
    private static Utf8JsonWriter? lineWriter;

    /// <summary>Appends one ticket's output, line end included, to <paramref name="output"/>.</summary>
    private static void Render(TicketEvaluation evaluation, EvaluationFormat format, TableLayout layout, ArrayPoolBufferWriter<byte> output)
    {
        if (format != EvaluationFormat.Jsonl)
        {
            Encoding.UTF8.GetBytes(RenderText(evaluation, format, layout), output);
            return;
        }
        var writer = lineWriter ??= EvaluationDocument.CreateWriter(output);
        writer.Reset(output);
        EvaluationDocument.WriteLine(evaluation, writer);
        output.GetSpan(1)[0] = (byte)'\n';
        output.Advance(1);
    }

    private static string RenderText(TicketEvaluation evaluation, EvaluationFormat format, TableLayout layout)
    {
        switch (format)
        {
            case EvaluationFormat.Table when !evaluation.IsValid:
                return $"{evaluation.TicketId,-12} ERROR: {evaluation.Error}\n";
            case EvaluationFormat.Csv when !evaluation.IsValid:
                return string.Join(',', Columns.Select(c => c switch { "id" => Csv.Field(evaluation.TicketId), "error" => Csv.Field(evaluation.Error!), _ => "" })) + "\n";
        }
        var text = new StringBuilder();
        foreach (var m in evaluation.Metrics)
        {
            if (format == EvaluationFormat.Table)
            {
                // For people, in 120 columns: the warning reached follows the status, a breached cycle's deadline is when it
                // breached, and the target is its amount; CSV and JSON Lines keep every field.
                text.Append(TableRow(
                [
                    evaluation.TicketId, PolicyNames.Of(m.Metric), m.Cycle.ToString(CultureInfo.InvariantCulture),
                    EvaluationDocument.StatusName(m.Status) + (m.Warning is { } w ? $" {(w * 100).ToString("0.#", CultureInfo.InvariantCulture)}%" : ""),
                    Instant(m.Deadline), HumanDuration.Format(m.Elapsed), m.Remaining is { } r ? HumanDuration.Format(r) : "-", Instant(m.NextChangeAt),
                    m.Target is { } t ? HumanTarget.Amount(t) : "-",
                ], layout)).Append('\n');
            }
            else
            {
                text.AppendJoin(',',
                    Csv.Field(evaluation.TicketId), Csv.Field(PolicyNames.Of(m.Metric)), m.Cycle.ToString(CultureInfo.InvariantCulture), EvaluationDocument.StatusName(m.Status),
                    Csv.Field(EvaluationDocument.TargetText(m.Target) ?? ""), Csv.Field(m.Target is null ? "" : m.Target.CalendarId ?? "24x7"),
                    InstantText.Format(m.Start), Blank(m.Stop), Blank(m.Deadline), DurationText.Format(m.Elapsed),
                    m.Remaining is { } r ? DurationText.Format(r) : "", Blank(m.BreachedAt), "", Fraction(m.Warning) ?? "", Blank(m.NextChangeAt), Csv.Field(m.Variant ?? ""), Csv.Field(m.Service)).Append('\n');
            }
        }
        return text.ToString();
    }

    /// <summary>The table's metric column widens to the longest metric id.</summary>
    private readonly record struct TableLayout(int MetricWidth);

    private static string TableRow(string[] cells, TableLayout layout)
    {
        int[] widths = [10, layout.MetricWidth, 5, 13, 20, 7, 9, 20, 0];
        return string.Join("  ", cells.Select((c, i) => c.PadRight(widths[i]))).TrimEnd();
    }

    private static string Instant(Instant? value) => value is { } v ? InstantText.Format(v) : "-";

    private static string? Fraction(double? value) => value?.ToString(CultureInfo.InvariantCulture);

    private static string Blank(Instant? value) => value is { } v ? InstantText.Format(v) : "";
}
