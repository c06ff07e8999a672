using System.Text.RegularExpressions;
using CoordinationPortal.Domain.Access;
using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Domain.Progress;
using CoordinationPortal.Domain.Reporting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CoordinationPortal.BrowserTests;

/// <summary>
/// A VWU central officer approves three waiting reports at once: filters the queue, ticks the
/// reports, reads the confirmation that lists them, confirms, and reads which were approved.
/// Every page is checked with axe and photographed on a desktop and a phone.
/// </summary>
public sealed partial class BulkApproveInBrowserTests(PortalServer server) : IClassFixture<PortalServer>
{
    private static readonly Quarter Q4 = new(2024, 4);
    private static readonly string[] Provinces = ["02", "04", "10"]; // Hà Giang, Cao Bằng, Lào Cai

    [GeneratedRegex(@"/reports/review/approve\?")]
    private static partial Regex ConfirmUrl();

    /// <summary>Plan 468's Q4/2024 reports of three VWU branches, sent for review.</summary>
    private Task<List<int>> WaitingReportsAsync() => server.WithDbAsync(async db =>
    {
        var plan = await db.Plans.Include(p => p.Activities).SingleAsync();
        var agency = await db.Agencies.Where(a => a.Code == "VWU").Select(a => a.Id).SingleAsync();
        var ids = new List<int>();
        var day = 0;
        foreach (var code in Provinces)
        {
            var province = (await db.Provinces.Where(p => p.Code == code).ToListAsync()).Single(p => p.IsValidOn(new DateOnly(2024, 12, 1)));
            var sent = new DateTime(2024, 12, 10 + day++, 2, 0, 0, DateTimeKind.Utc);
            var report = QuarterlyReport.Start(plan, Q4, province.Id, agency, "t", sent.AddDays(-1));
            report.Write(report.Lines.ToDictionary(l => l.ActivityId, _ => new LineContent(ActivityStatus.OnTrack, "Đã triển khai theo kế hoạch.", null, null, [])), "Cán bộ tỉnh", sent.AddDays(-1));
            report.Submit("t", "Cán bộ tỉnh", sent);
            db.QuarterlyReports.Add(report);
            await db.SaveChangesAsync();
            ids.Add(report.Id);
        }

        return ids;
    });

    [Fact]
    public async Task Three_reports_are_approved_at_once_after_a_confirmation()
    {
        var phone = await server.NewPageAsync(390, 844);
        var desktop = await server.NewPageAsync();
        var ids = await WaitingReportsAsync();
        var password = await server.CreateAccountAsync("duyet.nhieu@browser.test", PortalRole.CentralOfficer, agencyCode: "VWU", fullName: "Nguyễn Thị Duyệt");
        await PortalServer.SignInAsync(desktop, "duyet.nhieu@browser.test", password);
        await PortalServer.SignInAsync(phone, "duyet.nhieu@browser.test", password);

        // The queue, searched without diacritics: "ha giang" finds Hà Giang only.
        await desktop.GetByRole(AriaRole.Link, new() { Name = "Duyệt báo cáo" }).ClickAsync();
        await desktop.GetByLabel("Tìm tỉnh, thành phố").FillAsync("ha giang");
        await desktop.GetByRole(AriaRole.Button, new() { Name = "Lọc" }).ClickAndWaitForNextPageAsync();
        Assert.Equal(1, await desktop.Locator("table.review-queue tbody tr").CountAsync());
        await desktop.GetByRole(AriaRole.Link, new() { Name = "Bỏ lọc" }).ClickAndWaitForNextPageAsync();
        Assert.Equal(3, await desktop.Locator("table.review-queue tbody tr").CountAsync());
        await desktop.AssertNoAxeViolationsAsync();
        await PortalServer.ScreenshotAsync(desktop, "review-queue-bulk-1366");
        await phone.GotoAsync("/reports/review");
        await phone.AssertNoAxeViolationsAsync();
        await PortalServer.ScreenshotAsync(phone, "review-queue-bulk-390");

        // Tick the three and ask to approve them: a confirmation lists them and says what will happen.
        foreach (var id in ids)
        {
            await desktop.Locator($"#pick-{id}").CheckAsync();
        }

        await desktop.GetByRole(AriaRole.Button, new() { Name = "Duyệt các báo cáo đã chọn" }).ClickAsync();
        await desktop.ArriveAtAsync(ConfirmUrl());
        Assert.Equal(3, await desktop.Locator("table.bulk-items tbody tr").CountAsync());
        await desktop.GetByText("Bạn sắp duyệt 3 báo cáo dưới đây.").WaitForAsync();
        await desktop.AssertNoAxeViolationsAsync();
        await PortalServer.ScreenshotAsync(desktop, "bulk-approve-confirm-1366");
        await phone.GotoAsync(desktop.Url);
        await phone.AssertNoAxeViolationsAsync();
        await PortalServer.ScreenshotAsync(phone, "bulk-approve-confirm-390");

        await desktop.GetByRole(AriaRole.Button, new() { Name = "Duyệt 3 báo cáo" }).ClickAndWaitForNextPageAsync();
        await desktop.GetByText("Đã duyệt 3 báo cáo, không duyệt 0 báo cáo.").WaitForAsync();
        await desktop.AssertNoAxeViolationsAsync();
        await PortalServer.ScreenshotAsync(desktop, "bulk-approve-done-1366");
        var states = await server.WithDbAsync(db => db.QuarterlyReports.Where(r => ids.Contains(r.Id)).Select(r => r.State).ToListAsync());
        Assert.All(states, s => Assert.Equal(ReportState.Approved, s));

        // Sent again from the phone (the same confirmation), nothing is approved twice: each is refused as no longer waiting.
        await phone.GetByRole(AriaRole.Button, new() { Name = "Duyệt 3 báo cáo" }).ClickAndWaitForNextPageAsync();
        await phone.GetByText("Đã duyệt 0 báo cáo, không duyệt 3 báo cáo.").WaitForAsync();
        Assert.Equal(3, await phone.GetByText("Báo cáo không còn chờ duyệt.").CountAsync());
        await phone.AssertNoAxeViolationsAsync();
        await PortalServer.ScreenshotAsync(phone, "bulk-approve-done-390");
    }
}
