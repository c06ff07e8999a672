using CoordinationPortal.Domain.Access;
using Microsoft.Playwright;

namespace CoordinationPortal.BrowserTests;

/// <summary>Each role signs in on a desktop and a phone and lands on its own "Việc cần làm", on the demo data of this year.</summary>
public sealed class HomeInBrowserTests(PortalServer server) : IClassFixture<PortalServer>
{
    private static readonly SemaphoreSlim Seeding = new(1, 1);
    private static bool _seeded; // per class: the test class is made anew for every test, the portal is not

    private async Task SeedOnceAsync()
    {
        await Seeding.WaitAsync();
        try
        {
            if (!_seeded)
            {
                await server.SeedDemoAsync();
                _seeded = true;
            }
        }
        finally
        {
            Seeding.Release();
        }
    }

    private static async Task CheckAsync(IPage page, string section, string name, int width)
    {
        Assert.EndsWith("/", page.Url, StringComparison.Ordinal); // signing in lands on the home page
        Assert.Equal("Việc cần làm", (await page.Locator("h1").InnerTextAsync()).Trim());
        Assert.Equal(1, await page.Locator($"[data-home='{section}']").CountAsync());
        Assert.Equal(1, await page.Locator("a[data-plan-link]").CountAsync());
        await page.AssertNoAxeViolationsAsync();
        await PortalServer.ScreenshotAsync(page, $"home-{name}-{width}");
        var overflow = await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth");
        Assert.False(overflow, $"the {name} home page scrolls sideways at {width}px");
    }

    [Theory]
    [InlineData(1366, 900)]
    [InlineData(390, 844)]
    public async Task A_provincial_officer_lands_on_their_quarters_and_opens_their_reports_from_there(int width, int height)
    {
        var page = await server.NewPageAsync(width, height);
        await SeedOnceAsync();
        var password = await server.CreateAccountAsync($"tinh{width}@home.test", PortalRole.ProvincialOfficer, agencyCode: "VWU", provinceCode: "08", fullName: "Hoàng Thị Dung", today: true);

        await PortalServer.SignInAsync(page, $"tinh{width}@home.test", password);

        await CheckAsync(page, "province", "province", width);
        await page.Locator("a[data-my-reports]").ClickAndWaitForNextPageAsync();
        Assert.EndsWith("/reports/mine", page.Url, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1366, 900)]
    [InlineData(390, 844)]
    public async Task A_central_officer_lands_on_the_reports_waiting_and_opens_the_queue(int width, int height)
    {
        var page = await server.NewPageAsync(width, height);
        await SeedOnceAsync();
        var password = await server.CreateAccountAsync($"trunguong{width}@home.test", PortalRole.CentralOfficer, agencyCode: "VWU", fullName: "Nguyễn Thị Lan");

        await PortalServer.SignInAsync(page, $"trunguong{width}@home.test", password);

        await CheckAsync(page, "central", "central", width);
        if (await page.Locator("a[data-review-queue]").CountAsync() == 1)
        {
            await page.Locator("a[data-review-queue]").ClickAndWaitForNextPageAsync();
            Assert.EndsWith("/reports/review", page.Url, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(1366, 900)]
    [InlineData(390, 844)]
    public async Task Leadership_lands_on_the_headline_figures_and_each_opens_its_list(int width, int height)
    {
        var page = await server.NewPageAsync(width, height);
        await SeedOnceAsync();
        var password = await server.CreateAccountAsync($"lanhdao{width}@home.test", PortalRole.Leadership, fullName: "Lãnh đạo Ban");

        await PortalServer.SignInAsync(page, $"lanhdao{width}@home.test", password);

        await CheckAsync(page, "leadership", "leadership", width);
        Assert.Equal(6, await page.Locator("a[data-figure]").CountAsync());
        await page.Locator("a[data-figure='received']").ClickAndWaitForNextPageAsync();
        Assert.Contains("/reports?", page.Url, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1366, 900)]
    [InlineData(390, 844)]
    public async Task An_administrator_lands_on_plans_and_accounts_needing_attention(int width, int height)
    {
        var page = await server.NewPageAsync(width, height);
        await SeedOnceAsync();
        await server.CreateAccountAsync($"chuaxacthuc{width}@home.test", PortalRole.Leadership, fullName: "Trần Văn Chưa Cài");
        var (password, key) = await server.CreateAdministratorAsync($"quantri{width}@home.test");

        await PortalServer.SignInWithCodeAsync(page, $"quantri{width}@home.test", password, key);

        await CheckAsync(page, "administrator", "admin", width);
        Assert.True(await page.Locator($"li[data-no-authenticator='chuaxacthuc{width}@home.test']").CountAsync() == 1);
    }
}
