using System.Collections.Immutable;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using Sla.Core.Calendars;
using Sla.Core.Text;
using Sla.Core.Validation;

namespace Sla.Core.Json.Calendars;

/// <summary>
/// Reads calendar documents (formats.md, "Calendar document") into <see cref="BusinessCalendar"/>s.
/// Every problem in a document is reported at once, each with its JSON path: malformed JSON (with its
/// line), unknown fields, malformed times and dates, then everything the calendar validator checks.
/// </summary>
/// <remarks>Stateless and thread-safe.</remarks>
public static class CalendarDocument
{
    private static readonly string[] CalendarFields = ["id", "timeZone", "weekly", "rules", "exceptions"];
    private static readonly string[] RuleFields = ["name", "month", "day", "observed", "weekday", "occurrence", "easter", "offset", "hours", "fromYear", "toYear"];
    private static readonly string[] ExceptionFields = ["date", "name", "hours"];
    private static readonly string[] WeekdayNames = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
    private static readonly LocalDatePattern IsoDate = LocalDatePattern.Iso;

    /// <summary>Reads a calendar document: one calendar object, or a list of them read as the calendar it ends with
    /// (a composite built from the ones before it).</summary>
    /// <param name="json">The document's text.</param>
    /// <param name="zones">The time zone provider; NodaTime's TZDB when <see langword="null"/>.</param>
    /// <returns>The calendar.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="DefinitionValidationException">The document has problems; all of them are listed.</exception>
    public static BusinessCalendar Parse(string json, IDateTimeZoneProvider? zones = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        return TryParse(json, out var calendar, out var problems, zones) ? calendar : throw new DefinitionValidationException(problems);
    }

    /// <summary>Tries to read a calendar document.</summary>
    /// <param name="json">The document's text.</param>
    /// <param name="calendar">The calendar, when the document is valid.</param>
    /// <param name="problems">Every problem found (warnings too, when it is valid).</param>
    /// <param name="zones">The time zone provider; NodaTime's TZDB when <see langword="null"/>.</param>
    /// <returns><see langword="true"/> when the document holds a valid calendar.</returns>
    public static bool TryParse(string json, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out BusinessCalendar? calendar,
        out ImmutableArray<ValidationProblem> problems, IDateTimeZoneProvider? zones = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        var reader = new DocumentReader();
        calendar = null;
        using (var document = DocumentReader.Parse(json, reader))
        {
            if (document is { RootElement: var root })
            {
                // A list is read as the calendar it ends with; those before it are what it may be built from.
                var elements = root.ValueKind == JsonValueKind.Array ? reader.Items(root, string.Empty).ToList() : [(root, string.Empty)];
                var calendars = CalendarSetReader.Read(elements, reader, zones ?? DateTimeZoneProviders.Tzdb, "this document");
                if (calendars.Count == 0)
                {
                    reader.Report(string.Empty, "The list holds no calendar.");
                }
                calendar = reader.HasErrors ? null : calendars[^1];
            }
        }
        problems = [.. reader.Problems];
        return calendar is not null;
    }

    /// <summary>Writes a calendar as a calendar document; reading it back gives the same calendar. A composite is
    /// written as a list of the calendars it is built from, ending with itself.</summary>
    /// <param name="calendar">The calendar.</param>
    /// <returns>The document, indented.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="calendar"/> is null.</exception>
    public static string Write(BusinessCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        return JsonText.Write(writer => CalendarDocumentWriter.WriteDocument(writer, calendar));
    }

    /// <summary>
    /// Reads every calendar a document holds: a calendar document holds one, or a list of them (where a composite
    /// may name the others); a policy document holds those of each version's <c>calendars</c> list (paths such as
    /// <c>versions[0].calendars[1].timeZone</c>).
    /// </summary>
    /// <param name="json">The document's text.</param>
    /// <param name="calendars">The calendars, when every one of them is valid.</param>
    /// <param name="problems">Every problem found.</param>
    /// <param name="zones">The time zone provider; NodaTime's TZDB when <see langword="null"/>.</param>
    /// <returns><see langword="true"/> when the document's calendars are all valid.</returns>
    public static bool TryParseAll(string json, out ImmutableArray<BusinessCalendar> calendars,
        out ImmutableArray<ValidationProblem> problems, IDateTimeZoneProvider? zones = null)
    {
        var valid = TryParseVersioned(json, out var versioned, out problems, zones);
        calendars = [.. versioned.Select(v => v.Calendar)];
        return valid;
    }

