using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using HelpDesk.Alerts;
using HelpDesk.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NodaTime;
using NodaTime.Testing;

namespace HelpDesk.Tests;

/// <summary>The two databases the service runs on.</summary>
public enum Database
{
    Sqlite,
    PostgreSql,
}

/// <summary>
/// A folder for one test's service: its policy file and (for SQLite) its database file, or (for PostgreSQL) a
/// database of its own on the server CI started, dropped at the end. Hosts started on it share the database,
/// as a service restarted on the same machine does.
/// </summary>
public sealed class DeskFolder : IDisposable
{
    /// <summary>What .ci/run sets when it has started PostgreSQL: a connection string without a database.</summary>
    public const string PostgresVariable = "HELPDESK_TEST_POSTGRES";

    public DeskFolder(Database database)
    {
        Database = database;
        Path = Directory.CreateTempSubdirectory("helpdesk-").FullName;
        File.Copy(System.IO.Path.Combine(AppContext.BaseDirectory, "samples", "policy.json"), PolicyPath);
        if (database == Database.PostgreSql)
        {
            PostgresConnection = $"{Environment.GetEnvironmentVariable(PostgresVariable)};Database=helpdesk_{Guid.NewGuid():N}";
        }
    }

    /// <summary>Skips a PostgreSQL test, saying why, when no server was started for the tests.</summary>
    public static void SkipUnlessAvailable(Database database) =>
        Skip.If(database == Database.PostgreSql && string.IsNullOrEmpty(Environment.GetEnvironmentVariable(PostgresVariable)),
            $"PostgreSQL is not running for these tests: .ci/run starts one and sets {PostgresVariable} (a connection string without a database).");

    public Database Database { get; }

    public string Path { get; }

    public string PolicyPath => System.IO.Path.Combine(Path, "policy.json");

    public string? PostgresConnection { get; }

    /// <summary>
    /// Starts the service at <paramref name="now"/>, with <paramref name="services"/> changing its services (a test's hooks); without
    /// <paramref name="watching"/>, no watcher runs in the background, and the test runs its passes itself, at the instants it chooses.
    /// </summary>
    public HelpDeskHost Start(Instant now, Action<IServiceCollection>? services = null, bool watching = true) => new(this, new FakeClock(now), services, watching);

    /// <summary>Runs the service at 09:00 just long enough to file ticket T-1, then stops it: the desk before a restart.</summary>
    public async Task RunUntilTicketIsFiledAsync()
    {
        await using var before = Start(RunningDesk.Nine);
        using var client = before.CreateClient();
        Assert.Equal(HttpStatusCode.Created, (await HelpDeskHost.CreateAsync(client, RunningDesk.NewTicket)).StatusCode);
    }

    public void Dispose()
    {
        if (PostgresConnection is not null)
        {
            using var db = new HelpDeskDb(new DbContextOptionsBuilder<HelpDeskDb>()
                .UseNpgsql(PostgresConnection, npgsql => npgsql.UseNodaTime())
                .ReplaceService<Microsoft.EntityFrameworkCore.Infrastructure.IModelCacheKeyFactory, ModelPerProvider>().Options);
            db.Database.EnsureDeleted();
        }
        Directory.Delete(Path, recursive: true);
    }
}

/// <summary>
/// A running desk for one test: its folder, the service and a client, and ticket T-1 (e-mail, P1) created at 09:00 on
/// Monday 2026-03-02 unless asked otherwise; disposed in the reverse order.
/// </summary>
public sealed class RunningDesk : IAsyncDisposable
{
    public static readonly Instant Nine = Instant.FromUtc(2026, 3, 2, 9, 0);

    public const string NewTicket = """{"id":"T-1","service":"email","priority":"P1","created":"2026-03-02T09:00:00Z"}""";

    private RunningDesk(DeskFolder folder, HelpDeskHost host, HttpClient client) => (Folder, Host, Client) = (folder, host, client);

    public static TheoryData<Database> Databases => [Database.Sqlite, Database.PostgreSql];

    public DeskFolder Folder { get; }

    public HelpDeskHost Host { get; }

    public HttpClient Client { get; }

