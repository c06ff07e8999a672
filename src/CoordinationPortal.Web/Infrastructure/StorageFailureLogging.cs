using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CoordinationPortal.Web.Infrastructure;

/// <summary>
/// One log line per storage failure of the database that names the cause and the database file
/// (SQLite's own messages, such as "unable to open database file", name neither), with the free
/// space left on its disk. The request id comes with it from the log context.
/// </summary>
public sealed class StorageFailureLogging(ILogger<StorageFailureLogging> logger) : IDbCommandInterceptor, IDbConnectionInterceptor, IDbTransactionInterceptor, ISaveChangesInterceptor
{
    // A failure can surface at several levels (the connection, then the command that opened it).
    private const string LoggedMarker = "CoordinationPortal.StorageFailureLogged";

    // EF Core may retry opening a file that cannot be opened and fail afresh each time: one line per second is enough.
    private static readonly TimeSpan RepeatAfter = TimeSpan.FromSeconds(1);
    private Logged? _last; // a reference, so that threads read and replace it whole

    public void CommandFailed(DbCommand command, CommandErrorEventData eventData) =>
        Log(command?.Connection, eventData?.Exception);

    public Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Log(command?.Connection, eventData?.Exception);
        return Task.CompletedTask;
    }

    public void ConnectionFailed(DbConnection connection, ConnectionErrorEventData eventData)
    {
        if (!IsExistenceProbe(connection, eventData?.Exception))
        {
            Log(connection, eventData?.Exception);
        }
    }

    public Task ConnectionFailedAsync(DbConnection connection, ConnectionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        ConnectionFailed(connection, eventData!);
        return Task.CompletedTask;
    }

    public void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) =>
        Log(eventData?.Context?.Database.GetDbConnection() ?? transaction?.Connection, eventData?.Exception);

    public Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Log(eventData?.Context?.Database.GetDbConnection() ?? transaction?.Connection, eventData?.Exception);
        return Task.CompletedTask;
    }

    // SQLite may report a full disk only while EF Core reads a save's results, after the command "succeeded".
    public void SaveChangesFailed(DbContextErrorEventData eventData) =>
        Log(eventData?.Context?.Database.GetDbConnection(), eventData?.Exception);

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Log(eventData?.Context?.Database.GetDbConnection(), eventData?.Exception);
        return Task.CompletedTask;
    }

    /// <summary>EF Core asks whether a SQLite file exists by opening it read-only and expecting "cannot open": not a failure.</summary>
    private static bool IsExistenceProbe(DbConnection? connection, Exception? exception) =>
        connection is SqliteConnection sqlite
        && StorageFailure.Classify(exception) == StorageFailureKind.CannotOpen
        && new SqliteConnectionStringBuilder(sqlite.ConnectionString).Mode == SqliteOpenMode.ReadOnly;

    private void Log(DbConnection? connection, Exception? exception)
    {
        if (StorageFailure.Cause(exception) is not { } cause || StorageFailure.Classify(cause) is not { } kind || exception!.Data.Contains(LoggedMarker))
        {
            return;
        }

        exception.Data[LoggedMarker] = true;
        var now = Environment.TickCount64;
        if (_last is { } last && last.Message == cause.Message && now - last.At < RepeatAfter.TotalMilliseconds)
        {
            return;
        }

        _last = new Logged(cause.Message, now);
        if (connection is SqliteConnection sqlite)
        {
            var file = string.IsNullOrEmpty(sqlite.DataSource) ? "(unknown)" : Path.GetFullPath(sqlite.DataSource);
            logger.LogError(
                "Storage failure on the database file {DatabaseFile}: {Cause} ({Error}). {FreeMegabytes} MB free on its disk",
                file,
                StorageFailure.Describe(kind),
                cause.Message,
                FreeSpace.MegabytesAvailable(Path.GetDirectoryName(file) ?? file));
        }
        else
        {
            logger.LogError(
                "Storage failure on the database {Database} on {Server}: {Cause} ({Error})",
                connection?.Database,
                connection?.DataSource,
                StorageFailure.Describe(kind),
                cause.Message);
        }
    }

    private sealed record Logged(string Message, long At);
}
