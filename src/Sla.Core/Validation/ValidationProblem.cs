namespace Sla.Core.Validation;

/// <summary>
/// One problem found while validating a definition (a calendar, a policy): where it is and what is wrong.
/// </summary>
/// <param name="Path">Where the problem is, as a document path such as <c>weekly.monday[1]</c> or
/// <c>rules[0].month</c>; empty for the definition as a whole.</param>
/// <param name="Message">A plain sentence saying what is wrong and, where it helps, how to fix it.</param>
/// <param name="Severity">Whether the problem prevents construction (<see cref="ValidationSeverity.Error"/>)
/// or is only worth a look (<see cref="ValidationSeverity.Warning"/>).</param>
public sealed record ValidationProblem(string Path, string Message, ValidationSeverity Severity = ValidationSeverity.Error)
{
    /// <summary>Returns the problem as <c>path: message</c> (warnings marked as such).</summary>
    /// <returns>A one-line description.</returns>
    public override string ToString()
    {
        var prefix = Severity == ValidationSeverity.Warning ? "warning: " : string.Empty;
        return Path.Length == 0 ? prefix + Message : $"{prefix}{Path}: {Message}";
    }
}

/// <summary>How serious a <see cref="ValidationProblem"/> is.</summary>
public enum ValidationSeverity
{
    /// <summary>The definition cannot be built.</summary>
    Error,

    /// <summary>The definition can be built, but probably does not say what its author meant.</summary>
    Warning,
}
