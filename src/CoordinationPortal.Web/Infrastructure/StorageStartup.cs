using CoordinationPortal.Data;
using CoordinationPortal.Web.Infrastructure.Files;
using CoordinationPortal.Web.Infrastructure.Health;
using Microsoft.Extensions.Options;

namespace CoordinationPortal.Web.Infrastructure;

/// <summary>Start-up refused: the data folder or the database cannot be used. The message names the path and what to do.</summary>
public sealed class StorageStartupException : Exception
{
    public StorageStartupException()
    {
    }

    public StorageStartupException(string message)
        : base(message)
    {
    }

    public StorageStartupException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// Checks, before anything opens the database, that the portal can keep what people save: the
/// data and evidence folders exist and take a write, their disk is not full, and the SQLite file
/// is a SQLite database. A problem stops the start with one log line that names the path and the fix,
/// instead of a hang, a bare "disk I/O error" or a silently empty portal.
/// </summary>
public static class StorageStartup
{
    public const string LoggerName = "CoordinationPortal.Startup";

    // Enough to need real free blocks (SQLite's shared-memory file alone is 32 KB), small enough to cost nothing.
    private const int ProbeBytes = 64 * 1024;

    private static ReadOnlySpan<byte> SqliteHeader => "SQLite format 3\0"u8;

    public static WebApplication CheckPortalStorage(this WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(LoggerName);
        try
        {
            var dataDirectory = app.Configuration.ResolveDataDirectory(app.Environment);
            var minimum = HealthOptions.From(app.Configuration).MinimumFreeMegabytes;
            CheckFolder(dataDirectory, "data folder", minimum, logger);
            var files = app.Services.GetRequiredService<IOptions<FileStoreOptions>>().Value.ResolveRoot(dataDirectory);
            CheckFolder(files, "evidence folder", minimum, logger);

            var options = app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            using var scope = app.Services.CreateScope();
            var file = DatabaseLocation.SqliteFile(scope.ServiceProvider.GetRequiredService<PortalDbContext>());
            if (file is not null)
            {
                CheckSqliteFile(file, options.MigrateOnStartup, dataDirectory, minimum, logger);
            }
        }
        catch (StorageStartupException exception)
        {
            logger.LogCritical("{Problem}", exception.Message);
            throw;
        }

        return app;
    }

    /// <summary>A start-up failure of the database (migrating, seeding) explained with the path and the fix.</summary>
    public static StorageStartupException Explain(StorageFailureKind kind, string step, string database, string? file, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var folder = file is null ? null : Path.GetDirectoryName(file);
        var free = folder is null ? null : FreeSpace.MegabytesAvailable(folder);
        var advice = kind switch
        {
            StorageFailureKind.DiskFull or StorageFailureKind.IoError when folder is not null =>
                $"{free?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unknown"} MB are free on the disk holding {folder}. Free space there (old logs are in its logs folder), then start the portal again.",
            StorageFailureKind.ReadOnly => $"Give the account the portal runs as ({Environment.UserName}) write access to the database{(folder is null ? string.Empty : $" and to its folder {folder}")}, then start again.",
            StorageFailureKind.CannotOpen => $"Check that the file and its folder exist (a connection string with Mode=ReadWrite does not create the file) and that the account {Environment.UserName} may read and write both.",
            StorageFailureKind.Busy => "Another process holds the database's write lock (a sqlite3 shell, a backup or copy tool, another portal). Stop it, then start again.",
            StorageFailureKind.Damaged => "Stop the portal, restore the database from the latest backup, then start again.",
            _ => "Free space or fix the permissions, then start again.",
        };
        return new StorageStartupException(
            $"Cannot {step} the database {database}: {StorageFailure.Describe(kind)} ({(StorageFailure.Cause(exception) ?? exception).Message}). {advice}",
            exception);
    }

