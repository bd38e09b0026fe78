using HelpDesk.Alerts;
using HelpDesk.Policies;
using HelpDesk.Storage;
using HelpDesk.Tickets;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using NodaTime;
using Sla.Core.Json;

var builder = WebApplication.CreateBuilder(args);

// The library never reads the clock: the service passes it in, and tests replace it with one they move.
builder.Services.AddSingleton<IClock>(SystemClock.Instance);
builder.Services.AddSingleton<PolicyFile>();
builder.Services.AddSingleton<AlertRecorder>();
builder.Services.AddScoped<TicketStore>();
builder.Services.AddSingleton<BreachWatcher>();
// Several instances of the desk may share a database: alerts are recorded once whichever records them, but one watcher is enough.
if (builder.Configuration.GetValue("HelpDesk:Watcher", defaultValue: true))
{
    builder.Services.AddHostedService(services => services.GetRequiredService<BreachWatcher>());
}
builder.Services.AddDbContext<HelpDeskDb>((services, options) =>
{
    var configuration = services.GetRequiredService<IConfiguration>();
    if (configuration.GetConnectionString("PostgreSql") is { Length: > 0 } postgres)
    {
        options.UseNpgsql(postgres, npgsql => npgsql.UseNodaTime());
    }
    else
    {
        var root = services.GetRequiredService<IHostEnvironment>().ContentRootPath;
        options.UseSqlite($"Data Source={Path.GetFullPath(configuration["HelpDesk:SqliteFile"] ?? "helpdesk.db", root)}");
    }
    options.ReplaceService<IModelCacheKeyFactory, ModelPerProvider>();
    // A lost race (a stale version, an id or alert another writer stored first) is expected and answered in the API's words, so
    // EF Core's own report of it is detail; any other failure is still thrown, and logged by the host as an error.
    options.ConfigureWarnings(warnings => warnings.Log(
        (CoreEventId.SaveChangesFailed, LogLevel.Debug),
        (CoreEventId.OptimisticConcurrencyException, LogLevel.Debug),
        (RelationalEventId.CommandError, LogLevel.Debug)));
});
// Instants, durations, statuses and results in the same form as the policy documents and the sla tool.
builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.ConfigureForSla());
builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);

var app = builder.Build();

// Read the policy now: a bad document stops the service at start-up with every problem listed.
app.Services.GetRequiredService<PolicyFile>();
using (var scope = app.Services.CreateScope())
{
    // A sample creates its schema on first run; a real desk would use EF Core migrations.
    var db = scope.ServiceProvider.GetRequiredService<HelpDeskDb>();
    db.Database.EnsureCreated();
    if (db.Database.IsSqlite())
    {
        // Readers do not block the writer, so concurrent requests wait less for the file.
        db.Database.ExecuteSqlRaw("PRAGMA journal_mode=WAL;");
    }
}

app.AnswerRefusalsInWords();
app.MapHelpDesk();
app.Run();

/// <summary>The service's entry point, public so tests can host it.</summary>
public partial class Program;
