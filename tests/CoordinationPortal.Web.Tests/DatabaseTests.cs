using CoordinationPortal.Data;
using CoordinationPortal.Web.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CoordinationPortal.Web.Tests;

public sealed class DatabaseTests
{
    private static PortalDbContext SqliteContext(string connectionString) =>
        new(new DbContextOptionsBuilder<PortalDbContext>()
            .UseSqlite(connectionString, o => o.MigrationsAssembly(Migrations.Sqlite.MigrationsAssembly.Name))
            .Options);

    // The connection string is never opened: model diffing and script generation need no server.
    private static PortalDbContext SqlServerContext() =>
        new(new DbContextOptionsBuilder<PortalDbContext>()
            .UseSqlServer("Server=unused;Database=CoordinationPortal", o => o.MigrationsAssembly(Migrations.SqlServer.MigrationsAssembly.Name))
            .Options);

    private static List<string> ModelTables(DbContext context) =>
        [.. context.Model.GetEntityTypes().Select(e => e.GetTableName()).OfType<string>().Distinct().Order(StringComparer.Ordinal)];

    [Fact]
    public async Task A_new_database_uses_write_ahead_logging_so_readers_never_wait_for_a_writer()
    {
        await using var factory = new PortalFactory();
        var mode = await factory.WithDbAsync(db => db.Database.SqlQueryRaw<string>("PRAGMA journal_mode").ToListAsync(TestContext.Current.CancellationToken));

        Assert.Equal("wal", Assert.Single(mode));
    }

    [Fact]
    public async Task Starting_the_app_twice_on_the_same_database_adds_no_duplicates()
    {
        var directory = PortalFactory.NewDataDirectory();
        try
        {
            var first = await CountRowsAfterStartAsync(directory);
            var second = await CountRowsAfterStartAsync(directory);

            Assert.Equal(first, second);
            Assert.Equal((2, 63 + 23, 1, 1, 7, 12), first); // the 63 (11 of them continuing) and the 23 units formed in 2025
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task<(int Agencies, int Provinces, int Programmes, int Plans, int Activities, int Tasks)> CountRowsAfterStartAsync(string directory)
    {
        await using var factory = new PortalFactory(directory);
        return await factory.WithDbAsync(async db => (
            await db.Agencies.CountAsync(TestContext.Current.CancellationToken),
            await db.Provinces.CountAsync(TestContext.Current.CancellationToken),
            await db.Programmes.CountAsync(TestContext.Current.CancellationToken),
            await db.Plans.CountAsync(TestContext.Current.CancellationToken),
            await db.Activities.CountAsync(TestContext.Current.CancellationToken),
            await db.ActivityTasks.CountAsync(TestContext.Current.CancellationToken)));
    }

    [Fact]
    public void The_SQLite_migrations_match_the_model()
    {
        using var context = SqliteContext("Data Source=:memory:");

        Assert.False(context.Database.HasPendingModelChanges(), "Run scripts/add-migration.sh: the SQLite migrations are behind the model.");
    }

    [Fact]
    public void The_SQL_Server_migrations_match_the_model()
    {
        using var context = SqlServerContext();

        Assert.False(context.Database.HasPendingModelChanges(), "Run scripts/add-migration.sh: the SQL Server migrations are behind the model.");
    }

    [Fact]
    public void Both_providers_have_the_same_migrations()
    {
        using var sqlite = SqliteContext("Data Source=:memory:");
        using var sqlServer = SqlServerContext();

        static IEnumerable<string> Names(DbContext c) => c.Database.GetMigrations().Select(m => m[(m.IndexOf('_', StringComparison.Ordinal) + 1)..]);
        Assert.Equal(Names(sqlite), Names(sqlServer));
    }

    [Fact]
    public void The_SQL_Server_migration_script_creates_every_table_of_the_model()
    {
        using var context = SqlServerContext();

        var script = context.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        var tables = ModelTables(context);
        Assert.Contains("Plans", tables);
        Assert.Contains("Activities", tables);
        Assert.Contains("Provinces", tables);
        Assert.All(tables, table => Assert.Contains($"CREATE TABLE [{table}]", script, StringComparison.Ordinal));
        Assert.Contains("nvarchar", script, StringComparison.Ordinal); // Vietnamese text needs Unicode columns
        Assert.All(context.Database.GetMigrations(), id => Assert.Contains(id, script, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_SQLite_migrations_create_every_table_of_the_model_on_a_real_file()
    {
        var file = Path.Combine(Path.GetTempPath(), $"cp-migrate-{Guid.NewGuid():N}.db");
        try
        {
            await using var context = SqliteContext($"Data Source={file}");
            await context.Database.MigrateAsync(TestContext.Current.CancellationToken);

            var created = await context.Database
                .SqlQuery<string>($"SELECT name AS Value FROM sqlite_master WHERE type = 'table'")
                .ToListAsync(TestContext.Current.CancellationToken);
            Assert.All(ModelTables(context), table => Assert.Contains(table, created));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(file);
        }
    }
}
