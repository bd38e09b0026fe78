using System.Collections.Immutable;

namespace Sla.Core.Validation;

/// <summary>
/// Thrown when a definition (a calendar, a policy) is built from values that fail validation. It carries
/// every problem found, not only the first.
/// </summary>
public sealed class DefinitionValidationException : Exception
{
    /// <summary>Creates the exception from the problems found.</summary>
    /// <param name="problems">Every problem found; at least one is an error.</param>
    public DefinitionValidationException(IEnumerable<ValidationProblem> problems)
        : this(problems.ToImmutableArray())
    {
    }

    private DefinitionValidationException(ImmutableArray<ValidationProblem> problems)
        : base(Describe(problems))
    {
        Problems = problems;
    }

    /// <summary>Gets every problem found, errors and warnings, in the order the validator reports them.</summary>
    public ImmutableArray<ValidationProblem> Problems { get; }

    private static string Describe(ImmutableArray<ValidationProblem> problems) =>
        $"The definition is not valid ({problems.Length} problem{(problems.Length == 1 ? "" : "s")}):"
        + string.Concat(problems.Select(p => Environment.NewLine + "  " + p));
}
