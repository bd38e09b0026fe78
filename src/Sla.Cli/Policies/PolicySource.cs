using Sla.Core.Json.Policies;
using Sla.Core.Policies;

namespace Sla.Cli.Policies;

/// <summary>Loads a policy document, writing every problem (and warning) to standard error.</summary>
internal static class PolicySource
{
    /// <returns>The policy, or <see langword="null"/> after reporting why not.</returns>
    public static PolicySet? Load(string file, CliConsole console)
    {
        if (CliFiles.ReadText(file, console) is not { } json)
        {
            return null;
        }
        var valid = PolicyDocument.TryParse(json, out var policy, out var problems);
        foreach (var problem in problems)
        {
            console.Error.WriteLine($"{file}: {problem}");
        }
        return valid ? policy : null;
    }
}
