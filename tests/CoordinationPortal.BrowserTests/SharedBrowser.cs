using Microsoft.Playwright;

[assembly: AssemblyFixture(typeof(CoordinationPortal.BrowserTests.SharedBrowser))]

namespace CoordinationPortal.BrowserTests;

/// <summary>
/// One headless Chromium for the whole run. Each test still gets a fresh context (own cookies and
/// storage), which isolates it as a browser of its own did; launching Chromium once per class cost
/// seconds a class on a 2-core machine. A browser that died is launched again.
/// </summary>
public sealed class SharedBrowser : IAsyncDisposable
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static IPlaywright? _playwright;
    private static IBrowser? _browser;

    public static async Task<IBrowser> GetAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (_browser is { IsConnected: true })
            {
                return _browser;
            }

            _playwright ??= await Playwright.CreateAsync();
            _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = PortalServer.ChromiumPath,
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
            });
            return _browser;
        }
        finally
        {
            Gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
            _browser = null;
        }

        _playwright?.Dispose();
        _playwright = null;
    }
}
