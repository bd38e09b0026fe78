using System.CommandLine;

namespace Sla.Cli;

/// <summary>
/// What the command line says about words it does not know: the nearest command or option (by edit distance, so
/// <c>evaluat</c> suggests <c>evaluate</c>), and format options whose mistakes list the formats by their names.
/// </summary>
internal static class CommandLineWords
{
    /// <summary>A <c>--format</c>-like option whose values are written in lower camel case (<c>table</c>, <c>json</c>) and whose mistakes list them.</summary>
    public static ChoiceOption<T> Format<T>(string name, T defaultValue, params T[] allowed)
        where T : struct, Enum => Choice(name, "format", defaultValue, allowed);

    /// <summary>An enum option whose values are written in lower camel case and whose mistakes name what it is (<paramref name="noun"/>) and list them.</summary>
    public static ChoiceOption<T> Choice<T>(string name, string noun, T defaultValue, params T[] allowed)
        where T : struct, Enum
    {
        var names = allowed.Select(Name).ToArray();
        // Nullable, with no default value factory, so help shows the names as written rather than "[default: Table]".
        var option = new Option<T?>(name)
        {
            Description = $"{string.Join(", ", names.Select(n => n == Name(defaultValue) ? n + " (default)" : n))}.",
            HelpName = string.Join("|", names),
            CustomParser = result =>
            {
                var text = result.Tokens.Count == 0 ? "" : result.Tokens[^1].Value;
                var index = Array.FindIndex(names, n => string.Equals(n, text, StringComparison.OrdinalIgnoreCase));
                if (index >= 0)
                {
                    return allowed[index];
                }
                result.AddError($"{name}: '{text}' is not a {noun}: use {Or(names)}.");
                return null;
            },
        };
        return new ChoiceOption<T>(option, defaultValue);
    }

    /// <summary>The sentence for a word the command line does not know, with the nearest command or option when one is close.</summary>
    public static string Unknown(string token, Command command)
    {
        var candidates = command.Subcommands.Select(c => c.Name)
            .Concat(Options(command).SelectMany(o => o.Aliases.Append(o.Name)))
            .Distinct(StringComparer.Ordinal);
        var nearest = candidates
            .Select(c => (Name: c, Distance: Distance(token, c)))
            .Where(c => c.Distance <= Math.Max(1, c.Name.Length / 3))
            .OrderBy(c => c.Distance).ThenBy(c => c.Name, StringComparer.Ordinal)
            .FirstOrDefault();
        return nearest.Name is null || nearest.Name == token
            ? $"'{token}' is not a command or option here."
            : $"'{token}' is not a command or option here. Did you mean '{nearest.Name}'?";
    }

    /// <summary>System.CommandLine's sentence for a value it cannot read as a number, without .NET's type names.</summary>
    public static string InUsersWords(string message)
    {
        var match = System.Text.RegularExpressions.Regex.Match(message, @"^Cannot parse argument '(?<value>.*)' for option '(?<option>[^']+)' as expected type 'System\.(?<type>Int32|Int64|Double|Decimal)'\.?");
        return match.Success
            ? $"{match.Groups["option"].Value}: '{match.Groups["value"].Value}' is not {(match.Groups["type"].Value.StartsWith("Int", StringComparison.Ordinal) ? "a whole number" : "a number")}."
            : message;
    }

    private static IEnumerable<Option> Options(Command command)
    {
        for (Symbol? symbol = command; symbol is Command current; symbol = current.Parents.FirstOrDefault())
        {
            foreach (var option in current.Options.Where(o => ReferenceEquals(current, command) || o.Recursive))
            {
                yield return option;
            }
        }
    }

    private static string Name<T>(T value)
        where T : struct, Enum => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    private static string Or(string[] names) => names.Length == 1 ? names[0] : $"{string.Join(", ", names[..^1])} or {names[^1]}";

    /// <summary>Levenshtein distance, case-insensitive.</summary>
    private static int Distance(string a, string b)
    {
        (a, b) = (a.ToLowerInvariant(), b.ToLowerInvariant());
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }
            previous = current;
        }
        return previous[b.Length];
    }
}

/// <summary>An option naming one of a few values, and the value when it is not given.</summary>
internal sealed class ChoiceOption<T>(Option<T?> option, T defaultValue)
    where T : struct, Enum
{
    public Option<T?> Option { get; } = option;

    public T Get(ParseResult result) => result.GetValue(Option) ?? defaultValue;
}
