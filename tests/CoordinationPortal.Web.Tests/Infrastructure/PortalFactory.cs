using System.Collections.Concurrent;
using System.Net;
using CoordinationPortal.Data;
using CoordinationPortal.Data.Identity;
using CoordinationPortal.Domain.Access;
using CoordinationPortal.Domain.Agencies;
using CoordinationPortal.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CoordinationPortal.Web.Tests.Infrastructure;

/// <summary>
/// The whole app over real HTTP (TestServer) on a real SQLite file in a fresh data directory.
/// Runs as "Production" so that tests see what users see: friendly error pages, secure cookies
/// (hence an https base address), no stack traces.
/// </summary>
public class PortalFactory : WebApplicationFactory<Program>
{
    private readonly ConcurrentDictionary<Persona, Lazy<Task<TestAccount>>> _accounts = new();

    public PortalFactory()
        : this(NewDataDirectory())
    {
        OwnsDataDirectory = true;
    }

    internal PortalFactory(string dataDirectory)
    {
        DataDirectory = dataDirectory;
    }

    // Not "localhost": HSTS is (rightly) never sent to localhost, and tests check it is sent.
    public static Uri BaseAddress { get; } = new("https://portal.test");

    /// <summary>
    /// TestServer has no sockets, so requests carry no client address; every test request comes
    /// from this one (a documentation address), as from a single office computer.
    /// </summary>
    public static IPAddress ClientAddress { get; } = IPAddress.Parse("203.0.113.7");

    /// <summary>
    /// A test-only request header that makes a request come from another client address (another
    /// office, an attacker's machine). Only this factory's start-up filter reads it; the app never does.
    /// </summary>
    public const string ClientAddressHeader = "X-Test-Client-Address";

    /// <summary>"Production" unless a test needs another environment (the Development demo accounts).</summary>
    public string EnvironmentName { get; set; } = "Production";

    public string DataDirectory { get; }

    /// <summary>Extra configuration for one test (key, value), applied on top of the defaults.</summary>
    public Dictionary<string, string?> Settings { get; } = [];

    /// <summary>Replaces services for one test (a fake clock...), before the app starts.</summary>
    public Action<IServiceCollection>? ConfigureServices { get; set; }

    /// <summary>False when a test shares one directory between several app starts and cleans it up itself.</summary>
    private bool OwnsDataDirectory { get; }

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

    /// <summary>
    /// Runs <paramref name="work"/> with a context for bulk fixtures: its saves are audited as one
    /// summary each, like the demo data, so a large fixture does not fill the trail line by line.
    /// </summary>
    public async Task<T> WithBulkDbAsync<T>(Func<PortalDbContext, Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        await using var scope = Services.CreateAsyncScope();
        await using var db = new PortalDbContext(scope.ServiceProvider.GetRequiredService<DbContextOptions<PortalDbContext>>()).ActingFor(CoordinationPortal.Data.Auditing.DemoDataAuditContext.Instance, TimeProvider.System);
        return await work(db);
    }

