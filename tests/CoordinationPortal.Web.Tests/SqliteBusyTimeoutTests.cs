using System.Diagnostics;
using CoordinationPortal.Web.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CoordinationPortal.Web.Tests;

/// <summary>
/// A save that finds another save holding SQLite's write lock waits inside SQLite (busy_timeout),
/// which lets it run as soon as the lock is free, instead of Microsoft.Data.Sqlite's retries 150 ms apart.
/// </summary>
public sealed class SqliteBusyTimeoutTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_apps_connections_wait_inside_SQLite_for_the_write_lock_as_long_as_their_command_timeout()
    {
        await using var factory = new PortalFactory();
        _ = factory.Services;

        // Twice: the second open comes from the pool, whose handle must keep the setting.
        for (var i = 0; i < 2; i++)
        {
            var timeout = await factory.WithDbAsync(async db =>
            {
                await db.Database.OpenConnectionAsync(Ct);
                await using var command = db.Database.GetDbConnection().CreateCommand();
                command.CommandText = "PRAGMA busy_timeout";
                return Convert.ToInt64(await command.ExecuteScalarAsync(Ct), System.Globalization.CultureInfo.InvariantCulture);
            });
            Assert.Equal(30_000, timeout);
        }
    }

    [Fact]
    public async Task A_write_waits_for_another_writer_instead_of_failing_and_runs_once_the_lock_is_free()
    {
        await using var factory = new PortalFactory();
        var file = await factory.WithDbAsync(db => Task.FromResult(((SqliteConnection)db.Database.GetDbConnection()).DataSource));
        await using var other = new SqliteConnection($"Data Source={file};Pooling=False");
        await other.OpenAsync(Ct);
        await using (var begin = other.CreateCommand())
        {
            begin.CommandText = "BEGIN IMMEDIATE";
            await begin.ExecuteNonQueryAsync(Ct);
        }

        var watch = Stopwatch.StartNew();
        // SQLite waits on the calling thread, as the retry loop did: a thread of its own.
        var write = Task.Run(() => factory.WithDbAsync(db => db.Provinces.Where(p => p.Id < 0).ExecuteUpdateAsync(s => s.SetProperty(p => p.Name, "x"), Ct)), Ct);
        await Task.Delay(400, Ct);
        Assert.False(write.IsCompleted, "the write did not wait for the lock");
        await using (var commit = other.CreateCommand())
        {
            commit.CommandText = "COMMIT";
            await commit.ExecuteNonQueryAsync(Ct);
        }

        var released = watch.Elapsed;
        await write;

        TestContext.Current.TestOutputHelper?.WriteLine($"ran {(watch.Elapsed - released).TotalMilliseconds:0} ms after the lock was free");
        Assert.True(watch.Elapsed - released < TimeSpan.FromSeconds(2), "the write did not run soon after the lock was free");
    }
}
