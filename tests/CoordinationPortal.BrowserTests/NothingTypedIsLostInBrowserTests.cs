using System.Text.RegularExpressions;
using CoordinationPortal.Domain.Access;
using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Domain.Evidence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CoordinationPortal.BrowserTests;

/// <summary>
/// A provincial officer on a slow link types a long report: uploading evidence, pressing twice, or
/// walking away never costs what was typed.
/// </summary>
public sealed partial class NothingTypedIsLostInBrowserTests(PortalServer server) : IClassFixture<PortalServer>
{
    private static readonly Quarter Q4 = new(2024, 4);

    [GeneratedRegex(@"/reports/\d+/edit$")]
    private static partial Regex EditUrl();

    /// <summary>Signs a new officer of the province in and opens a new Q4/2024 report.</summary>
    private async Task<IPage> StartReportAsync(string email, string provinceCode, int width = 1366, string agencyCode = "VWU")
    {
        var page = await server.NewPageAsync(width); // starts the app on first use
        var password = await server.CreateAccountAsync(email, PortalRole.ProvincialOfficer, agencyCode: agencyCode, provinceCode: provinceCode, fullName: "Lò Thị Mai");
        await server.GrantExemptionAsync(provinceCode, agencyCode, Q4);
        await PortalServer.SignInAsync(page, email, password);
        await page.GotoAsync("/reports/mine");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lập báo cáo Quý IV/2024" }).ClickAsync();
        await page.ArriveAtAsync(EditUrl());
        return page;
    }

    [Fact]
    public async Task Uploading_evidence_after_typing_keeps_the_typed_text_and_lists_the_new_file()
    {
        var page = await StartReportAsync("upload@browser.test", "02");
        const string typed = "Tổ chức 4 buổi tuyên truyền tại Đồng Văn, Mèo Vạc; chưa lưu.";
        await page.Locator("textarea[name$='.Results']").First.FillAsync(typed);
        await page.EvaluateAsync("() => { window.__samePage = true; }");

        var upload = page.Locator("form.evidence-upload").First;
        await upload.Locator("input[type=file]").SetInputFilesAsync(new FilePayload { Name = "bien-ban-hop.pdf", MimeType = "application/pdf", Buffer = "%PDF-1.4\n% test\n"u8.ToArray() });
        await upload.GetByRole(AriaRole.Button, new() { Name = "Tải lên" }).ClickAsync();

        var block = page.Locator(".evidence-line").First;
        await block.Locator("ul.evidence-list a", new() { HasText = "bien-ban-hop.pdf" }).WaitForAsync();
        Assert.True(await page.EvaluateAsync<bool>("() => window.__samePage === true"), "The upload reloaded the page.");
        Assert.Equal(typed, await page.Locator("textarea[name$='.Results']").First.InputValueAsync());
        Assert.Contains("bien-ban-hop.pdf", await block.Locator(".upload-status").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await server.WithDbAsync(db => db.EvidenceFiles.CountAsync(f => f.OwnerType == EvidenceOwner.ReportLine && f.OriginalName == "bien-ban-hop.pdf")));

        // A second file through the fresh form is a second file, not a repeat of the first token.
        await block.Locator("input[type=file]").SetInputFilesAsync(new FilePayload { Name = "anh-hoi-nghi.png", MimeType = "image/png", Buffer = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0] });
        await block.GetByRole(AriaRole.Button, new() { Name = "Tải lên" }).ClickAsync();
        await block.Locator("ul.evidence-list a", new() { HasText = "anh-hoi-nghi.png" }).WaitForAsync();
        Assert.Equal(2, await block.Locator("ul.evidence-list li").CountAsync());

