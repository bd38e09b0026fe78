using System.Text.Json;
using NodaTime;
using Sla.Core.Policies;
using Sla.Core.Text;

namespace Sla.Cli.Policies;

/// <summary><c>sla deadline</c>: every metric's deadline for a new ticket.</summary>
internal static class DeadlineCommand
{
    /// <summary>The attributes given as NAME=VALUE, or <see langword="null"/> (after saying why) when one is not.</summary>
    public static Dictionary<string, string>? Attributes(string[] given, CliConsole console)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var text in given)
        {
            var equals = text.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || string.IsNullOrWhiteSpace(text[..equals]))
            {
                console.Error.WriteLine($"--attribute: '{text}' is not NAME=VALUE, such as tier=gold.");
                return null;
            }
            if (!attributes.TryAdd(text[..equals], text[(equals + 1)..]))
            {
                console.Error.WriteLine($"--attribute: '{text[..equals]}' is given twice: give each attribute once.");
                return null;
            }
        }
        return attributes;
    }

    public static int Run(PolicySet policy, string service, string priority, Instant created, IReadOnlyDictionary<string, string> attributes, bool json, CliConsole console)
    {
        var version = policy.VersionAt(created);
        if (version is null)
        {
            console.Error.WriteLine($"No version of policy {policy.Id} is in force at {InstantText.Format(created)}: the first starts {InstantText.Format(policy.Versions[0].EffectiveFrom)}.");
            return ExitCodes.Invalid;
        }
        IReadOnlyList<MetricDeadline> deadlines;
        try
        {
            deadlines = version.Deadlines(service, priority, created, attributes);
        }
        catch (ArgumentException e)
        {
            console.Error.WriteLine(e.Message.Split(" (Parameter")[0]);
            return ExitCodes.Invalid;
        }
        var definition = version.Service(service)!;
        var variant = definition.VariantFor(attributes)?.Id;
        var watched = definition.Variants.SelectMany(v => v.When).Select(c => c.Attribute).Distinct(StringComparer.Ordinal).ToList();
        foreach (var name in attributes.Keys.Where(name => !watched.Contains(name, StringComparer.Ordinal)))
        {
            // Not an error (attributes are data), but a misspelt name would otherwise pass unnoticed.
            console.Error.WriteLine(watched.Count == 0
                ? $"--attribute: service '{service}' has no variants, so '{name}' changes nothing."
                : $"--attribute: no variant of service '{service}' looks at '{name}'; they look at {string.Join(", ", watched)}.");
        }
        if (json)
        {
            WriteJson(console.Out, version, service, variant, priority, created, deadlines);
        }
        else
        {
            console.Out.WriteLine($"{service}{(variant is null ? "" : $" (variant {variant})")} {priority}, created {InstantText.Format(created)}, policy version {version.Version}:");
            foreach (var d in deadlines)
            {
                var when = d.Kind switch
                {
                    DeadlineKind.Due => InstantText.Format(d.Deadline!.Value) + $" ({d.Deadline!.Value.InZone(version.Calendar(d.Target!.CalendarId).Zone):yyyy-MM-dd HH:mm} {version.Calendar(d.Target!.CalendarId).Zone.Id})",
                    DeadlineKind.NotApplicable => "no target",
                    DeadlineKind.StartsLater => StartsLater(version.Metrics.First(m => m.Metric == d.Metric)),
                    _ => "unreachable: the calendar has no working time left",
                };
                console.Out.WriteLine($"  {PolicyNames.Of(d.Metric),-14} {d.Target?.Describe() ?? "",-36} {when}");
            }
        }
        return deadlines.Any(d => d.Kind == DeadlineKind.Unreachable) ? ExitCodes.SomeFailed : ExitCodes.Ok;
    }

    /// <summary>When a metric that does not start at creation starts: "from each customerMessage", "from the first assigned:L2 after triage first stops".</summary>
    private static string StartsLater(MetricDefinition metric) =>
        $"from {(metric.Cycles == MetricCycles.Each ? "each" : "the first")} {string.Join(" or ", metric.Start.Where(t => t.Kind != MetricTriggerKind.Created))}"
        + (metric.StartAfter is { } after ? $" after {after.Id} first stops" : "");

    private static void WriteJson(TextWriter output, PolicyVersion version, string service, string? variant, string priority, Instant created, IReadOnlyList<MetricDeadline> deadlines)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("service", service);
            if (variant is not null)
            {
                writer.WriteString("variant", variant);
            }
            writer.WriteString("priority", priority);
            writer.WriteString("created", InstantText.Format(created));
            writer.WriteString("policyVersion", version.Version);
            writer.WriteStartArray("metrics");
            foreach (var d in deadlines)
            {
                writer.WriteStartObject();
                writer.WriteString("metric", PolicyNames.Of(d.Metric));
                writer.WriteString("status", JsonNamingPolicy.CamelCase.ConvertName(d.Kind.ToString()));
                if (d.Target is DurationTarget duration)
                {
                    writer.WriteString("target", DurationText.Format(duration.Within));
                }
                else if (d.Target is BusinessDaysTarget days)
                {
                    writer.WriteString("target", days.Days.ToString());
                }
                else
                {
                    writer.WriteNull("target");
                }
                if (d.Target is not null)
                {
                    writer.WriteString("calendar", d.Target.CalendarId ?? "24x7");
                }
                if (d.Deadline is { } deadline)
                {
                    writer.WriteString("deadline", InstantText.Format(deadline));
                }
                else
                {
                    writer.WriteNull("deadline");
                }
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        output.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
    }
}
