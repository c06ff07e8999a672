using System.Text.RegularExpressions;
using CoordinationPortal.Domain.Access;
using Microsoft.Playwright;

namespace CoordinationPortal.BrowserTests;

/// <summary>
/// Drafting the 2025 plan in a browser, on a desktop and a phone: "Kế hoạch mới" copying Plan 468,
/// the draft's page, each part's screen, the list of activities, one activity with its tasks, the
/// programme page for 2026, and the administrator's check and publishing. Every page is checked with
/// axe, must not scroll sideways, and is kept as a screenshot.
/// </summary>
public sealed partial class PlanEditingInBrowserTests(PortalServer server) : IClassFixture<PortalServer>
{
    [GeneratedRegex(@"/plans/(\d+)$")]
    private static partial Regex PlanUrl();

    [Fact]
    public async Task A_central_officer_drafts_the_2025_plan_part_by_part_and_an_administrator_publishes_it_on_desktop_and_phone()
    {
        var page = await server.NewPageAsync(1366, 900);
        var password = await server.CreateAccountAsync("lan.nguyen@browser.test", PortalRole.CentralOfficer, agencyCode: "VWU", fullName: "Nguyễn Thị Lan");
        await PortalServer.SignInAsync(page, "lan.nguyen@browser.test", password);

        // From the plans page, "Kế hoạch mới" proposes a copy of Plan 468 for 2025.
        await page.GotoAsync("/plans");
        await page.Locator("[data-new-plan]").ClickAndWaitForNextPageAsync();
        Assert.EndsWith("/plans/new", page.Url, StringComparison.Ordinal);
        await page.GetByLabel("Số kế hoạch", new() { Exact = true }).FillAsync("15/KH-HLHPNVN-BDTTG");
        await page.GetByLabel("Ngày ban hành", new() { Exact = true }).FillAsync("20/01/2025");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sao chép thành dự thảo năm 2025" }).ClickAndWaitForNextPageAsync();
        var planId = PlanUrl().Match(page.Url).Groups[1].Value;
        Assert.NotEmpty(planId);
        Assert.Contains("Đã tạo dự thảo kế hoạch năm 2025", await page.Locator(".alert-success").InnerTextAsync(), StringComparison.Ordinal);

        // Activity 7 and 4 of the copy, by their links on the list.
        await page.GotoAsync($"/plans/{planId}/edit/activities");
        var seventh = await page.Locator("tr[data-activity-number='7']").GetAttributeAsync("data-activity-id");
        var fourth = await page.Locator("tr[data-activity-number='4']").GetAttributeAsync("data-activity-id");

        foreach (var (width, height) in new[] { (1366, 900), (390, 844) })
        {
            await page.SetViewportSizeAsync(width, height);
            await VisitAsync(page, $"/plans/{planId}", $"plan-draft-{width}");
            Assert.True(await page.Locator("[data-year-review]").IsVisibleAsync());
            await VisitAsync(page, "/plans", $"plans-{width}");
            await VisitAsync(page, "/plans/new", $"plan-new-{width}");
            await VisitAsync(page, $"/plans/new?start=Copy&sourcePlanId={planId}&year=2026", $"plan-new-no-programme-{width}");
            Assert.True(await page.Locator("[data-no-programme]").IsVisibleAsync());
            await VisitAsync(page, "/programmes/new?forYear=2026", $"programme-new-{width}");
            await VisitAsync(page, $"/plans/{planId}/edit/header", $"plan-edit-header-{width}");
            await VisitAsync(page, $"/plans/{planId}/edit/text", $"plan-edit-text-{width}");
            await VisitAsync(page, $"/plans/{planId}/edit/organisation", $"plan-edit-organisation-{width}");
            await VisitAsync(page, $"/plans/{planId}/edit/activities", $"plan-edit-activities-{width}");
            await VisitAsync(page, $"/activities/{seventh}/edit", $"activity-edit-7-{width}");
            Assert.True(await page.Locator("[data-field='Title'] .year-check mark").First.IsVisibleAsync());
            await VisitAsync(page, $"/activities/{fourth}/edit", $"activity-edit-4-{width}");
        }

        // On the phone: activity 7 prepares next year's plan, so its title's year moves on; the hint goes with it.
        await page.GotoAsync($"/activities/{seventh}/edit");
        var title = page.GetByLabel("Tên hoạt động", new() { Exact = true });
        Assert.StartsWith("Sơ kết công tác phối hợp năm 2024", await title.InputValueAsync(), StringComparison.Ordinal);
        await title.FillAsync("Sơ kết công tác phối hợp năm 2025 và xây dựng Kế hoạch triển khai Chương trình phối hợp năm 2026");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu", Exact = true }).ClickAndWaitForNextPageAsync();
        Assert.Equal("Đã lưu hoạt động.", (await page.Locator(".alert-success").InnerTextAsync()).Trim());

        // A form with a mistake comes back with the message beside the field and what was typed.
        await page.GetByLabel("Tên hoạt động", new() { Exact = true }).FillAsync(string.Empty);
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu", Exact = true }).ClickAndWaitForNextPageAsync();
        Assert.Equal("Vui lòng nhập Tên hoạt động.", (await page.Locator("[data-field='Title'] .field-validation-error").InnerTextAsync()).Trim());
        await CheckAsync(page, "activity-edit-error-390");

        // The administrator checks and publishes, on the phone.
        var admin = await server.NewPageAsync(390, 844);
        var (adminPassword, key) = await server.CreateAdministratorAsync("quantri.kehoach@browser.test");
        await PortalServer.SignInWithCodeAsync(admin, "quantri.kehoach@browser.test", adminPassword, key);
        await admin.SetViewportSizeAsync(1366, 900);
        await VisitAsync(admin, $"/plans/{planId}/publish", "plan-publish-1366");
        await admin.SetViewportSizeAsync(390, 844);
        await VisitAsync(admin, $"/plans/{planId}/publish", "plan-publish-390");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Công bố Kế hoạch 15/KH-HLHPNVN-BDTTG" }).ClickAndWaitForNextPageAsync();
        Assert.StartsWith("Đã công bố Kế hoạch 15/KH-HLHPNVN-BDTTG.", (await admin.Locator(".alert-success").InnerTextAsync()).Trim(), StringComparison.Ordinal);
        Assert.Equal(0, await admin.Locator("[data-draft-mark]").CountAsync());
        await CheckAsync(admin, "plan-published-390");
        await VisitAsync(admin, $"/activities/{fourth}/edit", "activity-edit-published-390");
        Assert.True(await admin.Locator("[data-kept-window]").IsVisibleAsync());
    }

    private static async Task VisitAsync(IPage page, string url, string screenshot)
    {
        var response = await page.GotoAsync(url);
        Assert.True(response!.Status == 200, $"{url} answered {response.Status}");
        await CheckAsync(page, screenshot);
    }

    private static async Task CheckAsync(IPage page, string screenshot)
    {
        await page.AssertNoAxeViolationsAsync();
        await PortalServer.ScreenshotAsync(page, screenshot);
        var overflow = await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth");
        Assert.False(overflow, $"{page.Url} scrolls sideways ({screenshot})");
    }
}