        // A refused file says why beside the form, and still nothing typed is touched.
        await block.Locator("input[type=file]").SetInputFilesAsync(new FilePayload { Name = "virus.exe", MimeType = "application/octet-stream", Buffer = [0x4D, 0x5A, 0, 0] });
        await block.GetByRole(AriaRole.Button, new() { Name = "Tải lên" }).ClickAsync();
        await block.Locator(".upload-status.text-danger").WaitForAsync();
        Assert.Contains("virus.exe", await block.Locator(".upload-status").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(typed, await page.Locator("textarea[name$='.Results']").First.InputValueAsync());
        Assert.True(await page.EvaluateAsync<bool>("() => window.__samePage === true"));

        await page.AssertNoAxeViolationsAsync();
        await PortalServer.ScreenshotAsync(page, "report-evidence-background-1366");

        // Removing a file stays on the page too.
        await block.Locator("ul.evidence-list li", new() { HasText = "anh-hoi-nghi.png" }).GetByRole(AriaRole.Button).ClickAsync();
        await block.Locator("ul.evidence-list li", new() { HasText = "anh-hoi-nghi.png" }).WaitForAsync(new() { State = WaitForSelectorState.Detached });
        Assert.Equal(typed, await page.Locator("textarea[name$='.Results']").First.InputValueAsync());
        Assert.True(await page.EvaluateAsync<bool>("() => window.__samePage === true"), "Removing a file reloaded the page.");
        Assert.Equal(0, await server.WithDbAsync(db => db.EvidenceFiles.CountAsync(f => f.OriginalName == "anh-hoi-nghi.png")));
    }

    [Fact]
    public async Task Uploading_evidence_on_a_phone_keeps_the_typed_text()
    {
        var page = await StartReportAsync("upload.phone@browser.test", "02", width: 390, agencyCode: "CEMA");
        await page.Locator("textarea[name$='.Results']").First.FillAsync("Gõ trên điện thoại.");
        var upload = page.Locator("form.evidence-upload").First;
        await upload.Locator("input[type=file]").SetInputFilesAsync(new FilePayload { Name = "ke-hoach.pdf", MimeType = "application/pdf", Buffer = "%PDF-1.4\n"u8.ToArray() });
        await upload.GetByRole(AriaRole.Button, new() { Name = "Tải lên" }).ClickAsync();
        await page.Locator(".evidence-line").First.Locator("ul.evidence-list a", new() { HasText = "ke-hoach.pdf" }).WaitForAsync();
        Assert.Equal("Gõ trên điện thoại.", await page.Locator("textarea[name$='.Results']").First.InputValueAsync());
        await PortalServer.ScreenshotAsync(page, "report-evidence-background-390");
    }

    [Fact]
    public async Task A_double_click_on_save_sends_one_request()
    {
        var page = await StartReportAsync("double@browser.test", "06");
        await page.Locator("textarea[name$='.Results']").First.FillAsync("Bấm hai lần.");
        var posts = 0;
        page.Request += (_, request) =>
        {
            if (request.Method == "POST" && request.Url.EndsWith("/edit", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref posts);
            }
        };

        await page.EvaluateAsync("() => { window.__portalLeaving = true; }");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu nháp" }).DblClickAsync();
        await page.WaitForFunctionAsync("() => !window.__portalLeaving && document.readyState === 'complete'");
        await page.GetByText("Đã lưu nháp.").WaitForAsync();
        Assert.Equal(1, posts);
    }

