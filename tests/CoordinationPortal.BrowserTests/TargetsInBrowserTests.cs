using CoordinationPortal.Domain.Access;
using Microsoft.Playwright;

namespace CoordinationPortal.BrowserTests;

/// <summary>
/// A central officer sets an activity's targets, and leadership reads actual against target on the
/// dashboard, on a desktop and a phone. Every page is checked with axe, must not scroll sideways,
/// and is kept as a screenshot (the indicator table also on its own).
/// </summary>
public sealed class TargetsInBrowserTests(PortalServer server) : IClassFixture<PortalServer>
{
    [Fact]
    public async Task A_central_officer_sets_targets_and_leadership_reads_actual_against_target_on_desktop_and_phone()
    {
        var page = await server.NewPageAsync(1366, 900);
        await server.SeedDemoAsync();
        var password = await server.CreateAccountAsync("ke.hoach@browser.test", PortalRole.CentralOfficer, agencyCode: "VWU", fullName: "Nguyễn Thị Hạnh");
        await PortalServer.SignInAsync(page, "ke.hoach@browser.test", password);

        // The menu leads to the plan's catalogue, which leads to each activity's screen.
        await page.GetByRole(AriaRole.Link, new() { Name = "Chỉ tiêu", Exact = true }).ClickAndWaitForNextPageAsync();
        Assert.EndsWith("/admin/indicators", page.Url, StringComparison.Ordinal);
        await CheckAsync(page, "indicators-1366");
        await page.GetByRole(AriaRole.Link, new() { Name = "Sửa chỉ tiêu và mục tiêu của hoạt động 1" }).ClickAndWaitForNextPageAsync();
        var screen = page.Url;
        // The demo's plan for this year (copied from Plan 468) is the one the catalogue opens on.
        var year = DateTime.UtcNow.Year;
        var national = $"Mục tiêu năm {year} (toàn quốc)";

        // The national target and Tuyên Quang's own (a unit of today), typed as officers write numbers.
        var participants = page.Locator("section[data-indicator-code='A1.PARTICIPANTS']");
        await participants.GetByLabel(national).FillAsync("30.000");
        await participants.Locator("summary").ClickAsync();
        await participants.Locator(".target-item[data-province-code='08'] input").FillAsync("1.200");
        await CheckAsync(page, "targets-open-1366");
        await participants.GetByRole(AriaRole.Button, new() { Name = "Lưu chỉ tiêu" }).ClickAndWaitForNextPageAsync();
        Assert.Contains("Đã lưu chỉ tiêu", await page.Locator(".alert-success").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("30.000", await participants.GetByLabel(national).InputValueAsync());

        // A mistake stays where it was typed, with the reason under it.
        var events = page.Locator("section[data-indicator-code='A1.EVENTS']");
        await events.GetByLabel(national).FillAsync("1,5");
        await events.GetByRole(AriaRole.Button, new() { Name = "Lưu chỉ tiêu" }).ClickAndWaitForNextPageAsync();
        Assert.Contains("nhập số nguyên không âm", await events.Locator("[data-valmsg-for='Target']").InnerTextAsync(), StringComparison.Ordinal);
        await CheckAsync(page, "targets-error-1366");
        await events.GetByLabel(national).FillAsync("2.000");
        await events.GetByRole(AriaRole.Button, new() { Name = "Lưu chỉ tiêu" }).ClickAndWaitForNextPageAsync();

        // The central workshop's delegates: a central-only activity, no province list.
        await page.GotoAsync("/admin/indicators");
        await page.GetByRole(AriaRole.Link, new() { Name = "Sửa chỉ tiêu và mục tiêu của hoạt động 3" }).ClickAndWaitForNextPageAsync();
        Assert.Equal(0, await page.Locator(".target-item").CountAsync());
        await page.Locator("section[data-indicator-code='A3.DELEGATES']").GetByLabel($"Mục tiêu năm {year}").FillAsync("150");
        await page.Locator("section[data-indicator-code='A3.DELEGATES']").GetByRole(AriaRole.Button, new() { Name = "Lưu chỉ tiêu" }).ClickAndWaitForNextPageAsync();
        await CheckAsync(page, "targets-central-only-1366");

        // The same screen on a phone, folded and unfolded.
        await page.SetViewportSizeAsync(390, 844);
        await page.GotoAsync(screen);
        await CheckAsync(page, "targets-390");
        await participants.Locator("summary").ClickAsync();
        await CheckAsync(page, "targets-open-390");
        await page.GotoAsync("/admin/indicators");
        await CheckAsync(page, "indicators-390");

        foreach (var (width, height) in new[] { (1366, 900), (390, 844) })
        {
            var leader = await server.NewSignedInPageAsync(width, height);
            await leader.GotoAsync("/dashboard");
            var row = leader.Locator(".indicator-totals tr", new() { HasText = "Số lượt người tham dự" }).First;
            Assert.Equal("30.000", (await row.Locator("[data-target]").InnerTextAsync()).Trim());
            Assert.EndsWith("%", (await row.Locator("[data-percent]").InnerTextAsync()).Trim(), StringComparison.Ordinal);
            Assert.Equal("Cơ quan trung ương (lũy kế)", (await leader.Locator(".indicator-totals tr[data-source='CentralOffices'] [data-source-label]").First.InnerTextAsync()).Trim());
            await CheckAsync(leader, $"dashboard-targets-{width}");
            await leader.Locator(".indicator-totals").ScreenshotAsync(new() { Path = Path.Combine(PortalServer.ScreenshotDirectory, $"dashboard-indicators-{width}.png") });

            await leader.GotoAsync($"/dashboard?quarter={year}2");
            Assert.Contains($"Lũy kế năm {year}", await leader.Locator(".indicator-totals thead").InnerTextAsync(), StringComparison.Ordinal);
            await leader.Locator("#results").ScreenshotAsync(new() { Path = Path.Combine(PortalServer.ScreenshotDirectory, $"dashboard-indicators-q2-{width}.png") });
            await leader.AssertNoAxeViolationsAsync();
        }
    }

    private static async Task CheckAsync(IPage page, string screenshot)
    {
        await page.AssertNoAxeViolationsAsync();
        await PortalServer.ScreenshotAsync(page, screenshot);
        var overflow = await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth");
        Assert.False(overflow, $"{page.Url} scrolls sideways ({screenshot})");
    }
}
