using System.Data.Common;
using CoordinationPortal.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CoordinationPortal.Web.Infrastructure.Health;

/// <summary>
/// Ready only when a write can succeed: opens the database and makes a real write in a transaction
/// that is rolled back. A read-only file, a lost folder or another process holding the write lock
/// (for longer than a short busy timeout) fail here, where a plain "can connect" says Healthy.
/// </summary>
public sealed class DatabaseWriteCheck(PortalDbContext db, ILogger<DatabaseWriteCheck> logger) : IHealthCheck
{
    private const int BusyTimeoutSeconds = 2;

    // A row every migrated database has; setting a column to itself is a write to the engine (it
    // takes the write lock and checks the file is writable) and is rolled back, so nothing changes.
    private const string ProbeSql =
        "UPDATE \"__EFMigrationsHistory\" SET \"ProductVersion\" = \"ProductVersion\" " +
        "WHERE \"MigrationId\" = (SELECT MIN(\"MigrationId\") FROM \"__EFMigrationsHistory\")";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var connection = db.Database.GetDbConnection();
            if (connection is SqliteConnection sqlite)
            {
                sqlite.DefaultTimeout = BusyTimeoutSeconds; // SQLite's BEGIN IMMEDIATE waits this long for the write lock
            }

            await db.Database.OpenConnectionAsync(cancellationToken);
            try
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await using var probe = connection.CreateCommand();
                probe.Transaction = transaction;
                probe.CommandTimeout = BusyTimeoutSeconds;
                probe.CommandText = ProbeSql;
                await probe.ExecuteNonQueryAsync(cancellationToken);
                await transaction.RollbackAsync(cancellationToken);
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }

            return HealthCheckResult.Healthy("the database takes writes");
        }
        catch (Exception exception) when (exception is DbException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            var kind = StorageFailure.Classify(exception);
            logger.LogWarning(
                "Readiness: the database {Database} cannot be written: {Cause} ({Error})",
                DatabaseLocation.Describe(db),
                kind is null ? "it does not answer" : StorageFailure.Describe(kind.Value),
                (StorageFailure.Cause(exception) ?? exception).Message);
            return HealthCheckResult.Unhealthy(kind switch
            {
                null => "the database does not answer",
                { } known => $"the database cannot be written: {StorageFailure.Describe(known)}",
            });
        }
    }
}
