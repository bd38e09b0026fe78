using System.Collections.Immutable;
using NodaTime;
using Sla.Core.Validation;

namespace Sla.Core.Policies;

/// <summary>
/// Builds an immutable <see cref="PolicySet"/>: add versions, each configured by a callback, then
/// <see cref="Build"/> validates everything at once.
/// </summary>
/// <example>
/// <code>
/// var policy = new PolicySetBuilder("acme-support", "ACME support agreement")
///     .AddVersion("2026.1", Instant.FromUtc(2026, 1, 1, 0, 0), version => version
///         .AddCalendar(moscow)
///         .WithPriorities("P1", "P2", "P3", "P4")
///         .WithPauseStatuses("pending")
///         .AddService("email", "Corporate e-mail", service => service
///             .Target("P1", Metric.Resolution, SlaTarget.InBusinessTime(Duration.FromHours(4)))
///             .Target("P2", Metric.Resolution, SlaTarget.InBusinessDays(new BusinessDays(2), "moscow"))))
///     .Build();
/// </code>
/// </example>
/// <remarks>A builder is mutable and not thread-safe; the policy it builds is immutable and thread-safe.</remarks>
public sealed class PolicySetBuilder
{
    private readonly List<PolicyVersionBuilder> versions = [];

    /// <summary>Creates a builder.</summary>
    /// <param name="id">The policy's id.</param>
    /// <param name="name">The policy's name for people.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public PolicySetBuilder(string id, string name)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(name);
        Id = id;
        Name = name;
    }

    /// <summary>Gets the policy's id.</summary>
    public string Id { get; }

    /// <summary>Gets the policy's name.</summary>
    public string Name { get; }

    internal IReadOnlyList<PolicyVersionBuilder> VersionBuilders => versions;

    /// <summary>Adds a version.</summary>
    /// <param name="version">The version's name, such as <c>2026.1</c>.</param>
    /// <param name="effectiveFrom">The instant it comes into force.</param>
    /// <param name="configure">Configures the version.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public PolicySetBuilder AddVersion(string version, Instant effectiveFrom, Action<PolicyVersionBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        configure(AddVersion(version, effectiveFrom, path: null));
        return this;
    }

    internal PolicyVersionBuilder AddVersion(string version, Instant effectiveFrom, string? path)
    {
        ArgumentNullException.ThrowIfNull(version);
        var builder = new PolicyVersionBuilder(version, effectiveFrom, path ?? $"versions[{versions.Count}]");
        versions.Add(builder);
        return builder;
    }

    /// <summary>Checks everything added so far and reports every problem found.</summary>
    /// <returns>The problems, errors and warnings; no errors means the policy can be built.</returns>
    public ImmutableArray<ValidationProblem> Validate() => PolicyValidator.Instance.Problems(this);

    /// <summary>Validates and builds the policy.</summary>
    /// <returns>The immutable policy.</returns>
    /// <exception cref="DefinitionValidationException">Validation found errors; all problems are listed.</exception>
    public PolicySet Build()
    {
        var problems = Validate();
        if (problems.Any(p => p.Severity == ValidationSeverity.Error))
        {
            throw new DefinitionValidationException(problems);
        }
        return new PolicySet(Id, Name, [.. versions.Select(v => v.ToVersion())]);
    }
}