    /// <summary>As <see cref="TryParseAll"/>, with the version (and its effective-from instant) each calendar of a policy document belongs to.</summary>
    internal static bool TryParseVersioned(string json, out ImmutableArray<VersionedCalendar> calendars,
        out ImmutableArray<ValidationProblem> problems, IDateTimeZoneProvider? zones = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        var reader = new DocumentReader();
        var found = ImmutableArray.CreateBuilder<VersionedCalendar>();
        using (var document = DocumentReader.Parse(json, reader))
        {
            if (document is { RootElement: var root })
            {
                // A policy's versions each hold a set of calendars; a calendar document holds one, or a list of them.
                var sets = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("versions", out _)
                    ? reader.OptionalArray(root, "versions", string.Empty)
                        .Where(v => v.Element.ValueKind == JsonValueKind.Object)
                        .Select(v => (Elements: reader.OptionalArray(v.Element, "calendars", v.Path).ToList(), Version: (JsonElement?)v.Element, Scope: "this version"))
                    : [(root.ValueKind == JsonValueKind.Array ? reader.Items(root, string.Empty).ToList() : [(root, string.Empty)], null, "this document")];
                foreach (var (elements, version, scope) in sets)
                {
                    foreach (var calendar in CalendarSetReader.Read(elements, reader, zones ?? DateTimeZoneProviders.Tzdb, scope).OfType<BusinessCalendar>())
                    {
                        found.Add(new VersionedCalendar(calendar, version is { } v ? Text(v, "version") : null,
                            version is { } w && InstantText.TryParse(Text(w, "effectiveFrom"), out var from) ? from : null));
                    }
                }
            }
        }
        problems = [.. reader.Problems];
        calendars = reader.HasErrors ? [] : found.ToImmutable();
        return !reader.HasErrors;

        static string? Text(JsonElement element, string name) =>
            element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }

    /// <summary>Reads one calendar object at <paramref name="path"/> (empty for a whole document).</summary>
    internal static BusinessCalendar? Read(JsonElement element, string path, DocumentReader reader, IDateTimeZoneProvider zones)
    {
        var before = reader.Problems.Count;
        if (!reader.ExpectObject(element, path, "a calendar", CalendarFields))
        {
            return null;
        }
        var builder = new BusinessCalendarBuilder(
            reader.OptionalString(element, "id", path) ?? string.Empty,
            reader.OptionalString(element, "timeZone", path) ?? string.Empty).WithTimeZoneProvider(zones);
        ReadWeekly(element, path, reader, builder);
        foreach (var (rule, rulePath) in reader.OptionalArray(element, "rules", path))
        {
            if (ReadRule(rule, rulePath, reader) is { } read)
            {
                builder.AddRule(read, rulePath);
            }
        }
        foreach (var (exception, exceptionPath) in reader.OptionalArray(element, "exceptions", path))
        {
            if (ReadException(exception, exceptionPath, reader) is { } read)
            {
                builder.AddException(read, exceptionPath);
            }
        }
        // A calendar whose windows could not be read is not one with no working time: say only what is wrong.
        var unreadable = reader.Problems.Skip(before).Any(p =>
            p.Path.StartsWith(DocumentReader.Join(path, "weekly"), StringComparison.Ordinal) || p.Path.StartsWith(DocumentReader.Join(path, "exceptions"), StringComparison.Ordinal));
        reader.AddRange(builder.Validate().Where(p => !(unreadable && p.Message == BusinessCalendarValidator.NoWorkingTime)).Select(p => p with { Path = p.Path.StartsWith(path, StringComparison.Ordinal) ? p.Path : DocumentReader.Join(path, p.Path) }));
        return reader.Problems.Skip(before).Any(p => p.Severity == ValidationSeverity.Error) ? null : builder.Build();
    }

