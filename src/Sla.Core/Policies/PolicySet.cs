using System.Collections.Immutable;
using NodaTime;

namespace Sla.Core.Policies;

/// <summary>
/// An agreement: an id, a name and its versions, each in force from its effective-from instant until the
/// next one's. A ticket is evaluated under the version in force at its creation.
/// </summary>
/// <remarks>Built by <see cref="PolicySetBuilder"/> (or from a policy document); immutable and thread-safe.</remarks>
public sealed class PolicySet
{
    internal PolicySet(string id, string name, ImmutableArray<PolicyVersion> versions)
    {
        Id = id;
        Name = name;
        Versions = [.. versions.OrderBy(v => v.EffectiveFrom)];
    }

    /// <summary>Gets the policy's id.</summary>
    public string Id { get; }

    /// <summary>Gets the policy's name.</summary>
    public string Name { get; }

    /// <summary>Gets the versions, ordered by effective-from.</summary>
    public ImmutableArray<PolicyVersion> Versions { get; }

    /// <summary>Gets the version in force at an instant: the last one effective at or before it.</summary>
    /// <param name="instant">The instant (a ticket's creation).</param>
    /// <returns>The version, or <see langword="null"/> when the instant is before the first version.</returns>
    public PolicyVersion? VersionAt(Instant instant)
    {
        for (var i = Versions.Length - 1; i >= 0; i--)
        {
            if (Versions[i].EffectiveFrom <= instant)
            {
                return Versions[i];
            }
        }
        return null;
    }
}
