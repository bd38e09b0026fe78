using System.Text.Json.Nodes;
using System.Net;
using HelpDesk.Policies;
using HelpDesk.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
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
        await using var desk = await RunningDesk.StartAsync(database, watching: false);
        var (host, client) = (desk.Host, desk.Client);

        host.Clock.Advance(Duration.FromMinutes(8));
        Assert.Equal(Instant.FromUtc(2026, 3, 2, 9, 11, 15), await host.Watcher.ProcessDueAsync(CancellationToken.None));
        host.Clock.Advance(Duration.FromMinutes(8));
        await host.Watcher.ProcessDueAsync(CancellationToken.None);
        await host.Watcher.ProcessDueAsync(CancellationToken.None);

        var alerts = await GetArrayAsync(client, "/alerts?ticket=T-1");
        Assert.Equal(
            ["firstResponse 1 warning 0.5 at 2026-03-02T09:07:30Z recorded 2026-03-02T09:08:00Z",
             "firstResponse 1 warning 0.75 at 2026-03-02T09:11:15Z recorded 2026-03-02T09:16:00Z",
             "firstResponse 1 warning 0.9 at 2026-03-02T09:13:30Z recorded 2026-03-02T09:16:00Z",
             "firstResponse 1 breach at 2026-03-02T09:15:00Z recorded 2026-03-02T09:16:00Z"],
            alerts.Select(Describe));
    }

    [SkippableTheory, MemberData(nameof(Databases))]
    public async Task A_write_before_the_watcher_looked_loses_no_warning_and_moves_none(Database database)
    {
        await using var desk = await RunningDesk.StartAsync(database, watching: false);
        var (host, client) = (desk.Host, desk.Client);

        // The 0.5 and 0.75 warnings (09:07:30, 09:11:15) pass before the watcher looks; a note at 09:12 comes first.
        host.Clock.Advance(Duration.FromMinutes(12) + Duration.FromNanoseconds(1234));
        await AppendAsync(client, "T-1", """{"at":"2026-03-02T09:12:00Z","type":"agentNote"}""");
        await host.Watcher.ProcessDueAsync(CancellationToken.None);

        Assert.Equal(
            ["firstResponse 1 warning 0.5 at 2026-03-02T09:07:30Z recorded 2026-03-02T09:12:00.000001Z",
             "firstResponse 1 warning 0.75 at 2026-03-02T09:11:15Z recorded 2026-03-02T09:12:00.000001Z"],
            (await GetArrayAsync(client, "/alerts?ticket=T-1")).Select(Describe));
    }

    [SkippableTheory, MemberData(nameof(Databases))]
    public async Task A_reply_before_the_watcher_looked_keeps_the_warning_it_came_after(Database database)
    {
        await using var desk = await RunningDesk.StartAsync(database, watching: false);
        var (host, client) = (desk.Host, desk.Client);

        host.Clock.Advance(Duration.FromMinutes(8));
        await AppendAsync(client, "T-1", """{"at":"2026-03-02T09:08:00Z","type":"agentReply"}""");
        await host.Watcher.ProcessDueAsync(CancellationToken.None);

        Assert.Equal(["firstResponse 1 warning 0.5 at 2026-03-02T09:07:30Z recorded 2026-03-02T09:08:00Z"],
            (await GetArrayAsync(client, "/alerts?ticket=T-1")).Select(Describe));
    }

    [SkippableTheory, MemberData(nameof(Databases))]
    public async Task A_ticket_filed_late_gets_its_alerts_at_the_instants_they_happened(Database database)
    {
        await using var desk = await RunningDesk.StartAsync(database, watching: false);
        var (host, client) = (desk.Host, desk.Client);

        // Created at 08:00, filed at 09:00 (imported from another system, or queued).
        await CreateAsync(client, """{"id":"T-2","service":"email","priority":"P1","created":"2026-03-02T08:00:00Z"}""");
        await host.Watcher.ProcessDueAsync(CancellationToken.None);

        Assert.Equal(
            ["firstResponse 1 warning 0.5 at 2026-03-02T08:07:30Z recorded 2026-03-02T09:00:00Z",
             "firstResponse 1 warning 0.75 at 2026-03-02T08:11:15Z recorded 2026-03-02T09:00:00Z",
             "firstResponse 1 warning 0.9 at 2026-03-02T08:13:30Z recorded 2026-03-02T09:00:00Z",
             "firstResponse 1 breach at 2026-03-02T08:15:00Z recorded 2026-03-02T09:00:00Z"],
            (await GetArrayAsync(client, "/alerts?ticket=T-2")).Where(a => a!["metric"]!.GetValue<string>() == "firstResponse").Select(Describe));
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
        await folder.RunUntilTicketIsFiledAsync();

        // Down from 09:00 to 10:00: the first-response deadline (09:15) passed meanwhile.
        await using var after = folder.Start(Nine + Duration.FromHours(1));
        using var restarted = after.CreateClient();
        var alerts = await WaitForAlertsAsync(restarted, "T-1", a => a.Any(x => x!["kind"]!.GetValue<string>() == "breach"));
        // Each warning crossed while it was down is recorded at the instant it was crossed.
        Assert.Equal(
            ["firstResponse 1 warning 0.5 at 2026-03-02T09:07:30Z recorded 2026-03-02T10:00:00Z",
             "firstResponse 1 warning 0.75 at 2026-03-02T09:11:15Z recorded 2026-03-02T10:00:00Z",
             "firstResponse 1 warning 0.9 at 2026-03-02T09:13:30Z recorded 2026-03-02T10:00:00Z",
             "firstResponse 1 breach at 2026-03-02T09:15:00Z recorded 2026-03-02T10:00:00Z"],
            alerts.Where(a => a!["metric"]!.GetValue<string>() == "firstResponse").Select(Describe));
    }

    [SkippableTheory, MemberData(nameof(Databases))]
    public async Task A_policy_edited_while_the_service_was_down_is_planned_for_at_start_up(Database database)
    {
        DeskFolder.SkipUnlessAvailable(database);
        using var folder = new DeskFolder(database);
        await folder.RunUntilTicketIsFiledAsync();
        // Under the edited policy the first response was due at 09:05, before the 15-minute target's first warning (09:07:30).
        await File.WriteAllTextAsync(folder.PolicyPath, EditedPolicy(await File.ReadAllTextAsync(folder.PolicyPath), version => FirstResponseOfEmailP1(version, "PT5M")));

        await using var after = folder.Start(Nine + Duration.FromMinutes(6), watching: false);
        using var restarted = after.CreateClient();
        await after.Watcher.ProcessDueAsync(CancellationToken.None);
        Assert.Contains("firstResponse 1 breach at 2026-03-02T09:05:00Z recorded 2026-03-02T09:06:00Z",
            (await GetArrayAsync(restarted, "/alerts?ticket=T-1")).Select(Describe));
    }

    [Fact]
    public async Task A_reload_that_would_re_judge_tickets_already_filed_is_refused_and_says_why()
    {
        await using var desk = await RunningDesk.StartAsync(Database.Sqlite);
        var original = await File.ReadAllTextAsync(desk.Folder.PolicyPath);

        Assert.Equal(
            ["version 2026.1 has been in force since 2025-12-31T21:00:00Z and tickets were judged by it: it cannot be changed; add a version that takes effect later instead."],
            await ReloadAsync(desk, EditedPolicy(original, version => FirstResponseOfEmailP1(version, "PT5M"))));

        var backdated = JsonNode.Parse(original)!;
        var copy = FirstResponseOfEmailP1(backdated["versions"]![0]!.DeepClone(), "PT5M");
        (copy["version"], copy["effectiveFrom"]) = ("2026.2", "2026-03-02T08:00:00Z");
        backdated["versions"]!.AsArray().Add(copy);
        Assert.Equal(
            ["version 2026.2 takes effect at 2026-03-02T08:00:00Z, which has passed (now is 2026-03-02T09:00:00Z): a new version must take effect later, so tickets already filed keep their deadlines."],
            await ReloadAsync(desk, backdated.ToJsonString()));
        Assert.Equal("2026-03-02T09:15:00Z", Metric(await JsonAsync(await desk.Client.GetAsync("/tickets/T-1")), "firstResponse")["deadline"]!.GetValue<string>());

        // The same edit a little later, taking effect in the future, is taken, and the refusal is cleared.
        copy["effectiveFrom"] = "2026-03-02T10:00:00Z";
        Assert.Null(await ReloadAsync(desk, backdated.ToJsonString()));
        Assert.Equal(2, (await JsonAsync(await desk.Client.GetAsync("/policy")))["versions"]!.AsArray().Count);

        // A version still to come cannot be moved to a start that has passed either.
        copy["effectiveFrom"] = "2026-03-02T08:30:00Z";
        Assert.Equal(
            ["version 2026.2 takes effect at 2026-03-02T08:30:00Z, which has passed (now is 2026-03-02T09:00:00Z): a new version must take effect later, so tickets already filed keep their deadlines."],
            await ReloadAsync(desk, backdated.ToJsonString()));
        Assert.Equal("2026-03-02T09:15:00Z", Metric(await JsonAsync(await desk.Client.GetAsync("/tickets/T-1")), "firstResponse")["deadline"]!.GetValue<string>());
    }

    [SkippableTheory, MemberData(nameof(Databases))]
    public async Task An_alert_another_writer_records_meanwhile_does_not_fail_an_append(Database database)
    {
        DeskFolder.SkipUnlessAvailable(database);
        using var folder = new DeskFolder(database);
        await using var host = folder.Start(Nine, services => services.ConfigureDbContext<HelpDeskDb>(
            (provider, options) => options.AddInterceptors(new BreachRecordedMeanwhile(provider))), watching: false);
        using var client = host.CreateClient();
        await CreateAsync(client, NewTicket);

        // At 09:20 the first response has been breached (09:15); while the append is being saved, another writer records the breach.
        host.Clock.Advance(Duration.FromMinutes(20));
        var appended = await AppendAsync(client, "T-1", """{"at":"2026-03-02T09:20:00Z","type":"agentNote"}""", ifMatch: 0);
        Assert.Equal(HttpStatusCode.OK, appended.StatusCode);
        Assert.Equal(1, (await JsonAsync(await client.GetAsync("/tickets/T-1")))["version"]!.GetValue<int>());
        await host.Watcher.ProcessDueAsync(CancellationToken.None);
        Assert.Single(await GetArrayAsync(client, "/alerts?ticket=T-1"), a => a!["kind"]!.GetValue<string>() == "breach");
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
        FirstResponseOfEmailP1(stricter, "PT5M");
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
    public async Task A_policy_file_that_was_deleted_keeps_the_policy_and_says_so()
    {
        await using var desk = await RunningDesk.StartAsync(Database.Sqlite, watching: false);
        Assert.Equal(["the file is not there (deleted, or renamed): put the policy back under its name."], await ReloadAsync(desk, text: null));
        Assert.Single((await JsonAsync(await desk.Client.GetAsync("/policy")))["versions"]!.AsArray());
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

    /// <summary>Records the first response's breach through a context of its own while an event is about to be saved.</summary>
    private sealed class BreachRecordedMeanwhile(IServiceProvider services) : SaveChangesInterceptor
    {
        public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
            CancellationToken cancellationToken = default)
        {
            if (eventData.Context!.ChangeTracker.Entries<EventRow>().Any(e => e.State == EntityState.Added))
            {
                using var scope = services.CreateScope();
                var other = scope.ServiceProvider.GetRequiredService<HelpDeskDb>();
                var at = Instant.FromUtc(2026, 3, 2, 9, 15);
                other.Alerts.Add(new AlertRow { TicketId = "T-1", Metric = "firstResponse", Cycle = 1, Kind = "breach", At = at, RecordedAt = at });
                await other.SaveChangesAsync(cancellationToken);
            }
            return result;
        }
    }

    /// <summary>Writes the policy file (or deletes it, for <see langword="null"/>), reloads it, and returns <c>/policy</c>'s <c>refusedEdit</c>.</summary>
    private static async Task<IEnumerable<string>?> ReloadAsync(RunningDesk desk, string? text)
    {
        if (text is null)
        {
            File.Delete(desk.Folder.PolicyPath);
        }
        else
        {
            await File.WriteAllTextAsync(desk.Folder.PolicyPath, text);
        }
        desk.Host.Services.GetRequiredService<PolicyFile>().Reload();
        return (await JsonAsync(await desk.Client.GetAsync("/policy")))["refusedEdit"]?.AsArray().Select(line => line!.GetValue<string>()).ToList();
    }

    private static string EditedPolicy(string policy, Func<JsonNode, JsonNode> editFirstVersion)
    {
        var document = JsonNode.Parse(policy)!;
        editFirstVersion(document["versions"]![0]!);
        return document.ToJsonString();
    }

    private static JsonNode FirstResponseOfEmailP1(JsonNode version, string within)
    {
        version["services"]!.AsArray().Single(s => s!["id"]!.GetValue<string>() == "email")!["targets"]!["P1"]!["firstResponse"]!["within"] = within;
        return version;
    }

    private static Task WaitForPolicyVersions(HttpClient client, int count) =>
        EventuallyAsync(async () => (await JsonAsync(await client.GetAsync("/policy")))["versions"]!.AsArray().Count, n => n == count,
            $"the service to reload the changed policy file ({count} versions)");

    private static string Describe(JsonNode? alert) =>
        $"{alert!["metric"]} {alert["cycle"]} {alert["kind"]} at {alert["at"]} recorded {alert["recordedAt"]}";
}
