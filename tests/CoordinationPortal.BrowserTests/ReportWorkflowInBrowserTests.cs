using System.Text.RegularExpressions;
using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Domain.Access;
using Microsoft.Playwright;

namespace CoordinationPortal.BrowserTests;

/// <summary>
/// A quarterly report's whole journey as people click through it: Hà Giang's Women's Union writes
/// and submits its Q4/2024 report; the VWU central office returns it with a comment; the province
/// fixes and resubmits it; the central office approves it. Each step is confirmed in its dialog.
/// Every page is checked with axe.
/// </summary>
public sealed partial class ReportWorkflowInBrowserTests(PortalServer server) : IClassFixture<PortalServer>
{
    private static readonly Quarter Q4 = new(2024, 4);

    [GeneratedRegex(@"/reports/\d+/edit$")]
    private static partial Regex EditUrl();

    [GeneratedRegex(@"/reports/\d+$")]
    private static partial Regex ReportUrl();

    [GeneratedRegex(@"/reports/review$")]
    private static partial Regex QueueUrl();

    private static async Task FillAllLinesAsync(IPage page, string results)
    {
        foreach (var select in await page.Locator("select[name$='.Status']").AllAsync())
        {
            await select.SelectOptionAsync("OnTrack");
        }

        foreach (var textarea in await page.Locator("textarea[name$='.Results']").AllAsync())
        {
            await textarea.FillAsync(results);
        }
    }

    /// <summary>Each step asks first (ADR 0032): the answer is the dialog's button of the same name.</summary>
    private static async Task ConfirmAsync(IPage page, string answer)
    {
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Xác nhận" });
        await dialog.WaitForAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = answer }).ClickAsync();
    }

    [Fact]
    public async Task A_report_is_written_submitted_returned_fixed_and_approved()
    {
        var province = await server.NewPageAsync();
        var provincePassword = await server.CreateAccountAsync("hagiang@browser.test", PortalRole.ProvincialOfficer, agencyCode: "VWU", provinceCode: "02", fullName: "Lò Thị Mai");
        var centralPassword = await server.CreateAccountAsync("tw.hoi@browser.test", PortalRole.CentralOfficer, agencyCode: "VWU", fullName: "Trần Văn Duyệt");
        await server.GrantExemptionAsync("02", "VWU", Q4);

        // 1. The province starts its Q4 report from "my reports".
        await PortalServer.SignInAsync(province, "hagiang@browser.test", provincePassword);
        await province.GetByRole(AriaRole.Link, new() { Name = "Báo cáo của đơn vị", Exact = true }).ClickAsync();
        await province.Locator($"tr[data-quarter='{Q4}']").WaitForAsync();
        await province.AssertNoAxeViolationsAsync();
        await PortalServer.ScreenshotAsync(province, "my-reports-1366");
        await province.GetByRole(AriaRole.Button, new() { Name = "Lập báo cáo Quý IV/2024" }).ClickAsync();
        await province.ArriveAtAsync(EditUrl());
        Assert.Equal(4, await province.Locator("fieldset.report-line").CountAsync()); // activities 1, 2, 4 and 5: of those running in Q4, 3 and 7 are central only

        // 2. It saves a draft with one line, then fills the rest and submits.
        await province.Locator("select[name$='.Status']").First.SelectOptionAsync("OnTrack");
        await province.Locator("textarea[name$='.Results']").First.FillAsync("Tổ chức 4 buổi tuyên truyền tại Đồng Văn, Mèo Vạc.");
        await province.Locator("input[name*='.Values[']").First.FillAsync("4");
        await province.GetByRole(AriaRole.Button, new() { Name = "Lưu nháp" }).ClickAsync();
        await province.GetByText("Đã lưu nháp.").WaitForAsync();
        Assert.Equal("4", await province.Locator("input[name*='.Values[']").First.InputValueAsync());
        await province.AssertNoAxeViolationsAsync();
        await PortalServer.ScreenshotAsync(province, "report-edit-1366");
        await FillAllLinesAsync(province, "Đã thực hiện theo kế hoạch.");
        await province.GetByRole(AriaRole.Button, new() { Name = "Gửi báo cáo" }).ClickAsync();
        await ConfirmAsync(province, "Gửi báo cáo");
        await province.ArriveAtAsync(ReportUrl());
        Assert.Equal("Submitted", await province.Locator("[data-report-state]").First.GetAttributeAsync("data-report-state"));
        await province.AssertNoAxeViolationsAsync();

        // 3. The central office returns it with a comment.
        var central = await server.NewPageAsync();
        await PortalServer.SignInAsync(central, "tw.hoi@browser.test", centralPassword);
        await central.GetByRole(AriaRole.Link, new() { Name = "Duyệt báo cáo" }).ClickAsync();
        await central.ArriveAtAsync(QueueUrl());
        await central.AssertNoAxeViolationsAsync();
        await PortalServer.ScreenshotAsync(central, "review-queue-1366");
        await central.GetByRole(AriaRole.Link, new() { Name = "Xem và duyệt" }).ClickAsync();
        await central.ArriveAtAsync(new Regex(@"/reports/\d+"));
        await central.AssertNoAxeViolationsAsync();
        await PortalServer.ScreenshotAsync(central, "report-review-1366");
        await central.GetByLabel("Ý kiến chung về báo cáo").FillAsync("Bổ sung số phụ nữ DTTS tham dự ở hoạt động 1.");
        await central.GetByRole(AriaRole.Button, new() { Name = "Trả lại để sửa" }).ClickAsync();
        await ConfirmAsync(central, "Trả lại để sửa");
        await central.ArriveAtAsync(QueueUrl());
        await central.GetByText("Đã trả lại báo cáo kèm ý kiến.").WaitForAsync();

        // 4. The province sees why, fixes and resubmits.
        await province.GotoAsync("/reports/mine");
        await province.GetByRole(AriaRole.Link, new() { Name = "Mở để soạn" }).ClickAsync();
        await province.ArriveAtAsync(EditUrl());
        Assert.Contains("Bổ sung số phụ nữ DTTS", await province.Locator(".alert-warning").InnerTextAsync(), StringComparison.Ordinal);
        await province.Locator("textarea[name$='.Results']").First.FillAsync("Tổ chức 4 buổi; 312 phụ nữ DTTS tham dự.");
        await province.GetByRole(AriaRole.Button, new() { Name = "Gửi báo cáo" }).ClickAsync();
        await ConfirmAsync(province, "Gửi báo cáo");
        await province.ArriveAtAsync(ReportUrl());

        // 5. The central office approves it; the province can only read it now.
        await central.GotoAsync("/reports/review");
        await central.GetByRole(AriaRole.Link, new() { Name = "Xem và duyệt" }).ClickAsync();
        await central.GetByRole(AriaRole.Button, new() { Name = "Duyệt báo cáo" }).ClickAsync();
        await ConfirmAsync(central, "Duyệt báo cáo");
        await central.ArriveAtAsync(QueueUrl());

        await province.ReloadAsync();
        Assert.Equal("Approved", await province.Locator("[data-report-state]").First.GetAttributeAsync("data-report-state"));
        Assert.Equal(0, await province.GetByRole(AriaRole.Link, new() { Name = "Mở để soạn" }).CountAsync());
        Assert.Equal(4, await province.Locator("#history li").CountAsync()); // submitted, returned, resubmitted, approved
        await province.AssertNoAxeViolationsAsync();
        await PortalServer.ScreenshotAsync(province, "report-approved-1366");
    }
}
