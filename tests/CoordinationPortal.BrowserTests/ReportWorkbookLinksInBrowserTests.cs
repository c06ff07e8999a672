using System.Text.RegularExpressions;
using CoordinationPortal.Domain.Access;
using CoordinationPortal.Domain.Calendar;
using Microsoft.Playwright;

namespace CoordinationPortal.BrowserTests;

/// <summary>
/// Issue 15: the officer finds "Tải mẫu Excel" beside the form's intro and on the report's page, and
/// clicking it downloads the report's workbook; on a phone the links wrap under the intro. Axe-clean.
/// </summary>
public sealed partial class ReportWorkbookLinksInBrowserTests(PortalServer server) : IClassFixture<PortalServer>
{
    private static readonly Quarter Q4 = new(2024, 4);

    [GeneratedRegex(@"/reports/\d+/edit$")]
    private static partial Regex EditUrl();

    [Fact]
    public async Task The_officer_downloads_the_reports_workbook_from_the_edit_page_and_from_the_report_page()
    {
        var page = await server.NewPageAsync();
        var password = await server.CreateAccountAsync("workbook@browser.test", PortalRole.ProvincialOfficer, agencyCode: "VWU", provinceCode: "02", fullName: "Lò Thị Mai");
        await server.GrantExemptionAsync("02", "VWU", Q4);
        await PortalServer.SignInAsync(page, "workbook@browser.test", password);
        await page.GotoAsync("/reports/mine");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lập báo cáo Quý IV/2024" }).ClickAsync();
        await page.ArriveAtAsync(EditUrl());
        var editUrl = page.Url;
        var reportUrl = editUrl[..^"/edit".Length];

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Tải mẫu Excel" }).ClickAsync());
        Assert.Equal("bao-cao-02-vwu-q4-2024.xlsx", download.SuggestedFilename);
        Assert.True(new FileInfo(await download.PathAsync()).Length > 0);
        Assert.EndsWith("/import", await page.GetByRole(AriaRole.Link, new() { Name = "Tải lên từ Excel" }).GetAttributeAsync("href"), StringComparison.Ordinal);
        await RestAsync(page);
        await PortalServer.ScreenshotAsync(page, "report-workbook-edit-1366");
        await page.AssertNoAxeViolationsAsync();

        await page.GotoAsync(reportUrl);
        var again = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Tải mẫu Excel" }).ClickAsync());
        Assert.Equal("bao-cao-02-vwu-q4-2024.xlsx", again.SuggestedFilename);
        await RestAsync(page);
        await PortalServer.ScreenshotAsync(page, "report-workbook-show-1366");
        await page.AssertNoAxeViolationsAsync();

        // On a phone: the same links, under the intro, each big enough to tap.
        var phone = await server.NewPageAsync(width: 390, height: 844);
        await PortalServer.SignInAsync(phone, "workbook@browser.test", password);
        foreach (var (url, name) in new[] { (editUrl, "report-workbook-edit-390"), (reportUrl, "report-workbook-show-390") })
        {
            await phone.GotoAsync(url);
            var link = phone.GetByRole(AriaRole.Link, new() { Name = "Tải mẫu Excel" });
            var box = await link.BoundingBoxAsync();
            Assert.NotNull(box);
            Assert.True(box.X + box.Width <= 390, "the link fits the phone's width");
            Assert.True(box.Height >= 24, "the link is big enough to tap");
            await PortalServer.ScreenshotAsync(phone, name);
        }
    }

    /// <summary>
    /// The pointer off the clicked link and its focus gone, after the button's colour transition: axe
    /// would otherwise measure the contrast half-way between two states of the hovered link.
    /// </summary>
    private static async Task RestAsync(IPage page)
    {
        await page.Mouse.MoveAsync(0, 0);
        await page.EvaluateAsync("() => document.activeElement?.blur()");
        await page.WaitForTimeoutAsync(300);
    }
}
