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
    private static readonly string[] ObjectiveFields = ["service", "variant", "priority", "metric", "atLeast", "period"];
    private static readonly string[] CreditFields = ["service", "variant", "priority", "metric", "below", "creditPercent"];
    private static readonly string[] AvailabilityFields = ["service", "atLeast", "period", "calendar", "credits"];
    private static readonly string[] AvailabilityCreditFields = ["below", "creditPercent"];

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
        var calendarElements = reader.OptionalArray(element, "calendars", path).ToList();
        var calendars = CalendarSetReader.Read(calendarElements, reader, zones, "this version");
        for (var i = 0; i < calendarElements.Count; i++)
        {
            var (calendarElement, calendarPath) = calendarElements[i];
            if (calendars[i] is { } calendar)
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
            ServiceDocument.Read(serviceElement, servicePath, reader, version);
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
}
