using System.Text.Json;
using NodaTime;
using Sla.Core.Calendars;
using Sla.Core.Policies;
using Sla.Core.Text;

namespace Sla.Core.Json.Policies;

/// <summary>Reads a service of a policy document: its targets and its variants (their conditions and targets), every problem with its path.</summary>
internal static class ServiceDocument
{
    private static readonly string[] ServiceFields = ["id", "name", "targets", "variants"];
    private static readonly string[] VariantFields = ["id", "when", "targets"];
    private static readonly string[] TargetFields = ["within", "businessDays", "cutoff", "at", "calendar"];
    private static readonly string[] BusinessDaysOnlyFields = ["cutoff", "at"];

    public static void Read(JsonElement element, string path, DocumentReader reader, PolicyVersionBuilder version)
    {
        if (!reader.ExpectObject(element, path, "a service", ServiceFields))
        {
            return;
        }
        var service = version.AddService(reader.OptionalString(element, "id", path) ?? string.Empty, reader.OptionalString(element, "name", path) ?? string.Empty, path);
        ReadTargets(element, path, reader, (priority, metric, target) => service.Target(priority, metric, target));
        foreach (var (variantElement, variantPath) in reader.OptionalArray(element, "variants", path))
        {
            if (!reader.ExpectObject(variantElement, variantPath, "a variant", VariantFields))
            {
                continue;
            }
            var variant = service.AddVariant(reader.OptionalString(variantElement, "id", variantPath) ?? string.Empty, variantPath);
            ReadConditions(variantElement, variantPath, reader, variant);
            ReadTargets(variantElement, variantPath, reader, (priority, metric, target) => variant.Target(priority, metric, target));
        }
    }

    private static void ReadConditions(JsonElement element, string path, DocumentReader reader, VariantBuilder variant)
    {
        var whenPath = DocumentReader.Join(path, "when");
        if (!element.TryGetProperty("when", out var when) || when.ValueKind == JsonValueKind.Null)
        {
            // No conditions: the validator says what that means.
            return;
        }
        if (when.ValueKind != JsonValueKind.Object)
        {
            reader.Report(whenPath, $"Expected conditions by attribute (a JSON object such as {{\"tier\": [\"gold\"]}}), found {DocumentReader.Describe(when)}.");
            variant.NoteUnreadableConditions();
            return;
        }
        foreach (var condition in when.EnumerateObject())
        {
            var conditionPath = DocumentReader.Join(whenPath, condition.Name);
            if (condition.Value.ValueKind == JsonValueKind.String)
            {
                reader.Report(conditionPath, $"Expected a list of values, such as [\"{condition.Value.GetString()}\"], found a string.");
                variant.NoteUnreadableConditions();
                continue;
            }
            if (condition.Value.ValueKind != JsonValueKind.Array)
            {
                reader.Report(conditionPath, $"Expected a list of values, such as [\"gold\"], found {DocumentReader.Describe(condition.Value)}.");
                variant.NoteUnreadableConditions();
                continue;
            }
            var values = new List<string>();
            var index = 0;
            var readable = true;
            foreach (var value in condition.Value.EnumerateArray())
            {
                if (value.ValueKind == JsonValueKind.String)
                {
                    values.Add(value.GetString()!);
                }
                else
                {
                    reader.Report($"{conditionPath}[{index}]", $"Expected a string, found {DocumentReader.Describe(value)}.");
                    readable = false;
                }
                index++;
            }
            if (readable)
            {
                variant.When(condition.Name, [.. values]);
            }
            else
            {
                variant.NoteUnreadableConditions();
            }
        }
    }

