using System.Collections.Immutable;
using System.Text.Json;
using NodaTime;
using Sla.Core.Policies;

namespace Sla.Core.Json.Policies;

/// <summary>Reads and writes a version's <c>metrics</c> list, its clock options (<c>priorityChange</c>, <c>businessDaysPause</c>, <c>warnings</c>) and its <c>reportingTimeZone</c>.</summary>
internal static class MetricDefinitionDocument
{
    private static readonly string[] Fields = ["id", "preset", "start", "stop", "cancel", "resume", "cycles", "pauseWhile", "startAfter"];
    private static readonly (string, PriorityChangeRule)[] PriorityChanges = [("keepCounted", PriorityChangeRule.KeepCounted), ("restart", PriorityChangeRule.Restart)];
    private static readonly (string, BusinessDaysPauseRule)[] BusinessDaysPauses = [("extend", BusinessDaysPauseRule.Extend), ("ignore", BusinessDaysPauseRule.Ignore)];
    private static readonly (string, MetricCycles)[] Cycles = [("once", MetricCycles.Once), ("each", MetricCycles.Each)];

    private static readonly string[] VersionFields = ["metrics", "warnings", "priorityChange", "businessDaysPause", "reportingTimeZone"];

    public static void ReadOptions(JsonElement version, string path, DocumentReader reader, PolicyVersionBuilder builder, IDateTimeZoneProvider zones)
    {
        RejectNulls(version, VersionFields, path, reader, "the default");
        if (reader.OptionalString(version, "reportingTimeZone", path) is { } zoneId)
        {
            if (zones.GetZoneOrNull(zoneId) is { } zone)
            {
                builder.WithReportingTimeZone(zone);
            }
            else
            {
                reader.Report(DocumentReader.Join(path, "reportingTimeZone"), $"'{zoneId}' is not a time zone known to {zones.VersionId}: use an IANA zone id such as Europe/London.");
            }
        }
        if (Choice(version, "priorityChange", path, reader, "a priority-change rule", PriorityChanges) is { } priorityChange)
        {
            builder.WithPriorityChange(priorityChange);
        }
        if (Choice(version, "businessDaysPause", path, reader, "a business-days pause rule", BusinessDaysPauses) is { } businessDaysPause)
        {
            builder.WithBusinessDaysPause(businessDaysPause);
        }
        if (!version.TryGetProperty("warnings", out var listed) || listed.ValueKind == JsonValueKind.Null)
        {
            return;
        }
        var fractions = new List<double>();
        foreach (var (item, itemPath) in reader.OptionalArray(version, "warnings", path))
        {
            if (item.ValueKind == JsonValueKind.Number)
            {
                fractions.Add(item.GetDouble());
            }
            else
            {
                reader.Report(itemPath, $"Expected a fraction such as 0.9, found {DocumentReader.Describe(item)}.");
            }
        }
        builder.WithWarnings([.. fractions]);
    }

    public static void ReadMetrics(JsonElement version, string path, DocumentReader reader, PolicyVersionBuilder builder)
    {
        if (version.TryGetProperty("metrics", out var metrics) && metrics.ValueKind != JsonValueKind.Null)
        {
            builder.NoteMetricsListed();
        }
        foreach (var (element, metricPath) in reader.OptionalArray(version, "metrics", path))
        {
            if (!reader.ExpectObject(element, metricPath, "a metric", Fields)
                || !reader.Require(element, "id", metricPath, "A metric needs an id, the name its targets use.")
                || reader.OptionalString(element, "id", metricPath) is not { } id)
            {
                builder.NoteUnreadableMetric();
                continue;
            }
            RejectNulls(element, Fields, metricPath, reader, "the preset's value, or the default");
            var metric = builder.AddMetric(id, metricPath);
            if (reader.OptionalString(element, "preset", metricPath) is { } presetText)
            {
                if (MetricDefinition.TryParsePreset(presetText, out var preset))
                {
                    metric.FromPreset(preset);
                }
                else
                {
                    reader.Report(DocumentReader.Join(metricPath, "preset"), $"'{presetText}' is not a preset: use firstResponse, nextResponse, resolution, periodicUpdate or pausableUpdate.");
                }
            }
            if (Triggers(element, "start", metricPath, reader) is { } start)
            {
                metric.StartOn([.. start]);
            }
            if (Triggers(element, "stop", metricPath, reader) is { } stop)
            {
                metric.StopOn([.. stop]);
            }
            if (Triggers(element, "cancel", metricPath, reader) is { } cancel)
            {
                metric.CancelOn([.. cancel]);
            }
            if (Triggers(element, "resume", metricPath, reader) is { } resume)
            {
                metric.ResumeOn([.. resume]);
            }
            if (Choice(element, "cycles", metricPath, reader, "a cycles rule", Cycles) is { } cycles)
            {
                metric.WithCycles(cycles);
            }
            if (element.TryGetProperty("pauseWhile", out var pauses) && pauses.ValueKind != JsonValueKind.Null)
            {
                metric.PauseWhile([.. PolicyDocument.Strings(element, "pauseWhile", metricPath, reader)]);
            }
            if (reader.OptionalString(element, "startAfter", metricPath) is { } after)
            {
                metric.StartAfter(after);
            }
        }
    }

