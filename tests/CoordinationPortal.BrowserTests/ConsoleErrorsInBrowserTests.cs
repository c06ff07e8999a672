using CoordinationPortal.Data;
using CoordinationPortal.Domain.Access;
using CoordinationPortal.Domain.Plans;
using CoordinationPortal.Domain.Reporting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CoordinationPortal.BrowserTests;

/// <summary>
/// The main pages of every role, and their forms shown again with errors, load in Chromium without
/// one console error: no inline style or script the Content-Security-Policy refuses, no script
/// error, no missing file. A CSP refusal is otherwise silent for the user (a summary not hidden, a
/// chart not drawn) and only the console tells.
/// </summary>
public sealed class ConsoleErrorsInBrowserTests(PortalServer server) : IClassFixture<PortalServer>
{
    private readonly List<string> _problems = [];

    [Fact]
    public async Task Every_roles_main_pages_and_forms_with_errors_log_no_console_error()
    {
        var admin = await server.NewPageAsync();
        await server.SeedDemoAsync();
        var ids = await IdsAsync();

        // Administrator: every administration page, the forms that come back with errors, and the
        // confirmation of giving up one's own role (another administrator exists).
        var (adminPassword, key) = await server.CreateAdministratorAsync("quantri.console@browser.test");
        await server.CreateAdministratorAsync("quantri.khac@browser.test", "Quản trị viên khác");
        await WatchAsync(admin);
        await PortalServer.SignInWithCodeAsync(admin, "quantri.console@browser.test", adminPassword, key);
        var self = await server.WithDbAsync(db => db.Users.Where(u => u.Email == "quantri.console@browser.test").Select(u => u.Id).SingleAsync());
        await VisitAsync(admin, [
            "/", "/plans", $"/plans/{ids.Plan}", $"/activities/{ids.Activity}", "/reports", $"/reports/{ids.Report}",
            "/dashboard", "/dashboard/years", "/audit", "/admin/users", "/admin/users/new", $"/admin/users/{self}",
            $"/admin/calendar?planId={ids.Plan}", $"/admin/indicators?planId={ids.Plan}", $"/admin/indicators/activities/{ids.Activity}",
            "/admin/provinces", "/admin/provinces/moves", "/plans/new", "/programmes/new", $"/plans/{ids.Plan}/edit/header",
            "/account", "/account/change-password", "/account/two-factor",
        ]);

        await admin.GotoAsync($"/admin/calendar?planId={ids.Plan}");
        await admin.Locator("input[name$='.DataFrom']").First.FillAsync("31/02/2026");
        await admin.Locator($"form[action='/admin/calendar/{ids.Plan}'] button[type=submit]").ClickAndWaitForNextPageAsync();
        Assert.True(await admin.Locator(".alert-danger").First.IsVisibleAsync(), "the calendar did not show its error");
        await admin.Locator("form[action$='/exemptions'] button[type=submit]").ClickAndWaitForNextPageAsync();
        await admin.GotoAsync("/admin/users/new");
        await admin.Locator("form[action='/admin/users/new'] button[type=submit]").ClickAndWaitForNextPageAsync();
        await admin.GotoAsync($"/admin/users/{self}");
        await admin.Locator("#role-Leadership").CheckAsync();
        await admin.Locator($"form[action='/admin/users/{self}'] button[type=submit]").ClickAndWaitForNextPageAsync();
        Assert.True(await admin.Locator("[data-confirm-self-demotion]").IsVisibleAsync(), "no confirmation was asked");
        await admin.AssertNoAxeViolationsAsync();
        await PortalServer.ScreenshotAsync(admin, "user-self-demotion-1366");
        await admin.SetViewportSizeAsync(390, 844);
        await PortalServer.ScreenshotAsync(admin, "user-self-demotion-390");
        await admin.SetViewportSizeAsync(1366, 900);

        // Central officer: progress (its form with errors), review, drafting.
        var central = await server.NewPageAsync();
        await WatchAsync(central);
        await PortalServer.SignInAsync(central, "trunguong.console@browser.test", await server.CreateAccountAsync("trunguong.console@browser.test", PortalRole.CentralOfficer, agencyCode: "VWU"));
        await VisitAsync(central, ["/", $"/activities/{ids.Activity}", "/reports/review", $"/reports/{ids.Report}", "/dashboard", "/plans/new", $"/admin/indicators?planId={ids.Plan}"]);
        await central.GotoAsync($"/activities/{ids.Activity}/progress/new");
        await central.Locator($"form[action='/activities/{ids.Activity}/progress/new'] button[type=submit]").Last.ClickAndWaitForNextPageAsync();

        // Provincial officer of today's Tuyên Quang: own reports and dashboard; a refused page.
        var province = await server.NewPageAsync(390, 844);
        await WatchAsync(province);
        await PortalServer.SignInAsync(province, "tinh.console@browser.test", await server.CreateAccountAsync("tinh.console@browser.test", PortalRole.ProvincialOfficer, agencyCode: "VWU", provinceCode: "08", today: true));
        await VisitAsync(province, ["/", "/reports/mine", "/reports", "/dashboard", $"/plans/{ids.Plan}", "/account/change-password"]);
        for (var i = 0; i < 3; i++)
        {
            await VisitAsync(province, ["/admin/users"], expectedStatus: 403);
        }

        await province.GotoAsync("/account/change-password");
        await province.Locator("form[action='/account/change-password'] button[type=submit]").ClickAndWaitForNextPageAsync();

        // Leadership: dashboard, years, the audit trail.
        var leader = await server.NewSignedInPageAsync();
        await WatchAsync(leader);
        await VisitAsync(leader, ["/", "/dashboard", "/dashboard/years", "/audit", $"/reports/{ids.Report}"]);

        Assert.True(_problems.Count == 0, "console errors:\n" + string.Join('\n', _problems));
    }