    private static void ReadWeekly(JsonElement element, string path, DocumentReader reader, BusinessCalendarBuilder builder)
    {
        if (!element.TryGetProperty("weekly", out var weekly) || weekly.ValueKind == JsonValueKind.Null)
        {
            return;
        }
        var weeklyPath = DocumentReader.Join(path, "weekly");
        if (!reader.ExpectObject(weekly, weeklyPath, "a weekly schedule", WeekdayNames))
        {
            return;
        }
        for (var i = 0; i < WeekdayNames.Length; i++)
        {
            if (weekly.TryGetProperty(WeekdayNames[i], out var day))
            {
                foreach (var (window, windowPath) in reader.Items(day, DocumentReader.Join(weeklyPath, WeekdayNames[i])))
                {
                    if (ReadWindow(window, windowPath, reader) is { } read)
                    {
                        builder.AddHours((IsoDayOfWeek)(i + 1), read, windowPath);
                    }
                }
            }
        }
    }

    private static TimeWindow? ReadWindow(JsonElement element, string path, DocumentReader reader)
    {
        if (element.ValueKind != JsonValueKind.String)
        {
            reader.Report(path, $"Expected a window such as \"09:00-18:00\", found {DocumentReader.Describe(element)}.");
            return null;
        }
        if (!TimeWindow.TryParse(element.GetString(), out var window, out var problem))
        {
            reader.Report(path, problem);
            return null;
        }
        return window;
    }

    private static ImmutableArray<TimeWindow>? ReadHours(JsonElement parent, string path, DocumentReader reader)
    {
        var windows = ImmutableArray.CreateBuilder<TimeWindow>();
        var ok = true;
        foreach (var (window, windowPath) in reader.OptionalArray(parent, "hours", path))
        {
            if (ReadWindow(window, windowPath, reader) is { } read)
            {
                windows.Add(read);
            }
            else
            {
                ok = false;
            }
        }
        return ok ? windows.ToImmutable() : null;
    }

