using System.Collections.Immutable;
using System.Text.Json;
using NodaTime;
using Sla.Core.Calendars;
using Sla.Core.Json.Calendars;
using Sla.Core.Policies;
using Sla.Core.Text;
using Sla.Core.Validation;

namespace Sla.Core.Json.Policies;

/// <summary>
/// Reads and writes policy documents (formats.md, "Policy document"). Reading reports every problem at
/// once with its JSON path (<c>versions[0].services[1].targets.P2.resolution.calendar</c>): malformed
/// JSON, unknown fields, malformed values, then everything the policy and calendar validators check.
/// </summary>
/// <remarks>Stateless and thread-safe.</remarks>
public static class PolicyDocument
{
    private static readonly string[] PolicyFields = ["id", "name", "versions"];
    private static readonly string[] VersionFields = ["version", "effectiveFrom", "calendars", "priorities", "pauseStatuses", "warningAt", "services", "objectives", "credits", "availability",
        "metrics", "priorityChange", "businessDaysPause", "warnings", "reportingTimeZone"];
    private static readonly string[] ServiceFields = ["id", "name", "targets", "variants"];
    private static readonly string[] VariantFields = ["id", "when", "targets"];
    private static readonly string[] TargetFields = ["within", "businessDays", "cutoff", "at", "calendar"];
    private static readonly string[] ObjectiveFields = ["service", "variant", "priority", "metric", "atLeast", "period"];
    private static readonly string[] CreditFields = ["service", "variant", "priority", "metric", "below", "creditPercent"];
    private static readonly string[] AvailabilityFields = ["service", "atLeast", "period", "calendar", "credits"];
    private static readonly string[] AvailabilityCreditFields = ["below", "creditPercent"];
    private static readonly string[] BusinessDaysOnlyFields = ["cutoff", "at"];

    /// <summary>Reads a policy document.</summary>
    /// <param name="json">The document's text.</param>
    /// <param name="zones">The time zone provider; NodaTime's TZDB when <see langword="null"/>.</param>
    /// <returns>The policy.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="DefinitionValidationException">The document has errors; every problem is listed.</exception>
    public static PolicySet Parse(string json, IDateTimeZoneProvider? zones = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        return TryParse(json, out var policy, out var problems, zones) ? policy : throw new DefinitionValidationException(problems);
    }

    /// <summary>Tries to read a policy document.</summary>
    /// <param name="json">The document's text.</param>
    /// <param name="policy">The policy, when the document has no errors.</param>
    /// <param name="problems">Every problem found; warnings too when the policy is valid.</param>
    /// <param name="zones">The time zone provider; NodaTime's TZDB when <see langword="null"/>.</param>
    /// <returns><see langword="true"/> when the document holds a valid policy (warnings allowed).</returns>
    public static bool TryParse(string json, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out PolicySet? policy,
        out ImmutableArray<ValidationProblem> problems, IDateTimeZoneProvider? zones = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        var reader = new DocumentReader();
        policy = null;
        using (var document = DocumentReader.Parse(json, reader))
        {
            if (document is not null && Read(document.RootElement, reader, zones ?? DateTimeZoneProviders.Tzdb) is { } builder)
            {
                reader.AddRange(builder.Validate());
                policy = reader.HasErrors ? null : builder.Build();
            }
        }
        problems = [.. reader.Problems];
        return policy is not null;
    }

    /// <summary>Writes a policy as a policy document; reading it back gives a policy with the same meaning.</summary>
    /// <param name="policy">The policy.</param>
    /// <returns>The document, indented.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="policy"/> is null.</exception>
    public static string Write(PolicySet policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return JsonText.Write(writer => PolicyDocumentWriter.Write(writer, policy));
    }

    private static PolicySetBuilder? Read(JsonElement root, DocumentReader reader, IDateTimeZoneProvider zones)
    {
        if (!reader.ExpectObject(root, string.Empty, "a policy", PolicyFields))
        {
            return null;
        }
        var builder = new PolicySetBuilder(reader.OptionalString(root, "id", string.Empty) ?? string.Empty,
            reader.OptionalString(root, "name", string.Empty) ?? string.Empty);
        foreach (var (element, path) in reader.OptionalArray(root, "versions", string.Empty))
        {
            ReadVersion(element, path, reader, zones, builder);
        }
        return builder;
    }

