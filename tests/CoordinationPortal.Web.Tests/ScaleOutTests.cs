using System.Net;
using CoordinationPortal.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Data.Sqlite;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CoordinationPortal.Web.Tests;

/// <summary>
/// Two nodes behind a load balancer: two app hosts, each with its own data folder, on one database.
/// One browser (one cookie jar) is sent to either node, as a load balancer without sticky sessions does.
/// </summary>
public sealed class ScaleOutTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly PortalFactory _nodeA = new();
    private PortalFactory? _nodeB;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_nodeB is not null)
        {
            await _nodeB.DisposeAsync();
        }

        await _nodeA.DisposeAsync();
    }

    [Fact]
    public async Task With_the_database_key_store_a_person_signed_in_on_one_node_is_signed_in_on_the_other_and_sees_its_writes()
    {
        var nodeB = StartTwoNodes("Database");
        var browser = new CookieContainerHandler();
        var (onA, onB) = (Through(_nodeA, browser), Through(nodeB, browser));
        var account = await _nodeA.AccountAsync(Persona.CentralVwu);

        using var signedIn = await PortalFactory.SignInAsync(onA, account.Email, account.Password);
        Assert.Equal("/", PortalFactory.LandedOn(signedIn));

        using var home = await onB.GetAsync("/", Ct);
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Contains("CentralVwu Test", await home.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        // A form from one node posts to the other (antiforgery tokens use the same keys), and a write
        // on A is on B's next page: no node keeps its own copy of the data.
        var activityId = await _nodeA.ActivityIdAsync(3);
        var form = await onB.GetDocumentAsync($"/activities/{activityId}/progress/new");
        using var added = await onA.PostFormAsync($"/activities/{activityId}/progress/new", form, new()
        {
            ["ReportedOn"] = "15/10/2024",
            ["Status"] = "Delayed",
            ["PercentComplete"] = "30",
            ["Done"] = "Đã họp hai nút sau bộ cân bằng tải.",
        });
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);

        var page = await onB.GetDocumentAsync($"/activities/{activityId}");
        Assert.Contains("Đã họp hai nút sau bộ cân bằng tải.", page.QuerySelector(".journal-entry")!.Text(), StringComparison.Ordinal);
        Assert.Equal("Delayed", page.QuerySelector("[data-activity-status]")!.GetAttribute("data-activity-status"));
    }

    [Fact]
    public async Task With_key_files_in_each_nodes_own_folder_the_other_node_does_not_accept_the_cookie()
    {
        var nodeB = StartTwoNodes("Files");
        var browser = new CookieContainerHandler();
        var (onA, onB) = (Through(_nodeA, browser), Through(nodeB, browser));
        var account = await _nodeA.AccountAsync(Persona.CentralVwu);

        using var signedIn = await PortalFactory.SignInAsync(onA, account.Email, account.Password);
        Assert.Equal("/", PortalFactory.LandedOn(signedIn));
        using (var stillIn = await onA.GetAsync("/", Ct))
        {
            Assert.Equal(HttpStatusCode.OK, stillIn.StatusCode);
        }

        using var home = await onB.GetAsync("/", Ct);
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.StartsWith("/account/sign-in", home.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Keys_in_the_database_are_encrypted_with_the_certificate_and_stay_out_of_the_audit_trail()
    {
        StartTwoNodes("Database");
        using (await _nodeA.SignedInClientAsync(Persona.CentralVwu))
        {
        }

        var keys = await _nodeA.WithDbAsync(db => db.DataProtectionKeys.Select(k => k.Xml!).ToListAsync(Ct));
        Assert.NotEmpty(keys);
        Assert.All(keys, xml =>
        {
            Assert.Contains("encryptedSecret", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("requiresEncryption", xml, StringComparison.Ordinal); // no master key in clear
        });
        Assert.False(await _nodeA.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.EntityType.Contains("DataProtection"), Ct)));
        Assert.Empty(Directory.Exists(Path.Combine(_nodeA.DataDirectory, "keys")) ? Directory.GetFiles(Path.Combine(_nodeA.DataDirectory, "keys")) : []);
    }

    [Fact]
    public async Task An_installation_that_moves_its_keys_to_the_database_keeps_its_sessions()
    {
        var directory = PortalFactory.NewDataDirectory();
        try
        {
            var browser = new CookieContainerHandler();
            await using (var before = new PortalFactory(directory))
            {
                var account = await before.AccountAsync(Persona.CentralVwu);
                using var signedIn = await PortalFactory.SignInAsync(Through(before, browser), account.Email, account.Password);
                Assert.Equal("/", PortalFactory.LandedOn(signedIn));
            }

            await using var after = new PortalFactory(directory);
            after.Settings["DataProtection:Store"] = "Database";
            using var home = await Through(after, browser).GetAsync("/", Ct);
            Assert.Equal(HttpStatusCode.OK, home.StatusCode);
            Assert.NotEmpty(await after.WithDbAsync(db => db.DataProtectionKeys.ToListAsync(Ct)));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Keys_stored_in_the_database_in_clear_are_encrypted_once_a_certificate_is_set_and_keep_their_sessions()
    {
        var directory = PortalFactory.NewDataDirectory();
        try
        {
            var browser = new CookieContainerHandler();
            await using (var withoutCertificate = new PortalFactory(directory))
            {
                withoutCertificate.Settings["DataProtection:Store"] = "Database";
                withoutCertificate.Settings["DataProtection:CertificatePath"] = string.Empty;
                withoutCertificate.Settings["DataProtection:AllowUnprotectedKeys"] = "true";
                var account = await withoutCertificate.AccountAsync(Persona.CentralVwu);
                using var signedIn = await PortalFactory.SignInAsync(Through(withoutCertificate, browser), account.Email, account.Password);
                Assert.Equal("/", PortalFactory.LandedOn(signedIn));
                Assert.Contains(await withoutCertificate.WithDbAsync(db => db.DataProtectionKeys.Select(k => k.Xml!).ToListAsync(Ct)), xml => xml.Contains("requiresEncryption", StringComparison.Ordinal));
            }

            await using var withCertificate = new PortalFactory(directory);
            withCertificate.Settings["DataProtection:Store"] = "Database";
            using var home = await Through(withCertificate, browser).GetAsync("/", Ct);
            Assert.Equal(HttpStatusCode.OK, home.StatusCode);
            Assert.All(
                await withCertificate.WithDbAsync(db => db.DataProtectionKeys.Select(k => k.Xml!).ToListAsync(Ct)),
                xml => Assert.DoesNotContain("requiresEncryption", xml, StringComparison.Ordinal));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task With_Redis_a_write_on_one_node_is_on_the_other_nodes_next_dashboard_which_it_had_cached()
    {
        await using var redis = await RedisServer.StartAsync();
        var nodeB = StartTwoNodes("Database", redis.Configuration);
        var (onA, onB) = await SignedInOnBothAsync(nodeB);
        Assert.All(new[] { _nodeA, nodeB }, node => Assert.Contains("Redis", node.Services.GetRequiredService<IOutputCacheStore>().GetType().Name, StringComparison.Ordinal));

        // B computes the dashboard and keeps it in Redis; A's same request is then served from there.
        Assert.Empty(DelayedWords(await DashboardAsync(onB)));
        Assert.Empty(DelayedWords(await DashboardAsync(onA)));
        Assert.NotEmpty(await RedisKeysAsync(redis));

        await AddDelayedEntryAsync(onA);

        Assert.NotEmpty(DelayedWords(await DashboardAsync(onB)));
    }

    [Fact]
    public async Task With_Redis_a_province_renamed_on_one_node_is_on_the_other_nodes_next_page_though_it_kept_the_catalogue()
    {
        // The fragments are off: what B shows comes from its own copy of the province catalogue (ADR 0051).
        await using var redis = await RedisServer.StartAsync();
        var nodeB = StartTwoNodes("Database", redis.Configuration, fragments: false);
        var (onA, onB) = await SignedInOnBothAsync(nodeB);
        var caoBang = await _nodeA.WithDbAsync(db => db.Provinces.Where(p => p.Code == "04" && p.ValidFrom == null).Select(p => p.Id).SingleAsync(Ct));
        Assert.Equal("Cao Bằng", ProvinceName(await DashboardAsync(onB), caoBang));
        Assert.Equal("Cao Bằng", ProvinceName(await DashboardAsync(onA), caoBang));

        await _nodeA.WithDbAsync(async db =>
        {
            (await db.Provinces.SingleAsync(p => p.Id == caoBang, Ct)).Rename("Cao Bằng (đã sửa)");
            return await db.SaveChangesAsync(Ct);
        });

        Assert.Equal("Cao Bằng (đã sửa)", ProvinceName(await DashboardAsync(onB), caoBang));
    }

    private static string ProvinceName(AngleSharp.Dom.IDocument dashboard, int province) =>
        dashboard.QuerySelector($"tr[data-province-id='{province}'] th[scope=row]")!.TextContent.Trim();

    [Fact]
    public async Task Without_Redis_each_node_keeps_its_own_cache_and_the_other_node_shows_its_old_dashboard()
    {
        // Why README "Scaling out" asks for Redis: A's write evicts A's memory only.
        var nodeB = StartTwoNodes("Database");
        var (onA, onB) = await SignedInOnBothAsync(nodeB);
        Assert.Empty(DelayedWords(await DashboardAsync(onB)));

        await AddDelayedEntryAsync(onA);

        Assert.NotEmpty(DelayedWords(await DashboardAsync(onA)));
        Assert.Empty(DelayedWords(await DashboardAsync(onB)));
    }

    [Fact]
    public async Task With_Redis_unreachable_the_dashboard_is_computed_and_writes_still_succeed()
    {
        _nodeA.Settings["Redis:Configuration"] = $"127.0.0.1:{RedisServer.FreePort()},connectTimeout=500";
        var client = await _nodeA.SignedInClientAsync(Persona.CentralVwu);

        var started = DateTime.UtcNow;
        Assert.Empty(DelayedWords(await DashboardAsync(client)));
        await AddDelayedEntryAsync(client);
        Assert.NotEmpty(DelayedWords(await DashboardAsync(client)));
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(20), "pages must not wait on a dead cache server");
    }

    private async Task<(HttpClient OnA, HttpClient OnB)> SignedInOnBothAsync(PortalFactory nodeB)
    {
        var browser = new CookieContainerHandler();
        var (onA, onB) = (Through(_nodeA, browser), Through(nodeB, browser));
        var account = await _nodeA.AccountAsync(Persona.CentralVwu);
        using var signedIn = await PortalFactory.SignInAsync(onA, account.Email, account.Password);
        Assert.Equal("/", PortalFactory.LandedOn(signedIn));
        return (onA, onB);
    }

    private static Task<AngleSharp.Dom.IDocument> DashboardAsync(HttpClient client) => client.GetDocumentAsync("/dashboard");

    private static AngleSharp.Dom.IElement[] DelayedWords(AngleSharp.Dom.IDocument dashboard) =>
        [.. dashboard.QuerySelectorAll("tr[data-activity-number='3'] [data-word-status='Delayed']")];

    private async Task AddDelayedEntryAsync(HttpClient client)
    {
        var activityId = await _nodeA.ActivityIdAsync(3);
        var form = await client.GetDocumentAsync($"/activities/{activityId}/progress/new");
        using var added = await client.PostFormAsync($"/activities/{activityId}/progress/new", form, new()
        {
            ["ReportedOn"] = "15/10/2024",
            ["Status"] = "Delayed",
            ["PercentComplete"] = "30",
            ["Done"] = "Chậm do bão.",
        });
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
    }

    private static async Task<List<string>> RedisKeysAsync(RedisServer redis)
    {
        await using var connection = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(redis.Configuration);
        return [.. connection.GetServer(redis.Configuration).Keys(pattern: "CoordinationPortal:*").Select(k => k.ToString())];
    }

    /// <summary>Node A on its own folder and database file; node B on another folder (its own key files) and A's database file.</summary>
    private PortalFactory StartTwoNodes(string keyStore, string? redis = null, bool fragments = true)
    {
        _nodeA.Settings["DataProtection:Store"] = keyStore;
        _nodeA.Settings["Redis:Configuration"] = redis;
        _nodeA.Settings["FragmentCache:Enabled"] = fragments ? "true" : "false";
        _ = _nodeA.Services; // A migrates and seeds the database before B opens it
        _nodeB = new PortalFactory();
        _nodeB.Settings["DataProtection:Store"] = keyStore;
        _nodeB.Settings["Redis:Configuration"] = redis;
        _nodeB.Settings["FragmentCache:Enabled"] = fragments ? "true" : "false";
        _nodeB.Settings["ConnectionStrings:Portal"] = $"Data Source={Path.Combine(_nodeA.DataDirectory, "portal.db")}";
        _ = _nodeB.Services;
        return _nodeB;
    }

    /// <summary>A client to one node with the browser's cookie jar; redirects are not followed.</summary>
    private static HttpClient Through(PortalFactory node, CookieContainerHandler browser) =>
        node.CreateDefaultClient(PortalFactory.BaseAddress, new SharedCookies(browser.Container));

    /// <summary>A fresh handler per client (a handler belongs to one pipeline) over the one cookie container.</summary>
    private sealed class SharedCookies(CookieContainer container) : CookieContainerHandler(container);
}
