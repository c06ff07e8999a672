using System.Diagnostics;
using System.Text.RegularExpressions;
using CoordinationPortal.Domain.Access;
using CoordinationPortal.Domain.Calendar;
using Microsoft.Playwright;

namespace CoordinationPortal.BrowserTests;

/// <summary>
/// A report or the plan printed for a meeting (A4, the document only), and the report form on a
/// phone or a short laptop screen, where the sticky action bar must not cover the field being typed.
/// </summary>
public sealed partial class PrintAndPhoneInBrowserTests(PortalServer server) : IClassFixture<PortalServer>
{
    private static readonly Quarter Q4 = new(2024, 4);

    [GeneratedRegex(@"/reports/\d+/edit$")]
    private static partial Regex EditUrl();

    [GeneratedRegex(@"/reports/\d+$")]
    private static partial Regex ReportUrl();

    private async Task<IPage> StartReportAsync(string email, string provinceCode, int width, int height)
    {
        var page = await server.NewPageAsync(width, height);
        var password = await server.CreateAccountAsync(email, PortalRole.ProvincialOfficer, agencyCode: "VWU", provinceCode: provinceCode, fullName: "Lò Thị Mai");
        await server.GrantExemptionAsync(provinceCode, "VWU", Q4);
        await PortalServer.SignInAsync(page, email, password);
        await page.GotoAsync("/reports/mine");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lập báo cáo Quý IV/2024" }).ClickAsync();
        await page.ArriveAtAsync(EditUrl());
        return page;
    }

    /// <summary>Prints the page as Chromium's "Save as PDF" does and returns the PDF's text, page by page.</summary>
    private static async Task<(string[] Pages, string Info)> PrintAsync(IPage page, string name)
    {
        var path = Path.Combine(PortalServer.ScreenshotDirectory, name + ".pdf");
        await page.PdfAsync(new PagePdfOptions { Path = path, PreferCSSPageSize = true, PrintBackground = true });
        var info = await RunAsync("pdfinfo", path);
        var text = await RunAsync("pdftotext", "-layout", path, "-");
        return (text.Split('\f', StringSplitOptions.RemoveEmptyEntries), info);
    }

    private static async Task<string> RunAsync(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start (apt-get install poppler-utils).");
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{tool} failed: {await process.StandardError.ReadToEndAsync()}");
        return output;
    }

    [Fact]
    public async Task A_submitted_report_prints_on_A4_with_unit_quarter_and_state_on_top_and_no_menus()
    {
        var page = await StartReportAsync("in.baocao@browser.test", "04", 1366, 900);
        foreach (var select in await page.Locator("select[name$='.Status']").AllAsync())
        {
            await select.SelectOptionAsync("OnTrack");
        }

        foreach (var textarea in await page.Locator("textarea[name$='.Results']").AllAsync())
        {
            await textarea.FillAsync("Tổ chức 3 buổi tuyên truyền tại các xã vùng cao; 215 phụ nữ dân tộc thiểu số tham dự.");
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Gửi báo cáo" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Xác nhận" });
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Gửi báo cáo" }).ClickAsync();
        await page.ArriveAtAsync(ReportUrl());

        // On screen, a print button (the script shows it); on paper, neither it nor the menus.
        Assert.True(await page.Locator("button[data-print]").IsVisibleAsync(), "No print button on the report page.");
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        Assert.False(await page.Locator(".portal-header").IsVisibleAsync(), "The menu bar is printed.");
        Assert.False(await page.Locator("button[data-print]").IsVisibleAsync(), "The print button is printed.");

        var (pages, info) = await PrintAsync(page, "report-print");
        Assert.Matches(@"Page size:\s+59[45]\.\d+ x 841\.\d+ pts \(A4\)", info);
        var first = pages[0];
        // What the page is about comes first: unit (branch and province), quarter and state.
        Assert.Contains("Hội LHPN tỉnh, thành phố · Cao Bằng", first, StringComparison.Ordinal);
        Assert.Contains("Quý IV/2024", first, StringComparison.Ordinal);
        Assert.Contains("Đã gửi, chờ duyệt", first, StringComparison.Ordinal);
        Assert.True(first.IndexOf("Đã gửi, chờ duyệt", StringComparison.Ordinal) < first.IndexOf("Hoạt động 1", StringComparison.Ordinal), "The state is not above the report's lines.");
        var all = string.Join('\n', pages);
        Assert.Contains("215 phụ nữ", all, StringComparison.Ordinal);
        foreach (var menu in new[] { "Đăng xuất", "Báo cáo của đơn vị", "Chuyển đến nội dung chính", "In (khổ A4)" })
        {
            Assert.DoesNotContain(menu, all, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_plan_prints_as_the_document_on_A4_pages_with_its_table_headers_repeated()
    {
        var page = await server.NewSignedInPageAsync();
        await page.GotoAsync("/");
        await page.Locator("a[data-plan-link]").ClickAndWaitForNextPageAsync();

        var (pages, info) = await PrintAsync(page, "plan-print");

        Assert.Matches(@"Page size:\s+59[45]\.\d+ x 841\.\d+ pts \(A4\)", info);
        Assert.True(pages.Length >= 3, $"The plan printed on {pages.Length} page(s).");
        Assert.StartsWith("Số: 468/KH-HLHPNVN-UBDT", pages[0].Trim(), StringComparison.Ordinal);
        var all = string.Join('\n', pages);
        Assert.Contains("KẾ HOẠCH", all, StringComparison.Ordinal);
        foreach (var menu in new[] { "Đăng xuất", "English", "Mục lục", "In (khổ A4)" })
        {
            Assert.DoesNotContain(menu, all, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(390, 844)]
    [InlineData(1366, 640)]
    public async Task Every_field_of_the_report_form_stays_visible_above_the_action_bar_when_reached_with_Tab(int width, int height)
    {
        var page = await StartReportAsync($"thanh.tacvu{width}@browser.test", width == 390 ? "06" : "10", width, height);
        var fields = await page.Locator("form#report-form select, form#report-form textarea, form#report-form input:not([type=hidden])").CountAsync();
        Assert.True(fields > 10, $"Only {fields} fields on the report form.");

        // Scrolling to a focused field is then immediate, as the check below needs (Bootstrap scrolls smoothly).
        await page.EmulateMediaAsync(new() { ReducedMotion = ReducedMotion.Reduce });
        await page.Locator("select[name$='.Status']").First.FocusAsync();
        var covered = new List<string>();
        for (var i = 0; i < fields; i++)
        {
            // A field is usable when the point at its centre (or its first line) is the field itself.
            var hidden = await page.EvaluateAsync<string?>(
                """
                () => {
                  const f = document.activeElement;
                  if (!f || !f.closest('form#report-form') || f.closest('.form-actions')) return null;
                  const r = f.getBoundingClientRect();
                  const y = Math.min(r.top + 12, r.bottom - 2);
                  const hit = document.elementFromPoint(r.left + Math.min(r.width / 2, 40), y);
                  return hit === f || f.contains(hit) ? null : (f.name || f.id) + ' under ' + (hit ? hit.className : 'nothing');
                }
                """);
            if (hidden is not null)
            {
                covered.Add(hidden);
            }

            await page.Keyboard.PressAsync("Tab");
        }

        Assert.Empty(covered);
        await PortalServer.ScreenshotAsync(page, $"report-edit-tabbed-{width}");
    }
}
