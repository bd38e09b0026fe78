using NodaTime;

namespace Sla.Core.Availability;

/// <summary>A service outage: <c>[Start, End)</c>; planned maintenance is excluded from availability, not counted against it.</summary>
/// <param name="Id">An id for messages, or <see langword="null"/>.</param>
/// <param name="Service">The service id.</param>
/// <param name="Start">When it began.</param>
/// <param name="End">When it ended; not before <paramref name="Start"/>.</param>
/// <param name="Planned">Whether it was announced maintenance.</param>
public sealed record Outage(string? Id, string Service, Instant Start, Instant End, bool Planned)
{
    /// <summary>Describes what is wrong with the outage on its own terms, or returns <see langword="null"/>.</summary>
    /// <returns>A sentence naming the outage, or <see langword="null"/>.</returns>
    public string? FindProblem() =>
        End < Start
            ? $"outage {Id ?? Service}: it ends at {Text.InstantText.Format(End)}, before it starts at {Text.InstantText.Format(Start)}."
            : null;
}