    /// <summary>Starts the desk at 09:00 (skipping a PostgreSQL test, saying why, when no server runs), its watcher in the background unless not <paramref name="watching"/>.</summary>
    public static async Task<RunningDesk> StartAsync(Database database, bool withTicket = true, bool watching = true)
    {
        DeskFolder.SkipUnlessAvailable(database);
        var folder = new DeskFolder(database);
        var host = folder.Start(Nine, watching: watching);
        var desk = new RunningDesk(folder, host, host.CreateClient());
        if (withTicket)
        {
            Assert.Equal(System.Net.HttpStatusCode.Created, (await HelpDeskHost.CreateAsync(desk.Client, NewTicket)).StatusCode);
        }
        return desk;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Host.DisposeAsync();
        Folder.Dispose();
    }
}

/// <summary>The service, hosted in the test through real HTTP, with a clock the test moves.</summary>
public sealed class HelpDeskHost(DeskFolder folder, FakeClock clock, Action<IServiceCollection>? configure, bool watching) : WebApplicationFactory<Program>
{
    public FakeClock Clock { get; } = clock;

    public BreachWatcher Watcher => Services.GetRequiredService<BreachWatcher>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("HelpDesk:PolicyFile", folder.PolicyPath);
        builder.UseSetting("HelpDesk:SqliteFile", System.IO.Path.Combine(folder.Path, "helpdesk.db"));
        builder.UseSetting("ConnectionStrings:PostgreSql", folder.PostgresConnection ?? "");
        builder.UseSetting("HelpDesk:Watcher", watching ? "true" : "false");
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<IClock>();
            services.AddSingleton<IClock>(Clock);
            configure?.Invoke(services);
        });
    }

    /// <summary>Posts a ticket document.</summary>
    public static Task<HttpResponseMessage> CreateAsync(HttpClient client, string json) =>
        client.PostAsync("/tickets", Json(json));

    /// <summary>Posts an event, with <c>If-Match</c> when a version is given.</summary>
    public static Task<HttpResponseMessage> AppendAsync(HttpClient client, string id, string json, int? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/tickets/{id}/events") { Content = Json(json) };
        if (ifMatch is { } version)
        {
            request.Headers.TryAddWithoutValidation("If-Match", $"\"{version}\"");
        }
        return client.SendAsync(request);
    }

    /// <summary>JSON content for a request.</summary>
    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    /// <summary>Asserts a refusal: its status, and its <c>error</c> sentence exactly.</summary>
    public static async Task AssertRefusedAsync(HttpStatusCode status, string error, HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {status}, got {response.StatusCode}: {body}");
        Assert.Equal(error, JsonNode.Parse(body)!["error"]!.GetValue<string>());
    }

    public static async Task<JsonNode> JsonAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

    public static async Task<JsonArray> GetArrayAsync(HttpClient client, string path) =>
        (await client.GetFromJsonAsync<JsonArray>(path))!;

    /// <summary>The metric result named <paramref name="metric"/> in a ticket view.</summary>
    public static JsonNode Metric(JsonNode view, string metric) =>
        view["evaluation"]!["metrics"]!.AsArray().Single(m => m!["metric"]!.GetValue<string>() == metric)!;

    /// <summary>Waits for the background watcher to record what the test expects, failing after a generous wait.</summary>
    public static Task<JsonArray> WaitForAlertsAsync(HttpClient client, string ticket, Func<JsonArray, bool> done) =>
        EventuallyAsync(() => GetArrayAsync(client, $"/alerts?ticket={ticket}"), done, $"the watcher to record the expected alerts for {ticket}");

    /// <summary>
    /// Reads until what is read satisfies <paramref name="done"/>: for work the service does in the background (the
    /// watcher, the policy file's reload). It waits up to 30 s, so a slow machine delays the test instead of failing it.
    /// </summary>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done, string waitingFor)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }
            await Task.Delay(100);
        }
        throw new Xunit.Sdk.XunitException($"waited 30 s for {waitingFor}; last read: {await read()}");
    }

    public static string Text(JsonNode? node) => node is null ? "null" : node.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
}
