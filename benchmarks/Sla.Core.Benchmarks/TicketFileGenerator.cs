using System.Globalization;
using System.Text;

namespace Sla.Core.Benchmarks;

/// <summary>
/// Writes generated tickets as JSON Lines for the sample policy (run with <c>--generate-tickets N FILE</c>):
/// a quarter of creation instants, both services, all four priorities, and logs of 0 to 12 events with
/// replies, customer messages, pauses, priority changes, resolutions and reopenings. Deterministic (fixed seed).
/// </summary>
internal static class TicketFileGenerator
{
    private static readonly string[] Services = ["email", "erp"];
    private static readonly string[] Priorities = ["P1", "P2", "P3", "P4"];
    private static readonly string[] Statuses = ["open", "pending", "on-hold", "in-progress"];

    public static void Write(int count, string path, int seed = 20260301)
    {
        var random = new Random(seed);
        var quarterStart = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        using var output = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        var line = new StringBuilder(1024);
        for (var i = 0; i < count; i++)
        {
            var created = quarterStart.AddMinutes(random.Next(0, 90 * 24 * 60));
            line.Clear();
            line.Append(CultureInfo.InvariantCulture, $"{{\"id\":\"T-{i + 1}\",\"service\":\"{Services[random.Next(Services.Length)]}\",\"priority\":\"{Priorities[random.Next(Priorities.Length)]}\",\"created\":\"{Format(created)}\",\"events\":[");
            var at = created;
            var events = random.Next(0, 13);
            for (var e = 0; e < events; e++)
            {
                at = at.AddMinutes(random.Next(0, 8) == 0 ? random.Next(300, 4000) : random.Next(1, 240));
                if (e > 0)
                {
                    line.Append(',');
                }
                line.Append(CultureInfo.InvariantCulture, $"{{\"at\":\"{Format(at)}\",\"type\":");
                line.Append(random.Next(0, 20) switch
                {
                    < 6 => "\"agentReply\"}",
                    < 8 => "\"agentNote\"}",
                    < 12 => "\"customerMessage\"}",
                    < 15 => $"\"status\",\"status\":\"{Statuses[random.Next(Statuses.Length)]}\"}}",
                    < 16 => $"\"priority\",\"priority\":\"{Priorities[random.Next(Priorities.Length)]}\"}}",
                    < 19 => "\"resolved\"}",
                    _ => "\"reopened\"}",
                });
            }
            line.Append("]}");
            output.WriteLine(line);
        }
    }

    /// <summary>Writes generated outages over the same quarter: both services, 5 minutes to 2 hours, one in five planned, some overlapping.</summary>
    public static void WriteOutages(int count, string path, int seed = 20260302)
    {
        var random = new Random(seed);
        var quarterStart = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        using var output = new StreamWriter(path, false, new UTF8Encoding(false));
        var outages = Enumerable.Range(0, count)
            .Select(_ => (Start: quarterStart.AddMinutes(random.Next(0, 90 * 24 * 60)), Minutes: random.Next(5, 120), Service: Services[random.Next(Services.Length)], Planned: random.Next(5) == 0))
            .OrderBy(o => o.Start)
            .ToList();
        for (var i = 0; i < outages.Count; i++)
        {
            var (start, minutes, service, planned) = outages[i];
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{{\"id\":\"O-{i + 1}\",\"service\":\"{service}\",\"start\":\"{Format(start)}\",\"end\":\"{Format(start.AddMinutes(minutes))}\",\"planned\":{(planned ? "true" : "false")}}}"));
        }
    }

    private static string Format(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
