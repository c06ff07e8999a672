using CoordinationPortal.Data;
using CoordinationPortal.Web.Infrastructure.Files;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CoordinationPortal.Web.Infrastructure.Backup;

/// <summary>
/// Where the portal keeps what a backup must hold, resolved by the same code the running app uses,
/// so that backup and restore can never look in another place than the portal writes to.
/// </summary>
/// <param name="DatabaseFile">The SQLite file; null for SQL Server, whose database is backed up with its own tools.</param>
/// <param name="Migrations">The migrations this version of the app knows, to tell whether a backup comes from a newer one.</param>
public sealed record DataLocations(
    DatabaseProvider Provider,
    string DataDirectory,
    string? DatabaseFile,
    string KeysDirectory,
    string FilesDirectory,
    IReadOnlyList<string> Migrations)
{
    public static DataLocations From(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var configuration = services.GetRequiredService<IConfiguration>();
        var dataDirectory = configuration.ResolveDataDirectory(services.GetRequiredService<IHostEnvironment>());
        var provider = services.GetRequiredService<IOptions<DatabaseOptions>>().Value.Provider;
        var files = services.GetRequiredService<IOptions<FileStoreOptions>>().Value.ResolveRoot(dataDirectory);
        var keys = Path.Combine(dataDirectory, DataProtectionSetup.KeysFolder);
        if (provider != DatabaseProvider.Sqlite)
        {
            // Building a SQL Server context needs its connection string; nothing here needs the server.
            return new DataLocations(provider, dataDirectory, null, keys, files, []);
        }

        using var scope = services.CreateScope();
        var database = scope.ServiceProvider.GetRequiredService<PortalDbContext>().Database;
        var dataSource = new SqliteConnectionStringBuilder(database.GetConnectionString()).DataSource;
        if (string.IsNullOrWhiteSpace(dataSource) || dataSource.StartsWith(':'))
        {
            throw new BackupFailedException($"ConnectionStrings:{DatabaseSetup.ConnectionStringName} does not name a database file ('{dataSource}'); there is nothing to back up or restore.");
        }

        // SQLite resolves a relative Data Source from the working directory; so does GetFullPath.
        return new DataLocations(provider, dataDirectory, Path.GetFullPath(dataSource), keys, files, [.. database.GetMigrations()]);
    }
}
