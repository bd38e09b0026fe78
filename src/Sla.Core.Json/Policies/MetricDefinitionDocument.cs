using System.Collections.Immutable;
using System.Text.Json;
using Sla.Core.Policies;

namespace Sla.Core.Json.Policies;

/// <summary>Reads and writes a version's <c>metrics</c> list and clock options (<c>priorityChange</c>, <c>businessDaysPause</c>, <c>warnings</c>).</summary>
internal static class MetricDefinitionDocument
{
    private static readonly string[] Fields = ["id", "preset", "start", "stop", "cancel", "resume", "cycles", "pauseWhile", "startAfter"];

    public static void ReadOptions(JsonElement version, string path, DocumentReader reader, PolicyVersionBuilder builder)
    {
        switch (reader.OptionalString(version, "priorityChange", path))
        {
            case null:
                break;
            case "keepCounted":
                builder.WithPriorityChange(PriorityChangeRule.KeepCounted);
                break;
            case "restart":
                builder.WithPriorityChange(PriorityChangeRule.Restart);
                break;
            case var other:
                reader.Report(DocumentReader.Join(path, "priorityChange"), $"'{other}' is not a priority-change rule: use keepCounted or restart.");
                break;
        }
        switch (reader.OptionalString(version, "businessDaysPause", path))
        {
            case null:
                break;
            case "extend":
                builder.WithBusinessDaysPause(BusinessDaysPauseRule.Extend);
                break;
            case "ignore":
                builder.WithBusinessDaysPause(BusinessDaysPauseRule.Ignore);
                break;
            case var other:
                reader.Report(DocumentReader.Join(path, "businessDaysPause"), $"'{other}' is not a business-days pause rule: use extend or ignore.");
                break;
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
            if (!reader.ExpectObject(element, metricPath, "a metric", Fields))
            {
                continue;
            }
            if (!reader.Require(element, "id", metricPath, "A metric needs an id, the name its targets use."))
            {
                continue;
            }
            var metric = builder.AddMetric(reader.OptionalString(element, "id", metricPath) ?? string.Empty, metricPath);
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
            switch (reader.OptionalString(element, "cycles", metricPath))
            {
                case null:
                    break;
                case "once":
                    metric.WithCycles(MetricCycles.Once);
                    break;
                case "each":
                    metric.WithCycles(MetricCycles.Each);
                    break;
                case var other:
                    reader.Report(DocumentReader.Join(metricPath, "cycles"), $"'{other}' is not a cycles rule: use once (only the first start counts) or each.");
                    break;
            }
            if (element.TryGetProperty("pauseWhile", out var pauses) && pauses.ValueKind != JsonValueKind.Null)
            {
                metric.PauseWhile([.. Strings(element, "pauseWhile", metricPath, reader)]);
            }
            if (reader.OptionalString(element, "startAfter", metricPath) is { } after)
            {
                metric.StartAfter(after);
            }
        }
    }

    public static void Write(Utf8JsonWriter writer, PolicyVersion version)
    {
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

    private static IEnumerable<string> Strings(JsonElement element, string field, string path, DocumentReader reader)
    {
        foreach (var (item, itemPath) in reader.OptionalArray(element, field, path))
        {
            if (item.ValueKind == JsonValueKind.String)
            {
                yield return item.GetString()!;
            }
            else
            {
                reader.Report(itemPath, $"Expected a status, found {DocumentReader.Describe(item)}.");
            }
        }
    }
}
