using System.Text.RegularExpressions;
using CoordinationPortal.Domain.Access;
using CoordinationPortal.Domain.Calendar;
using Microsoft.Playwright;

namespace CoordinationPortal.BrowserTests;

/// <summary>
/// Submitting and returning a report ask first, in a dialog that says what will happen (ADR 0032):
/// Escape or "Hủy" sends nothing and gives the focus back to the button; the keyboard alone can
/// answer; the dialog is checked with axe and looked at on a desktop and a phone.
/// </summary>
public sealed partial class ConfirmationInBrowserTests(PortalServer server) : IClassFixture<PortalServer>
{
    private static readonly Quarter Q4 = new(2024, 4);

    [GeneratedRegex(@"/reports/\d+/edit$")]
    private static partial Regex EditUrl();

    [GeneratedRegex(@"/reports/\d+$")]
    private static partial Regex ReportUrl();

    [GeneratedRegex(@"/reports/review$")]
    private static partial Regex QueueUrl();

    /// <summary>The screen as the person sees it with the dialog open (not the whole page).</summary>
    private static async Task DialogShotAsync(IPage page, string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(PortalServer.ScreenshotDirectory, name + ".png") });

    private static Task<bool> DialogOpenAsync(IPage page) => page.EvaluateAsync<bool>("() => document.getElementById('confirm-dialog').open");

    private static Task<string?> FocusedAsync(IPage page) =>
        page.EvaluateAsync<string?>("() => document.activeElement && (document.activeElement.getAttribute('value') || document.activeElement.textContent.trim())");

    [Fact]
    public async Task Submit_and_return_ask_first_escape_cancels_and_the_keyboard_can_answer()
    {
        var province = await server.NewPageAsync(); // starts the portal
        var provincePassword = await server.CreateAccountAsync("confirm.hagiang@browser.test", PortalRole.ProvincialOfficer, agencyCode: "VWU", provinceCode: "02", fullName: "Lò Thị Hỏi");
        var centralPassword = await server.CreateAccountAsync("confirm.tw@browser.test", PortalRole.CentralOfficer, agencyCode: "VWU", fullName: "Trần Văn Hỏi");
        await server.GrantExemptionAsync("02", "VWU", Q4);

        // The province fills its report and presses "Gửi báo cáo": a question, not a submission.
        await PortalServer.SignInAsync(province, "confirm.hagiang@browser.test", provincePassword);
        await province.GotoAsync("/reports/mine");
        await province.Locator($"tr[data-quarter='{Q4}']").WaitForAsync();
        await province.GetByRole(AriaRole.Button, new() { Name = "Lập báo cáo Quý IV/2024" }).ClickAsync();
        await province.ArriveAtAsync(EditUrl());
        foreach (var select in await province.Locator("select[name$='.Status']").AllAsync())
        {
            await select.SelectOptionAsync("OnTrack");
        }

        foreach (var textarea in await province.Locator("textarea[name$='.Results']").AllAsync())
        {
            await textarea.FillAsync("Tổ chức 3 buổi tuyên truyền tại Đồng Văn.");
        }

        var submit = province.GetByRole(AriaRole.Button, new() { Name = "Gửi báo cáo" });
        await submit.ClickAsync();
        var dialog = province.GetByRole(AriaRole.Dialog, new() { Name = "Xác nhận" });
        await dialog.WaitForAsync();
        Assert.Equal(
            "Gửi báo cáo Quý IV/2024 của Hội LHPN tỉnh, thành phố · Hà Giang? Sau khi gửi chỉ sửa được nếu bị trả lại.",
            (await province.Locator("#confirm-dialog-text").InnerTextAsync()).Trim());
        Assert.Equal("Hủy", await FocusedAsync(province)); // the safe answer has the focus
        await province.AssertNoAxeViolationsAsync();
        await DialogShotAsync(province, "confirm-submit-1366");

        // Escape: nothing sent, the focus back on the button that asked.
        await province.Keyboard.PressAsync("Escape");
        Assert.False(await DialogOpenAsync(province));
        Assert.Equal("submit", await FocusedAsync(province));
        Assert.Matches(EditUrl(), province.Url);
        Assert.Equal("Draft", await province.Locator("[data-report-state]").First.GetAttributeAsync("data-report-state"));

        // The keyboard alone: Enter on the button asks again, Tab to "Gửi báo cáo", Enter sends.
        await province.Keyboard.PressAsync("Enter");
        await dialog.WaitForAsync();
        await province.Keyboard.PressAsync("Tab");
        Assert.Equal("Gửi báo cáo", await FocusedAsync(province));
        await province.Keyboard.PressAsync("Enter");
        await province.ArriveAtAsync(ReportUrl());
        Assert.Equal("Submitted", await province.Locator("[data-report-state]").First.GetAttributeAsync("data-report-state"));

        // The central office types why, presses "Trả lại để sửa", cancels, then answers yes.
        var central = await server.NewPageAsync();
        await PortalServer.SignInAsync(central, "confirm.tw@browser.test", centralPassword);
        await central.GotoAsync(province.Url);
        await central.GetByLabel("Ý kiến chung về báo cáo").FillAsync("Bổ sung số người tham dự.");
        var returnButton = central.GetByRole(AriaRole.Button, new() { Name = "Trả lại để sửa" });
        await returnButton.ClickAsync();
        var centralDialog = central.GetByRole(AriaRole.Dialog, new() { Name = "Xác nhận" });
        await centralDialog.WaitForAsync();
        Assert.StartsWith("Trả lại báo cáo Quý IV/2024 của Hội LHPN tỉnh, thành phố · Hà Giang để sửa?", (await central.Locator("#confirm-dialog-text").InnerTextAsync()).Trim(), StringComparison.Ordinal);
        await central.AssertNoAxeViolationsAsync();
        await DialogShotAsync(central, "confirm-return-1366");
        await centralDialog.GetByRole(AriaRole.Button, new() { Name = "Hủy" }).ClickAsync();
        Assert.False(await DialogOpenAsync(central));
        Assert.Equal("Trả lại để sửa", await FocusedAsync(central));
        Assert.Equal("Bổ sung số người tham dự.", await central.GetByLabel("Ý kiến chung về báo cáo").InputValueAsync());

        await returnButton.ClickAsync();
        await centralDialog.GetByRole(AriaRole.Button, new() { Name = "Trả lại để sửa" }).ClickAsync();
        await central.ArriveAtAsync(QueueUrl());
        await central.GetByText("Đã trả lại báo cáo kèm ý kiến.").WaitForAsync();

        // On a phone the dialog fits the screen and its buttons stay reachable.
        var phone = await server.NewPageAsync(390, 844);
        await PortalServer.SignInAsync(phone, "confirm.hagiang@browser.test", provincePassword);
        await phone.GotoAsync(province.Url + "/edit");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Gửi báo cáo" }).ClickAsync();
        var phoneDialog = phone.GetByRole(AriaRole.Dialog, new() { Name = "Xác nhận" });
        await phoneDialog.WaitForAsync();
        var box = await phoneDialog.BoundingBoxAsync();
        Assert.NotNull(box);
        Assert.True(box.X >= 0 && box.X + box.Width <= 390, $"dialog spans {box.X}..{box.X + box.Width} on a 390 px screen");
        await phone.AssertNoAxeViolationsAsync();
        await DialogShotAsync(phone, "confirm-submit-390");
        await phone.Keyboard.PressAsync("Escape");
        Assert.False(await DialogOpenAsync(phone));
    }
}
