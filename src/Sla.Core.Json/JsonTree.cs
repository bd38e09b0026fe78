using System.Text.Json;

namespace Sla.Core.Json;

/// <summary>
/// Checks what System.Text.Json lets through when it parses: a field given twice in one object (it would
/// keep the last and lose the others without a word) and strings that are not text (a lone surrogate
/// escape such as <c>\ud800</c>, or bytes that are not UTF-8), which throw only when read.
/// </summary>
/// <remarks>Stateless and thread-safe.</remarks>
internal static class JsonTree
{
    /// <summary>
    /// Parses one line of JSON Lines; a line that is not JSON, or has a field twice or a string that is not
    /// text, gives a sentence that names the line (and the path).
    /// </summary>
    /// <returns>The document (the caller disposes it), or <see langword="null"/> with <paramref name="error"/> set.</returns>
    public static JsonDocument? ParseLine(string line, int lineNumber, out string? error)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            error = NotJson(lineNumber, e);
            return null;
        }
        catch (ArgumentException)
        {
            // System.Text.Json's way to say the text holds a lone surrogate character.
            error = $"line {lineNumber}: {NotText("The line")}";
            return null;
        }
        if (Problems(document.RootElement, string.Empty).FirstOrDefault() is ({ } path, { } message))
        {
            document.Dispose();
            error = $"line {lineNumber}: {(path.Length > 0 ? $"{path}: " : "")}{message}";
            return null;
        }
        error = null;
        return document;
    }

    /// <summary>Every such problem in <paramref name="element"/>, each with its path, in document order.</summary>
    public static IEnumerable<(string Path, string Message)> Problems(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var names = new HashSet<string>(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject())
                {
                    if (!TryRead(() => property.Name, out var name))
                    {
                        yield return (path, NotText("A field name"));
                        continue;
                    }
                    var propertyPath = DocumentReader.Join(path, name);
                    if (!names.Add(name))
                    {
                        yield return (propertyPath, $"'{name}' is given twice in one object: give each field once.");
                    }
                    foreach (var problem in Problems(property.Value, propertyPath))
                    {
                        yield return problem;
                    }
                }
                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    foreach (var problem in Problems(item, $"{path}[{index++}]"))
                    {
                        yield return problem;
                    }
                }
                break;
            case JsonValueKind.String when !TryRead(element.GetString, out _):
                yield return (path, NotText("The string"));
                break;
        }
    }

    /// <summary>The sentence for a line of JSON Lines that does not parse.</summary>
    public static string NotJson(int lineNumber, JsonException e) =>
        $"line {lineNumber} is not JSON{(e.BytePositionInLine is { } at ? $" at position {at + 1}" : "")}: {Reason(e)}";

    /// <summary>
    /// What System.Text.Json says is wrong, without its reader's internals: the position it adds (said in our words by the
    /// caller) and its advice to change reader options (a user cannot).
    /// </summary>
    public static string Reason(JsonException e)
    {
        var message = e.Message;
        foreach (var tail in new[] { " Path:", " LineNumber:" })
        {
            var cut = message.IndexOf(tail, StringComparison.Ordinal);
            message = cut > 0 ? message[..cut] : message;
        }
        var sentences = message.Split(". ").Where(sentence => !sentence.Contains("reader options", StringComparison.OrdinalIgnoreCase)
            && !sentence.Contains("JsonReaderOptions", StringComparison.Ordinal));
        var reason = string.Join(". ", sentences).Trim();
        return reason.EndsWith('.') ? reason : reason + ".";
    }

    /// <summary>The sentence for a string that cannot be read as text.</summary>
    public static string NotText(string what) =>
        $"{what} is not text: it holds a lone surrogate escape (such as \\ud800 without its pair) or bytes that are not UTF-8.";

    private static bool TryRead(Func<string?> read, out string value)
    {
        try
        {
            value = read() ?? string.Empty;
            return true;
        }
        catch (InvalidOperationException)
        {
            // System.Text.Json's only way to say a string's escapes or bytes do not make text.
            value = string.Empty;
            return false;
        }
    }
}
