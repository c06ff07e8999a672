using System.Text.RegularExpressions;
using CoordinationPortal.Domain.Access;
using CoordinationPortal.Domain.Calendar;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CoordinationPortal.BrowserTests;

/// <summary>The portal with a session that ends after 20 seconds without a request, warned 10 seconds before.</summary>
public sealed class ShortSessionPortal : IAsyncLifetime
{
    public PortalServer Server { get; } = new()
    {
        Settings =
        {
            ["Security:IdleTimeout"] = "00:00:20",
            ["Security:SessionWarning"] = "00:00:10",
        },
    };

    public ValueTask InitializeAsync() => Server.InitializeAsync();

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}

/// <summary>
/// An officer who walks away from a half-typed form: the page warns before the session ends, can keep
/// it, and when it has ended, what was typed comes back after signing in again, with a word on why.
/// </summary>
public sealed partial class SessionExpiryInBrowserTests(ShortSessionPortal portal) : IClassFixture<ShortSessionPortal>
{
    private static readonly Quarter Q4 = new(2024, 4);

    private PortalServer Server => portal.Server;

    [GeneratedRegex(@"/reports/\d+/edit$")]
    private static partial Regex EditUrl();

    [GeneratedRegex("/account/sign-in")]
    private static partial Regex SignInUrl();

    private static async Task SignInHereAsync(IPage page, string email, string password)
    {
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Mật khẩu").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAndWaitForNextPageAsync();
    }

    /// <summary>Waits (as long as the session lasts, and a little more) for the dialog to say the session ended.</summary>
    private static Task WaitForEndAsync(IPage page) =>
        page.Locator("#session-dialog [data-session-state=expired]").WaitForAsync(new() { State = WaitForSelectorState.Visible, Timeout = 40_000 });

    [Theory]
    [InlineData(1366)]
    [InlineData(390)]
    public async Task The_page_warns_before_the_session_ends_and_keep_working_keeps_it(int width)
    {
        var page = await Server.NewPageAsync(width);
        var email = $"warn.{width}@browser.test";
        var password = await Server.CreateAccountAsync(email, PortalRole.Leadership);
        await PortalServer.SignInAsync(page, email, password);
        await page.GotoAsync("/plans");

        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Phiên làm việc sắp hết hạn" });
        await dialog.WaitForAsync(new() { Timeout = 20_000 });
        Assert.Matches(@"hết hạn lúc \d{2}:\d{2}", await dialog.InnerTextAsync());
        await page.AssertNoAxeViolationsAsync();
        await PortalServer.ScreenshotAsync(page, $"session-warning-{width}");

        await dialog.GetByRole(AriaRole.Button, new() { Name = "Tiếp tục làm việc" }).ClickAsync();
        await dialog.WaitForAsync(new() { State = WaitForSelectorState.Hidden });

        // Past the 20 seconds the page first had: still signed in, and no word of an end.
        await page.WaitForTimeoutAsync(12_000);
        Assert.False(await page.Locator("#session-dialog [data-session-state=expired]").IsVisibleAsync());
        var response = await page.GotoAsync("/account");
        Assert.DoesNotMatch(SignInUrl(), page.Url);
        Assert.Equal(200, response!.Status);
    }

