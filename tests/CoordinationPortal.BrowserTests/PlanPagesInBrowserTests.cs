using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace CoordinationPortal.BrowserTests;

public sealed partial class PlanPagesInBrowserTests(PortalServer server) : IClassFixture<PortalServer>
{
    [GeneratedRegex("/activities/\\d+$")]
    private static partial Regex ActivityUrl();

    [Theory]
    [InlineData(1366)]
    [InlineData(390)]
    public async Task The_plan_page_opens_in_Chromium_and_is_accessible(int width)
    {
        var page = await server.NewSignedInPageAsync(width);

        var response = await page.GotoAsync("/");
        Assert.Equal(200, response!.Status);

        // The plan document is one click from the home page.
        await page.Locator("a[data-plan-link]").ClickAndWaitForNextPageAsync();
        Assert.Contains("KẾ HOẠCH", await page.Locator("h1").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(7, await page.Locator("#activities tbody tr").CountAsync());
        await page.AssertNoAxeViolationsAsync();
        await PortalServer.ScreenshotAsync(page, $"plan-{width}");

        // Nothing on the page is wider than the screen (no sideways scrolling on a phone).
        var overflow = await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth");
        Assert.False(overflow, $"the plan page scrolls sideways at {width}px");
    }

    [Theory]
    [InlineData(1366)]
    [InlineData(390)]
    public async Task An_activity_page_opened_from_the_plan_is_accessible(int width)
    {
        var page = await server.NewSignedInPageAsync(width);
        await page.GotoAsync("/");
        await page.Locator("a[data-plan-link]").ClickAndWaitForNextPageAsync();

        await page.Locator("#activities tbody tr[data-activity-number='7'] a").ClickAsync();

        await page.ArriveAtAsync(ActivityUrl());
        Assert.Equal("Hoạt động 7", await page.Locator("h1 span").First.InnerTextAsync());
        Assert.Equal(2, await page.Locator("li[data-task-number]").CountAsync());
        await page.AssertNoAxeViolationsAsync();
        await PortalServer.ScreenshotAsync(page, $"activity-7-{width}");
        var overflow = await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth");
        Assert.False(overflow, $"the activity page scrolls sideways at {width}px");
    }

    [Fact]
    public async Task The_language_button_switches_the_page_to_English_and_back()
    {
        var page = await server.NewSignedInPageAsync();
        await page.GotoAsync("/plans");

        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();

        await page.ArriveAtAsync("**/plans");
        Assert.Equal("Plans", await page.Locator("h1").InnerTextAsync());
        Assert.Equal("en", await page.Locator("html").GetAttributeAsync("lang"));
        await page.AssertNoAxeViolationsAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Tiếng Việt" }).ClickAsync();
        await page.ArriveAtAsync("**/plans");
        Assert.Equal("Các kế hoạch", await page.Locator("h1").InnerTextAsync());
    }
}
