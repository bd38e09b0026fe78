using System.Text.Json;
using Sla.Core.Availability;
using Sla.Core.Text;

namespace Sla.Core.Json.Availability;

/// <summary>
/// Reads outages from JSON Lines, one a line: <c>{"id":"O-1","service":"email","start":"...","end":"...","planned":false}</c>
/// (<c>id</c> and <c>planned</c> optional).
/// </summary>
/// <remarks>Stateless and thread-safe.</remarks>
public static class OutageDocument
{
    private static readonly string[] Fields = ["id", "service", "start", "end", "planned"];

    /// <summary>Reads one line.</summary>
    /// <param name="line">The line.</param>
    /// <param name="lineNumber">Its 1-based number, for messages.</param>
    /// <param name="outage">The outage, when the line is valid.</param>
    /// <param name="error">A sentence naming the line (and the outage, when its id could be read), otherwise <see langword="null"/>.</param>
    /// <returns><see langword="true"/> when the line holds a valid outage.</returns>
    public static bool TryParseLine(string line, int lineNumber, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Outage? outage, out string? error)
    {
        ArgumentNullException.ThrowIfNull(line);
        outage = null;
        using var document = JsonTree.ParseLine(line, lineNumber, out error);
        if (document is null)
        {
            return false;
        }
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            error = $"line {lineNumber} is not an outage (a JSON object).";
            return false;
        }
        var id = root.TryGetProperty("id", out var idElement) && idElement.ValueKind == JsonValueKind.String ? idElement.GetString() : null;
        var who = $"line {lineNumber}{(id is null ? "" : $" (outage {id})")}";
        foreach (var property in root.EnumerateObject())
        {
            if (!Fields.Contains(property.Name))
            {
                error = $"{who}: '{property.Name}' is not a field of an outage; the fields are {string.Join(", ", Fields)}.";
                return false;
            }
            var expected = property.Name switch
            {
                "planned" => property.Value.ValueKind is JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null ? null : "true or false",
                _ => property.Value.ValueKind is JsonValueKind.String or JsonValueKind.Null ? null : "a string",
            };
            if (expected is not null)
            {
                error = $"{who}: \"{property.Name}\" must be {expected}, found {DocumentReader.Describe(property.Value)}.";
                return false;
            }
        }
        string? Text(string field) => root.TryGetProperty(field, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        var service = Text("service");
        if (service is null)
        {
            error = $"{who}: \"service\" is missing.";
            return false;
        }
        if (!InstantText.TryParse(Text("start"), out var start))
        {
            error = $"{who}: \"start\": {InstantText.Problem(Text("start"))}";
            return false;
        }
        if (!InstantText.TryParse(Text("end"), out var end))
        {
            error = $"{who}: \"end\": {InstantText.Problem(Text("end"))}";
            return false;
        }
        var planned = root.TryGetProperty("planned", out var p) && p.ValueKind == JsonValueKind.True;
        outage = new Outage(id, service, start, end, planned);
        error = outage.FindProblem() is { } problem ? $"line {lineNumber}: {problem}" : null;
        if (error is not null)
        {
            outage = null;
        }
        return outage is not null;
    }
}
