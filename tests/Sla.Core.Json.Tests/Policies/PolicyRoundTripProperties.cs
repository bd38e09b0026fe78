using FsCheck.Xunit;
using NodaTime;
using Sla.Core.Calendars;
using Sla.Core.Json.Calendars;
using Sla.Core.Json.Policies;
using Sla.Core.Policies;
using Sla.Core.Testing;

namespace Sla.Core.Json.Tests.Policies;

/// <summary>JSON -> model -> JSON keeps the meaning, over generated policies.</summary>
[Properties(Arbitrary = [typeof(PolicyArbitraries)], MaxTest = 100)]
public sealed class PolicyRoundTripProperties
{
    [Property]
    public bool Writing_then_reading_a_policy_gives_the_same_document_and_the_same_deadlines(GeneratedPolicy generated)
    {
        var written = PolicyDocument.Write(generated.Policy);
        var read = PolicyDocument.Parse(written, TestTimeZones.Provider);
        if (PolicyDocument.Write(read) != written)
        {
            return false;
        }
        var created = generated.Policy.Versions[0].EffectiveFrom + Duration.FromHours(37);
        return generated.Policy.Versions.Zip(read.Versions).All(pair =>
            pair.First.Services.All(s => pair.First.Priorities.All(p =>
                pair.First.Deadlines(s.Id, p, created).SequenceEqual(pair.Second.Deadlines(s.Id, p, created)))));
    }

    [Property]
    public bool Writing_then_reading_a_calendar_gives_the_same_calendar(GeneratedPolicy generated)
    {
        var calendar = generated.Policy.Versions[0].Calendars[0];
        var written = CalendarDocument.Write(calendar);
        var read = CalendarDocument.Parse(written, TestTimeZones.Provider);
        var from = generated.Policy.Versions[0].EffectiveFrom;
        return CalendarDocument.Write(read) == written
            && read.Elapsed(from, from + Duration.FromDays(400)) == calendar.Elapsed(from, from + Duration.FromDays(400));
    }
}
