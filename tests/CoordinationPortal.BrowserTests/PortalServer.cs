using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CoordinationPortal.Data;
using CoordinationPortal.Data.Identity;
using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Domain.Reporting;
using CoordinationPortal.Domain.Access;
using CoordinationPortal.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CoordinationPortal.BrowserTests;

/// <summary>
/// The app on a real Kestrel port with its own SQLite file, and pages of the run's one headless Debian Chromium
/// driven by Playwright. Without Chromium the tests skip with an install hint, unless
/// REQUIRE_BROWSER=1 (set by .ci/run), where a missing browser is a failure.
/// </summary>
public sealed class PortalServer : IAsyncLifetime
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "coordination-portal-browser", Guid.NewGuid().ToString("N"));
    private readonly List<IBrowserContext> _contexts = [];
    private KestrelFactory? _factory;
    private string? _leaderPassword;

    private static readonly SemaphoreSlim TemplateGate = new(1, 1);
    private static readonly string TemplateDirectory = TemporaryDirectory("template-" + Guid.NewGuid().ToString("N"));
    private static readonly Lazy<X509Certificate2> Certificate = new(SelfSignedCertificate);
    private static string? _templateDatabase;

    public static string ChromiumPath { get; } = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium";

    public string BaseUrl { get; private set; } = string.Empty;

    /// <summary>Configuration on top of the defaults (a short idle timeout...), set before the first page.</summary>
    public Dictionary<string, string> Settings { get; } = [];

    /// <summary>Where screenshots go: artifacts/screenshots at the repository root.</summary>
    public static string ScreenshotDirectory { get; } = Directory.CreateDirectory(Path.Combine(RepositoryRoot(), "artifacts", "screenshots")).FullName;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    /// <summary>Creates an account straight in the app's store (as an administrator would); returns its password.</summary>
    /// <summary>A signed-up account; <paramref name="today"/> picks a code's unit of today (08 is the merged Tuyên Quang) instead of the first one (the unit of 2024).</summary>
    public async Task<string> CreateAccountAsync(string email, PortalRole role, bool mustChangePassword = false, string? agencyCode = null, string? provinceCode = null, string fullName = "Người dùng thử", bool today = false)
    {
        await using var scope = _factory!.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        int? agency = agencyCode is null ? null : await db.Agencies.Where(a => a.Code == agencyCode).Select(a => a.Id).SingleAsync();
        int? province = provinceCode is null ? null : await db.Provinces.Where(p => p.Code == provinceCode && (!today || p.ValidTo == null)).Select(p => p.Id).FirstAsync();
        var password = TemporaryPassword.Create();
        var user = PortalUser.Create(email, fullName, role, agency, province, null, DateTime.UtcNow);
        user.MustChangePassword = mustChangePassword;
        var result = await users.CreateAsync(user, password);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Code)));
        return password;
    }

    /// <summary>An administrator whose authenticator is set up already (as after a first sign-in); returns the password and the key.</summary>
    public async Task<(string Password, string AuthenticatorKey)> CreateAdministratorAsync(string email, string fullName = "Quản trị viên thử")
    {
        var password = await CreateAccountAsync(email, PortalRole.Administrator, fullName: fullName);
        await using var scope = _factory!.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"{email} was not created.");
        await users.ResetAuthenticatorKeyAsync(user);
        await users.SetTwoFactorEnabledAsync(user, true);
        return (password, await users.GetAuthenticatorKeyAsync(user) ?? throw new InvalidOperationException("No authenticator key."));
    }

    /// <summary>Reads the app's database (ids of records a test opens); the app must have started.</summary>
    public async Task<T> WithDbAsync<T>(Func<PortalDbContext, Task<T>> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        await using var scope = _factory!.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<PortalDbContext>());
    }

    /// <summary>The demo data set (one year), as the seed-demo command makes it.</summary>
    public async Task SeedDemoAsync()
    {
        await using var scope = _factory!.Services.CreateAsyncScope();
        await CoordinationPortal.Web.Infrastructure.Demo.DemoDataSeeder.SeedAsync(scope.ServiceProvider, years: 1, seed: 7, DateTimeOffset.UtcNow, CancellationToken.None);
    }

    /// <summary>An administrator's exception: the branch may write the (long locked) quarter of Plan 468.</summary>
    public async Task GrantExemptionAsync(string provinceCode, string agencyCode, Quarter quarter)
    {
        await using var scope = _factory!.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var plan = await db.Plans.Select(p => p.Id).SingleAsync();
        var province = await db.Provinces.Where(p => p.Code == provinceCode).Select(p => p.Id).FirstAsync();
        var agency = await db.Agencies.Where(a => a.Code == agencyCode).Select(a => a.Id).SingleAsync();
        db.LockExemptions.Add(new LockExemption(plan, quarter, province, agency, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(60), "Thử nghiệm trên trình duyệt", "test", "Quản trị", DateTime.UtcNow));
        await db.SaveChangesAsync();
    }

    /// <summary>Signs in through the sign-in page as a person would, and waits for the page that follows.</summary>
    public static async Task SignInAsync(IPage page, string email, string password)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Mật khẩu").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAndWaitForNextPageAsync();
    }

    /// <summary>Signs in with the password, then the authenticator's code, as an administrator does.</summary>
    public static async Task SignInWithCodeAsync(IPage page, string email, string password, string authenticatorKey)
    {
        await SignInAsync(page, email, password);
        await page.GetByLabel("Mã xác thực (6 số) hoặc mã khôi phục").FillAsync(CoordinationPortal.Web.Tests.Infrastructure.Totp.Code(authenticatorKey, DateTimeOffset.UtcNow));
        await page.GetByRole(AriaRole.Button, new() { Name = "Tiếp tục" }).ClickAndWaitForNextPageAsync();
    }

    /// <summary>A fresh page (own cookies) at the given viewport width, signed in as a leader.</summary>
    public async Task<IPage> NewSignedInPageAsync(int width = 1366, int height = 900)
    {
        var page = await NewPageAsync(width, height);
        _leaderPassword ??= await CreateAccountAsync("leader@browser.test", PortalRole.Leadership);
        await SignInAsync(page, "leader@browser.test", _leaderPassword);
        return page;
    }

    /// <summary>A fresh page (own cookies) at the given viewport width; starts the app and the browser on first use.</summary>
    public async Task<IPage> NewPageAsync(int width = 1366, int height = 900)
    {
        RequireBrowser();
        if (_factory is null)
        {
            await StartPortalAsync();
        }

        var browser = await SharedBrowser.GetAsync();
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            IgnoreHTTPSErrors = true, // the run's own self-signed certificate
            Locale = "vi-VN",
        });
        _contexts.Add(context);
        return await context.NewPageAsync();
    }

    /// <summary>
    /// Starts the app on a copy of a database the app migrated and seeded once for the whole run, as
    /// it restarts on a database it made, instead of every class applying every migration and the
    /// seed again (seconds a class on a 2-core machine).
    /// </summary>
    private async Task StartPortalAsync()
    {
        Directory.CreateDirectory(_dataDirectory);
        File.Copy(await TemplateDatabaseAsync(), Path.Combine(_dataDirectory, "portal.db"));

        // HTTPS as in production (secure cookies, antiforgery), with the run's own certificate.
        _factory = new KestrelFactory(_dataDirectory, Settings);
        _factory.UseKestrel(options => options.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(Certificate.Value)));
        _factory.StartServer();
        var addresses = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
        BaseUrl = addresses.Addresses.First();
    }

    /// <summary>
    /// The database as the app's start leaves it (migrated, seeded), made by an app started without its
    /// background schedule, so that no job's run is in the copy; then stopped before the copy is taken.
    /// </summary>
    private static async Task<string> TemplateDatabaseAsync()
    {
        await TemplateGate.WaitAsync();
        try
        {
            if (_templateDatabase is null)
            {
                var directory = Path.Combine(TemplateDirectory, "app");
                await using (var factory = new KestrelFactory(directory, new() { ["Schedule:Background"] = "false" }))
                {
                    _ = factory.Services; // starts the app: migrations and the seed
                }

                var template = Path.Combine(TemplateDirectory, "portal.db");
                await using var source = new SqliteConnection($"Data Source={Path.Combine(directory, "portal.db")};Pooling=False");
                await source.OpenAsync();
                await using var copy = new SqliteConnection($"Data Source={template};Pooling=False");
                await copy.OpenAsync();
                source.BackupDatabase(copy);
                _templateDatabase = template;
            }

            return _templateDatabase;
        }
        finally
        {
            TemplateGate.Release();
        }
    }

    public static async Task ScreenshotAsync(IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, name + ".png"), FullPage = true });
    }

    public async ValueTask DisposeAsync()
    {
        // The browser outlives this class: its pages go with the portal they were on.
        foreach (var context in _contexts)
        {
            await context.CloseAsync();
        }

        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    /// <summary>A folder for the run, gone when the test process ends.</summary>
    private static string TemporaryDirectory(string name)
    {
        var path = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "coordination-portal-browser", name)).FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(path, recursive: true);
        };
        return path;
    }

    private static X509Certificate2 SelfSignedCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), password: null);
    }

    private static void RequireBrowser()
    {
        if (File.Exists(ChromiumPath))
        {
            return;
        }

        var hint = $"Chromium not found at {ChromiumPath}: install it with 'apt-get install -y chromium' (or set CHROMIUM_PATH).";
        if (Environment.GetEnvironmentVariable("REQUIRE_BROWSER") == "1")
        {
            Assert.Fail(hint);
        }

        Assert.Skip(hint);
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "CoordinationPortal.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? Path.GetTempPath();
    }

    private sealed class KestrelFactory(string dataDirectory, Dictionary<string, string> settings) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");

            // Tests run from build output, not a publish folder: serve wwwroot through the build manifest.
            builder.UseStaticWebAssets();
            builder.UseSetting("Database:DataDirectory", dataDirectory);
            builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
            builder.UseSetting("Serilog:MinimumLevel:Override:Microsoft.AspNetCore.DataProtection", "Error");

            // What Production requires: the key-protection certificate and the host name (Kestrel's loopback address).
            foreach (var (key, value) in CoordinationPortal.Web.Tests.Infrastructure.TestCertificate.Settings)
            {
                builder.UseSetting(key, value);
            }

            builder.UseSetting("AllowedHosts", IPAddress.Loopback.ToString());
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
        }
    }
}
