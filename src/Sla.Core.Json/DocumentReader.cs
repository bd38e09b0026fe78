using System.Text.Json;
using Sla.Core.Validation;

namespace Sla.Core.Json;

/// <summary>
/// Walks a parsed JSON document and collects every problem with its path, so one reading reports all
/// that is wrong with a file rather than stopping at the first.
/// </summary>
/// <remarks>Not thread-safe: one reader per document.</remarks>
internal sealed class DocumentReader
{
    private readonly List<ValidationProblem> problems = [];

    public IReadOnlyList<ValidationProblem> Problems => problems;

    public bool HasErrors => problems.Any(p => p.Severity == ValidationSeverity.Error);

    public void Report(string path, string message) => problems.Add(new ValidationProblem(path, message));

    public void AddRange(IEnumerable<ValidationProblem> found) => problems.AddRange(found);

    /// <summary>
    /// Parses JSON text; a syntax error becomes one problem naming its line and position, and a field given
    /// twice or a string that is not text one problem each, with its path (the document is then not used).
    /// </summary>
    public static JsonDocument? Parse(string json, DocumentReader reader)
    {
        try
        {
            var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = false });
            var before = reader.problems.Count;
            foreach (var (path, message) in JsonTree.Problems(document.RootElement, string.Empty))
            {
                reader.Report(path, message);
            }
            if (reader.problems.Count == before)
            {
                return document;
            }
            document.Dispose();
            return null;
        }
        catch (ArgumentException)
        {
            // System.Text.Json's way to say the text holds a lone surrogate character.
            reader.Report(string.Empty, JsonTree.NotText("The document"));
            return null;
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" at line {line + 1}, position {e.BytePositionInLine + 1}" : string.Empty;
            reader.Report(e.Path is { Length: > 0 } p && p != "$" ? p.TrimStart('$', '.') : string.Empty,
                $"The document is not valid JSON{where}: {JsonTree.Reason(e)}");
            return null;
        }
    }

    /// <summary>Checks that an element is an object with only the allowed fields.</summary>
    public bool ExpectObject(JsonElement element, string path, string what, IReadOnlyCollection<string> allowed)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            Report(path, $"Expected {what} (a JSON object), found {Describe(element)}.");
            return false;
        }
        foreach (var property in element.EnumerateObject())
        {
            if (!allowed.Contains(property.Name))
            {
                Report(Join(path, property.Name), $"'{property.Name}' is not a field of {what}; the fields are {string.Join(", ", allowed)}.");
            }
        }
        return true;
    }

    public string? OptionalString(JsonElement parent, string name, string path)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.String)
        {
            Report(Join(path, name), $"Expected a string, found {Describe(value)}.");
            return null;
        }
        return value.GetString();
    }

    public int? OptionalInt(JsonElement parent, string name, string path)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number))
        {
            Report(Join(path, name), IsWholeNumber(value)
                ? $"The number {value.GetRawText()} is out of range: expected a whole number from {int.MinValue} to {int.MaxValue}."
                : $"Expected a whole number, found {Describe(value)}.");
            return null;
        }
        return number;
    }

    public decimal? OptionalDecimal(JsonElement parent, string name, string path)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDecimal(out var number))
        {
            Report(Join(path, name), value.ValueKind == JsonValueKind.Number
                ? $"The number {value.GetRawText()} is out of range: expected a number of at most 28 digits."
                : $"Expected a number, found {Describe(value)}.");
            return null;
        }
        return number;
    }

    /// <summary>A field that must be present; reports it as missing with the sentence given.</summary>
    public bool Require(JsonElement parent, string name, string path, string missing)
    {
        if (parent.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null)
        {
            return true;
        }
        Report(Join(path, name), missing);
        return false;
    }

    /// <summary>The elements of an optional array field, each with its path; reports a field that is not an array.</summary>
    public IEnumerable<(JsonElement Element, string Path)> OptionalArray(JsonElement parent, string name, string path)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return [];
        }
        return Items(value, Join(path, name));
    }

    public IEnumerable<(JsonElement Element, string Path)> Items(JsonElement value, string path)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            Report(path, $"Expected a list (a JSON array), found {Describe(value)}.");
            return [];
        }
        return value.EnumerateArray().Select((item, i) => (item, $"{path}[{i}]")).ToList();
    }

    private static bool IsWholeNumber(JsonElement value) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && double.IsFinite(number) && Math.Floor(number) == number;

    public static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    public static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "a list",
        JsonValueKind.String => $"the string \"{element.GetString()}\"",
        JsonValueKind.Number => $"the number {element.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => $"{element.GetRawText()}",
        _ => "null",
    };
}