    private static CalendarRule? ReadRule(JsonElement element, string path, DocumentReader reader)
    {
        if (!reader.ExpectObject(element, path, "a rule", RuleFields))
        {
            return null;
        }
        var name = reader.OptionalString(element, "name", path) ?? string.Empty;
        var hours = ReadHours(element, path, reader);
        var fromYear = reader.OptionalInt(element, "fromYear", path);
        var toYear = reader.OptionalInt(element, "toYear", path);
        bool Has(string field) => element.TryGetProperty(field, out var v) && v.ValueKind != JsonValueKind.Null;
        bool NotWith(string kind, params string[] fields)
        {
            var extra = fields.Where(Has).ToList();
            foreach (var field in extra)
            {
                reader.Report(DocumentReader.Join(path, field), $"'{field}' does not belong to {kind} rule.");
            }
            return extra.Count == 0;
        }

        if (Has("easter"))
        {
            var fieldsOk = NotWith("an Easter", "month", "day", "weekday", "occurrence", "observed");
            var easter = reader.OptionalString(element, "easter", path);
            EasterKind? kind = easter switch { "western" => EasterKind.Western, "orthodox" => EasterKind.Orthodox, _ => null };
            if (easter is not null && kind is null)
            {
                reader.Report(DocumentReader.Join(path, "easter"), $"'{easter}' is not an Easter: use western or orthodox.");
            }
            var offset = reader.OptionalInt(element, "offset", path);
            if (offset is null && !Has("offset"))
            {
                reader.Report(DocumentReader.Join(path, "offset"), "An Easter rule needs an offset in days (0 for Easter Sunday, -2 for Good Friday).");
            }
            return fieldsOk && kind is { } k && offset is { } o && hours is { } h ? new EasterRule(name, k, o, h, fromYear, toYear) : null;
        }
        if (Has("weekday"))
        {
            var fieldsOk = NotWith("an nth-weekday", "day", "observed", "offset");
            var month = RequiredInt(element, "month", path, reader, "An nth-weekday rule needs a month (1 to 12).");
            var occurrence = RequiredInt(element, "occurrence", path, reader, "An nth-weekday rule needs an occurrence (1 to 5, or -1 for the last).");
            var weekdayText = reader.OptionalString(element, "weekday", path);
            var weekday = Array.IndexOf(WeekdayNames, weekdayText);
            if (weekdayText is not null && weekday < 0)
            {
                reader.Report(DocumentReader.Join(path, "weekday"), $"'{weekdayText}' is not a weekday: use monday to sunday in lower case.");
            }
            return fieldsOk && weekday >= 0 && month is { } m && occurrence is { } n && hours is { } h
                ? new NthWeekdayRule(name, m, (IsoDayOfWeek)(weekday + 1), n, h, fromYear, toYear)
                : null;
        }
        if (Has("month") || Has("day"))
        {
            var fieldsOk = NotWith("a fixed-date", "occurrence", "offset");
            var month = RequiredInt(element, "month", path, reader, "A fixed-date rule needs a month (1 to 12).");
            var day = RequiredInt(element, "day", path, reader, "A fixed-date rule needs a day of the month.");
            var observedText = reader.OptionalString(element, "observed", path);
            ObservedShift? observed = observedText switch
            {
                null or "none" => ObservedShift.None,
                "nearestWeekday" => ObservedShift.NearestWeekday,
                "nextWeekday" => ObservedShift.NextWeekday,
                "sundayToMonday" => ObservedShift.SundayToMonday,
                _ => null,
            };
            if (observed is null)
            {
                reader.Report(DocumentReader.Join(path, "observed"), $"'{observedText}' is not an observed shift: use none, nearestWeekday, nextWeekday or sundayToMonday.");
            }
            return fieldsOk && month is { } m && day is { } d && observed is { } shift && hours is { } h
                ? new FixedDateRule(name, m, d, shift, h, fromYear, toYear)
                : null;
        }
        reader.Report(path, "A rule is exactly one of: month + day (a fixed date), month + weekday + occurrence, or easter + offset.");
        return null;
    }

    private static int? RequiredInt(JsonElement element, string field, string path, DocumentReader reader, string missing)
    {
        if (!element.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            reader.Report(DocumentReader.Join(path, field), missing);
            return null;
        }
        return reader.OptionalInt(element, field, path);
    }

    private static DateOverride? ReadException(JsonElement element, string path, DocumentReader reader)
    {
        if (!reader.ExpectObject(element, path, "a dated exception", ExceptionFields))
        {
            return null;
        }
        var name = reader.OptionalString(element, "name", path);
        var hours = ReadHours(element, path, reader);
        var dateText = reader.OptionalString(element, "date", path);
        LocalDate? date = null;
        if (dateText is null)
        {
            if (!element.TryGetProperty("date", out _))
            {
                reader.Report(DocumentReader.Join(path, "date"), "A dated exception needs a date (yyyy-MM-dd).");
            }
        }
        else if (IsoDate.Parse(dateText) is { Success: true } parsed)
        {
            date = parsed.Value;
        }
        else
        {
            reader.Report(DocumentReader.Join(path, "date"), $"'{dateText}' is not a date: write yyyy-MM-dd, for example 2027-01-09.");
        }
        return date is { } d && hours is { } h ? new DateOverride(d, name, h) : null;
    }
}

/// <summary>A calendar read from a document, with the policy version it belongs to when the document is a policy.</summary>
/// <param name="Calendar">The calendar.</param>
/// <param name="Version">The version's name, or <see langword="null"/> for a calendar document.</param>
/// <param name="EffectiveFrom">When the version comes into force, or <see langword="null"/>.</param>
internal sealed record VersionedCalendar(BusinessCalendar Calendar, string? Version, NodaTime.Instant? EffectiveFrom);