    private static void CheckFolder(string folder, string label, int minimumFreeMegabytes, ILogger logger)
    {
        try
        {
            Directory.CreateDirectory(folder);

            // A real write, not a permission check: it also catches a full disk and a read-only mount.
            var probe = Path.Combine(folder, $".startup-check-{Guid.NewGuid():N}.tmp");
            using var stream = new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.DeleteOnClose);
            stream.Write(new byte[ProbeBytes]);
            stream.Flush(flushToDisk: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            var free = FreeSpace.MegabytesAvailable(folder);
            throw StorageFailure.Classify(exception) switch
            {
                StorageFailureKind.DiskFull => new StorageStartupException(
                    $"The disk holding the {label} {folder} is full ({free} MB free): the portal could not save anything, so it does not start. " +
                    "Free space on that disk (old logs are in the data folder's logs folder), then start the portal again.",
                    exception),
                StorageFailureKind.ReadOnly => new StorageStartupException(
                    $"The {label} {folder} is not writable by the account the portal runs as ({Environment.UserName}): {exception.Message} " +
                    $"Give that account write access to it (for example: chown -R {Environment.UserName} {folder}), or mount its disk read-write, then start again.",
                    exception),
                _ => new StorageStartupException(
                    $"Cannot write to the {label} {folder}: {exception.Message} Check that it is a folder and that the account {Environment.UserName} may write to it.",
                    exception),
            };
        }

        var available = FreeSpace.MegabytesAvailable(folder);
        logger.LogInformation("The {Label} {Folder} takes writes; {FreeMegabytes} MB free on its disk", label, folder, available);
        if (available < minimumFreeMegabytes)
        {
            logger.LogWarning(
                "Only {FreeMegabytes} MB free on the disk holding the {Label} {Folder} (minimum {MinimumMegabytes} MB, Health:MinimumFreeMegabytes): /health/ready answers 503 until space is freed",
                available,
                label,
                folder,
                minimumFreeMegabytes);
        }
    }

    private static void CheckSqliteFile(string file, bool migrate, string dataDirectory, int minimumFreeMegabytes, ILogger logger)
    {
        if (Directory.Exists(file))
        {
            throw new StorageStartupException(
                $"The database path {file} is a folder, not a file. Point ConnectionStrings:Portal (or Database:DataDirectory) at the portal's database file.");
        }

        var folder = Path.GetDirectoryName(file)!;
        if (migrate && !string.Equals(Path.TrimEndingDirectorySeparator(folder), Path.TrimEndingDirectorySeparator(dataDirectory), StringComparison.Ordinal))
        {
            // SQLite writes its -wal and -shm files beside the database, so its folder must take writes too.
            CheckFolder(folder, "database folder", minimumFreeMegabytes, logger);
        }

        if (!File.Exists(file))
        {
            if (migrate)
            {
                logger.LogInformation("No database file at {DatabaseFile}: a new portal database will be created there", file);
            }

            return; // without migrations nothing creates it; requests and /health/ready will say it cannot be opened
        }

        // Read before SQLite opens the file: SQLite would treat an empty file as a new, empty database.
        long length;
        var header = new byte[SqliteHeader.Length];
        var read = 0;
        try
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            length = stream.Length;
            read = stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new StorageStartupException(
                $"Cannot read the database file {file}: {exception.Message} Give the account the portal runs as ({Environment.UserName}) read and write access to it and to its folder {folder}.",
                exception);
        }

        if (length == 0)
        {
            throw new StorageStartupException(
                $"The database file {file} is empty (0 bytes): it holds no portal data, and starting on it would silently create an empty portal. " +
                $"Stop the portal and restore portal.db from the latest backup into {folder}, then start again. " +
                "Only on a brand-new installation with nothing to restore, delete the empty file and the portal creates a new database.");
        }

        if (read < header.Length || !header.AsSpan().SequenceEqual(SqliteHeader))
        {
            throw new StorageStartupException(
                $"The file {file} ({length} bytes) is not a SQLite database. Restore portal.db from the latest backup into {folder}, " +
                "or point ConnectionStrings:Portal (or Database:DataDirectory) at the portal's database file.");
        }

        if (migrate)
        {
            try
            {
                using var writable = new FileStream(file, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                throw new StorageStartupException(
                    $"The database file {file} is not writable by the account the portal runs as ({Environment.UserName}): {exception.Message} " +
                    $"Give that account write access to it and to its folder {folder}, then start again.",
                    exception);
            }
        }

        logger.LogInformation("Database file {DatabaseFile}: {Megabytes} MB", file, Math.Round(length / (1024.0 * 1024), 1));
    }
}
