using CoordinationPortal.Domain.Access;
using Microsoft.Playwright;

namespace CoordinationPortal.BrowserTests;

public sealed class DashboardInBrowserTests(PortalServer server) : IClassFixture<PortalServer>
{
    [Theory]
    [InlineData(1366, 900)]
    [InlineData(390, 844)]
    public async Task Leadership_sees_the_dashboard_with_charts_and_tables_and_it_is_accessible(int width, int height)
    {
        var page = await server.NewPageAsync(width, height);
        if (!_seeded)
        {
            await server.SeedDemoAsync();
            _seeded = true;
        }

        var password = await server.CreateAccountAsync($"lanhdao{width}@browser.test", PortalRole.Leadership, fullName: "Lãnh đạo Ban");
        await PortalServer.SignInAsync(page, $"lanhdao{width}@browser.test", password);

        await page.GotoAsync("/dashboard");

        Assert.Equal(7, await page.Locator(".dashboard-activities tbody tr").CountAsync());
        // This year's demo plan: today's 34 units, four quarters, two branches.
        Assert.Equal(34 * 4 * 2, await page.Locator(".province-grid [data-cell-state]").CountAsync());
        await page.WaitForFunctionAsync("() => window.Chart !== undefined && Chart.getChart(document.getElementById('funds-chart')) !== undefined");
        await page.AssertNoAxeViolationsAsync();
        await PortalServer.ScreenshotAsync(page, $"dashboard-{width}");
        var overflow = await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth");
        Assert.False(overflow, $"the dashboard scrolls sideways at {width}px");
    }

    [Theory]
    [InlineData(1366, 900)]
    [InlineData(390, 844)]
    public async Task Leadership_follows_reporting_across_the_years_by_todays_provinces(int width, int height)
    {
        var page = await server.NewPageAsync(width, height);
        if (!_seeded)
        {
            await server.SeedDemoAsync();
            _seeded = true;
        }

        var password = await server.CreateAccountAsync($"qua.cac.nam{width}@browser.test", PortalRole.Leadership, fullName: "Lãnh đạo Vụ");
        await PortalServer.SignInAsync(page, $"qua.cac.nam{width}@browser.test", password);

        await page.GotoAsync("/dashboard/years");

        Assert.Equal(34, await page.Locator(".years-provinces tbody tr").CountAsync());
        Assert.Contains("Hà Giang", await page.Locator(".years-provinces tr", new() { HasText = "Tuyên Quang" }).First.InnerTextAsync(), StringComparison.Ordinal);
        await page.AssertNoAxeViolationsAsync();
        await PortalServer.ScreenshotAsync(page, $"years-{width}");
        var overflow = await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth");
        Assert.False(overflow, $"the years page scrolls sideways at {width}px");
    }

    private static bool _seeded;
}
