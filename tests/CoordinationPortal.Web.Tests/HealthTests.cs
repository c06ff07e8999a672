using System.Diagnostics;
using System.Net;
using System.Runtime.Versioning;
using System.Text.Json;
using CoordinationPortal.Web.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace CoordinationPortal.Web.Tests;

/// <summary>
/// /health/live says the process answers; /health/ready (and /health) say whether the portal can do
/// its job: the database takes a write, and the data folder takes writes and has room.
/// </summary>
public sealed class HealthTests
{
    private sealed record Health(HttpStatusCode Status, string Body, JsonElement Json)
    {
        public string CheckStatus(string name) => Json.GetProperty("checks").GetProperty(name).GetProperty("status").GetString()!;

        public string CheckDescription(string name) => Json.GetProperty("checks").GetProperty(name).GetProperty("description").GetString()!;
    }

    private static async Task<Health> GetAsync(PortalFactory factory, string path)
    {
        using var response = await factory.NewClient().GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return new Health(response.StatusCode, body, JsonDocument.Parse(body).RootElement.Clone());
    }

    [Theory]
    [InlineData("/health")]
    [InlineData("/health/ready")]
    public async Task Readiness_is_200_when_the_database_takes_writes_and_the_disk_has_room(string path)
    {
        await using var factory = new PortalFactory();

        var health = await GetAsync(factory, path);

        Assert.Equal(HttpStatusCode.OK, health.Status);
        Assert.Equal("Healthy", health.Json.GetProperty("status").GetString());
        Assert.Equal("Healthy", health.CheckStatus("database"));
        Assert.Equal("Healthy", health.CheckStatus("storage"));
    }

    [Fact]
    public async Task Readiness_is_503_when_the_database_cannot_be_reached_and_says_so_without_the_path()
    {
        await using var factory = new PortalFactory();
        factory.UseUnreachableDatabase();

        var ready = await GetAsync(factory, "/health");
        var live = await GetAsync(factory, "/health/live");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.Status);
        Assert.Equal("Unhealthy", ready.CheckStatus("database"));
        Assert.Contains("cannot be opened", ready.CheckDescription("database"), StringComparison.Ordinal);
        Assert.DoesNotContain(factory.DataDirectory, ready.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("portal.db", ready.Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, live.Status);
    }

    [Fact]
    public async Task Readiness_is_503_within_seconds_while_another_process_holds_the_write_lock()
    {
        await using var factory = new PortalFactory();
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(factory, "/health/ready")).Status);

        // What a sqlite3 shell, a copy tool or a stuck second portal does: take the write lock and keep it.
        await using (var holder = new SqliteConnection($"Data Source={Path.Combine(factory.DataDirectory, "portal.db")};Pooling=False"))
        {
            await holder.OpenAsync(TestContext.Current.CancellationToken);
            await using var begin = holder.CreateCommand();
            begin.CommandText = "BEGIN IMMEDIATE";
            await begin.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);

            var started = Stopwatch.GetTimestamp();
            var ready = await GetAsync(factory, "/health/ready");
            var live = await GetAsync(factory, "/health/live");

            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.Status);
            Assert.Equal("Unhealthy", ready.CheckStatus("database"));
            Assert.Contains("write lock", ready.CheckDescription("database"), StringComparison.Ordinal);
            Assert.InRange(Stopwatch.GetElapsedTime(started), TimeSpan.Zero, TimeSpan.FromSeconds(10));
            Assert.Equal(HttpStatusCode.OK, live.Status);
        }

        Assert.Equal(HttpStatusCode.OK, (await GetAsync(factory, "/health/ready")).Status);
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public async Task Readiness_is_503_when_the_data_folder_and_database_become_read_only()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "File modes are a Unix notion; the portal runs on Linux.");
        await using var factory = new PortalFactory();
        var file = Path.Combine(factory.DataDirectory, "portal.db");
        if (PermissionsAreIgnored())
        {
            // Root (CAP_DAC_OVERRIDE) writes through file modes: open the file read-only, as SQLite
            // opens it for an account that the modes below do keep out.
            factory.Settings["ConnectionStrings:Portal"] = $"Data Source={file};Mode=ReadOnly";
            factory.Settings["Database:MigrateOnStartup"] = "false";
            await using (var create = new PortalFactory(factory.DataDirectory))
            {
                _ = create.Services; // the database the read-only portal will find
            }
        }

        Assert.Equal(HttpStatusCode.OK, (await GetAsync(factory, "/health/live")).Status);
        try
        {
            SetModes(factory.DataDirectory, folders: UnixFileMode.UserRead | UnixFileMode.UserExecute, files: UnixFileMode.UserRead);
            SqliteConnection.ClearAllPools(); // connections opened before the change could still write

            var ready = await GetAsync(factory, "/health/ready");
            var live = await GetAsync(factory, "/health/live");

            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.Status);
            Assert.Equal("Unhealthy", ready.CheckStatus("database"));
            Assert.Contains("cannot be written", ready.CheckDescription("database"), StringComparison.Ordinal);
            Assert.DoesNotContain(factory.DataDirectory, ready.Body, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, live.Status);
        }
        finally
        {
            SetModes(factory.DataDirectory, folders: UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, files: UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    [Fact]
    public async Task Readiness_is_503_when_free_space_is_below_the_minimum_and_liveness_stays_200()
    {
        await using var factory = new PortalFactory();
        factory.Settings["Health:MinimumFreeMegabytes"] = int.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture); // no disk has 2 PB free

        var ready = await GetAsync(factory, "/health/ready");
        var health = await GetAsync(factory, "/health");
        var live = await GetAsync(factory, "/health/live");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.Status);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.Status);
        Assert.Equal("Healthy", ready.CheckStatus("database"));
        Assert.Equal("Unhealthy", ready.CheckStatus("storage"));
        Assert.Contains("Health:MinimumFreeMegabytes", ready.CheckDescription("storage"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, live.Status);
        Assert.Equal("Healthy", live.Json.GetProperty("status").GetString());
    }

    [UnsupportedOSPlatform("windows")]
    private static void SetModes(string directory, UnixFileMode folders, UnixFileMode files)
    {
        foreach (var path in Directory.EnumerateFileSystemEntries(directory, "*", SearchOption.AllDirectories).Prepend(directory))
        {
            File.SetUnixFileMode(path, Directory.Exists(path) ? folders : files);
        }
    }

    /// <summary>True when this account can still create a file in a folder whose mode forbids it (root).</summary>
    [UnsupportedOSPlatform("windows")]
    private static bool PermissionsAreIgnored()
    {
        var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"cp-mode-probe-{Guid.NewGuid():N}")).FullName;
        try
        {
            File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserExecute);
            File.WriteAllBytes(Path.Combine(folder, "probe"), []);
            return true;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
        finally
        {
            File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            Directory.Delete(folder, recursive: true);
        }
    }
}
