using System.Text.RegularExpressions;
using CoordinationPortal.Domain.Access;
using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Web.Features.ReportWorkbooks;
using CoordinationPortal.Web.Tests.ReportWorkbooks;
using Microsoft.Playwright;

namespace CoordinationPortal.BrowserTests;

/// <summary>
/// Issue 15 as an officer clicks it: on the report form, "Tải mẫu Excel" downloads the draft, which she
/// fills offline; "Tải lên từ Excel" takes the file back, the preview shows what changes, and
/// confirming saves it to the draft. Each page is checked with axe and photographed on a laptop and a phone.
/// </summary>
public sealed partial class ReportWorkbookInBrowserTests(PortalServer server) : IClassFixture<PortalServer>
{
    private static readonly Quarter Q3 = new(2024, 3);

    private const string Typed = "Tổ chức 2 lớp tập huấn kỹ năng truyền thông cho 60 chi hội trưởng ở Quản Bạ, Yên Minh.\nPhát 300 tờ rơi song ngữ.";

    [GeneratedRegex(@"/reports/\d+/edit$")]
    private static partial Regex EditUrl();

    [GeneratedRegex(@"/reports/(\d+)/import$")]
    private static partial Regex ImportUrl();

    [Fact]
    public async Task An_officer_downloads_the_draft_fills_it_offline_uploads_it_sees_the_changes_and_saves_them()
    {
        var page = await server.NewPageAsync();
        var password = await server.CreateAccountAsync("excel@browser.test", PortalRole.ProvincialOfficer, agencyCode: "VWU", provinceCode: "02", fullName: "Sùng Thị Dung");
        await server.GrantExemptionAsync("02", "VWU", Q3);
        await PortalServer.SignInAsync(page, "excel@browser.test", password);
        await page.GetByRole(AriaRole.Link, new() { Name = "Báo cáo của đơn vị", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Lập báo cáo Quý III/2024" }).ClickAsync();
        await page.ArriveAtAsync(EditUrl());

        // The template, downloaded from the form and filled offline: the first line's results.
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("[data-workbook-download]").ClickAsync());
        var template = await File.ReadAllBytesAsync(await download.PathAsync(), TestContext.Current.CancellationToken);
        var firstActivity = int.Parse((await page.Locator("select[name$='.Status']").First.GetAttributeAsync("name"))!.Split('[', ']')[1], System.Globalization.CultureInfo.InvariantCulture);
        byte[] mistyped;
        using (var fill = new WorkbookFill(template))
        {
            mistyped = fill.Text(WorkbookFormat.LinesSheet, fill.RowOf(WorkbookFormat.LinesSheet, firstActivity), WorkbookFormat.Lines.Status, "Gần xong").Save();
        }

        byte[] filled;
        using (var fill = new WorkbookFill(template))
        {
            var row = fill.RowOf(WorkbookFormat.LinesSheet, firstActivity);
            fill.Text(WorkbookFormat.LinesSheet, row, WorkbookFormat.Lines.Status, "Đúng tiến độ")
                .Text(WorkbookFormat.LinesSheet, row, WorkbookFormat.Lines.Results, Typed);
            filled = fill.Save();
        }

        // The upload page, then the preview.
        await page.Locator("[data-workbook-upload]").ClickAsync();
        await page.ArriveAtAsync(ImportUrl());
        await page.AssertNoAxeViolationsAsync();
        await PortalServer.ScreenshotAsync(page, "report-import-1366");
        await page.SetViewportSizeAsync(390, 844);
        await page.AssertNoAxeViolationsAsync();
        await PortalServer.ScreenshotAsync(page, "report-import-390");
        await page.SetViewportSizeAsync(1366, 900);

        // A status typed by hand that is not in the list: named with its cell, and nothing to confirm.
        await page.GetByLabel("Tệp Excel đã điền").SetInputFilesAsync(new FilePayload { Name = "bao-cao.xlsx", MimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Buffer = mistyped });
        await page.GetByRole(AriaRole.Button, new() { Name = "Xem trước" }).ClickAsync();
        await page.Locator("[data-problem-cell^='Báo cáo!D']").WaitForAsync();
        Assert.Equal(0, await page.GetByRole(AriaRole.Button, new() { Name = "Lưu vào bản nháp" }).CountAsync());
        await page.AssertNoAxeViolationsAsync();
        await PortalServer.ScreenshotAsync(page, "report-import-problems-1366");
        await page.GetByRole(AriaRole.Link, new() { Name = "Tải lên tệp khác" }).ClickAsync();
        await page.ArriveAtAsync(ImportUrl());

        await page.GetByLabel("Tệp Excel đã điền").SetInputFilesAsync(new FilePayload { Name = "bao-cao-02-vwu-q3-2024.xlsx", MimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Buffer = filled });
        await page.GetByRole(AriaRole.Button, new() { Name = "Xem trước" }).ClickAsync();
        await page.GetByText("1 dòng thay đổi, 0 giá trị chỉ số thay đổi").WaitForAsync();
        Assert.Contains(Typed, await page.Locator("[data-import-line][data-changed=true] [data-after]").AllInnerTextsAsync());
        await page.AssertNoAxeViolationsAsync();
        await PortalServer.ScreenshotAsync(page, "report-import-preview-1366");
        await page.SetViewportSizeAsync(390, 844);
        await page.AssertNoAxeViolationsAsync();
        await PortalServer.ScreenshotAsync(page, "report-import-preview-390");

        // Confirmed: back on the form, saved, with the typed text in its box.
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu vào bản nháp" }).ClickAsync();
        await page.ArriveAtAsync(EditUrl());
        await page.GetByText("Đã lưu nội dung từ tệp Excel vào bản nháp.").WaitForAsync();
        Assert.Equal(Typed, await page.Locator($"textarea[name='Lines[{firstActivity}].Results']").InputValueAsync());
        await page.AssertNoAxeViolationsAsync();
    }
}
