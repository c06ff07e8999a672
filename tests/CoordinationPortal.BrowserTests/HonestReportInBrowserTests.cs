using System.Text.RegularExpressions;
using CoordinationPortal.Domain.Access;
using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Domain.Progress;
using CoordinationPortal.Domain.Reporting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CoordinationPortal.BrowserTests;

/// <summary>
/// Hà Giang's Women's Union starts its Q4/2024 report from its Q3 one: the text is there, marked
/// for review; it chooses every status but leaves one line without results or a reason, presses
/// "Gửi báo cáo", and is told beside that line what is missing, with nothing it typed lost.
/// </summary>
public sealed partial class HonestReportInBrowserTests(PortalServer server) : IClassFixture<PortalServer>
{
    private static readonly Quarter Q3 = new(2024, 3);
    private static readonly Quarter Q4 = new(2024, 4);

    [GeneratedRegex(@"/reports/\d+/edit$")]
    private static partial Regex EditUrl();

    /// <summary>The branch's approved Q3 report, every line with its results and difficulties.</summary>
    private Task<int> Q3ReportAsync(string userId) => server.WithDbAsync(async db =>
    {
        var plan = await db.Plans.Include(p => p.Activities).SingleAsync();
        var user = await db.Users.SingleAsync(u => u.Id == userId);
        var at = new DateTime(2024, 9, 10, 2, 0, 0, DateTimeKind.Utc);
        var report = QuarterlyReport.Start(plan, Q3, user.ProvinceId!.Value, user.AgencyId!.Value, user.Id, at);
        report.Write(report.Lines.ToDictionary(l => l.ActivityId, _ => new LineContent(ActivityStatus.OnTrack, "Tổ chức 3 buổi tuyên truyền tại Đồng Văn.", "Đường sạt lở sau mưa lũ.", null, [])), user.FullName, at);
        report.Submit(user.Id, user.FullName, at);
        report.Approve("reviewer", "Người duyệt", at.AddDays(1));
        db.QuarterlyReports.Add(report);
        await db.SaveChangesAsync();
        return report.Id;
    });

    [Fact]
    public async Task A_report_started_from_last_quarter_is_refused_with_a_message_beside_the_line_that_says_nothing()
    {
        var page = await server.NewPageAsync(); // starts the portal
        var password = await server.CreateAccountAsync("hagiang.honest@browser.test", PortalRole.ProvincialOfficer, agencyCode: "VWU", provinceCode: "02", fullName: "Lò Thị Mai");
        var userId = await server.WithDbAsync(db => db.Users.Where(u => u.Email == "hagiang.honest@browser.test").Select(u => u.Id).SingleAsync());
        await server.GrantExemptionAsync("02", "VWU", Q4);
        await Q3ReportAsync(userId);
        await PortalServer.SignInAsync(page, "hagiang.honest@browser.test", password);

        await page.GotoAsync("/reports/mine");
        var row = page.Locator($"tr[data-quarter='{Q4}']");
        await row.WaitForAsync();
        await page.AssertNoAxeViolationsAsync();
        await PortalServer.ScreenshotAsync(page, "start-from-last-quarter-1366");
        await row.GetByRole(AriaRole.Button, new() { Name = "Bắt đầu từ báo cáo quý trước (Quý III/2024)" }).ClickAsync();
        await page.ArriveAtAsync(EditUrl());

        var results = page.Locator("textarea[name$='.Results']");
        Assert.Equal("Tổ chức 3 buổi tuyên truyền tại Đồng Văn.", await results.First.InputValueAsync());
        Assert.Equal(await page.Locator("fieldset.report-line").CountAsync(), await page.Locator("[data-carried-over]").CountAsync());
        Assert.Equal(string.Empty, await page.Locator("input[name*='.Values[']").First.InputValueAsync());

        foreach (var select in await page.Locator("select[name$='.Status']").AllAsync())
        {
            await select.SelectOptionAsync("OnTrack");
        }

        await results.Last.FillAsync(string.Empty);
        await page.GetByRole(AriaRole.Button, new() { Name = "Gửi báo cáo" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Xác nhận" });
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Gửi báo cáo" }).ClickAsync();

        var lastLine = page.Locator("fieldset.report-line").Last;
        await lastLine.GetByText("Ghi kết quả thực hiện hoặc lý do chưa có kết quả trước khi gửi.").WaitForAsync();
        Assert.Equal(1, await page.GetByText("Ghi kết quả thực hiện hoặc lý do chưa có kết quả trước khi gửi.").CountAsync());
        Assert.Equal("Draft", await page.Locator("[data-report-state]").First.GetAttributeAsync("data-report-state"));
        Assert.Equal("Đường sạt lở sau mưa lũ.", await lastLine.Locator("textarea[name$='.Difficulties']").InputValueAsync());
        await page.AssertNoAxeViolationsAsync();
        await PortalServer.ScreenshotAsync(page, "report-edit-refused-1366");

        var phone = await server.NewPageAsync(390, 844);
        await PortalServer.SignInAsync(phone, "hagiang.honest@browser.test", password);
        await phone.GotoAsync(page.Url);
        await phone.Locator("[data-carried-over]").First.WaitForAsync();
        await phone.AssertNoAxeViolationsAsync();
        await PortalServer.ScreenshotAsync(phone, "report-edit-carried-over-390");
    }
}
