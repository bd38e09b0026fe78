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
        using var writer = CreateWriter(output);
        WriteLine(evaluation, writer);
    }

    /// <summary>
    /// Creates a writer for <see cref="WriteLine(TicketEvaluation, Utf8JsonWriter)"/>: one that writes what
    /// <see cref="WriteLine(TicketEvaluation, IBufferWriter{byte})"/> writes. Not thread-safe, like every <see cref="Utf8JsonWriter"/>.
    /// </summary>
    /// <param name="output">Where its UTF-8 bytes go.</param>
    /// <returns>The writer; dispose it when done.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="output"/> is null.</exception>
    public static Utf8JsonWriter CreateWriter(IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        return new Utf8JsonWriter(output, Options);
    }

    /// <summary>
    /// Writes one evaluation as a single line of JSON (no line break) through <paramref name="writer"/>, and flushes it. A
    /// caller writing many lines keeps one writer from <see cref="CreateWriter"/> and calls <see cref="Utf8JsonWriter.Reset()"/>
    /// between lines, instead of making one a line.
    /// </summary>
    /// <param name="evaluation">The evaluation.</param>
    /// <param name="writer">The writer, at the start of a line.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void WriteLine(TicketEvaluation evaluation, Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        ArgumentNullException.ThrowIfNull(writer);
        Write(evaluation, writer);
        writer.Flush();
    }

    private static void Write(TicketEvaluation evaluation, Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString(Names.Id, evaluation.TicketId);
        if (evaluation.Error is { } error)
        {
            writer.WriteString(Names.Error, error);
            writer.WriteEndObject();
            return;
        }
        writer.WriteString(Names.Service, evaluation.Service);
        writer.WriteString(Names.PolicyVersion, evaluation.PolicyVersion);
        writer.WriteStartArray(Names.Metrics);
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
        writer.WriteString(Names.Metric, PolicyNames.Of(metric.Metric));
        writer.WriteNumber(Names.Cycle, metric.Cycle);
        writer.WriteString(Names.Status, StatusName(metric.Status));
        WriteInstant(writer, Names.Start, metric.Start);
        WriteInstant(writer, Names.Stop, metric.Stop);
        switch (metric.Target)
        {
            case DurationTarget duration:
                WriteDuration(writer, Names.Target, duration.Within);
                break;
            case { } target:
                writer.WriteString(Names.Target, TargetText(target));
                break;
            default:
                writer.WriteNull(Names.Target);
                break;
        }
        WriteOptional(writer, Names.Calendar, metric.Target is null ? null : metric.Target.CalendarId ?? Sla.Core.Calendars.BusinessCalendar.AlwaysOpenId);
        WriteInstant(writer, Names.Deadline, metric.Deadline);
        WriteDuration(writer, Names.Elapsed, metric.Elapsed);
        if (metric.Remaining is { } remaining)
        {
            WriteDuration(writer, Names.Remaining, remaining);
        }
        else
        {
            writer.WriteNull(Names.Remaining);
        }
        WriteInstant(writer, Names.BreachedAt, metric.BreachedAt);
        if (metric.Warning is { } warning)
        {
            writer.WriteNumber(Names.Warning, warning);
        }
        else
        {
            writer.WriteNull(Names.Warning);
        }
        WriteInstant(writer, Names.NextChangeAt, metric.NextChangeAt);
        // Only after a service change does a result's target come from another service than the ticket's.
        if (metric.Service != ticketService)
        {
            writer.WriteString(Names.Service, metric.Service);
        }
        if (metric.Variant is { } variant)
        {
            writer.WriteString(Names.Variant, variant);
        }
        if (!metric.Segments.IsDefaultOrEmpty)
        {
            writer.WriteStartArray(Names.Segments);
            foreach (var segment in metric.Segments)
            {
                writer.WriteStartObject();
                WriteInstant(writer, Names.From, segment.Interval.Start);
                WriteInstant(writer, Names.To, segment.Interval.End);
                writer.WriteString(Names.Kind, JsonNamingPolicy.CamelCase.ConvertName(segment.Kind.ToString()));
                WriteOptional(writer, Names.Reason, segment.Reason);
                WriteOptional(writer, Names.Calendar, segment.CalendarId);
                WriteDuration(writer, Names.BusinessTime, segment.BusinessTime);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
        writer.WriteEndObject();
    }

    private static void WriteInstant(Utf8JsonWriter writer, JsonEncodedText name, Instant? value)
    {
        if (value is { } instant)
        {
            WriteInstant(writer, name, instant);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    private static void WriteOptional(Utf8JsonWriter writer, JsonEncodedText name, string? value)
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

    // An evaluation writes about a dozen durations: from the stack, without a string each.
    private static void WriteDuration(Utf8JsonWriter writer, JsonEncodedText name, Duration duration)
    {
        Span<byte> text = stackalloc byte[DurationText.LongestUtf8];
        writer.WriteString(name, text[..DurationText.FormatUtf8(duration, text)]);
    }

    private static void WriteInstant(Utf8JsonWriter writer, JsonEncodedText name, Instant instant)
    {
        // Most instants are whole seconds: written from the stack, without a string each (an evaluation writes about twenty).
        Span<char> text = stackalloc char[InstantText.UtcSecondsLength];
        if (InstantText.TryFormatUtcSeconds(instant, text))
        {
            writer.WriteString(name, text);
        }
        else
        {
            writer.WriteString(name, InstantText.Format(instant));
        }
    }

    /// <summary>The property names, encoded once: a million lines write each of them millions of times.</summary>
    private static class Names
    {
        public static readonly JsonEncodedText BreachedAt = JsonEncodedText.Encode("breachedAt");
        public static readonly JsonEncodedText BusinessTime = JsonEncodedText.Encode("businessTime");
        public static readonly JsonEncodedText Calendar = JsonEncodedText.Encode("calendar");
        public static readonly JsonEncodedText Cycle = JsonEncodedText.Encode("cycle");
        public static readonly JsonEncodedText Deadline = JsonEncodedText.Encode("deadline");
        public static readonly JsonEncodedText Elapsed = JsonEncodedText.Encode("elapsed");
        public static readonly JsonEncodedText Error = JsonEncodedText.Encode("error");
        public static readonly JsonEncodedText From = JsonEncodedText.Encode("from");
        public static readonly JsonEncodedText Id = JsonEncodedText.Encode("id");
        public static readonly JsonEncodedText Kind = JsonEncodedText.Encode("kind");
        public static readonly JsonEncodedText Metric = JsonEncodedText.Encode("metric");
        public static readonly JsonEncodedText Metrics = JsonEncodedText.Encode("metrics");
        public static readonly JsonEncodedText NextChangeAt = JsonEncodedText.Encode("nextChangeAt");
        public static readonly JsonEncodedText PolicyVersion = JsonEncodedText.Encode("policyVersion");
        public static readonly JsonEncodedText Reason = JsonEncodedText.Encode("reason");
        public static readonly JsonEncodedText Remaining = JsonEncodedText.Encode("remaining");
        public static readonly JsonEncodedText Segments = JsonEncodedText.Encode("segments");
        public static readonly JsonEncodedText Service = JsonEncodedText.Encode("service");
        public static readonly JsonEncodedText Start = JsonEncodedText.Encode("start");
        public static readonly JsonEncodedText Status = JsonEncodedText.Encode("status");
        public static readonly JsonEncodedText Stop = JsonEncodedText.Encode("stop");
        public static readonly JsonEncodedText Target = JsonEncodedText.Encode("target");
        public static readonly JsonEncodedText To = JsonEncodedText.Encode("to");
        public static readonly JsonEncodedText Variant = JsonEncodedText.Encode("variant");
        public static readonly JsonEncodedText Warning = JsonEncodedText.Encode("warning");
    }
}