    [Fact]
    public async Task A_report_saved_after_the_session_ended_is_back_with_its_text_after_signing_in()
    {
        var page = await Server.NewPageAsync();
        const string email = "expired.report@browser.test";
        var password = await Server.CreateAccountAsync(email, PortalRole.ProvincialOfficer, agencyCode: "VWU", provinceCode: "02", fullName: "Lò Thị Mai");
        await Server.GrantExemptionAsync("02", "VWU", Q4);
        await PortalServer.SignInAsync(page, email, password);
        await page.GotoAsync("/reports/mine");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lập báo cáo Quý IV/2024" }).ClickAsync();
        await page.ArriveAtAsync(EditUrl());
        var editUrl = page.Url;

        // The server's own save waits longer than the session here: only the copy on this computer has the text.
        await page.EvaluateAsync("() => document.querySelector('form[data-autosave]').dataset.autosaveDelay = '3600000'");
        const string typed = "Tổ chức 6 buổi truyền thông về bình đẳng giới tại Mèo Vạc; gõ xong thì phiên đã hết.";
        await page.Locator("textarea[name$='.Results']").First.FillAsync(typed);
        await WaitForEndAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Ở lại trang này" }).ClickAsync();

        // A background save now says the session ended, never "saved".
        await page.EvaluateAsync("() => document.querySelector('form[data-autosave]').dataset.autosaveDelay = '100'");
        await page.Locator("textarea[name$='.Results']").First.PressAsync("End");
        await page.Locator("textarea[name$='.Results']").First.PressSequentiallyAsync(" Xong.");
        await page.Locator(".autosave-status.text-danger", new() { HasText = "Phiên đăng nhập đã hết" }).WaitForAsync();
        Assert.DoesNotContain("Đã lưu lúc", await page.Locator(".autosave-status").InnerTextAsync(), StringComparison.Ordinal);

        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu nháp" }).ClickAndWaitForNextPageAsync();
        Assert.Matches(SignInUrl(), page.Url);
        Assert.Contains("Phiên làm việc đã hết hạn", await page.Locator("[data-session-expired]").InnerTextAsync(), StringComparison.Ordinal);

        await SignInHereAsync(page, email, password);
        Assert.Equal(editUrl, page.Url);
        var notice = page.Locator("[data-draft-notice]");
        await notice.WaitForAsync();
        Assert.Contains("Nội dung bạn đã nhập đã được giữ lại, hãy kiểm tra rồi gửi lại", await notice.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(typed + " Xong.", await page.Locator("textarea[name$='.Results']").First.InputValueAsync());
        await page.AssertNoAxeViolationsAsync();
        await PortalServer.ScreenshotAsync(page, "report-restored-after-expiry-1366");

        // The fresh page's token takes the save: the text reaches the server.
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu nháp" }).ClickAndWaitForNextPageAsync();
        await page.GetByText("Đã lưu nháp.").WaitForAsync();
        Assert.Equal(1, await Server.WithDbAsync(db => db.QuarterlyReports.CountAsync(r => r.Lines.Any(l => l.Results == typed + " Xong."))));
        Assert.Equal(0, await page.EvaluateAsync<int>("() => Object.keys(localStorage).filter(k => k.startsWith('portal.draft.')).length"));
    }

    [Theory]
    [InlineData(390)]
    [InlineData(1366)]
    public async Task A_progress_entry_sent_after_the_session_ended_is_back_with_its_text_after_signing_in(int width)
    {
        var page = await Server.NewPageAsync(width);
        var email = $"expired.progress.{width}@browser.test";
        var password = await Server.CreateAccountAsync(email, PortalRole.CentralOfficer, agencyCode: "VWU", fullName: "Trần Thị Ghi");
        var activityId = await Server.WithDbAsync(db => db.Activities.Where(a => a.Number == 1).Select(a => a.Id).FirstAsync());
        await PortalServer.SignInAsync(page, email, password);
        var url = $"/activities/{activityId}/progress/new";
        await page.GotoAsync(url);
        await page.GetByLabel("Ngày cập nhật").FillAsync("12/06/2024");
        await page.Locator("#Status").SelectOptionAsync("OnTrack");
        await page.Locator("#PercentComplete").FillAsync("45");
        var typed = $"Tập huấn 40 cán bộ Hội tại Lào Cai ({width}).";
        await page.Locator("#Done").FillAsync(typed);

        await WaitForEndAsync(page);
        await PortalServer.ScreenshotAsync(page, $"session-ended-{width}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ở lại trang này" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Thêm cập nhật" }).ClickAndWaitForNextPageAsync();
        Assert.Matches(SignInUrl(), page.Url);

        await SignInHereAsync(page, email, password);
        Assert.EndsWith(url, page.Url, StringComparison.Ordinal);
        var notice = page.Locator("[data-draft-notice]");
        await notice.WaitForAsync();
        Assert.Contains("Phiên làm việc đã hết hạn", await notice.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(typed, await page.Locator("#Done").InputValueAsync());
        Assert.Equal("45", await page.Locator("#PercentComplete").InputValueAsync());
        Assert.Equal("OnTrack", await page.Locator("#Status").InputValueAsync());
        await page.AssertNoAxeViolationsAsync();
        await PortalServer.ScreenshotAsync(page, $"progress-restored-after-expiry-{width}");

        await page.GetByRole(AriaRole.Button, new() { Name = "Thêm cập nhật" }).ClickAndWaitForNextPageAsync();
        await page.Locator(".journal-entry", new() { HasText = typed }).WaitForAsync();
    }

    [Fact]
    public async Task Sign_in_again_from_the_dialog_comes_back_to_the_form_with_its_text()
    {
        var page = await Server.NewPageAsync();
        const string email = "dialog.signin@browser.test";
        var password = await Server.CreateAccountAsync(email, PortalRole.CentralOfficer, agencyCode: "CEMA");
        var activityId = await Server.WithDbAsync(db => db.Activities.Where(a => a.Number == 5).Select(a => a.Id).FirstAsync());
        await PortalServer.SignInAsync(page, email, password);
        var url = $"/activities/{activityId}/progress/new";
        await page.GotoAsync(url);
        await page.Locator("#Done").FillAsync("Giám sát tại 2 xã; chưa gửi.");
        await WaitForEndAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "Đăng nhập lại" }).ClickAndWaitForNextPageAsync();
        await SignInHereAsync(page, email, password);
        Assert.EndsWith(url, page.Url, StringComparison.Ordinal);
        await page.Locator("[data-draft-notice]").WaitForAsync();
        Assert.Equal("Giám sát tại 2 xã; chưa gửi.", await page.Locator("#Done").InputValueAsync());
    }
}
