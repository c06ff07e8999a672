using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CoordinationPortal.Web.Infrastructure;

/// <summary>
/// Lets SQLite itself wait for another connection's write lock (PRAGMA busy_timeout) instead of
/// Microsoft.Data.Sqlite's retry loop, which sleeps 150 ms between attempts: under concurrent saves a
/// writer slept a whole 150 ms (or several) even when the lock was free a millisecond later, and that
/// was most of a save's p95. SQLite's handler polls in steps of 1 to 100 ms, so a save runs as soon
/// as the one before it commits. The wait is as long as the connection's command timeout
/// (DefaultTimeout, 30 s unless a connection string says otherwise), as before.
/// </summary>
public sealed class SqliteBusyTimeout : DbConnectionInterceptor
{
    // Pooled connections keep their native handle (and its pragmas) from one open to the next: set it
    // once per handle, or again if this connection asks for another timeout.
    private readonly ConditionalWeakTable<object, StrongBox<int>> _set = [];

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (Pragma(connection) is { } command)
        {
            using (command)
            {
                command.ExecuteNonQuery();
            }
        }
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (Pragma(connection) is { } command)
        {
            await using (command)
            {
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }
    }

    /// <summary>The PRAGMA to run on this connection, or null when its handle already has the timeout.</summary>
    private SqliteCommand? Pragma(DbConnection connection)
    {
        if (connection is not SqliteConnection { Handle: { } handle } sqlite)
        {
            return null;
        }

        var milliseconds = sqlite.DefaultTimeout * 1000;
        var box = _set.GetOrCreateValue(handle);
        if (Volatile.Read(ref box.Value) == milliseconds)
        {
            return null;
        }

        Volatile.Write(ref box.Value, milliseconds);
        var command = sqlite.CreateCommand();
        command.CommandText = "PRAGMA busy_timeout = " + milliseconds.ToString(CultureInfo.InvariantCulture);
        return command;
    }
}
