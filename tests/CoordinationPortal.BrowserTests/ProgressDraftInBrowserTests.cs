using System.Text.RegularExpressions;
using CoordinationPortal.Domain.Access;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CoordinationPortal.BrowserTests;

/// <summary>
/// A central officer half-way through a progress entry: what is typed stays on this computer,
/// readable by that account only, until the entry is added (a server of its own: these tests sign
/// in often, and sign-in posts are limited per address).
/// </summary>
public sealed class ProgressDraftInBrowserTests(PortalServer server) : IClassFixture<PortalServer>
{
    [Theory]
    [InlineData(1366)]
    [InlineData(390)]
    public async Task The_progress_form_keeps_what_is_typed_on_this_computer_and_puts_it_back_after_a_reload(int width)
    {
        var page = await server.NewPageAsync(width);
        var email = $"keep.{width}@browser.test";
        var password = await server.CreateAccountAsync(email, PortalRole.CentralOfficer, agencyCode: "CEMA", fullName: "Hoàng Văn Lưu");
        var activityId = await server.WithDbAsync(db => db.Activities.Where(a => a.Number == 2).Select(a => a.Id).FirstAsync());
        await PortalServer.SignInAsync(page, email, password);
        await page.GotoAsync($"/activities/{activityId}/progress/new");
        var typed = $"Đăng 3 bài trên chuyên mục Dân tộc và Phát triển ({width}); chưa gửi.";
        await page.Locator("#Done").FillAsync(typed);
        await page.Locator("#PercentComplete").FillAsync("35");

        await page.Locator(".autosave-status", new() { HasTextRegex = new Regex(@"Đã lưu trên máy này lúc \d{2}:\d{2}") }).WaitForAsync();
        // Kept encrypted: the words typed are nowhere in the browser's storage.
        var stored = await page.EvaluateAsync<string>("() => Object.keys(localStorage).filter(k => k.startsWith('portal.draft.')).map(k => localStorage.getItem(k)).join('|')");
        Assert.False(string.IsNullOrEmpty(stored));
        Assert.DoesNotContain("chuyên mục", stored, StringComparison.Ordinal);

        page.Dialog += async (_, dialog) => await dialog.AcceptAsync(); // "leave the page?": yes
        await page.ReloadAsync();
        await page.Locator("[data-draft-notice]").WaitForAsync();
        Assert.Equal(typed, await page.Locator("#Done").InputValueAsync());
        Assert.Equal("35", await page.Locator("#PercentComplete").InputValueAsync());
        Assert.Contains("đã được đưa trở lại biểu mẫu", await page.Locator("[data-draft-notice]").InnerTextAsync(), StringComparison.Ordinal);
        await page.AssertNoAxeViolationsAsync();
        await PortalServer.ScreenshotAsync(page, $"progress-draft-restored-{width}");

        // Another account on the same computer sees an empty form.
        var otherPassword = await server.CreateAccountAsync($"other.{width}@browser.test", PortalRole.CentralOfficer, agencyCode: "CEMA");
        await page.Locator("form[action='/account/sign-out'] button").ClickAndWaitForNextPageAsync();
        Assert.Equal(0, await page.EvaluateAsync<int>("() => Object.keys(localStorage).filter(k => k.startsWith('portal.draft.')).length"));
        await PortalServer.SignInAsync(page, $"other.{width}@browser.test", otherPassword);
        await page.GotoAsync($"/activities/{activityId}/progress/new");
        Assert.Equal(string.Empty, await page.Locator("#Done").InputValueAsync());
        Assert.Equal(0, await page.Locator("[data-draft-notice]").CountAsync());
    }

    [Fact]
    public async Task Discarding_the_kept_text_empties_the_form_and_a_saved_entry_leaves_nothing_behind()
    {
        var page = await server.NewPageAsync();
        var password = await server.CreateAccountAsync("discard@browser.test", PortalRole.CentralOfficer, agencyCode: "VWU");
        var activityId = await server.WithDbAsync(db => db.Activities.Where(a => a.Number == 4).Select(a => a.Id).FirstAsync());
        await PortalServer.SignInAsync(page, "discard@browser.test", password);
        var url = $"/activities/{activityId}/progress/new";
        await page.GotoAsync(url);
        await page.Locator("#Done").FillAsync("Bỏ đi.");
        await page.Locator(".autosave-status", new() { HasTextRegex = new Regex("Đã lưu trên máy này") }).WaitForAsync();
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await page.ReloadAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Bỏ nội dung này" }).ClickAsync();
        Assert.Equal(string.Empty, await page.Locator("#Done").InputValueAsync());
        await page.ReloadAsync();
        Assert.Equal(0, await page.Locator("[data-draft-notice]").CountAsync());

        await page.GetByLabel("Ngày cập nhật").FillAsync("12/06/2024");
        await page.Locator("#Status").SelectOptionAsync("OnTrack");
        await page.Locator("#PercentComplete").FillAsync("60");
        await page.Locator("#Done").FillAsync("Đã gửi thật.");
        await page.Locator(".autosave-status", new() { HasTextRegex = new Regex("Đã lưu trên máy này") }).WaitForAsync();
        await page.Locator("form.long-form button[type=submit]").ClickAndWaitForNextPageAsync();
        await page.Locator(".journal-entry", new() { HasText = "Đã gửi thật." }).WaitForAsync();
        Assert.Equal(0, await page.EvaluateAsync<int>("() => Object.keys(localStorage).filter(k => k.startsWith('portal.draft.')).length"));
    }
}
