using CoordinationPortal.Domain.Access;
using Microsoft.Playwright;

namespace CoordinationPortal.BrowserTests;

/// <summary>
/// The administrator's province pages on a desktop and a phone: the list of today's units, a unit's
/// form, and the preview and confirmation of moving accounts of merged units. Every page is checked
/// with axe, must not scroll sideways, and is kept as a screenshot.
/// </summary>
public sealed class ProvincesInBrowserTests(PortalServer server) : IClassFixture<PortalServer>
{
    [Fact]
    public async Task An_administrator_reviews_the_provinces_and_moves_the_accounts_of_merged_units_on_desktop_and_phone()
    {
        var page = await server.NewPageAsync(1366, 900);
        var (password, key) = await server.CreateAdministratorAsync("quantri.tinh@browser.test");
        await server.CreateAccountAsync("hagiang.hoi@browser.test", PortalRole.ProvincialOfficer, agencyCode: "VWU", provinceCode: "02", fullName: "Lò Thị Mai");
        await server.CreateAccountAsync("hagiang.dantoc@browser.test", PortalRole.ProvincialOfficer, agencyCode: "CEMA", provinceCode: "02", fullName: "Vàng Seo Páo");
        await server.CreateAccountAsync("yenbai.hoi@browser.test", PortalRole.ProvincialOfficer, agencyCode: "VWU", provinceCode: "15", fullName: "Hoàng Thị Thu Hương");
        await PortalServer.SignInWithCodeAsync(page, "quantri.tinh@browser.test", password, key);

        // The menu leads there.
        await page.GetByRole(AriaRole.Link, new() { Name = "Tỉnh, thành phố", Exact = true }).ClickAndWaitForNextPageAsync();
        Assert.EndsWith("/admin/provinces", page.Url, StringComparison.Ordinal);

        foreach (var (width, height) in new[] { (1366, 900), (390, 844) })
        {
            await page.SetViewportSizeAsync(width, height);

            await page.GotoAsync("/admin/provinces");
            Assert.Equal(34, await page.Locator("table.province-table tbody tr").CountAsync());
            Assert.Equal(6, await page.Locator("tr.needs-decision").CountAsync());
            await CheckAsync(page, $"provinces-{width}");

            await page.GetByRole(AriaRole.Link, new() { Name = "Sửa Lâm Đồng (68)" }).ClickAndWaitForNextPageAsync();
            await CheckAsync(page, $"province-edit-{width}");

            await page.GotoAsync("/admin/provinces/moves");
            Assert.Equal(3, await page.Locator("table.move-table tbody tr").CountAsync());
            await CheckAsync(page, $"province-moves-{width}");
        }

        // On the phone: one confirmation moves all three; the page then says there is nothing left.
        await page.GetByRole(AriaRole.Button, new() { Name = "Chuyển 3 tài khoản" }).ClickAndWaitForNextPageAsync();
        Assert.StartsWith("Đã chuyển 3 tài khoản", (await page.Locator(".alert-success").InnerTextAsync()).Trim(), StringComparison.Ordinal);
        Assert.True(await page.Locator("[data-nothing-to-move]").IsVisibleAsync());
        await CheckAsync(page, "province-moves-done-390");
    }

    private static async Task CheckAsync(IPage page, string screenshot)
    {
        await page.AssertNoAxeViolationsAsync();
        await PortalServer.ScreenshotAsync(page, screenshot);
        var overflow = await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth");
        Assert.False(overflow, $"{page.Url} scrolls sideways ({screenshot})");
    }
}