    [Theory]
    [InlineData(1366)]
    [InlineData(390)]
    public async Task A_progress_entry_takes_its_files_with_its_text(int width)
    {
        var page = await server.NewPageAsync(width);
        var email = $"tw.{width}@browser.test";
        var password = await server.CreateAccountAsync(email, PortalRole.CentralOfficer, agencyCode: "VWU", fullName: "Trần Thị Ghi");
        var activityId = await server.WithDbAsync(db => db.Activities.Where(a => a.Number == 1).Select(a => a.Id).FirstAsync());
        await PortalServer.SignInAsync(page, email, password);
        await page.GotoAsync($"/activities/{activityId}/progress/new");
        await page.GetByLabel("Ngày cập nhật").FillAsync("12/06/2024");
        await page.Locator("#Status").SelectOptionAsync("OnTrack");
        await page.Locator("#PercentComplete").FillAsync("40");
        await page.Locator("#Done").FillAsync($"Tập huấn cán bộ, kèm biên bản ({width}).");
        await page.Locator("#Files").SetInputFilesAsync(new FilePayload { Name = $"bien-ban-{width}.pdf", MimeType = "application/pdf", Buffer = "%PDF-1.4\n"u8.ToArray() });
        await page.AssertNoAxeViolationsAsync();
        await PortalServer.ScreenshotAsync(page, $"progress-new-with-files-{width}");

        await page.Locator("form.long-form button[type=submit]").ClickAndWaitForNextPageAsync();

        var entry = page.Locator(".journal-entry", new() { HasText = $"Tập huấn cán bộ, kèm biên bản ({width})." });
        await entry.Locator("a", new() { HasText = $"bien-ban-{width}.pdf" }).WaitForAsync();
    }

    [Fact]
    public async Task The_report_saves_itself_while_typing_and_says_when()
    {
        var page = await StartReportAsync("autosave@browser.test", "08");
        // The page waits 20 s after the last change; the test shortens that wait, nothing else.
        await page.EvaluateAsync("() => document.querySelector('form[data-autosave]').dataset.autosaveDelay = '500'");
        const string typed = "Tự lưu khi đang gõ: 5 buổi sinh hoạt chi hội.";
        await page.Locator("textarea[name$='.Results']").First.FillAsync(typed);

        await page.Locator(".autosave-status", new() { HasTextRegex = new Regex(@"Đã lưu lúc \d{2}:\d{2}") }).WaitForAsync();
        var saved = await server.WithDbAsync(db => db.QuarterlyReports.AsNoTracking().Where(r => r.Lines.Any(l => l.Results == typed)).Select(r => r.Version).SingleAsync());
        Assert.Equal(saved.ToString(System.Globalization.CultureInfo.InvariantCulture), await page.Locator("input[name=Version]").InputValueAsync());
        await PortalServer.ScreenshotAsync(page, "report-autosaved-1366");
        await page.Locator(".form-actions").ScreenshotAsync(new() { Path = Path.Combine(PortalServer.ScreenshotDirectory, "report-autosaved-actions-1366.png") });

        // The button's save after an autosave is not taken for someone else's change.
        await page.Locator("textarea[name$='.Results']").First.FillAsync(typed + " Thêm.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu nháp" }).ClickAndWaitForNextPageAsync();
        await page.GetByText("Đã lưu nháp.").WaitForAsync();
        Assert.Equal(typed + " Thêm.", await page.Locator("textarea[name$='.Results']").First.InputValueAsync());
    }

    [Fact]
    public async Task Leaving_with_unsaved_changes_asks_first()
    {
        var page = await StartReportAsync("leave@browser.test", "10");
        // Typed as a person types: a browser asks before leaving only after a real gesture on the page.
        await page.Locator("textarea[name$='.Results']").First.ClickAsync();
        await page.Keyboard.TypeAsync("Chưa lưu.");
        var asked = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        page.Dialog += async (_, dialog) =>
        {
            asked.TrySetResult(dialog.Type == "beforeunload"); // before answering: answered, the navigation may end at once
            await dialog.DismissAsync();
        };

        // A dismissed question leaves the navigation hanging until its timeout: the test ends when the
        // question is answered, or when the page has left without asking (the navigation finished).
        var leaving = page.GotoAsync("/reports/mine", new() { Timeout = 3000 }).ContinueWith(_ => false, TaskScheduler.Default);
        var first = await Task.WhenAny(asked.Task, leaving);

        Assert.True(first == asked.Task && await asked.Task, "No warning before leaving with unsaved changes.");
    }
}