    public static void Write(Utf8JsonWriter writer, PolicyVersion version)
    {
        if (version.ExplicitReportingTimeZone is { } zone)
        {
            writer.WriteString("reportingTimeZone", zone.Id);
        }
        if (version.PriorityChange != PriorityChangeRule.KeepCounted)
        {
            writer.WriteString("priorityChange", "restart");
        }
        if (version.BusinessDaysPause != BusinessDaysPauseRule.Extend)
        {
            writer.WriteString("businessDaysPause", "ignore");
        }
        if (version.Warnings.Length != 1 || version.Warnings[0] != version.WarningAt)
        {
            writer.WriteStartArray("warnings");
            foreach (var fraction in version.Warnings)
            {
                writer.WriteNumberValue(fraction);
            }
            writer.WriteEndArray();
        }
        if (!version.DefinesMetrics)
        {
            return;
        }
        writer.WriteStartArray("metrics");
        foreach (var metric in version.Metrics)
        {
            writer.WriteStartObject();
            writer.WriteString("id", metric.Metric.Id);
            WriteTriggers(writer, "start", metric.Start);
            WriteTriggers(writer, "stop", metric.Stop);
            WriteTriggers(writer, "cancel", metric.Cancel);
            WriteTriggers(writer, "resume", metric.Resume);
            writer.WriteString("cycles", metric.Cycles == MetricCycles.Each ? "each" : "once");
            writer.WriteStartArray("pauseWhile");
            foreach (var status in metric.PauseWhile)
            {
                writer.WriteStringValue(status);
            }
            writer.WriteEndArray();
            if (metric.StartAfter is { } after)
            {
                writer.WriteString("startAfter", after.Id);
            }
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }

    private static void WriteTriggers(Utf8JsonWriter writer, string name, ImmutableArray<MetricTrigger> triggers)
    {
        writer.WriteStartArray(name);
        foreach (var trigger in triggers)
        {
            writer.WriteStringValue(trigger.ToString());
        }
        writer.WriteEndArray();
    }

    private static List<MetricTrigger>? Triggers(JsonElement element, string field, string path, DocumentReader reader)
    {
        if (!element.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        var triggers = new List<MetricTrigger>();
        foreach (var (item, itemPath) in reader.OptionalArray(element, field, path))
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                reader.Report(itemPath, $"Expected a trigger such as agentReply or status:pending, found {DocumentReader.Describe(item)}.");
            }
            else if (MetricTrigger.TryParse(item.GetString(), out var trigger, out var problem))
            {
                triggers.Add(trigger);
            }
            else
            {
                reader.Report(itemPath, problem);
            }
        }
        return triggers;
    }

    /// <summary>
    /// Reports fields written as <c>null</c>: leaving a field out means "the preset's or the default value", and a
    /// <c>null</c> that meant "none" (<c>"pauseWhile": null</c>) would otherwise silently mean the opposite.
    /// </summary>
    private static void RejectNulls(JsonElement element, string[] fields, string path, DocumentReader reader, string meaning)
    {
        foreach (var field in fields)
        {
            if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.Null)
            {
                reader.Report(DocumentReader.Join(path, field), $"\"{field}\" is null: leave it out for {meaning}, or give a value ([] for none).");
            }
        }
    }

    /// <summary>Reads a field that names one of a few choices; reports any other text with the choices.</summary>
    private static T? Choice<T>(JsonElement element, string field, string path, DocumentReader reader, string what, (string Name, T Value)[] choices)
        where T : struct
    {
        if (reader.OptionalString(element, field, path) is not { } text)
        {
            return null;
        }
        foreach (var (name, value) in choices)
        {
            if (name == text)
            {
                return value;
            }
        }
        reader.Report(DocumentReader.Join(path, field), $"'{text}' is not {what}: use {string.Join(" or ", choices.Select(c => c.Name))}.");
        return null;
    }
}
