using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using NodaTime;
using Sla.Core.Compliance;
using Sla.Core.Policies;
using Sla.Core.Text;

namespace Sla.Core.Json.Compliance;

/// <summary>
/// Writes evaluations as the JSON Lines of <c>sla evaluate</c> (formats.md): one object a ticket, with
/// its policy version and every metric's status, start, stop, target, deadline, counted time, remaining
/// time and breach instant; with the explanation segments when they were computed.
/// </summary>
/// <remarks>Stateless and thread-safe.</remarks>
public static class EvaluationDocument
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    /// <summary>Writes one evaluation as a single line of JSON (no line break).</summary>
    /// <param name="evaluation">The evaluation.</param>
    /// <param name="output">Where to write the UTF-8 bytes.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void WriteLine(TicketEvaluation evaluation, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        ArgumentNullException.ThrowIfNull(output);
        using var writer = new Utf8JsonWriter(output, Options);
        writer.WriteStartObject();
        writer.WriteString("id", evaluation.TicketId);
        if (evaluation.Error is { } error)
        {
            writer.WriteString("error", error);
            writer.WriteEndObject();
            return;
        }
        writer.WriteString("service", evaluation.Service);
        writer.WriteString("policyVersion", evaluation.PolicyVersion);
        writer.WriteStartArray("metrics");
        foreach (var metric in evaluation.Metrics)
        {
            WriteMetric(writer, metric, evaluation.Service);
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>The document name of a status: <c>met</c>, <c>breached</c>, <c>running</c>, <c>paused</c>, <c>atRisk</c>, <c>notApplicable</c>, <c>cancelled</c>.</summary>
    /// <param name="status">The status.</param>
    /// <returns>The name.</returns>
    public static string StatusName(MetricStatus status) => status switch
    {
        MetricStatus.Met => "met",
        MetricStatus.Breached => "breached",
        MetricStatus.Running => "running",
        MetricStatus.Paused => "paused",
        MetricStatus.AtRisk => "atRisk",
        MetricStatus.Cancelled => "cancelled",
        _ => "notApplicable",
    };

    /// <summary>The document form of a target: an ISO duration for <c>within</c>, a description for business days.</summary>
    /// <param name="target">The target, or <see langword="null"/>.</param>
    /// <returns>The text, or <see langword="null"/>.</returns>
    public static string? TargetText(SlaTarget? target) => target switch
    {
        DurationTarget duration => DurationText.Format(duration.Within),
        BusinessDaysTarget days => days.Days.ToString(),
        _ => null,
    };

    private static void WriteMetric(Utf8JsonWriter writer, MetricResult metric, string? ticketService)
    {
        writer.WriteStartObject();
        writer.WriteString("metric", PolicyNames.Of(metric.Metric));
        writer.WriteNumber("cycle", metric.Cycle);
        writer.WriteString("status", StatusName(metric.Status));
        writer.WriteString("start", InstantText.Format(metric.Start));
        WriteInstant(writer, "stop", metric.Stop);
        WriteOptional(writer, "target", TargetText(metric.Target));
        WriteOptional(writer, "calendar", metric.Target is null ? null : metric.Target.CalendarId ?? Sla.Core.Calendars.BusinessCalendar.AlwaysOpenId);
        WriteInstant(writer, "deadline", metric.Deadline);
        writer.WriteString("elapsed", DurationText.Format(metric.Elapsed));
        WriteOptional(writer, "remaining", metric.Remaining is { } remaining ? DurationText.Format(remaining) : null);
        WriteInstant(writer, "breachedAt", metric.BreachedAt);
        if (metric.Warning is { } warning)
        {
            writer.WriteNumber("warning", warning);
        }
        else
        {
            writer.WriteNull("warning");
        }
        WriteInstant(writer, "nextChangeAt", metric.NextChangeAt);
        // Only after a service change does a result's target come from another service than the ticket's.
        if (metric.Service != ticketService)
        {
            writer.WriteString("service", metric.Service);
        }
        if (metric.Variant is { } variant)
        {
            writer.WriteString("variant", variant);
        }
        if (!metric.Segments.IsDefaultOrEmpty)
        {
            writer.WriteStartArray("segments");
            foreach (var segment in metric.Segments)
            {
                writer.WriteStartObject();
                writer.WriteString("from", InstantText.Format(segment.Interval.Start));
                writer.WriteString("to", InstantText.Format(segment.Interval.End));
                writer.WriteString("kind", JsonNamingPolicy.CamelCase.ConvertName(segment.Kind.ToString()));
                WriteOptional(writer, "reason", segment.Reason);
                WriteOptional(writer, "calendar", segment.CalendarId);
                writer.WriteString("businessTime", DurationText.Format(segment.BusinessTime));
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
        writer.WriteEndObject();
    }

    private static void WriteInstant(Utf8JsonWriter writer, string name, Instant? value)
    {
        if (value is { } instant)
        {
            writer.WriteString(name, InstantText.Format(instant));
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    private static void WriteOptional(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }
}
