using System.Collections.Immutable;
using System.Text.Json;
using NodaTime;
using Sla.Core.Calendars;
using Sla.Core.Validation;

namespace Sla.Core.Json.Calendars;

/// <summary>
/// Reads the calendars that live side by side (a policy version's <c>calendars</c>, or a calendar document that
/// is a list), so a composite (<c>{"id": "follow-the-sun", "union": ["london", "new-york"]}</c>) can name its
/// siblings: each composite is built after its members, unknown members and cycles of references are reported
/// with their paths, and a composite whose member could not be read is not reported again.
/// </summary>
/// <remarks>Stateless and thread-safe.</remarks>
internal static class CalendarSetReader
{
    private static readonly string[] CompositeFields = ["id", "timeZone", "union", "intersection", "difference"];
    private static readonly string[] HoursFields = ["weekly", "rules", "exceptions"];
    private static readonly CalendarOperation[] Operations = [CalendarOperation.Union, CalendarOperation.Intersection, CalendarOperation.Difference];

    /// <summary>Whether the element defines a calendar from other calendars.</summary>
    public static bool IsComposite(JsonElement element) =>
        element.ValueKind == JsonValueKind.Object && Operations.Any(o => element.TryGetProperty(CompositeDefinition.OperationField(o), out _));

    /// <summary>Reads each element; the result holds the calendar of each one, in the same order, or <see langword="null"/> where it could not be built.</summary>
    /// <param name="elements">The calendar objects and their paths.</param>
    /// <param name="reader">Where problems go.</param>
    /// <param name="zones">The time zone provider.</param>
    /// <param name="scope">What the calendars belong to, for messages: <c>this version</c>, <c>this document</c>.</param>
    public static List<BusinessCalendar?> Read(IReadOnlyList<(JsonElement Element, string Path)> elements, DocumentReader reader, IDateTimeZoneProvider zones, string scope)
    {
        var built = new BusinessCalendar?[elements.Count];
        var composites = new Dictionary<int, Definition>();
        for (var i = 0; i < elements.Count; i++)
        {
            var (element, path) = elements[i];
            if (!IsComposite(element))
            {
                built[i] = CalendarDocument.Read(element, path, reader, zones);
            }
            else if (ReadDefinition(element, path, reader, zones) is { } definition)
            {
                composites[i] = definition;
            }
        }
        var byId = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < elements.Count; i++)
        {
            if (Id(elements[i].Element) is { } id)
            {
                byId.TryAdd(id, i);
            }
        }
        var state = new Dictionary<int, bool>();
        foreach (var index in composites.Keys.Order())
        {
            Build(index, []);
        }
        return [.. built];

        // Builds a composite after its members; the stack holds the composites being built, to name a cycle.
        bool Build(int index, List<int> stack)
        {
            if (state.TryGetValue(index, out var done))
            {
                return done && built[index] is not null;
            }
            var definition = composites[index];
            if (stack.Contains(index))
            {
                var cycle = stack.Skip(stack.IndexOf(index)).Append(index).Select(i => composites[i].Id);
                reader.Report(definition.OperationPath, $"The calendars {string.Join(" -> ", cycle)} form a cycle: a calendar cannot be built from itself.");
                state[index] = false;
                return false;
            }
            stack.Add(index);
            var members = new List<BusinessCalendar>();
            var complete = true;
            for (var m = 0; m < definition.MemberIds.Count; m++)
            {
                var memberId = definition.MemberIds[m];
                if (memberId == BusinessCalendar.AlwaysOpenId)
                {
                    members.Add(BusinessCalendar.AlwaysOpen);
                }
                else if (!byId.TryGetValue(memberId, out var memberIndex))
                {
                    var known = string.Join(", ", byId.Keys.Where(k => k != definition.Id).Append(BusinessCalendar.AlwaysOpenId));
                    reader.Report($"{definition.OperationPath}[{m}]", $"'{memberId}' is not a calendar of {scope}; the calendars are {known}.");
                    complete = false;
                }
                else if (memberIndex == index)
                {
                    complete = false; // the validator names a calendar that is its own member
                }
                else if (composites.ContainsKey(memberIndex) ? Build(memberIndex, stack) : built[memberIndex] is not null)
                {
                    members.Add(built[memberIndex]!);
                }
                else
                {
                    complete = false;
                }
            }
            stack.RemoveAt(stack.Count - 1);
            var problems = BusinessCalendar.ValidateComposite(definition.Id, definition.Operation, definition.MemberIds)
                .Select(p => p with { Path = DocumentReader.Join(definition.Path, p.Path) }).ToList();
            reader.AddRange(problems);
            if (state.ContainsKey(index))
            {
                return false; // reported as part of a cycle while its members were built
            }
            if (complete && !problems.Any(p => p.Severity == ValidationSeverity.Error))
            {
                built[index] = BusinessCalendar.Compose(definition.Id, definition.Operation, members, definition.Zone);
            }
            state[index] = true;
            return built[index] is not null;
        }
    }

    private static string? Id(JsonElement element) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;

    private static Definition? ReadDefinition(JsonElement element, string path, DocumentReader reader, IDateTimeZoneProvider zones)
    {
        var before = reader.Problems.Count;
        foreach (var hours in HoursFields.Where(f => element.TryGetProperty(f, out _)))
        {
            reader.Report(DocumentReader.Join(path, hours), $"'{hours}' does not belong to a calendar built from other calendars: its hours are its members'.");
        }
        if (!reader.ExpectObject(element, path, "a calendar", [.. CompositeFields, .. HoursFields]))
        {
            return null;
        }
        var given = Operations.Where(o => element.TryGetProperty(CompositeDefinition.OperationField(o), out _)).ToList();
        if (given.Count > 1)
        {
            reader.Report(path, $"A calendar is built with one of union, intersection or difference; this one has {string.Join(" and ", given.Select(CompositeDefinition.OperationField))}.");
            return null;
        }
        var operation = given[0];
        var field = CompositeDefinition.OperationField(operation);
        var members = new List<string>();
        foreach (var (member, memberPath) in reader.OptionalArray(element, field, path))
        {
            if (member.ValueKind == JsonValueKind.String)
            {
                members.Add(member.GetString()!);
            }
            else
            {
                reader.Report(memberPath, $"Expected a calendar id, found {DocumentReader.Describe(member)}.");
            }
        }
        var zoneId = reader.OptionalString(element, "timeZone", path);
        DateTimeZone? zone = null;
        if (zoneId is not null && (zone = zones.GetZoneOrNull(zoneId)) is null)
        {
            reader.Report(DocumentReader.Join(path, "timeZone"), $"'{zoneId}' is not a time zone known to {zones.VersionId}: use an IANA zone id such as Europe/London.");
        }
        if (reader.Problems.Skip(before).Any(p => p.Severity == ValidationSeverity.Error))
        {
            return null;
        }
        // Without a zone of its own (null here), the composite takes its first member's.
        return new Definition(reader.OptionalString(element, "id", path) ?? string.Empty, operation, members, path, DocumentReader.Join(path, field), zone);
    }

    private sealed record Definition(string Id, CalendarOperation Operation, IReadOnlyList<string> MemberIds, string Path, string OperationPath, DateTimeZone? Zone);
}
