using CoordinationPortal.Domain.Access;
using CoordinationPortal.Domain.Reporting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CoordinationPortal.BrowserTests;

/// <summary>
/// The pages people open first on a phone over a slow link (the dashboard, the report form, the home
/// page) load without a console error or a Content-Security-Policy refusal; the dashboard fetches
/// Chart.js only when a chart comes near the screen, and the chart is still drawn when scrolled to.
/// </summary>
public sealed class FirstVisitInBrowserTests(PortalServer server) : IClassFixture<PortalServer>
{
    private readonly List<string> _problems = [];

    [Fact]
    public async Task The_dashboard_loads_Chart_js_only_when_a_chart_comes_near_and_draws_it_without_console_errors()
    {
        var page = await server.NewPageAsync(390, 844);
        await SeedOnceAsync();
        var password = await server.CreateAccountAsync("lanhdao.first@browser.test", PortalRole.Leadership, fullName: "Lãnh đạo Ban");
        await PortalServer.SignInAsync(page, "lanhdao.first@browser.test", password);
        await WatchAsync(page);

        await page.GotoAsync("/dashboard");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.False(await ChartJsRequestedAsync(page), "Chart.js was fetched before any chart came near the screen");
        await PortalServer.ScreenshotAsync(page, "dashboard-first-visit-390");

        foreach (var id in new[] { "funds-chart", "region-chart" })
        {
            await page.Locator($"#{id}").ScrollIntoViewIfNeededAsync();
            await page.WaitForFunctionAsync($"() => window.Chart !== undefined && Chart.getChart(document.getElementById('{id}')) !== undefined");
            // Something drawn: bars and axes are non-transparent pixels on the canvas.
            var painted = await page.Locator($"#{id}").EvaluateAsync<int>(
                "c => { const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0; for (let i = 3; i < d.length; i += 4) { if (d[i] > 0) n++; } return n; }");
            Assert.True(painted > 1000, $"{id} has {painted} painted pixels once scrolled into view");
            Assert.True(await page.Locator($"#{id}").IsVisibleAsync(), $"{id} is not visible");
        }

        Assert.True(await ChartJsRequestedAsync(page), "Chart.js was never fetched");
        await PortalServer.ScreenshotAsync(page, "dashboard-charts-drawn-390");
        Assert.True(_problems.Count == 0, "console errors:\n" + string.Join('\n', _problems));
    }

    [Fact]
    public async Task The_report_form_and_the_home_page_log_no_console_error()
    {
        var page = await server.NewPageAsync(390, 844);
        await SeedOnceAsync();
        // A returned report of a unit that exists today: its officer may edit it whatever the lock says.
        var report = await server.WithDbAsync(db => db.QuarterlyReports
            .Where(r => r.State == ReportState.Returned)
            .Join(db.Provinces.Where(p => p.ValidTo == null), r => r.ProvinceId, p => p.Id, (r, p) => new { r.Id, Province = p.Code, r.AgencyId })
            .Join(db.Agencies, r => r.AgencyId, a => a.Id, (r, a) => new { r.Id, r.Province, Agency = a.Code })
            .OrderBy(r => r.Id)
            .FirstAsync());
        var password = await server.CreateAccountAsync("tinh.first@browser.test", PortalRole.ProvincialOfficer, agencyCode: report.Agency, provinceCode: report.Province, today: true);
        await PortalServer.SignInAsync(page, "tinh.first@browser.test", password);
        await WatchAsync(page);

        foreach (var url in new[] { "/", $"/reports/{report.Id}/edit" })
        {
            var response = await page.GotoAsync(url);
            Assert.Equal(200, response?.Status);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        }

        Assert.True(await page.Locator("fieldset.report-line").CountAsync() > 0, "the report form shows no line");
        Assert.True(_problems.Count == 0, "console errors:\n" + string.Join('\n', _problems));
    }

    private static bool _seeded;

    private async Task SeedOnceAsync()
    {
        if (!_seeded)
        {
            await server.SeedDemoAsync();
            _seeded = true;
        }
    }

    private static Task<bool> ChartJsRequestedAsync(IPage page) =>
        page.EvaluateAsync<bool>("() => performance.getEntriesByType('resource').some(r => r.name.includes('/lib/chart.js/'))");

    /// <summary>Collects console errors, uncaught script errors and CSP refusals (with where they came from).</summary>
    private async Task WatchAsync(IPage page)
    {
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                _problems.Add($"{page.Url}: {message.Text}");
            }
        };
        page.PageError += (_, error) => _problems.Add($"{page.Url}: uncaught {error}");
        await page.AddInitScriptAsync("document.addEventListener('securitypolicyviolation', e => console.error('CSP refused ' + e.violatedDirective + ' at ' + e.sourceFile + ':' + e.lineNumber + ' ' + (e.sample || '')));");
    }
}
