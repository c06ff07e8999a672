using System.Net;
using CoordinationPortal.Web.Infrastructure;
using CoordinationPortal.Web.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CoordinationPortal.Web.Tests;

/// <summary>
/// A start either serves within seconds or stops within seconds with a message that names the
/// path and the fix: never a hang, and never a silently empty portal.
/// </summary>
public sealed class StartupTests : IDisposable
{
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(20);

    private readonly string _directory = PortalFactory.NewDataDirectory();

    private string DatabaseFile => Path.Combine(_directory, "portal.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    /// <summary>Starts the app; a hang fails the test with a TimeoutException instead of hanging the run.</summary>
    private static Task<IServiceProvider> StartAsync(PortalFactory factory) =>
        Task.Run(() => factory.Services, TestContext.Current.CancellationToken).WaitAsync(StartLimit, TestContext.Current.CancellationToken);

    /// <summary>The start-up failure, whatever the host wraps it in.</summary>
    private static async Task<StorageStartupException> StartFailsAsync(PortalFactory factory)
    {
        var thrown = await Assert.ThrowsAnyAsync<Exception>(() => StartAsync(factory));
        Assert.IsNotType<TimeoutException>(thrown);
        for (var exception = thrown; exception is not null; exception = exception.InnerException)
        {
            if (exception is StorageStartupException startup)
            {
                return startup;
            }
        }

        Assert.Fail($"The start failed, but not with a clear start-up message: {thrown}");
        return null!;
    }

    private async Task ExecuteAsync(string sql)
    {
        Directory.CreateDirectory(_directory);
        await using var connection = new SqliteConnection($"Data Source={DatabaseFile};Pooling=False");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    private const string CreateLockTable =
        "CREATE TABLE IF NOT EXISTS \"__EFMigrationsLock\" (\"Id\" INTEGER NOT NULL CONSTRAINT \"PK___EFMigrationsLock\" PRIMARY KEY, \"Timestamp\" TEXT NOT NULL);";

    // What a process killed while migrating leaves behind.
    private const string InsertStaleLock = "INSERT INTO \"__EFMigrationsLock\" (\"Id\", \"Timestamp\") VALUES (1, '2025-01-01 03:00:00+00:00');";

    [Fact]
    public async Task A_stale_migration_lock_row_does_not_stop_a_start_when_nothing_is_pending()
    {
        await using (var first = new PortalFactory(_directory))
        {
            await StartAsync(first);
        }

        SqliteConnection.ClearAllPools();
        await ExecuteAsync(CreateLockTable + InsertStaleLock);

        await using var second = new PortalFactory(_directory);
        await StartAsync(second);

        using var response = await second.NewClient().GetAsync(new Uri("/account/sign-in", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_stale_migration_lock_row_is_cleared_when_migrations_are_pending()
    {
        // A database whose first migration was interrupted before anything but EF Core's lock was written.
        await ExecuteAsync(CreateLockTable + InsertStaleLock);

        await using var factory = new PortalFactory(_directory);
        await StartAsync(factory);

        Assert.Equal(63 + 23, await factory.WithDbAsync(db => db.Provinces.CountAsync(TestContext.Current.CancellationToken))); // the 63, and the 23 units formed in 2025
        var locks = await factory.WithDbAsync(db => db.Database
            .SqlQueryRaw<long>("SELECT COUNT(*) AS \"Value\" FROM \"__EFMigrationsLock\"")
            .SingleAsync(TestContext.Current.CancellationToken));
        Assert.Equal(0, locks);
    }

    [Fact]
    public async Task A_migration_lock_held_by_a_live_process_stops_the_start_quickly_with_the_table_and_the_fix()
    {
        Directory.CreateDirectory(_directory);

        // Another portal process in the middle of migrating holds the lock file (and would hold EF Core's row).
        await using var otherProcess = new FileStream(DatabaseFile + ".migrate.lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        await using var factory = new PortalFactory(_directory);
        factory.Settings["Database:MigrationLockTimeout"] = "00:00:02";

        var failure = await StartFailsAsync(factory);

        Assert.Contains(DatabaseFile, failure.Message, StringComparison.Ordinal);
        Assert.Contains("__EFMigrationsLock", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Wait for it to finish, or stop it", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_database_file_stops_the_start_with_its_path_instead_of_becoming_an_empty_portal()
    {
        Directory.CreateDirectory(_directory);
        await File.WriteAllBytesAsync(DatabaseFile, [], TestContext.Current.CancellationToken);

        await using var factory = new PortalFactory(_directory);
        var failure = await StartFailsAsync(factory);

        Assert.Contains(DatabaseFile, failure.Message, StringComparison.Ordinal);
        Assert.Contains("empty (0 bytes)", failure.Message, StringComparison.Ordinal);
        Assert.Contains("restore portal.db from the latest backup", failure.Message, StringComparison.Ordinal);
        Assert.Equal(0, new FileInfo(DatabaseFile).Length);
    }

    [Fact]
    public async Task A_file_that_is_not_SQLite_stops_the_start_with_its_path()
    {
        Directory.CreateDirectory(_directory);
        await File.WriteAllTextAsync(DatabaseFile, "Đây không phải là cơ sở dữ liệu SQLite, chỉ là một tệp văn bản.", TestContext.Current.CancellationToken);

        await using var factory = new PortalFactory(_directory);
        var failure = await StartFailsAsync(factory);

        Assert.Contains(DatabaseFile, failure.Message, StringComparison.Ordinal);
        Assert.Contains("is not a SQLite database", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_database_path_that_is_a_folder_stops_the_start_with_its_path()
    {
        Directory.CreateDirectory(DatabaseFile);

        await using var factory = new PortalFactory(_directory);
        var failure = await StartFailsAsync(factory);

        Assert.Contains(DatabaseFile, failure.Message, StringComparison.Ordinal);
        Assert.Contains("is a folder, not a file", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_database_file_that_cannot_be_opened_stops_the_start_with_its_path()
    {
        // Mode=ReadWrite never creates the file: SQLite answers "unable to open database file", without a path.
        var missing = Path.Combine(_directory, "moved-away", "portal.db");
        await using var factory = new PortalFactory(_directory);
        factory.Settings["ConnectionStrings:Portal"] = $"Data Source={missing};Mode=ReadWrite";

        var failure = await StartFailsAsync(factory);

        Assert.Contains(missing, failure.Message, StringComparison.Ordinal);
        Assert.Contains("cannot be opened", failure.Message, StringComparison.Ordinal);
    }
}