    private static void ReadVersion(JsonElement element, string path, DocumentReader reader, IDateTimeZoneProvider zones, PolicySetBuilder policy)
    {
        if (!reader.ExpectObject(element, path, "a policy version", VersionFields))
        {
            return;
        }
        var effectiveText = reader.OptionalString(element, "effectiveFrom", path);
        var effectiveFrom = Instant.MinValue;
        if (effectiveText is null)
        {
            reader.Require(element, "effectiveFrom", path, "A version needs effectiveFrom, the instant it comes into force (such as 2026-01-01T00:00:00Z).");
        }
        else if (!InstantText.TryParse(effectiveText, out effectiveFrom))
        {
            reader.Report(DocumentReader.Join(path, "effectiveFrom"), InstantText.Problem(effectiveText));
        }
        var version = policy.AddVersion(reader.OptionalString(element, "version", path) ?? string.Empty, effectiveFrom, path);
        foreach (var (calendarElement, calendarPath) in reader.OptionalArray(element, "calendars", path))
        {
            if (CalendarDocument.Read(calendarElement, calendarPath, reader, zones) is { } calendar)
            {
                version.AddCalendar(calendar, calendarPath);
            }
            else if (calendarElement.ValueKind == JsonValueKind.Object && calendarElement.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String)
            {
                version.NoteUnreadableCalendar(id.GetString()!);
            }
        }
        version.WithPriorities([.. Strings(element, "priorities", path, reader)]);
        version.WithPauseStatuses([.. Strings(element, "pauseStatuses", path, reader)]);
        if (element.TryGetProperty("warningAt", out var warning) && warning.ValueKind != JsonValueKind.Null)
        {
            if (warning.ValueKind == JsonValueKind.Number)
            {
                version.WithWarningAt(warning.GetDouble());
            }
            else
            {
                reader.Report(DocumentReader.Join(path, "warningAt"), $"Expected a number, found {DocumentReader.Describe(warning)}.");
            }
        }
        MetricDefinitionDocument.ReadOptions(element, path, reader, version, zones);
        MetricDefinitionDocument.ReadMetrics(element, path, reader, version);
        foreach (var (serviceElement, servicePath) in reader.OptionalArray(element, "services", path))
        {
            ReadService(serviceElement, servicePath, reader, version);
        }
        foreach (var (item, itemPath) in reader.OptionalArray(element, "objectives", path))
        {
            if (!reader.ExpectObject(item, itemPath, "an objective", ObjectiveFields))
            {
                continue;
            }
            var (service, metric, period, atLeast) = (Service(item, itemPath, reader), Metric(item, itemPath, reader), Period(item, itemPath, reader), Fraction(item, "atLeast", itemPath, reader));
            if (metric is { } m && period is { } p && atLeast is { } a)
            {
                version.AddObjective(new ComplianceObjective(service, m, a, p, reader.OptionalString(item, "priority", itemPath), reader.OptionalString(item, "variant", itemPath)), itemPath);
            }
        }
        foreach (var (item, itemPath) in reader.OptionalArray(element, "credits", path))
        {
            if (!reader.ExpectObject(item, itemPath, "a credit tier", CreditFields))
            {
                continue;
            }
            var (service, metric, tier) = (Service(item, itemPath, reader), Metric(item, itemPath, reader), Tier(item, itemPath, reader));
            if (metric is { } m && tier is { } t)
            {
                version.AddCredit(new CreditTier(service, m, t.Below, t.CreditPercent, reader.OptionalString(item, "priority", itemPath), reader.OptionalString(item, "variant", itemPath)), itemPath);
            }
        }
        foreach (var (item, itemPath) in reader.OptionalArray(element, "availability", path))
        {
            ReadAvailability(item, itemPath, reader, version);
        }
    }