    private static void ReadTargets(JsonElement element, string path, DocumentReader reader, Action<string, Metric, SlaTarget> add)
    {
        if (!element.TryGetProperty("targets", out var targets) || targets.ValueKind == JsonValueKind.Null)
        {
            return;
        }
        var targetsPath = DocumentReader.Join(path, "targets");
        if (targets.ValueKind != JsonValueKind.Object)
        {
            reader.Report(targetsPath, $"Expected targets by priority (a JSON object such as {{\"P1\": {{...}}}}), found {DocumentReader.Describe(targets)}.");
            return;
        }
        foreach (var priority in targets.EnumerateObject())
        {
            var priorityPath = DocumentReader.Join(targetsPath, priority.Name);
            if (priority.Value.ValueKind != JsonValueKind.Object)
            {
                reader.Report(priorityPath, $"Expected the targets of a priority (a JSON object such as {{\"resolution\": {{\"within\": \"PT4H\"}}}}), found {DocumentReader.Describe(priority.Value)}.");
                continue;
            }
            foreach (var metricProperty in priority.Value.EnumerateObject())
            {
                var metricPath = DocumentReader.Join(priorityPath, metricProperty.Name);
                if (string.IsNullOrWhiteSpace(metricProperty.Name))
                {
                    reader.Report(metricPath, "A target needs a metric id as its name, such as resolution.");
                }
                else if (ReadTarget(metricProperty.Value, metricPath, reader) is { } target)
                {
                    add(priority.Name, Metric.Named(metricProperty.Name), target);
                }
            }
        }
    }

    private static SlaTarget? ReadTarget(JsonElement element, string path, DocumentReader reader)
    {
        if (!reader.ExpectObject(element, path, "a target", TargetFields))
        {
            return null;
        }
        var calendar = reader.OptionalString(element, "calendar", path);
        var hasWithin = element.TryGetProperty("within", out _);
        var hasDays = element.TryGetProperty("businessDays", out _);
        if (hasWithin == hasDays)
        {
            reader.Report(path, "A target is exactly one of: within (a duration such as PT4H) or businessDays (with optional cutoff and at).");
            return null;
        }
        if (hasWithin)
        {
            foreach (var field in BusinessDaysOnlyFields.Where(f => element.TryGetProperty(f, out _)))
            {
                reader.Report(DocumentReader.Join(path, field), $"'{field}' belongs to a businessDays target, not a within target.");
            }
            if (!reader.Require(element, "within", path, "\"within\" must be a duration such as PT4H, found null: leave the target out for a metric with no target."))
            {
                return null;
            }
            var text = reader.OptionalString(element, "within", path);
            if (text is null)
            {
                return null;
            }
            if (!DurationText.TryParse(text, out var within, out var problem))
            {
                reader.Report(DocumentReader.Join(path, "within"), problem);
                return null;
            }
            return new DurationTarget(within, calendar);
        }
        if (!reader.Require(element, "businessDays", path, "\"businessDays\" must be a whole number of working days, found null: leave the target out for a metric with no target."))
        {
            return null;
        }
        var days = reader.OptionalInt(element, "businessDays", path);
        if (days < 0)
        {
            reader.Report(DocumentReader.Join(path, "businessDays"), $"businessDays {days} is negative: use 0 for the day the ticket is received.");
            return null;
        }
        if (days > BusinessDays.MaxDays)
        {
            reader.Report(DocumentReader.Join(path, "businessDays"), $"businessDays {days} is more than the most a target may count, {BusinessDays.MaxDays:N0} working days.");
            return null;
        }
        var cutoff = Time(element, "cutoff", path, reader, out var cutoffOk);
        var at = Time(element, "at", path, reader, out var atOk);
        return days is { } d && cutoffOk && atOk ? new BusinessDaysTarget(new BusinessDays(d, cutoff, at), calendar) : null;
    }

    private static LocalTime? Time(JsonElement element, string field, string path, DocumentReader reader, out bool ok)
    {
        ok = true;
        var text = reader.OptionalString(element, field, path);
        if (text is null)
        {
            return null;
        }
        if (TimeOfDayText.TryParse(text, out var time))
        {
            return time;
        }
        ok = false;
        reader.Report(DocumentReader.Join(path, field), $"'{text}' is not a local time: write HH:mm, for example 16:00.");
        return null;
    }
}
