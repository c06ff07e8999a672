using CoordinationPortal.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace CoordinationPortal.Web.Tests.Infrastructure;

/// <summary>
/// The whole app over real HTTP (TestServer) on a real SQLite file in a fresh data directory.
/// Runs as "Production" so that tests see what users see: friendly error pages, no stack traces.
/// </summary>
public class PortalFactory : WebApplicationFactory<Program>
{
    public PortalFactory()
        : this(NewDataDirectory())
    {
        OwnsDataDirectory = true;
    }

    internal PortalFactory(string dataDirectory)
    {
        DataDirectory = dataDirectory;
    }

    public string DataDirectory { get; }

    /// <summary>False when a test shares one directory between several app starts and cleans it up itself.</summary>
    private bool OwnsDataDirectory { get; }

    /// <summary>Extra configuration for one test (key, value), applied on top of the defaults.</summary>
    public Dictionary<string, string?> Settings { get; } = [];

    public static string NewDataDirectory() =>
        Path.Combine(Path.GetTempPath(), "coordination-portal-tests", Guid.NewGuid().ToString("N"));

    /// <summary>Points the app at a database file that cannot be opened, as when the server's disk or database is gone.</summary>
    public void UseUnreachableDatabase()
    {
        Settings["Database:MigrateOnStartup"] = "false";
        Settings["ConnectionStrings:Portal"] = $"Data Source={Path.Combine(DataDirectory, "missing-folder", "portal.db")};Mode=ReadWrite";
    }

    /// <summary>Runs <paramref name="work"/> with a scoped DbContext of the running app.</summary>
    public async Task<T> WithDbAsync<T>(Func<PortalDbContext, Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<PortalDbContext>());
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");

        // Tests run from build output, not a publish folder: serve wwwroot through the build manifest.
        builder.UseStaticWebAssets();
        builder.UseSetting("Database:DataDirectory", DataDirectory);
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");

        // Each test app makes fresh, unencrypted keys in its temp folder; that warning is expected here.
        builder.UseSetting("Serilog:MinimumLevel:Override:Microsoft.AspNetCore.DataProtection", "Error");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && OwnsDataDirectory)
        {
            SqliteConnection.ClearAllPools();
            if (Directory.Exists(DataDirectory))
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
        }
    }
}
