using System.Text.Json;
using System.Text.Json.Nodes;

namespace Sla.Tests.Shared;

/// <summary>The 600 calendar cases from the independent brute-force reference, copied into tests/vectors.</summary>
internal static class CalendarVectors
{
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "vectors");

    public static string CalendarPath(string id) => Path.Combine(Directory, "calendars", id + ".json");

    /// <summary>Every case: its line number, calendar id, request and expected answer.</summary>
    public static IReadOnlyList<VectorCase> All { get; } = File.ReadAllLines(Path.Combine(Directory, "calendar-cases.jsonl"))
        .Select((line, i) => (line, i))
        .Where(x => x.line.Length > 0)
        .Select(x =>
        {
            var node = JsonNode.Parse(x.line)!.AsObject();
            return new VectorCase(x.i + 1, node["calendar"]!.GetValue<string>(), node["request"]!.AsObject(), node["expected"]!.AsObject());
        })
        .ToList();

    /// <summary>Checks a response against a case: deadlines as instants, elapsed by seconds, working as a flag.</summary>
    public static string? Mismatch(VectorCase vector, JsonObject response)
    {
        var expected = vector.Expected;
        bool Same(string field) => JsonNode.DeepEquals(expected[field], response[field]);
        var ok = expected.ContainsKey("deadline") ? Same("deadline")
            : expected.ContainsKey("seconds") ? Same("seconds")
            : expected.ContainsKey("working") ? Same("working")
            : response.ContainsKey("error");
        return ok ? null : $"line {vector.Line} ({vector.Calendar}): {vector.Request.ToJsonString()} expected {expected.ToJsonString()} got {response.ToJsonString()}";
    }
}

/// <summary>One calendar case.</summary>
internal sealed record VectorCase(int Line, string Calendar, JsonObject Request, JsonObject Expected);
