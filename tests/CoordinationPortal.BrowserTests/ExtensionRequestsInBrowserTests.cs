using System.Globalization;
using System.Text.RegularExpressions;
using CoordinationPortal.Domain.Access;
using Microsoft.Playwright;

namespace CoordinationPortal.BrowserTests;

/// <summary>
/// Issue 13, extension requests as people click them: a province whose quarter is locked asks for
/// more time, the central officer of its agency grants it from the notification, and the province
/// writes and saves its report; another asks and is declined with a comment it then reads. The new
/// pages are checked with axe and photographed at 1366 and 390 px. (On today's clock every 2024
/// quarter of Plan 468 is long locked.)
/// </summary>
public sealed partial class ExtensionRequestsInBrowserTests(PortalServer server) : IClassFixture<PortalServer>
{
    [GeneratedRegex(@"/extensions/\d+$")]
    private static partial Regex RequestUrl();

    [GeneratedRegex(@"/extensions/new")]
    private static partial Regex AskUrl();

    [GeneratedRegex(@"/reports/\d+/edit$")]
    private static partial Regex EditUrl();

    [GeneratedRegex(@"/extensions$")]
    private static partial Regex ListUrl();

    private static string InDays(int days) =>
        DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7)).AddDays(days).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    private static async Task AskAsync(IPage province, string quarterKey, string reason, string until)
    {
        await province.GotoAsync("/reports/mine");
        // The row's link is followed by its address: on a loaded CI machine a click on it was once
        // lost (30 s without navigation) while the same step passed alone every time.
        var href = await province.Locator($"tr[data-quarter='{quarterKey}']").GetByRole(AriaRole.Link, new() { Name = "Xin gia hạn" }).GetAttributeAsync("href");
        await province.GotoAsync(href!);
        await province.ArriveAtAsync(AskUrl());
        await province.GetByLabel("Lý do xin gia hạn").FillAsync(reason);
        await province.GetByLabel("Đề nghị gia hạn đến ngày").FillAsync(until);
    }

    [Fact]
    public async Task A_province_asks_the_central_officer_grants_and_the_province_writes_its_report()
    {
        var province = await server.NewPageAsync(); // starts the server
        var provincePassword = await server.CreateAccountAsync("hagiang.ext@browser.test", PortalRole.ProvincialOfficer, agencyCode: "VWU", provinceCode: "02", fullName: "Lò Thị Mai");
        var centralPassword = await server.CreateAccountAsync("tw.ext@browser.test", PortalRole.CentralOfficer, agencyCode: "VWU", fullName: "Trần Văn Duyệt");

        await PortalServer.SignInAsync(province, "hagiang.ext@browser.test", provincePassword);
        await AskAsync(province, "Q3/2024", "Lũ quét tháng 9 làm gián đoạn việc tổng hợp số liệu ở ba huyện.", InDays(10));
        await province.AssertNoAxeViolationsAsync();
        await PortalServer.ScreenshotAsync(province, "extension-ask-1366");
        await province.GetByRole(AriaRole.Button, new() { Name = "Gửi đề nghị gia hạn" }).ClickAsync();
        await province.ArriveAtAsync(RequestUrl());
        await province.GetByText("Chờ trả lời").First.WaitForAsync();

        // The central officer opens the notification, then the request, on a phone first.
        var phone = await server.NewPageAsync(390, 844);
        await PortalServer.SignInAsync(phone, "tw.ext@browser.test", centralPassword);
        await phone.GotoAsync("/extensions");
        await phone.AssertNoAxeViolationsAsync();
        await PortalServer.ScreenshotAsync(phone, "extension-list-390");

        var central = await server.NewPageAsync();
        await PortalServer.SignInAsync(central, "tw.ext@browser.test", centralPassword);
        await central.GetByRole(AriaRole.Link, new() { Name = "Thông báo, 1 chưa đọc" }).ClickAsync();
        await central.GetByRole(AriaRole.Link, new() { Name = "Hà Giang (Hội LHPN) xin gia hạn báo cáo Quý III/2024 đến ngày " + InDays(10) + "." }).ClickAsync();
        await central.ArriveAtAsync(ListUrl());
        await central.AssertNoAxeViolationsAsync();
        await PortalServer.ScreenshotAsync(central, "extension-list-1366");
        await central.GetByRole(AriaRole.Link, new() { Name = "Hà Giang" }).ClickAsync();
        await central.ArriveAtAsync(RequestUrl());
        await central.GetByLabel("Gia hạn đến ngày").FillAsync(InDays(7));
        await central.GetByLabel("Ghi chú (không bắt buộc)").FillAsync("Đồng ý gia hạn một tuần.");
        await central.AssertNoAxeViolationsAsync();
        await PortalServer.ScreenshotAsync(central, "extension-decide-1366");
        await phone.GotoAsync(central.Url);
        await PortalServer.ScreenshotAsync(phone, "extension-decide-390");
        await central.GetByRole(AriaRole.Button, new() { Name = "Chấp thuận gia hạn" }).ClickAsync();
        await central.GetByText("Đã chấp thuận gia hạn; đơn vị đã được thông báo.").WaitForAsync();

        // The province may now write the locked quarter until the granted day.
        await province.GotoAsync("/reports/mine");
        var row = province.Locator("tr[data-quarter='Q3/2024']");
        await row.GetByText("Được gia hạn đến " + InDays(7)).WaitForAsync();
        await row.GetByRole(AriaRole.Button, new() { Name = "Lập báo cáo Quý III/2024" }).ClickAsync();
        await province.ArriveAtAsync(EditUrl());
        await province.Locator("textarea[name$='.Results']").First.FillAsync("Đã tổ chức 2 buổi truyền thông sau lũ.");
        await province.GetByRole(AriaRole.Button, new() { Name = "Lưu nháp" }).ClickAsync();
        await province.GetByText("Đã lưu nháp.").WaitForAsync();
    }

    [Fact]
    public async Task A_declined_request_shows_the_province_why()
    {
        var province = await server.NewPageAsync(390, 844);
        var provincePassword = await server.CreateAccountAsync("caobang.ext@browser.test", PortalRole.ProvincialOfficer, agencyCode: "CEMA", provinceCode: "04", fullName: "Nông Văn Sơn");
        var centralPassword = await server.CreateAccountAsync("tw.cema.ext@browser.test", PortalRole.CentralOfficer, agencyCode: "CEMA", fullName: "Hoàng Thị Lan");

        await PortalServer.SignInAsync(province, "caobang.ext@browser.test", provincePassword);
        await AskAsync(province, "Q2/2024", "Chưa nhận đủ số liệu từ các xã.", InDays(5));
        await province.AssertNoAxeViolationsAsync();
        await PortalServer.ScreenshotAsync(province, "extension-ask-390");
        await province.GetByRole(AriaRole.Button, new() { Name = "Gửi đề nghị gia hạn" }).ClickAsync();
        await province.ArriveAtAsync(RequestUrl());
        var requestPath = new Uri(province.Url).AbsolutePath;

        var central = await server.NewPageAsync();
        await PortalServer.SignInAsync(central, "tw.cema.ext@browser.test", centralPassword);
        await central.GotoAsync(requestPath);

        // Declining without a comment is refused beside the box; with one it goes.
        await central.GetByRole(AriaRole.Button, new() { Name = "Không chấp thuận" }).ClickAsync();
        await central.GetByText("Vui lòng ghi lý do không chấp thuận để đơn vị được biết.").WaitForAsync();
        await central.GetByLabel("Lý do không chấp thuận").FillAsync("Quý II đã tổng hợp xong; đề nghị đưa số liệu vào báo cáo Quý III.");
        await central.GetByRole(AriaRole.Button, new() { Name = "Không chấp thuận" }).ClickAsync();
        await central.GetByText("Đã trả lời không chấp thuận; đơn vị đã được thông báo.").WaitForAsync();

        await province.GotoAsync("/notifications");
        await province.GetByRole(AriaRole.Link, new() { Name = "Đề nghị gia hạn báo cáo Quý II/2024 của Cao Bằng (Công tác dân tộc) không được chấp thuận." }).ClickAsync();
        await province.ArriveAtAsync(RequestUrl());
        await province.GetByText("Quý II đã tổng hợp xong; đề nghị đưa số liệu vào báo cáo Quý III.").WaitForAsync();
        await province.AssertNoAxeViolationsAsync();
        await PortalServer.ScreenshotAsync(province, "extension-declined-390");
    }
}
