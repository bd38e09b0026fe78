using System.Text.Json;
using Sla.Core.Calendars;
using Sla.Core.Json.Calendars;
using Sla.Core.Policies;
using Sla.Core.Text;

namespace Sla.Core.Json.Policies;

/// <summary>Writes a policy in the policy-document shape (formats.md).</summary>
internal static class PolicyDocumentWriter
{
    public static void Write(Utf8JsonWriter writer, PolicySet policy)
    {
        writer.WriteStartObject();
        writer.WriteString("id", policy.Id);
        writer.WriteString("name", policy.Name);
        writer.WriteStartArray("versions");
        foreach (var version in policy.Versions)
        {
            WriteVersion(writer, version);
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteVersion(Utf8JsonWriter writer, PolicyVersion version)
    {
        writer.WriteStartObject();
        writer.WriteString("version", version.Version);
        writer.WriteString("effectiveFrom", InstantText.Format(version.EffectiveFrom));
        writer.WriteStartArray("calendars");
        foreach (var calendar in version.Calendars)
        {
            CalendarDocumentWriter.Write(writer, calendar);
        }
        writer.WriteEndArray();
        WriteStrings(writer, "priorities", version.Priorities);
        WriteStrings(writer, "pauseStatuses", version.PauseStatuses);
        writer.WriteNumber("warningAt", version.WarningAt);
        MetricDefinitionDocument.Write(writer, version);
        writer.WriteStartArray("services");
        foreach (var service in version.Services)
        {
            writer.WriteStartObject();
            writer.WriteString("id", service.Id);
            writer.WriteString("name", service.Name);
            WriteTargets(writer, service.Targets);
            if (!service.Variants.IsEmpty)
            {
                writer.WriteStartArray("variants");
                foreach (var variant in service.Variants)
                {
                    writer.WriteStartObject();
                    writer.WriteString("id", variant.Id);
                    writer.WriteStartObject("when");
                    foreach (var condition in variant.When)
                    {
                        WriteStrings(writer, condition.Attribute, condition.Values);
                    }
                    writer.WriteEndObject();
                    WriteTargets(writer, variant.Targets);
                    writer.WriteEndObject();
                }
                writer.WriteEndArray();
            }
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteStartArray("objectives");
        foreach (var objective in version.Objectives)
        {
            writer.WriteStartObject();
            writer.WriteString("service", objective.Service);
            WriteOptional(writer, "variant", objective.Variant);
            WriteOptional(writer, "priority", objective.Priority);
            writer.WriteString("metric", PolicyNames.Of(objective.Metric));
            writer.WriteNumber("atLeast", objective.AtLeast);
            writer.WriteString("period", PolicyNames.Of(objective.Period));
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteStartArray("credits");
        foreach (var tier in version.Credits)
        {
            writer.WriteStartObject();
            writer.WriteString("service", tier.Service);
            WriteOptional(writer, "variant", tier.Variant);
            WriteOptional(writer, "priority", tier.Priority);
            writer.WriteString("metric", PolicyNames.Of(tier.Metric));
            writer.WriteNumber("below", tier.Below);
            writer.WriteNumber("creditPercent", tier.CreditPercent);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteStartArray("availability");
        foreach (var objective in version.Availability)
        {
            writer.WriteStartObject();
            writer.WriteString("service", objective.Service);
            writer.WriteNumber("atLeast", objective.AtLeast);
            writer.WriteString("period", PolicyNames.Of(objective.Period));
            WriteOptional(writer, "calendar", objective.CalendarId);
            writer.WriteStartArray("credits");
            foreach (var credit in objective.Credits)
            {
                writer.WriteStartObject();
                writer.WriteNumber("below", credit.Below);
                writer.WriteNumber("creditPercent", credit.CreditPercent);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteTargets(Utf8JsonWriter writer, System.Collections.Immutable.ImmutableArray<ServiceTarget> targets)
    {
        writer.WriteStartObject("targets");
        foreach (var byPriority in targets.GroupBy(t => t.Priority))
        {
            writer.WriteStartObject(byPriority.Key);
            foreach (var target in byPriority)
            {
                writer.WritePropertyName(PolicyNames.Of(target.Metric));
                WriteTarget(writer, target.Target);
            }
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
    }

    /// <summary>A target as a policy document writes it (hosts' JSON writes it the same way).</summary>
    internal static void WriteTarget(Utf8JsonWriter writer, SlaTarget target)
    {
        writer.WriteStartObject();
        switch (target)
        {
            case DurationTarget duration:
                writer.WriteString("within", DurationText.Format(duration.Within));
                break;
            case BusinessDaysTarget days:
                writer.WriteNumber("businessDays", days.Days.Days);
                if (days.Days.Cutoff is { } cutoff)
                {
                    writer.WriteString("cutoff", TimeOfDayText.Format(cutoff));
                }
                if (days.Days.At is { } at)
                {
                    writer.WriteString("at", TimeOfDayText.Format(at));
                }
                break;
        }
        WriteOptional(writer, "calendar", target.CalendarId);
        writer.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter writer, string name, IEnumerable<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }
        writer.WriteEndArray();
    }

    private static void WriteOptional(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }
}
