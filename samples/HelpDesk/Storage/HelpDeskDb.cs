using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using NodaTime;

namespace HelpDesk.Storage;

/// <summary>
/// The desk's database: tickets, their events in order, and the warnings and breaches recorded for them.
/// The same model runs on SQLite (instants stored as Unix ticks) and on PostgreSQL (instants as
/// <c>timestamp with time zone</c>, through Npgsql's NodaTime plugin).
/// </summary>
public sealed class HelpDeskDb(DbContextOptions<HelpDeskDb> options) : DbContext(options)
{
    /// <summary>The tickets.</summary>
    public DbSet<TicketRow> Tickets => Set<TicketRow>();

    /// <summary>Every ticket's events, numbered from 1 in the order they were appended.</summary>
    public DbSet<EventRow> Events => Set<EventRow>();

    /// <summary>Each warning and breach, recorded once per ticket, metric, cycle and kind.</summary>
    public DbSet<AlertRow> Alerts => Set<AlertRow>();

    /// <inheritdoc />
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        if (Database.IsSqlite())
        {
            // SQLite has no instant type; ticks keep order, so "due before" queries still run in the database.
            configurationBuilder.Properties<Instant>().HaveConversion<InstantAsTicks>();
        }
    }

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<TicketRow>(ticket =>
        {
            ticket.HasKey(t => t.Id);
            // Every append bumps the version, and an update whose version changed underneath it fails: the stale write.
            ticket.Property(t => t.Version).IsConcurrencyToken();
            ticket.HasIndex(t => t.NextChangeAt);
            ticket.HasMany(t => t.Events).WithOne().HasForeignKey(e => e.TicketId);
        });
        modelBuilder.Entity<EventRow>().HasKey(e => new { e.TicketId, e.Sequence });
        modelBuilder.Entity<AlertRow>(alert =>
        {
            alert.HasKey(a => a.Id);
            alert.HasIndex(a => new { a.TicketId, a.Metric, a.Cycle, a.Kind }).IsUnique();
        });
    }

    private sealed class InstantAsTicks() : ValueConverter<Instant, long>(i => i.ToUnixTimeTicks(), t => Instant.FromUnixTimeTicks(t));
}

/// <summary>Keeps one model per database provider: the SQLite model converts instants, PostgreSQL's does not.</summary>
public sealed class ModelPerProvider : IModelCacheKeyFactory
{
    /// <inheritdoc />
    public object Create(DbContext context, bool designTime) => (context.GetType(), context.Database.ProviderName, designTime);
}

/// <summary>A ticket: what it was created with, how many events it has (its version) and when it next needs a look.</summary>
public sealed class TicketRow
{
    /// <summary>The ticket's id.</summary>
    public required string Id { get; init; }

    /// <summary>The service it was created under.</summary>
    public required string Service { get; init; }

    /// <summary>The priority it was created with.</summary>
    public required string Priority { get; init; }

    /// <summary>When it was created.</summary>
    public required Instant Created { get; init; }

    /// <summary>Its attributes at creation, as a JSON object of names to values.</summary>
    public required string AttributesJson { get; init; }

    /// <summary>The number of events appended so far; what an <c>If-Match</c> header names.</summary>
    public int Version { get; set; }

    /// <summary>When its SLA status next changes if no event arrives, or <see langword="null"/> when nothing runs.</summary>
    public Instant? NextChangeAt { get; set; }

    /// <summary>Its events, in order.</summary>
    public List<EventRow> Events { get; init; } = [];
}

/// <summary>One event of a ticket, as Sla.Core's <c>TicketEvent</c> holds it.</summary>
public sealed class EventRow
{
    /// <summary>The ticket's id.</summary>
    public required string TicketId { get; init; }

    /// <summary>Its place in the log, from 1.</summary>
    public required int Sequence { get; init; }

    /// <summary>When it happened.</summary>
    public required Instant At { get; init; }

    /// <summary>Its kind, as <c>TicketEventKind</c> names it.</summary>
    public required string Kind { get; init; }

    /// <summary>The status, priority, group, service or attribute value it carries, if any.</summary>
    public string? Value { get; init; }

    /// <summary>The attribute it changes, for an attribute event.</summary>
    public string? Name { get; init; }
}

/// <summary>A warning or breach of one metric cycle of a ticket, as the desk noticed it.</summary>
public sealed class AlertRow
{
    /// <summary>The row's key.</summary>
    public long Id { get; init; }

    /// <summary>The ticket's id.</summary>
    public required string TicketId { get; init; }

    /// <summary>The metric's id.</summary>
    public required string Metric { get; init; }

    /// <summary>The metric's cycle, from 1.</summary>
    public required int Cycle { get; init; }

    /// <summary><c>breach</c>, or <c>warning</c> followed by the fraction reached (such as <c>warning 0.75</c>).</summary>
    public required string Kind { get; init; }

    /// <summary>When it happened: the breach instant, or when the warning was due.</summary>
    public required Instant At { get; init; }

    /// <summary>When the desk recorded it (later than <see cref="At"/> after the service was down).</summary>
    public required Instant RecordedAt { get; init; }
}
