using System.Text.RegularExpressions;
using CoordinationPortal.Domain.Access;
using CoordinationPortal.Domain.Calendar;
using Microsoft.Playwright;

namespace CoordinationPortal.BrowserTests;

/// <summary>
/// Issue 13, in the portal: a province submits its report; the branch's central officer sees the
/// bell's count, opens the notification and lands on the report. Checked with axe, at 1366 and 390 px.
/// </summary>
public sealed partial class NotificationsInBrowserTests(PortalServer server) : IClassFixture<PortalServer>
{
    private static readonly Quarter Q4 = new(2024, 4);

    [GeneratedRegex(@"/reports/\d+/edit$")]
    private static partial Regex EditUrl();

    [GeneratedRegex(@"/reports/\d+$")]
    private static partial Regex ReportUrl();

    [GeneratedRegex(@"/notifications$")]
    private static partial Regex NotificationsUrl();

    [Fact]
    public async Task A_central_officer_sees_the_bell_and_opens_the_submitted_report_from_it()
    {
        var province = await server.NewPageAsync(); // starts the server
        var provincePassword = await server.CreateAccountAsync("hagiang.bell@browser.test", PortalRole.ProvincialOfficer, agencyCode: "VWU", provinceCode: "02", fullName: "Lò Thị Mai");
        var centralPassword = await server.CreateAccountAsync("tw.bell@browser.test", PortalRole.CentralOfficer, agencyCode: "VWU", fullName: "Trần Văn Duyệt");
        await server.GrantExemptionAsync("02", "VWU", Q4);

        // The province writes and submits its Q4 report.
        await PortalServer.SignInAsync(province, "hagiang.bell@browser.test", provincePassword);
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
        var dialog = province.GetByRole(AriaRole.Dialog, new() { Name = "Xác nhận" });
        await dialog.WaitForAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Gửi báo cáo" }).ClickAsync();
        await province.ArriveAtAsync(ReportUrl());
        var reportPath = new Uri(province.Url).AbsolutePath;

        // The central officer, on a phone and on a desk: the bell says one unread, to the eye and to a screen reader.
        var phone = await server.NewPageAsync(390, 844);
        await PortalServer.SignInAsync(phone, "tw.bell@browser.test", centralPassword);
        var phoneBell = phone.GetByRole(AriaRole.Link, new() { Name = "Thông báo, 1 chưa đọc" });
        await phoneBell.WaitForAsync();
        Assert.Equal("1", (await phone.Locator(".portal-bell-count").InnerTextAsync()).Trim());
        await phone.AssertNoAxeViolationsAsync();
        await PortalServer.ScreenshotAsync(phone, "notification-bell-390");
        await phoneBell.ClickAsync();
        await phone.ArriveAtAsync(NotificationsUrl());
        await phone.AssertNoAxeViolationsAsync();
        await PortalServer.ScreenshotAsync(phone, "notifications-390");

        var central = await server.NewPageAsync();
        await PortalServer.SignInAsync(central, "tw.bell@browser.test", centralPassword);
        await PortalServer.ScreenshotAsync(central, "notification-bell-1366");
        await central.GetByRole(AriaRole.Link, new() { Name = "Thông báo, 1 chưa đọc" }).ClickAsync();
        await central.ArriveAtAsync(NotificationsUrl());
        await central.AssertNoAxeViolationsAsync();
        await PortalServer.ScreenshotAsync(central, "notifications-1366");

        // Opening it goes to the report, and the bell is quiet again.
        await central.GetByRole(AriaRole.Link, new() { Name = "Hà Giang (Hội LHPN) đã gửi báo cáo Quý IV/2024." }).ClickAsync();
        await central.ArriveAtAsync(ReportUrl());
        Assert.Equal(reportPath, new Uri(central.Url).AbsolutePath);
        await central.GetByRole(AriaRole.Link, new() { Name = "Thông báo, không có thông báo chưa đọc" }).WaitForAsync();
        Assert.Equal(0, await central.Locator(".portal-bell-count").CountAsync());
    }
}
