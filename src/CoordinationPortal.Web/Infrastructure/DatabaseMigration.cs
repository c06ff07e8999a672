using System.Diagnostics;
using System.Globalization;
using CoordinationPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace CoordinationPortal.Web.Infrastructure;

/// <summary>
/// Applies pending migrations without ever waiting forever on EF Core's migration lock: no lock is
/// taken when nothing is pending, and on SQLite a lock row left by a process that died while
/// migrating is cleared safely (docs/decisions/0019).
/// </summary>
public static class DatabaseMigration
{
    /// <summary>The table where EF Core's SQLite provider keeps its migration lock (one row while a process migrates).</summary>
    public const string EfLockTable = "__EFMigrationsLock";

    private static readonly TimeSpan StillRunningInterval = TimeSpan.FromSeconds(30);

    public static async Task MigrateAsync(PortalDbContext db, DatabaseOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(options);
        var database = DatabaseLocation.Describe(db);
        if (DatabaseLocation.SqliteFile(db) is not null)
        {
            // Write-ahead logging, as EF Core sets when it creates the file itself: readers never wait for a
            // writer, and a backup or restore can tell that another process has the file open. Asking for
            // pending migrations below creates a new file first, so EF Core would no longer set it.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = 'wal'", cancellationToken);
        }

        // Migrate() takes the lock even when there is nothing to do; asking first keeps a normal start lock-free.
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count == 0)
        {
            logger.LogInformation("Database {Database} is up to date; no migration to apply", database);
            return;
        }

        var file = DatabaseLocation.SqliteFile(db);
        if (file is null)
        {
            // SQL Server's lock (sp_getapplock) belongs to the session and ends with it: a dead process leaves nothing behind.
            await ApplyAsync(db, pending, database, logger, cancellationToken);
            return;
        }

        await using var processLock = await MigrationProcessLock.AcquireAsync(file, options.MigrationLockTimeout, logger, cancellationToken);
        pending = [.. await db.Database.GetPendingMigrationsAsync(cancellationToken)];
        if (pending.Count == 0)
        {
            logger.LogInformation("Another portal process applied the migrations to {Database} while this one waited", database);
            return;
        }

        await ClearStaleLockAsync(db, file, logger, cancellationToken);
        await ApplyAsync(db, pending, database, logger, cancellationToken);
    }

    /// <summary>
    /// Called while holding <see cref="MigrationProcessLock"/>: every portal process that migrates
    /// holds it, and the operating system releases it when a process dies, so a row still in the
    /// lock table now was left by a process that is gone.
    /// </summary>
    private static async Task ClearStaleLockAsync(PortalDbContext db, string file, ILogger logger, CancellationToken cancellationToken)
    {
        var hasTable = await db.Database
            .SqlQuery<long>($"SELECT COUNT(*) AS \"Value\" FROM sqlite_master WHERE type = 'table' AND name = {EfLockTable}")
            .SingleAsync(cancellationToken) > 0;
        if (!hasTable)
        {
            return;
        }

        var takenAt = await db.Database
            .SqlQueryRaw<string>($"SELECT \"Timestamp\" AS \"Value\" FROM \"{EfLockTable}\"")
            .ToListAsync(cancellationToken);
        if (takenAt.Count == 0)
        {
            return;
        }

        await db.Database.ExecuteSqlRawAsync($"DELETE FROM \"{EfLockTable}\"", cancellationToken);
        logger.LogWarning(
            "Removed a stale migration lock from {LockTable} in {DatabaseFile} (taken at {TakenAt}): the process that took it stopped while migrating and no portal process holds the migration lock file now",
            EfLockTable,
            file,
            string.Join(", ", takenAt));
    }

    private static async Task ApplyAsync(PortalDbContext db, List<string> pending, string database, ILogger logger, CancellationToken cancellationToken)
    {
        logger.LogInformation("Applying {Count} migrations to {Database}: {Migrations}", pending.Count, database, string.Join(", ", pending));
        var started = Stopwatch.GetTimestamp();
        using var done = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var watch = ReportWhileRunningAsync(database, started, logger, done.Token);
        try
        {
            await db.Database.MigrateAsync(cancellationToken);
        }
        finally
        {
            await done.CancelAsync();
            await watch;
        }

        logger.LogInformation("Applied {Count} migrations in {Seconds} s", pending.Count, Stopwatch.GetElapsedTime(started).TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture));
    }

    /// <summary>So that a migration that does not end is never silent: a line every 30 s says what to look at.</summary>
    private static async Task ReportWhileRunningAsync(string database, long started, ILogger logger, CancellationToken done)
    {
        using var timer = new PeriodicTimer(StillRunningInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(done))
            {
                logger.LogWarning(
                    "Still applying migrations to {Database} after {Seconds} s. If the log shows nothing else, another tool holds EF Core's migration lock (a row in {LockTable}); see docs/decisions/0019",
                    database,
                    (int)Stopwatch.GetElapsedTime(started).TotalSeconds,
                    EfLockTable);
            }
        }
        catch (OperationCanceledException)
        {
            // The migration ended.
        }
    }
}

/// <summary>
/// An operating-system lock on a file beside the database (<c>portal.db.migrate.lock</c>), held
/// while migrating. Unlike EF Core's lock row it cannot outlive its process: the kernel releases
/// it when the process exits, however it exits.
/// </summary>
public sealed class MigrationProcessLock : IAsyncDisposable
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);
    private readonly FileStream _handle;

    private MigrationProcessLock(FileStream handle) => _handle = handle;

    public static string PathFor(string databaseFile) => databaseFile + ".migrate.lock";

    public static async Task<MigrationProcessLock> AcquireAsync(string databaseFile, TimeSpan timeout, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(logger);
        var path = PathFor(databaseFile);
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        var waiting = false;
        while (true)
        {
            try
            {
                // FileShare.None is an exclusive flock on Unix and a sharing lock on Windows.
                return new MigrationProcessLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException exception) when (IsHeldByAnother(exception))
            {
                if (Stopwatch.GetTimestamp() > deadline)
                {
                    throw new StorageStartupException(
                        $"Another process has been applying migrations to {databaseFile} for more than {timeout.TotalSeconds:0} s (it holds {path}). " +
                        $"Wait for it to finish, or stop it (another portal, or a create-admin or seed-demo command), then start again. " +
                        $"While the migration lock is held, EF Core's lock row in {DatabaseMigration.EfLockTable} belongs to that process: do not delete it.",
                        exception);
                }

                if (!waiting)
                {
                    logger.LogInformation("Another portal process is applying migrations to {DatabaseFile} (it holds {LockFile}); waiting up to {Seconds} s", databaseFile, path, (int)timeout.TotalSeconds);
                    waiting = true;
                }

                await Task.Delay(Poll, cancellationToken);
            }
        }
    }

    public ValueTask DisposeAsync() => _handle.DisposeAsync();

    // EWOULDBLOCK from flock (Linux 11, macOS 35); ERROR_SHARING_VIOLATION / ERROR_LOCK_VIOLATION on Windows.
    private static bool IsHeldByAnother(IOException exception) =>
        OperatingSystem.IsWindows()
            ? (exception.HResult & 0xFFFF) is 32 or 33
            : exception.HResult == (OperatingSystem.IsMacOS() ? 35 : 11);
}