    [Fact]
    public async Task The_audit_page_with_its_filters_downloads_and_counted_refusals_reads_on_desktop_and_phone()
    {
        var page = await server.NewPageAsync();
        var (password, key) = await server.CreateAdministratorAsync("quantri.nhatky@browser.test");
        var province = await server.NewPageAsync();
        await PortalServer.SignInAsync(province, "tinh.nhatky@browser.test", await server.CreateAccountAsync("tinh.nhatky@browser.test", PortalRole.ProvincialOfficer, agencyCode: "CEMA", provinceCode: "04"));
        for (var i = 1; i <= 12; i++)
        {
            await province.GotoAsync($"/admin/users/{i}");
        }

        await PortalServer.SignInWithCodeAsync(page, "quantri.nhatky@browser.test", password, key);
        await WatchAsync(page);
        foreach (var export in new[] { "/exports/reports.xlsx", "/exports/dashboard.xlsx", "/exports/results.docx" })
        {
            var response = await page.APIRequest.GetAsync(export);
            Assert.Equal(200, response.Status);
        }

        foreach (var (width, height) in new[] { (1366, 900), (390, 844) })
        {
            await page.SetViewportSizeAsync(width, height);
            await page.GotoAsync("/audit");
            Assert.Equal(3, await page.Locator("tr[data-audit-action='Downloaded']").CountAsync());
            Assert.Equal("12", await page.Locator("tr", new() { HasText = "tinh.nhatky@browser.test" }).Locator("[data-audit-repeats]").GetAttributeAsync("data-audit-repeats"));
            await page.AssertNoAxeViolationsAsync();
            await PortalServer.ScreenshotAsync(page, $"audit-{width}");
            var wide = await page.EvaluateAsync<string>("() => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1).slice(-5).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right) + ': ' + (e.textContent || '').trim().slice(0, 60)).join(' | ')");
            Assert.True(wide.Length == 0, $"the audit page scrolls sideways at {width}px: {wide}");

            await page.GotoAsync("/audit?action=Downloaded&text=reports.xlsx");
            Assert.Equal(1, await page.Locator("tbody tr").CountAsync());
            await PortalServer.ScreenshotAsync(page, $"audit-filtered-{width}");

            await page.GotoAsync("/audit?action=AccessDenied&user=tinh.nhatky");
            Assert.Equal(1, await page.Locator("tbody tr").CountAsync());
            await page.AssertNoAxeViolationsAsync();
            await PortalServer.ScreenshotAsync(page, $"audit-denials-{width}");
        }

        Assert.True(_problems.Count == 0, "console errors:\n" + string.Join('\n', _problems));
    }

    /// <summary>Collects the page's console errors, uncaught script errors and CSP refusals (with where they came from).</summary>
    private async Task WatchAsync(IPage page)
    {
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource: the server responded with a status of 403", StringComparison.Ordinal))
            {
                _problems.Add($"{page.Url}: {message.Text}");
            }
        };
        page.PageError += (_, error) => _problems.Add($"{page.Url}: uncaught {error}");
        await page.AddInitScriptAsync("document.addEventListener('securitypolicyviolation', e => console.error('CSP refused ' + e.violatedDirective + ' at ' + e.sourceFile + ':' + e.lineNumber + ' ' + (e.sample || '')));");
    }

    private async Task VisitAsync(IPage page, IEnumerable<string> urls, int expectedStatus = 200)
    {
        foreach (var url in urls)
        {
            var response = await page.GotoAsync(url);
            if (response?.Status != expectedStatus)
            {
                _problems.Add($"{url}: answered {response?.Status}, expected {expectedStatus}");
            }

            await page.WaitForFunctionAsync("() => document.readyState === 'complete'");
        }
    }

    private sealed record Ids(int Plan, int Activity, int Report);

    /// <summary>This year's demo plan, one of its activities where provinces report, and a submitted report of it.</summary>
    private Task<Ids> IdsAsync() => server.WithDbAsync(async db =>
    {
        var year = DateTime.UtcNow.Year;
        var plan = await db.Plans.Where(p => p.Year == year && p.State == PlanState.Published).Select(p => p.Id).SingleAsync();
        var activity = await db.Activities.Where(a => a.PlanId == plan).OrderBy(a => a.Number).Select(a => a.Id).FirstAsync();
        var report = await db.QuarterlyReports.Where(r => r.PlanId == plan && r.State != ReportState.Draft).OrderBy(r => r.Id).Select(r => r.Id).FirstAsync();
        return new Ids(plan, activity, report);
    });
}