    /// <summary>A browser-like client: https, cookies kept, redirects not followed unless asked.</summary>
    public HttpClient NewClient(bool followRedirects = false) =>
        CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = BaseAddress, AllowAutoRedirect = followRedirects });

    /// <summary>A browser-like client on another computer: its requests come from <paramref name="clientAddress"/>.</summary>
    public HttpClient NewClientFrom(string clientAddress, bool followRedirects = false)
    {
        var client = NewClient(followRedirects);
        client.DefaultRequestHeaders.Add(ClientAddressHeader, IPAddress.Parse(clientAddress).ToString());
        return client;
    }

    /// <summary>The app's clock (a test may replace it): authenticator codes are checked against it.</summary>
    public DateTimeOffset AppNow => Services.GetRequiredService<TimeProvider>().GetUtcNow();

    /// <summary>The persona's account, created on first use (administrators with an authenticator set up).</summary>
    public Task<TestAccount> AccountAsync(Persona persona) =>
        _accounts.GetOrAdd(persona, p => new Lazy<Task<TestAccount>>(() => CreateAccountAsync(p))).Value;

    /// <summary>
    /// A client signed in as the persona through the real sign-in form (and second factor). An
    /// authenticator code is accepted once per account (ADR 0024); tests sign the same administrator in
    /// many times within 30 seconds, so each sign-in here starts as if the last code had been used long ago.
    /// </summary>
    public async Task<HttpClient> SignedInClientAsync(Persona persona, bool followRedirects = false)
    {
        var account = await AccountAsync(persona);
        var client = NewClient(followRedirects);
        if (account.AuthenticatorKey is not null)
        {
            await WithDbAsync(db => db.Users.Where(u => u.Id == account.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.LastAuthenticatorStep, (long?)null), TestContext.Current.CancellationToken));
        }

        var response = await SignInAsync(client, account.Email, account.Password, account.AuthenticatorKey, AppNow);
        Assert.True(LandedOn(response) == "/", $"{persona} could not sign in: {(int)response.StatusCode} {LandedOn(response)}");
        return client;
    }

    /// <summary>
    /// Posts the sign-in form (and the code form when asked for one, with the code of <paramref name="now"/>,
    /// by default the real time); returns the last response.
    /// </summary>
    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password, string? authenticatorKey = null, DateTimeOffset? now = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        var page = await client.GetDocumentAsync("/account/sign-in");
        var response = await client.PostFormAsync("/account/sign-in", page, new() { ["Email"] = email, ["Password"] = password });
        if (LandedOn(response).StartsWith("/account/sign-in/code", StringComparison.Ordinal) && authenticatorKey is not null)
        {
            var codePage = response.StatusCode == HttpStatusCode.OK
                ? await response.ReadDocumentAsync()
                : await client.GetDocumentAsync(LandedOn(response));
            response = await client.PostFormAsync("/account/sign-in/code", codePage, new() { ["Code"] = Totp.Code(authenticatorKey, now ?? DateTimeOffset.UtcNow) });
        }

        return response;
    }

    /// <summary>Where a response leaves the user: the redirect target, or the page shown after following redirects.</summary>
    public static string LandedOn(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found
            ? response.Headers.Location?.OriginalString ?? string.Empty
            : response.RequestMessage?.RequestUri?.PathAndQuery ?? string.Empty;
    }

    /// <summary>Creates an account directly (not through the admin pages), ready to sign in.</summary>
    public async Task<TestAccount> CreateAccountAsync(Persona persona, string? email = null, bool mustChangePassword = false, bool withAuthenticator = true)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var (role, agencyCode, provinceCode) = persona switch
        {
            Persona.Administrator => (PortalRole.Administrator, null, null),
            Persona.CentralVwu => (PortalRole.CentralOfficer, AgencyCodes.Vwu, null),
            Persona.CentralCema => (PortalRole.CentralOfficer, AgencyCodes.Cema, null),
            Persona.ProvincialHaGiangVwu => (PortalRole.ProvincialOfficer, AgencyCodes.Vwu, "02"),
            Persona.ProvincialCaoBangCema => (PortalRole.ProvincialOfficer, AgencyCodes.Cema, "04"),
            Persona.Leadership => (PortalRole.Leadership, (string?)null, (string?)null),
            _ => throw new ArgumentOutOfRangeException(nameof(persona)),
        };
        int? agencyId = agencyCode is null ? null : await db.Agencies.Where(a => a.Code == agencyCode).Select(a => a.Id).SingleAsync();
        var province = provinceCode is null ? null : await db.Provinces.Where(p => p.Code == provinceCode).Select(p => new { p.Id, p.Name }).FirstAsync();
        email ??= $"{persona.ToString().ToLowerInvariant()}@test.local";
        var user = PortalUser.Create(email, $"{persona} Test", role, agencyId, province?.Id, province?.Name, DateTime.UtcNow);
        user.MustChangePassword = mustChangePassword;
        var password = TemporaryPassword.Create();
        var result = await users.CreateAsync(user, password);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Code)));
        string? key = null;
        if (role == PortalRole.Administrator && withAuthenticator)
        {
            await users.ResetAuthenticatorKeyAsync(user);
            await users.SetTwoFactorEnabledAsync(user, true);
            key = await users.GetAuthenticatorKeyAsync(user);
        }

        return new TestAccount(user.Id, email, password, key, persona);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(EnvironmentName);

        // Tests run from build output, not a publish folder: serve wwwroot through the build manifest.
        builder.UseStaticWebAssets();
        builder.UseSetting("Database:DataDirectory", DataDirectory);
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");

        // A test that runs without the certificate expects Data Protection's warnings about it.
        builder.UseSetting("Serilog:MinimumLevel:Override:Microsoft.AspNetCore.DataProtection", "Error");

        // Every client of a test server shares one address; the rate-limit test sets its own limit.
        builder.UseSetting("Security:SignInPostsPerMinute", "10000");

        // What Production requires of an operator: a key-protection certificate kept outside the
        // data folder, and the host name the portal answers to.
        foreach (var (key, value) in TestCertificate.Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.UseSetting("AllowedHosts", BaseAddress.Host);

        // Scheduled reminders and digests are run by the tests that test them, with their own clock.
        builder.UseSetting("Schedule:Background", "false");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<IStartupFilter>(new ClientAddressFilter());
            ConfigureServices?.Invoke(services);
        });
    }

    private sealed class ClientAddressFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers.TryGetValue(ClientAddressHeader, out var from) && IPAddress.TryParse(from.ToString(), out var address))
                {
                    context.Connection.RemoteIpAddress = address;
                    context.Request.Headers.Remove(ClientAddressHeader);
                }

                context.Connection.RemoteIpAddress ??= ClientAddress;
                return nextMiddleware(context);
            });
            next(app);
        };
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
