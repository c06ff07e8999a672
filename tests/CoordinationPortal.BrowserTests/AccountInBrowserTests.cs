using System.Text.RegularExpressions;
using CoordinationPortal.Domain.Access;
using CoordinationPortal.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace CoordinationPortal.BrowserTests;

public sealed partial class AccountInBrowserTests(PortalServer server) : IClassFixture<PortalServer>
{
    [GeneratedRegex("/account/two-factor$")]
    private static partial Regex TwoFactorUrl();

    [GeneratedRegex("/account/sign-in")]
    private static partial Regex SignInUrl();

    [Fact]
    public async Task A_new_administrator_signs_in_sets_up_an_authenticator_and_signs_out()
    {
        var page = await server.NewPageAsync();
        await page.GotoAsync("/");
        await page.ArriveAtAsync(SignInUrl());
        await page.AssertNoAxeViolationsAsync();
        await PortalServer.ScreenshotAsync(page, "sign-in-1366");
        var password = await server.CreateAccountAsync("new.admin@browser.test", PortalRole.Administrator);

        await PortalServer.SignInAsync(page, "new.admin@browser.test", password);

        // Administrators are held at the authenticator set-up until it is done.
        await page.ArriveAtAsync(TwoFactorUrl());
        await page.AssertNoAxeViolationsAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Bắt đầu cài đặt" }).ClickAsync();
        await page.Locator("[data-shared-key]").WaitForAsync();
        await page.WaitForFunctionAsync("() => document.readyState === 'complete'");
        Assert.True(await page.Locator("img.qr-code").EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0"), "the QR code did not load");
        await page.AssertNoAxeViolationsAsync();
        await PortalServer.ScreenshotAsync(page, "two-factor-setup-1366");

        var key = (await page.Locator("[data-shared-key]").InnerTextAsync()).Replace(" ", string.Empty, StringComparison.Ordinal);
        await page.GetByLabel("Mã 6 số trong ứng dụng xác thực").FillAsync(Totp.Code(key, DateTimeOffset.UtcNow));
        await page.GetByRole(AriaRole.Button, new() { Name = "Xác nhận và bật" }).ClickAsync();

        await page.Locator(".recovery-codes").WaitForAsync();
        Assert.Equal(10, await page.Locator(".recovery-codes li").CountAsync());
        await page.AssertNoAxeViolationsAsync();
        await PortalServer.ScreenshotAsync(page, "recovery-codes-1366");

        // Now the portal opens, with the administrator's menu.
        await page.GetByRole(AriaRole.Link, new() { Name = "Tôi đã lưu mã, tiếp tục" }).ClickAsync();
        await page.ArriveAtAsync(new Regex("/$"));
        Assert.True(await page.GetByRole(AriaRole.Navigation, new() { Name = "Điều hướng chính" }).GetByRole(AriaRole.Link, new() { Name = "Tài khoản", Exact = true }).IsVisibleAsync());

        // The administrator's pages: accounts, a new account, the audit trail.
        foreach (var (url, name) in new[] { ("/admin/users", "users"), ("/admin/users/new", "user-new"), ("/audit", "audit"), ("/account", "account") })
        {
            await page.GotoAsync(url);
            await page.AssertNoAxeViolationsAsync();
            await PortalServer.ScreenshotAsync(page, $"{name}-1366");
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng xuất", Exact = true }).ClickAsync();
        await page.ArriveAtAsync(SignInUrl());
        await page.GotoAsync("/admin/users");
        await page.ArriveAtAsync(SignInUrl()); // signed out: back to the sign-in page
    }

    [Fact]
    public async Task A_wrong_password_shows_a_clear_message_and_keeps_the_email()
    {
        var page = await server.NewPageAsync(390, 844);
        await server.CreateAccountAsync("typo@browser.test", PortalRole.Leadership);

        await PortalServer.SignInAsync(page, "typo@browser.test", "this is not the password");

        Assert.Equal("E-mail hoặc mật khẩu không đúng.", (await page.Locator(".alert-danger").InnerTextAsync()).Trim());
        Assert.Equal("typo@browser.test", await page.GetByLabel("E-mail").InputValueAsync());
        Assert.Equal(string.Empty, await page.GetByLabel("Mật khẩu").InputValueAsync());
        await page.AssertNoAxeViolationsAsync();
        await PortalServer.ScreenshotAsync(page, "sign-in-error-390");
    }

    [Fact]
    public async Task A_person_held_back_by_wrong_passwords_is_told_how_long_and_an_administrator_lets_her_in()
    {
        var person = await server.NewPageAsync(390, 844);
        var password = await server.CreateAccountAsync("giu.lai@browser.test", PortalRole.CentralOfficer, agencyCode: "VWU", fullName: "Đỗ Thị Giữ");
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            await PortalServer.SignInAsync(person, "giu.lai@browser.test", $"sai lần thứ {attempt} rồi");
        }

        var message = (await person.Locator(".alert-danger").InnerTextAsync()).Trim();
        Assert.StartsWith("Đã nhập sai nhiều lần từ máy này. Vui lòng đợi 1 phút rồi thử lại.", message, StringComparison.Ordinal);
        await person.AssertNoAxeViolationsAsync();
        await PortalServer.ScreenshotAsync(person, "sign-in-wait-390");

        var (adminPassword, key) = await server.CreateAdministratorAsync("quantri.mokhoa@browser.test");
        var admin = await server.NewPageAsync();
        await PortalServer.SignInWithCodeAsync(admin, "quantri.mokhoa@browser.test", adminPassword, key);
        await admin.GotoAsync("/admin/users?q=giu.lai");
        Assert.True(await admin.Locator("tr[data-user-email='giu.lai@browser.test'] [data-sign-in-blocked]").IsVisibleAsync());
        await admin.GetByRole(AriaRole.Link, new() { Name = "Đỗ Thị Giữ" }).ClickAndWaitForNextPageAsync();
        Assert.True(await admin.Locator("[data-sign-in-failures] tr[data-blocked=true]").IsVisibleAsync());
        await admin.AssertNoAxeViolationsAsync();
        await PortalServer.ScreenshotAsync(admin, "user-held-back-1366");
        await admin.SetViewportSizeAsync(390, 844);
        Assert.False(await admin.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > document.documentElement.clientWidth"), "the account page scrolls sideways on a phone");
        await PortalServer.ScreenshotAsync(admin, "user-held-back-390");

        await admin.GetByRole(AriaRole.Button, new() { Name = "Mở khóa đăng nhập" }).ClickAndWaitForNextPageAsync();

        Assert.Equal("Đã mở khóa đăng nhập cho Đỗ Thị Giữ.", (await admin.Locator(".alert-success").InnerTextAsync()).Trim());
        Assert.Equal(0, await admin.Locator("[data-sign-in-failures] tr[data-blocked=true]").CountAsync());
        await PortalServer.SignInAsync(person, "giu.lai@browser.test", password);
        await person.ArriveAtAsync(new Regex("/$"));
    }
}
