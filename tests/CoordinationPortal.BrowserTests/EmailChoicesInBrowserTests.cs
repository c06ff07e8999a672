using CoordinationPortal.Domain.Access;
using Microsoft.Playwright;

namespace CoordinationPortal.BrowserTests;

/// <summary>
/// Issue 13, the person's side of e-mail: a provincial officer turns reminder e-mails off on their
/// account page and sees the choice kept; the administrator sees that e-mail is off on this server.
/// Checked with axe, at 1366 and 390 px.
/// </summary>
public sealed class EmailChoicesInBrowserTests(PortalServer server) : IClassFixture<PortalServer>
{
    [Fact]
    public async Task A_province_turns_reminder_emails_off_and_the_administrator_sees_email_is_off()
    {
        var phone = await server.NewPageAsync(390, 844); // starts the server
        var password = await server.CreateAccountAsync("hagiang.mail@browser.test", PortalRole.ProvincialOfficer, agencyCode: "VWU", provinceCode: "02", fullName: "Lò Thị Mai");
        await PortalServer.SignInAsync(phone, "hagiang.mail@browser.test", password);
        await phone.GotoAsync("/account#email");

        var reminders = phone.GetByRole(AriaRole.Checkbox, new() { Name = "Nhắc hạn nộp báo cáo quý (7 ngày và 1 ngày trước hạn, đúng hạn, quá hạn)" });
        Assert.True(await reminders.IsCheckedAsync());
        Assert.Equal(0, await phone.GetByRole(AriaRole.Checkbox, new() { Name = "Bản tổng hợp hằng tuần (sáng thứ Hai)" }).CountAsync());
        await phone.AssertNoAxeViolationsAsync();
        await PortalServer.ScreenshotAsync(phone, "account-email-390");

        await reminders.UncheckAsync();
        await phone.GetByRole(AriaRole.Button, new() { Name = "Lưu lựa chọn" }).ClickAsync();
        await phone.GetByText("Đã lưu lựa chọn nhận thư.").WaitForAsync();
        Assert.False(await phone.GetByRole(AriaRole.Checkbox, new() { Name = "Nhắc hạn nộp báo cáo quý (7 ngày và 1 ngày trước hạn, đúng hạn, quá hạn)" }).IsCheckedAsync());

        var (adminPassword, key) = await server.CreateAdministratorAsync("admin.mail@browser.test");
        var admin = await server.NewPageAsync();
        await PortalServer.SignInWithCodeAsync(admin, "admin.mail@browser.test", adminPassword, key);
        await admin.GetByRole(AriaRole.Link, new() { Name = "Thư điện tử" }).ClickAsync();
        await admin.GetByText("Gửi thư điện tử đang TẮT").WaitForAsync();
        await admin.AssertNoAxeViolationsAsync();
        await PortalServer.ScreenshotAsync(admin, "admin-email-1366");
    }
}
