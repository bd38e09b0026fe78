using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace HelpDesk.Storage;

/// <summary>
/// Tells a lost race from a real failure. Only a lost race is answered in the API's words (a stale write, a taken id);
/// anything else (a dropped connection, a full disk) is thrown, so the host logs it and the client gets a 500.
/// </summary>
public static class DatabaseErrors
{
    /// <summary>SQLite's extended result codes for a violated primary key and unique index.</summary>
    private const int SqlitePrimaryKey = 1555, SqliteUnique = 2067;

    /// <summary>Whether the write broke a primary key or unique index: a row another writer inserted first.</summary>
    public static bool IsDuplicate(DbUpdateException exception) => exception.InnerException switch
    {
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        SqliteException sqlite => sqlite.SqliteExtendedErrorCode is SqlitePrimaryKey or SqliteUnique,
        _ => false,
    };

    /// <summary>Whether another writer changed or inserted the same row first: a version that moved on, or a duplicate.</summary>
    public static bool IsLostRace(DbUpdateException exception) => exception is DbUpdateConcurrencyException || IsDuplicate(exception);
}
