using FsCheck;
using NodaTime;
using Sla.Core.Testing;

namespace Sla.Core.Tests.Compliance;

/// <summary>Generated tickets for the evaluation fixture's policy (email service, March 2026).</summary>
public static class FixtureTickets
{
    /// <summary>The arbitrary the evaluation properties use.</summary>
    /// <returns>Tickets from <see cref="TicketArbitraries"/>.</returns>
    public static Arbitrary<TicketScenario> Tickets() =>
        TicketArbitraries.For(EvaluationFixture.Policy.Versions[0], "email", Instant.FromUtc(2026, 3, 1, 0, 0));
}
