using CoordinationPortal.Data;
using CoordinationPortal.Data.Auditing;
using CoordinationPortal.Data.Seed;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace CoordinationPortal.Web.Infrastructure;

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
}

/// <summary>The "Database" configuration section.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>Sqlite (default: a file in <see cref="DataDirectory"/>) or SqlServer (needs ConnectionStrings:Portal).</summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Where the SQLite file, logs and uploaded files live; relative paths start at the content root.</summary>
    public string DataDirectory { get; set; } = "App_Data";

    /// <summary>Apply pending migrations and the seed when the app starts.</summary>
    public bool MigrateOnStartup { get; set; } = true;

    /// <summary>How long a start waits for another portal process that is applying migrations to the same SQLite file.</summary>
    public TimeSpan MigrationLockTimeout { get; set; } = TimeSpan.FromSeconds(30);
}

public static class DatabaseSetup
{
    public const string ConnectionStringName = "Portal";

    public static string ResolveDataDirectory(this IConfiguration configuration, IHostEnvironment environment)
    {
        var options = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        return Path.GetFullPath(options.DataDirectory, environment.ContentRootPath);
    }

    /// <summary>
    /// Registers the DbContext for the configured provider. Options are read when the context is
    /// first built, so configuration added by hosts and tests after this call still counts.
    /// Contexts are pooled (ADR 0059): a scope rents one, which records its saves under the scope's
    /// <see cref="IAuditContext"/> until the scope ends and returns it.
    /// </summary>
    public static IServiceCollection AddPortalDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DatabaseOptions>().Bind(configuration.GetSection(DatabaseOptions.Section));
        services.AddPooledDbContextFactory<PortalDbContext>((provider, db) =>
        {
            var options = provider.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            var config = provider.GetRequiredService<IConfiguration>();
            var connectionString = config.GetConnectionString(ConnectionStringName);
            switch (options.Provider)
            {
                case DatabaseProvider.SqlServer:
                    if (string.IsNullOrWhiteSpace(connectionString))
                    {
                        throw new InvalidOperationException(
                            $"Database:Provider is SqlServer but ConnectionStrings:{ConnectionStringName} is empty. " +
                            "Set it, e.g. with the environment variable ConnectionStrings__Portal.");
                    }

                    db.UseSqlServer(connectionString, sql => sql
                        .MigrationsAssembly(Migrations.SqlServer.MigrationsAssembly.Name)
                        .UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery));
                    break;
                case DatabaseProvider.Sqlite:
                    if (string.IsNullOrWhiteSpace(connectionString))
                    {
                        var directory = config.ResolveDataDirectory(provider.GetRequiredService<IHostEnvironment>());
                        Directory.CreateDirectory(directory);
                        connectionString = $"Data Source={Path.Combine(directory, "portal.db")}";
                    }

                    db.UseSqlite(connectionString, sqlite => sqlite
                        .MigrationsAssembly(Migrations.Sqlite.MigrationsAssembly.Name)
                        .UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery));
                    break;
                default:
                    throw new InvalidOperationException($"Unknown Database:Provider '{options.Provider}'. Use Sqlite or SqlServer.");
            }

            // Interceptors registered in DI: storage failure logging, SQLite's own busy wait and the write queue in front of it, one connection per context, and in tests a command counter.
            db.AddInterceptors(provider.GetServices<IInterceptor>());
            db.AddPortalAudit();
        });
        services.AddScoped(provider => provider.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContext()
            .ActingFor(provider.GetService<IAuditContext>() ?? SystemAuditContext.Instance, provider.GetService<TimeProvider>() ?? TimeProvider.System));
        services.AddSingleton<IInterceptor, StorageFailureLogging>();
        services.AddSingleton<IInterceptor, SqliteBusyTimeout>();
        services.AddSingleton<SqliteWriteTurns>();
        services.AddSingleton<IInterceptor>(provider => provider.GetRequiredService<SqliteWriteTurns>());
        services.AddSingleton<IInterceptor, KeepConnectionOpen>();
        services.AddScoped<PortalSeeder>();

        // Tells restore that a portal runs on this data folder (see DataDirectoryLock).
        services.AddHostedService<Backup.DataDirectoryLock>();
        return services;
    }

    /// <summary>
    /// Migrates the database (only when migrations are pending) and seeds reference data and Plan 468,
    /// unless turned off; says in the log what it is doing, and stops with the path and the fix when
    /// the storage refuses.
    /// </summary>
    public static async Task MigrateAndSeedDatabaseAsync(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(StorageStartup.LoggerName);
        if (!options.MigrateOnStartup)
        {
            logger.LogInformation("Database:MigrateOnStartup is false: the database is neither migrated nor seeded");
            return;
        }

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var database = DatabaseLocation.Describe(db);
        var step = "migrate";
        try
        {
            await DatabaseMigration.MigrateAsync(db, options, logger, app.Lifetime.ApplicationStopping);
            step = "seed";
            logger.LogInformation("Seeding agencies, provinces and Plan 468 into {Database} (only what is missing)", database);
            await scope.ServiceProvider.GetRequiredService<PortalSeeder>().SeedAsync();
            logger.LogInformation("Database {Database} is ready", database);
        }
        catch (StorageStartupException exception)
        {
            logger.LogCritical("{Problem}", exception.Message);
            throw;
        }
        catch (Exception exception) when (StorageFailure.Classify(exception) is { } kind)
        {
            var explained = StorageStartup.Explain(kind, step, database, DatabaseLocation.SqliteFile(db), exception);
            logger.LogCritical("{Problem}", explained.Message);
            throw explained;
        }
    }
}
