using System.Text.RegularExpressions;
using CoordinationPortal.Domain.Access;
using CoordinationPortal.Domain.Calendar;
using Microsoft.Playwright;

namespace CoordinationPortal.BrowserTests;

/// <summary>
/// Issue 12's review dialogue as people click through it: the VWU central office returns Hà Giang's
/// Q4/2024 report with a comment on one activity; the province reads it beside that activity,
/// answers it, corrects the line and resubmits; the reviewer sees the answer beside the comment and
/// what changed since the previous submission. Pages checked with axe at 1366 and 390 px.
/// </summary>
public sealed partial class LineCommentsInBrowserTests(PortalServer server) : IClassFixture<PortalServer>
{
    private static readonly Quarter Q4 = new(2024, 4);

    [GeneratedRegex(@"/reports/\d+/edit$")]
    private static partial Regex EditUrl();

    [GeneratedRegex(@"/reports/\d+$")]
    private static partial Regex ReportUrl();

    /// <summary>A report opened from the review queue (it carries the queue's filters).</summary>
    [GeneratedRegex(@"/reports/\d+\?from=queue")]
    private static partial Regex ReportFromQueueUrl();

    [GeneratedRegex(@"/reports/review$")]
    private static partial Regex QueueUrl();

    private static async Task ConfirmAsync(IPage page, string answer)
    {
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Xác nhận" });
        await dialog.WaitForAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = answer }).ClickAsync();
    }

    private static async Task BothWidthsAsync(IPage page, string name)
    {
        await page.SetViewportSizeAsync(1366, 900);
        await page.AssertNoAxeViolationsAsync();
        await PortalServer.ScreenshotAsync(page, name + "-1366");
        await page.SetViewportSizeAsync(390, 844);
        await page.AssertNoAxeViolationsAsync();
        await PortalServer.ScreenshotAsync(page, name + "-390");
        await page.SetViewportSizeAsync(1366, 900);
    }

    [Fact]
    public async Task A_line_comment_is_answered_by_the_province_and_the_reviewer_sees_the_answer_and_what_changed()
    {
        var province = await server.NewPageAsync(); // starts the app
        var provincePassword = await server.CreateAccountAsync("hagiang.lines@browser.test", PortalRole.ProvincialOfficer, agencyCode: "VWU", provinceCode: "02", fullName: "Lò Thị Mai");
        var centralPassword = await server.CreateAccountAsync("tw.lines@browser.test", PortalRole.CentralOfficer, agencyCode: "VWU", fullName: "Trần Văn Duyệt");
        await server.GrantExemptionAsync("02", "VWU", Q4);

        // The province writes and sends its report.
        await PortalServer.SignInAsync(province, "hagiang.lines@browser.test", provincePassword);
        await province.GotoAsync("/reports/mine");
        await province.GetByRole(AriaRole.Button, new() { Name = "Lập báo cáo Quý IV/2024" }).ClickAsync();
        await province.ArriveAtAsync(EditUrl());
        foreach (var select in await province.Locator("select[name$='.Status']").AllAsync())
        {
            await select.SelectOptionAsync("OnTrack");
        }

        foreach (var textarea in await province.Locator("textarea[name$='.Results']").AllAsync())
        {
            await textarea.FillAsync("Đã thực hiện theo kế hoạch.");
        }

        await province.GetByRole(AriaRole.Button, new() { Name = "Gửi báo cáo" }).ClickAsync();
        await ConfirmAsync(province, "Gửi báo cáo");
        await province.ArriveAtAsync(ReportUrl());

        // The reviewer returns it with a comment on activity 1 only.
        var central = await server.NewPageAsync();
        await PortalServer.SignInAsync(central, "tw.lines@browser.test", centralPassword);
        await central.GotoAsync("/reports/review");
        await central.GetByRole(AriaRole.Link, new() { Name = "Xem và duyệt" }).ClickAsync();
        await central.ArriveAtAsync(ReportFromQueueUrl());
        await central.GetByLabel("Ý kiến về hoạt động 1 (không bắt buộc)").FillAsync("Nêu số phụ nữ DTTS tham dự từng buổi.");
        await BothWidthsAsync(central, "review-line-comment");
        await central.GetByRole(AriaRole.Button, new() { Name = "Trả lại để sửa" }).ClickAsync();
        await ConfirmAsync(central, "Trả lại để sửa");
        await central.ArriveAtAsync(QueueUrl());

        // The province reads the comment beside activity 1, answers it and corrects the line.
        await province.GotoAsync("/reports/mine");
        await province.GetByRole(AriaRole.Link, new() { Name = "Mở để soạn" }).ClickAsync();
        await province.ArriveAtAsync(EditUrl());
        var firstLine = province.Locator("fieldset.report-line").First;
        Assert.Contains("Nêu số phụ nữ DTTS tham dự từng buổi.", await firstLine.Locator("[data-line-comment]").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("Trần Văn Duyệt trả lại lúc", await firstLine.Locator("[data-line-comment]").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await province.Locator("[data-line-comment]").CountAsync());
        await province.GetByLabel("Giải trình về hoạt động 1 (không bắt buộc)").FillAsync("Đã bổ sung: 312 phụ nữ DTTS tham dự.");
        await firstLine.Locator("textarea[name$='.Results']").FillAsync("Tổ chức 4 buổi; 312 phụ nữ DTTS tham dự.");
        await BothWidthsAsync(province, "report-edit-answer");
        await province.GetByRole(AriaRole.Button, new() { Name = "Gửi báo cáo" }).ClickAsync();
        await ConfirmAsync(province, "Gửi báo cáo");
        await province.ArriveAtAsync(ReportUrl());

        // The reviewer sees the answer beside the comment, the changed line old -> new, the others unchanged.
        await central.GotoAsync("/reports/review");
        await central.GetByRole(AriaRole.Link, new() { Name = "Xem và duyệt" }).ClickAsync();
        await central.ArriveAtAsync(ReportFromQueueUrl());
        var reviewed = central.Locator("section.report-line").First;
        Assert.Equal("Đã bổ sung: 312 phụ nữ DTTS tham dự.", await reviewed.Locator("[data-line-reply]").InnerTextAsync());
        var change = reviewed.Locator("[data-line-change=changed] li").Filter(new() { HasText = "312 phụ nữ" });
        Assert.Contains("Đã thực hiện theo kế hoạch.", await change.Locator("del").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("Tổ chức 4 buổi; 312 phụ nữ DTTS tham dự.", await change.Locator("ins").InnerTextAsync(), StringComparison.Ordinal);
        var lines = await central.Locator("section.report-line").CountAsync();
        Assert.Equal(lines - 1, await central.Locator("[data-line-change=unchanged]").CountAsync());
        await BothWidthsAsync(central, "review-answer-and-changes");
    }
}
