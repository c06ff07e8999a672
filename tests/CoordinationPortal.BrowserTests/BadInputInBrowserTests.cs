using CoordinationPortal.Domain.Access;
using Microsoft.Playwright;

namespace CoordinationPortal.BrowserTests;

public sealed class BadInputInBrowserTests(PortalServer server) : IClassFixture<PortalServer>
{
    [Theory]
    [InlineData(1366, 900)]
    [InlineData(390, 844)]
    public async Task An_address_with_an_unknown_quarter_shows_what_is_wrong_and_a_way_back(int width, int height)
    {
        var page = await server.NewPageAsync(width, height);
        var password = await server.CreateAccountAsync($"sai.dia.chi{width}@browser.test", PortalRole.Leadership, fullName: "Lãnh đạo Vụ");
        await PortalServer.SignInAsync(page, $"sai.dia.chi{width}@browser.test", password);

        var response = await page.GotoAsync("/dashboard?quarter=1");

        Assert.Equal(400, response!.Status);
        Assert.Equal("Yêu cầu không hợp lệ", (await page.Locator("h1").InnerTextAsync()).Trim());
        Assert.Contains("“1” không phải một quý", await page.Locator("ul.bad-input").InnerTextAsync(), StringComparison.Ordinal);
        await page.AssertNoAxeViolationsAsync();
        await PortalServer.ScreenshotAsync(page, $"bad-input-{width}");

        await page.GetByRole(AriaRole.Link, new() { Name = "Mở lại trang này" }).ClickAndWaitForNextPageAsync();
        Assert.EndsWith("/dashboard", page.Url, StringComparison.Ordinal);
    }
}
