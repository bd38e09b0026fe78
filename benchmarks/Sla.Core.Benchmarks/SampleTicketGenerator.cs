using System.Globalization;
using System.Text;

namespace Sla.Core.Benchmarks;

/// <summary>
/// Writes the bundled sample's tickets (run with <c>--generate-sample-tickets N FILE</c>): a quarter of a
/// realistic desk under the sample policy. Tickets arrive mostly in Moscow office hours; agents answer
/// and resolve around each priority's targets, sometimes late; some wait on the customer, change
/// priority or are reopened; a quarter of the ERP tickets go to the L2 team for a while (the sample's
/// operational-level agreement); e-mail tickets carry a tier (a quarter gold, the sample's variant; one standard ticket in
/// twenty upgraded to gold on the way). Deterministic (fixed seeds; the L2 hand-offs and tiers draw from their own, so
/// adding them left every other event as it was).
/// </summary>
internal static class SampleTicketGenerator
{
    public static void Write(int count, string path, int seed = 2026)
    {
        var random = new Random(seed);
        var handOffs = new Random(seed + 1);
        var tiers = new Random(seed + 2);
        var quarterStart = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var tickets = new List<(DateTime Created, string Line)>();
        for (var i = 0; i < count; i++)
        {
            var created = Arrival(random, quarterStart);
            var priority = Pick(random, ("P1", 10), ("P2", 30), ("P3", 40), ("P4", 20));
            var service = random.Next(10) < 6 ? "email" : "erp";
            var events = new List<(DateTime At, string Json)>();
            var at = created;
            DateTime After(double minutes) => at = at.AddMinutes(Math.Max(1, minutes));
            var (reply, resolve) = priority switch
            {
                "P1" => (Minutes(random, 5, 14, 45), Minutes(random, 60, 200, 480)),
                "P2" => (Minutes(random, 10, 45, 240), Minutes(random, 240, 900, 4000)),
                "P3" => (Minutes(random, 30, 180, 900), Minutes(random, 600, 2500, 6000)),
                _ => (Minutes(random, 60, 600, 2000), Minutes(random, 1440, 6000, 16000)),
            };
            events.Add((After(reply), "\"agentReply\""));
            var cycles = random.Next(0, 3);
            for (var c = 0; c < cycles; c++)
            {
                events.Add((After(Minutes(random, 20, 120, 600)), "\"customerMessage\""));
                events.Add((After(Minutes(random, 10, 90, 600)), "\"agentReply\""));
            }
            if (random.Next(10) < 3)
            {
                events.Add((After(Minutes(random, 5, 30, 120)), "\"status\",\"status\":\"pending\""));
                events.Add((After(Minutes(random, 60, 600, 2880)), "\"status\",\"status\":\"open\""));
            }
            if (random.Next(20) == 0)
            {
                events.Add((After(Minutes(random, 5, 60, 300)), $"\"priority\",\"priority\":\"{Pick(random, ("P1", 1), ("P2", 2), ("P3", 1))}\""));
            }
            events.Add((created.AddMinutes(resolve) > at ? at = created.AddMinutes(resolve) : After(30), "\"resolved\""));
            if (random.Next(20) == 0)
            {
                events.Add((After(Minutes(random, 600, 2000, 4000)), "\"reopened\""));
                events.Add((After(Minutes(random, 30, 180, 600)), "\"resolved\""));
            }
            if (service == "erp" && handOffs.Next(4) == 0)
            {
                var assigned = created.AddMinutes(handOffs.Next(10, 120));
                events.Add((assigned, "\"assigned\",\"group\":\"L2\""));
                if (handOffs.Next(4) != 0)
                {
                    events.Add((assigned.AddMinutes(handOffs.Next(30, 600)), "\"assigned\",\"group\":\"L1\""));
                }
                events = [.. events.OrderBy(e => e.At)];
            }
            var tier = service == "email" ? (tiers.Next(4) == 0 ? "gold" : "standard") : null;
            if (tier == "standard" && tiers.Next(20) == 0)
            {
                events.Add((created.AddMinutes(tiers.Next(5, 240)), "\"attribute\",\"name\":\"tier\",\"value\":\"gold\""));
                events = [.. events.OrderBy(e => e.At)];
            }
            var json = new StringBuilder(512);
            json.Append(CultureInfo.InvariantCulture, $"\"service\":\"{service}\",\"priority\":\"{priority}\",\"created\":\"{Format(created)}\",");
            if (tier is not null)
            {
                json.Append(CultureInfo.InvariantCulture, $"\"attributes\":{{\"tier\":\"{tier}\"}},");
            }
            json.Append("\"events\":[");
            json.AppendJoin(',', events.Select(e => $"{{\"at\":\"{Format(e.At)}\",\"type\":{e.Json}}}"));
            json.Append("]}");
            tickets.Add((created, json.ToString()));
        }
        using var output = new StreamWriter(path, false, new UTF8Encoding(false));
        var n = 0;
        foreach (var (_, line) in tickets.OrderBy(t => t.Created))
        {
            output.WriteLine($"{{\"id\":\"T-{++n:0000}\",{line}");
        }
    }

    /// <summary>Mostly Moscow office hours (06:00-15:00 UTC on weekdays), sometimes any time.</summary>
    private static DateTime Arrival(Random random, DateTime quarterStart)
    {
        while (true)
        {
            var day = quarterStart.AddDays(random.Next(0, 90));
            if (random.Next(10) == 0)
            {
                return day.AddMinutes(random.Next(0, 24 * 60));
            }
            if (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                return day.AddMinutes(random.Next(6 * 60, 15 * 60));
            }
        }
    }

    /// <summary>A skewed duration: usually near <paramref name="typical"/>, now and then up to <paramref name="late"/>.</summary>
    private static double Minutes(Random random, double quick, double typical, double late) =>
        random.Next(8) == 0 ? quick + (random.NextDouble() * (late - quick)) : quick + (random.NextDouble() * (typical - quick));

    private static string Pick(Random random, params (string Value, int Weight)[] choices)
    {
        var roll = random.Next(choices.Sum(c => c.Weight));
        foreach (var (value, weight) in choices)
        {
            if ((roll -= weight) < 0)
            {
                return value;
            }
        }
        return choices[^1].Value;
    }

    private static string Format(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
