using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CoordinationPortal.BrowserTests;

/// <summary>
/// The app on a real Kestrel port with its own SQLite file, and one headless Debian Chromium
/// driven by Playwright. Without Chromium the tests skip with an install hint, unless
/// REQUIRE_BROWSER=1 (set by .ci/run), where a missing browser is a failure.
/// </summary>
public sealed class PortalServer : IAsyncLifetime
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "coordination-portal-browser", Guid.NewGuid().ToString("N"));
    private KestrelFactory? _factory;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public static string ChromiumPath { get; } = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium";

    public string BaseUrl { get; private set; } = string.Empty;

    /// <summary>Where screenshots go: artifacts/screenshots at the repository root.</summary>
    public static string ScreenshotDirectory { get; } = Directory.CreateDirectory(Path.Combine(RepositoryRoot(), "artifacts", "screenshots")).FullName;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    /// <summary>A fresh page (own cookies) at the given viewport width; starts the app and the browser on first use.</summary>
    public async Task<IPage> NewPageAsync(int width = 1366, int height = 900)
    {
        RequireBrowser();
        if (_browser is null)
        {
            _factory = new KestrelFactory(_dataDirectory);
            _factory.UseKestrel(0);
            _factory.StartServer();
            var addresses = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
            BaseUrl = addresses.Addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal);

            _playwright = await Playwright.CreateAsync();
            _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ChromiumPath,
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
            });
        }

        var context = await _browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "vi-VN",
        });
        return await context.NewPageAsync();
    }

    public static async Task ScreenshotAsync(IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, name + ".png"), FullPage = true });
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
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

    private sealed class KestrelFactory(string dataDirectory) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");

            // Tests run from build output, not a publish folder: serve wwwroot through the build manifest.
            builder.UseStaticWebAssets();
            builder.UseSetting("Database:DataDirectory", dataDirectory);
            builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
            builder.UseSetting("Serilog:MinimumLevel:Override:Microsoft.AspNetCore.DataProtection", "Error");
        }
    }
}
