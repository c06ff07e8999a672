using CoordinationPortal.Data;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CoordinationPortal.Web.Infrastructure;

/// <summary>Where the portal's database is, for checks and for log lines that must name it.</summary>
public static class DatabaseLocation
{
    /// <summary>The full path of the SQLite database file, or null for SQL Server and in-memory databases.</summary>
    public static string? SqliteFile(PortalDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!db.Database.IsSqlite())
        {
            return null;
        }

        var builder = new SqliteConnectionStringBuilder(db.Database.GetConnectionString());
        var source = builder.DataSource;
        return builder.Mode == SqliteOpenMode.Memory || string.IsNullOrEmpty(source) || source == ":memory:" || source.StartsWith("file:", StringComparison.OrdinalIgnoreCase)
            ? null
            : Path.GetFullPath(source); // SQLite resolves a relative name against the working directory too
    }

    /// <summary>Where the database is, for log lines: the SQLite file, or the SQL Server and database name (never the password).</summary>
    public static string Describe(PortalDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (SqliteFile(db) is { } file)
        {
            return file;
        }

        if (db.Database.IsSqlServer())
        {
            var builder = new SqlConnectionStringBuilder(db.Database.GetConnectionString());
            return $"{builder.InitialCatalog} on {builder.DataSource}";
        }

        return "(in memory)";
    }
}
