using System.Text.Json.Nodes;
using HelpDesk.Policies;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using static HelpDesk.Tests.HelpDeskHost;
using static HelpDesk.Tests.RunningDesk;

namespace HelpDesk.Tests;

/// <summary>The watcher that records warnings and breaches, across restarts, and the policy file reloaded while running.</summary>
public sealed class WatcherAndPolicyTests
{
    public static TheoryData<Database> Databases => RunningDesk.Databases;

    [SkippableTheory, MemberData(nameof(Databases))]
    public async Task Each_warning_and_the_breach_are_recorded_once_when_they_fall_due(Database database)
    {
        await using var desk = await RunningDesk.StartAsync(database);
        var (host, client) = (desk.Host, desk.Client);

        host.Clock.Advance(Duration.FromMinutes(8));
        Assert.Equal(Instant.FromUtc(2026, 3, 2, 9, 11, 15), await host.Watcher.ProcessDueAsync(CancellationToken.None));
        host.Clock.Advance(Duration.FromMinutes(8));
        await host.Watcher.ProcessDueAsync(CancellationToken.None);
        await host.Watcher.ProcessDueAsync(CancellationToken.None);

        var alerts = await GetArrayAsync(client, "/alerts?ticket=T-1");
        Assert.Equal(
            ["firstResponse 1 warning 0.5 at 2026-03-02T09:07:30Z recorded 2026-03-02T09:08:00Z",
             "firstResponse 1 breach at 2026-03-02T09:15:00Z recorded 2026-03-02T09:16:00Z"],
            alerts.Select(Describe));
    }

    [SkippableTheory, MemberData(nameof(Databases))]
    public async Task The_background_watcher_wakes_for_the_earliest_change_by_itself(Database database)
    {
        await using var desk = await RunningDesk.StartAsync(database);
        var (host, client) = (desk.Host, desk.Client);

        host.Clock.Advance(Duration.FromMinutes(16));
        host.Watcher.Wake();
        var alerts = await WaitForAlertsAsync(client, "T-1", a => a.Any(x => x!["kind"]!.GetValue<string>() == "breach"));
        Assert.Equal("firstResponse 1 breach at 2026-03-02T09:15:00Z recorded 2026-03-02T09:16:00Z", Describe(alerts.Single(x => x!["kind"]!.GetValue<string>() == "breach")));
    }

    [SkippableTheory, MemberData(nameof(Databases))]
    public async Task After_a_restart_the_timers_come_back_from_the_database_and_no_breach_is_missed(Database database)
    {
        DeskFolder.SkipUnlessAvailable(database);
        using var folder = new DeskFolder(database);
        await using (var before = folder.Start(Nine))
        {
            using var client = before.CreateClient();
            await CreateAsync(client, NewTicket);
        }

        // Down from 09:00 to 10:00: the first-response deadline (09:15) passed meanwhile.
        await using var after = folder.Start(Nine + Duration.FromHours(1));
        using var restarted = after.CreateClient();
        var alerts = await WaitForAlertsAsync(restarted, "T-1", a => a.Any(x => x!["kind"]!.GetValue<string>() == "breach"));
        Assert.Contains("firstResponse 1 breach at 2026-03-02T09:15:00Z recorded 2026-03-02T10:00:00Z", alerts.Select(Describe));
    }

    [Fact]
    public async Task A_new_policy_version_applies_to_tickets_created_after_it_and_a_bad_edit_keeps_the_policy()
    {
        await using var desk = await RunningDesk.StartAsync(Database.Sqlite);
        var (folder, host, client) = (desk.Folder, desk.Host, desk.Client);

        // The same agreement from 09:30 with a five-minute first response for P1 e-mail.
        var policy = JsonNode.Parse(await File.ReadAllTextAsync(folder.PolicyPath))!;
        var stricter = policy["versions"]![0]!.DeepClone();
        stricter["version"] = "2026.2";
        stricter["effectiveFrom"] = "2026-03-02T09:30:00Z";
        stricter["services"]!.AsArray().Single(s => s!["id"]!.GetValue<string>() == "email")!["targets"]!["P1"]!["firstResponse"]!["within"] = "PT5M";
        policy["versions"]!.AsArray().Add(stricter);
        await File.WriteAllTextAsync(folder.PolicyPath, policy.ToJsonString());
        await WaitForPolicyVersions(client, 2);

        host.Clock.Advance(Duration.FromMinutes(40));
        await CreateAsync(client, """{"id":"T-2","service":"email","priority":"P1","created":"2026-03-02T09:40:00Z"}""");
        Assert.Equal("2026-03-02T09:15:00Z", Metric(await JsonAsync(await client.GetAsync("/tickets/T-1")), "firstResponse")["deadline"]!.GetValue<string>());
        Assert.Equal("2026-03-02T09:45:00Z", Metric(await JsonAsync(await client.GetAsync("/tickets/T-2")), "firstResponse")["deadline"]!.GetValue<string>());

        await File.WriteAllTextAsync(folder.PolicyPath, """{"id": "acme-support", "versions": [""");
        host.Services.GetRequiredService<PolicyFile>().Reload();
        Assert.Equal(2, (await JsonAsync(await client.GetAsync("/policy")))["versions"]!.AsArray().Count);
        Assert.Equal("2026-03-02T09:45:00Z", Metric(await JsonAsync(await client.GetAsync("/tickets/T-2")), "firstResponse")["deadline"]!.GetValue<string>());
    }

    [Fact]
    public void A_bad_policy_at_start_up_stops_the_service_with_its_problems()
    {
        using var folder = new DeskFolder(Database.Sqlite);
        File.WriteAllText(folder.PolicyPath, """{"id": "acme-support", "versions": []}""");
        using var host = folder.Start(Nine);
        var failure = Assert.Throws<InvalidOperationException>(() => host.CreateClient());
        Assert.StartsWith($"The policy {folder.PolicyPath} cannot be used:", failure.Message, StringComparison.Ordinal);
        Assert.Contains("versions", failure.Message, StringComparison.Ordinal);
    }

    private static Task WaitForPolicyVersions(HttpClient client, int count) =>
        EventuallyAsync(async () => (await JsonAsync(await client.GetAsync("/policy")))["versions"]!.AsArray().Count, n => n == count,
            $"the service to reload the changed policy file ({count} versions)");

    private static string Describe(JsonNode? alert) =>
        $"{alert!["metric"]} {alert["cycle"]} {alert["kind"]} at {alert["at"]} recorded {alert["recordedAt"]}";
}
