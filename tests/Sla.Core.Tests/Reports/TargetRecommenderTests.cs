using NodaTime;
using Sla.Core.Compliance;
using Sla.Core.Policies;
using Sla.Core.Reports;
using Sla.Core.Tickets;
using static Sla.Core.Tests.Compliance.EvaluationFixture;

namespace Sla.Core.Tests.Reports;

public sealed class TargetRecommenderTests
{
    [Fact]
    public void Recommends_the_percentile_of_counted_time_rounded_up_to_a_minute_beside_the_current_target()
    {
        var recommender = new TargetRecommender();
        for (var i = 1; i <= 20; i++)
        {
            var created = At(16, 9);
            var ticket = new Ticket($"T-{i}", "email", "P1", created, [TicketEvent.AgentReply(created + Duration.FromSeconds((i * 6 * 60) + 30))]);
            recommender.Add(ComplianceEvaluator.Evaluate(Policy, ticket, At(17, 0)));
        }
        recommender.Add(ComplianceEvaluator.Evaluate(Policy, new Ticket("bad", "fax", "P1", At(16, 9), []), At(17, 0)));
        var first = recommender.Recommend(0.95).Single(r => r.Metric == Metric.FirstResponse);
        // Replies after 6.5, 12.5, ... 120.5 minutes; the 19th of 20 is 114.5 minutes, rounded up to 115.
        Assert.Equal((20, Duration.FromMinutes(115), 0.45m), (first.Judged, first.Recommended, first.CurrentCompliance));
        Assert.Equal(SlaTarget.InBusinessTime(Duration.FromHours(1)), first.Current);
        Assert.Equal("percentile", Assert.Throws<ArgumentOutOfRangeException>(() => recommender.Recommend(0)).ParamName);
    }
}