    private static void ReadService(JsonElement element, string path, DocumentReader reader, PolicyVersionBuilder version)
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
            foreach (var value in condition.Value.EnumerateArray())
            {
                if (value.ValueKind == JsonValueKind.String)
                {
                    values.Add(value.GetString()!);
                }
                else
                {
                    reader.Report($"{conditionPath}[{index}]", $"Expected a string, found {DocumentReader.Describe(value)}.");
                }
                index++;
            }
            variant.When(condition.Name, [.. values]);
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
                    add(priority.Name, Sla.Core.Policies.Metric.Named(metricProperty.Name), target);
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

    private static void ReadAvailability(JsonElement item, string path, DocumentReader reader, PolicyVersionBuilder version)
    {
        if (!reader.ExpectObject(item, path, "an availability objective", AvailabilityFields))
        {
            return;
        }
        var period = Period(item, path, reader);
        var atLeast = Fraction(item, "atLeast", path, reader);
        var credits = ImmutableArray.CreateBuilder<AvailabilityCredit>();
        var creditsOk = true;
        foreach (var (credit, creditPath) in reader.OptionalArray(item, "credits", path))
        {
            if (reader.ExpectObject(credit, creditPath, "an availability credit tier", AvailabilityCreditFields) && Tier(credit, creditPath, reader) is { } tier)
            {
                credits.Add(tier);
            }
            else
            {
                creditsOk = false;
            }
        }
        var service = Service(item, path, reader);
        if (period is { } p && atLeast is { } a && creditsOk)
        {
            version.AddAvailability(new AvailabilityObjective(service, a, p, reader.OptionalString(item, "calendar", path), credits.ToImmutable()), path);
        }
    }

    internal static IEnumerable<string> Strings(JsonElement element, string field, string path, DocumentReader reader)
    {
        foreach (var (item, itemPath) in reader.OptionalArray(element, field, path))
        {
            if (item.ValueKind == JsonValueKind.String)
            {
                yield return item.GetString()!;
            }
            else
            {
                reader.Report(itemPath, $"Expected a string, found {DocumentReader.Describe(item)}.");
            }
        }
    }

    private static string Service(JsonElement item, string path, DocumentReader reader) =>
        reader.Require(item, "service", path, "Name the service this applies to.") ? reader.OptionalString(item, "service", path) ?? string.Empty : string.Empty;

    private static Metric? Metric(JsonElement item, string path, DocumentReader reader)
    {
        if (!reader.Require(item, "metric", path, "Name the metric, such as resolution."))
        {
            return null;
        }
        var text = reader.OptionalString(item, "metric", path);
        if (string.IsNullOrWhiteSpace(text))
        {
            if (text is not null)
            {
                reader.Report(DocumentReader.Join(path, "metric"), "Name the metric, such as resolution.");
            }
            return null;
        }
        return Sla.Core.Policies.Metric.Named(text);
    }

    private static ReportingPeriod? Period(JsonElement item, string path, DocumentReader reader)
    {
        if (!reader.Require(item, "period", path, "Name the period: week, month or quarter."))
        {
            return null;
        }
        var text = reader.OptionalString(item, "period", path);
        if (PolicyNames.TryParsePeriod(text, out var period))
        {
            return period;
        }
        if (text is not null)
        {
            reader.Report(DocumentReader.Join(path, "period"), $"'{text}' is not a period: use week, month or quarter.");
        }
        return null;
    }

    private static decimal? Fraction(JsonElement item, string field, string path, DocumentReader reader) =>
        reader.Require(item, field, path, $"{field} is required: a fraction such as 0.95.") ? reader.OptionalDecimal(item, field, path) : null;

    private static AvailabilityCredit? Tier(JsonElement item, string path, DocumentReader reader)
    {
        var below = Fraction(item, "below", path, reader);
        var credit = reader.Require(item, "creditPercent", path, "creditPercent is required: the credit in percent, such as 5.")
            ? reader.OptionalDecimal(item, "creditPercent", path)
            : null;
        return below is { } b && credit is { } c ? new AvailabilityCredit(b, c) : null;
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
