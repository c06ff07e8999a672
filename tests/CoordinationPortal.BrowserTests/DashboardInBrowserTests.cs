using CoordinationPortal.Domain.Access;
using Microsoft.Playwright;

namespace CoordinationPortal.BrowserTests;

public sealed class DashboardInBrowserTests(PortalServer server) : IClassFixture<PortalServer>
{
    [Theory]
    [InlineData(1366, 900)]
    [InlineData(390, 844)]
    public async Task Leadership_sees_the_dashboard_with_charts_and_tables_and_it_is_accessible(int width, int height)
    {
        var page = await server.NewPageAsync(width, height);
        if (!_seeded)
        {
            await server.SeedDemoAsync();
            _seeded = true;
        }

        var password = await server.CreateAccountAsync($"lanhdao{width}@browser.test", PortalRole.Leadership, fullName: "Lãnh đạo Ban");
        await PortalServer.SignInAsync(page, $"lanhdao{width}@browser.test", password);

        await page.GotoAsync("/dashboard");

        Assert.Equal(7, await page.Locator(".dashboard-activities tbody tr").CountAsync());
        // This year's demo plan: today's 34 units, four quarters, two branches.
        Assert.Equal(34 * 4 * 2, await page.Locator(".province-grid [data-cell-state]").CountAsync());
        // Chart.js comes when a chart nears the screen (below the grid at both widths).
        await page.Locator("#funds-chart").ScrollIntoViewIfNeededAsync();
        await page.WaitForFunctionAsync("() => window.Chart !== undefined && Chart.getChart(document.getElementById('funds-chart')) !== undefined");
        await page.AssertNoAxeViolationsAsync();
        await PortalServer.ScreenshotAsync(page, $"dashboard-{width}");
        var overflow = await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth");
        Assert.False(overflow, $"the dashboard scrolls sideways at {width}px");
    }

    [Theory]
    [InlineData(1366, 900)]
    [InlineData(390, 844)]
    public async Task Leadership_follows_reporting_across_the_years_by_todays_provinces(int width, int height)
    {
        var page = await server.NewPageAsync(width, height);
        if (!_seeded)
        {
            await server.SeedDemoAsync();
            _seeded = true;
        }

        var password = await server.CreateAccountAsync($"qua.cac.nam{width}@browser.test", PortalRole.Leadership, fullName: "Lãnh đạo Vụ");
        await PortalServer.SignInAsync(page, $"qua.cac.nam{width}@browser.test", password);

        await page.GotoAsync("/dashboard/years");

        Assert.Equal(34, await page.Locator(".years-provinces tbody tr").CountAsync());
        Assert.Contains("Hà Giang", await page.Locator(".years-provinces tr", new() { HasText = "Tuyên Quang" }).First.InnerTextAsync(), StringComparison.Ordinal);
        await page.AssertNoAxeViolationsAsync();
        await PortalServer.ScreenshotAsync(page, $"years-{width}");
        var overflow = await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth");
        Assert.False(overflow, $"the years page scrolls sideways at {width}px");
    }

    [Fact]
    public async Task On_a_phone_the_dashboard_lists_its_contents_keeps_provinces_in_view_and_labels_apart()
    {
        var page = await server.NewPageAsync(390, 844);
        if (!_seeded)
        {
            await server.SeedDemoAsync();
            _seeded = true;
        }

        var password = await server.CreateAccountAsync("dien.thoai@browser.test", PortalRole.Leadership, fullName: "Lãnh đạo Vụ");
        await PortalServer.SignInAsync(page, "dien.thoai@browser.test", password);
        await page.GotoAsync("/dashboard");
        // Chart.js comes when a chart nears the screen: scroll to each, then back to the top.
        foreach (var id in new[] { "funds-chart", "region-chart" })
        {
            await page.Locator($"#{id}").ScrollIntoViewIfNeededAsync();
            await page.WaitForFunctionAsync($"() => window.Chart !== undefined && Chart.getChart(document.getElementById('{id}')) !== undefined");
        }

        await page.EvaluateAsync("() => window.scrollTo(0, 0)");

        // The contents are a list: one entry per line, none running into the next.
        var tops = await page.Locator(".toc li").EvaluateAllAsync<double[]>("items => items.map(i => Math.round(i.getBoundingClientRect().top))");
        Assert.Equal(4, tops.Length);
        Assert.Equal(tops.Length, tops.Distinct().Count());

        // A state badge is a label, not a box as wide as its cell (which is what a text box looks like);
        // the percentage beside it stays on the value's side, not under the label "Tình trạng".
        var badge = await page.Locator(".dashboard-activities td .status-badge").First.EvaluateAsync<double[]>(
            "b => { const td = b.closest('td').getBoundingClientRect(), r = b.getBoundingClientRect(), p = b.nextElementSibling.getBoundingClientRect(); return [r.width / td.width, r.left - td.left, p.left - td.left]; }");
        Assert.True(badge[0] < 0.6, $"The badge takes {badge[0]:P0} of its cell.");
        Assert.True(badge[2] >= badge[1] - 1, $"The percentage starts at {badge[2]}px, left of the badge ({badge[1]}px).");

        // Scrolled sideways to later quarters, the province names stay at the grid's left edge.
        var scroller = page.Locator(".table-scroll:has(.province-grid)");
        await scroller.EvaluateAsync("s => { s.scrollIntoView({ block: 'start', behavior: 'instant' }); s.scrollLeft = 600; }");
        var edges = await scroller.EvaluateAsync<double[]>(
            "s => { const th = s.querySelectorAll('tbody th[scope=row]')[3]; const r = th.getBoundingClientRect(); const hit = document.elementFromPoint(r.left + 5, r.top + r.height / 2); return [s.scrollLeft, r.left - s.getBoundingClientRect().left, th.contains(hit) ? 1 : 0]; }");
        Assert.True(edges[0] > 100, "The grid does not scroll sideways at 390 px.");
        Assert.InRange(edges[1], -1, 1);
        Assert.True(edges[2] == 1, "A province's name is covered by the quarters scrolled under it.");

        // The charts' category names neither slant nor overlap.
        var charts = await page.EvaluateAsync<string[]>(
            """
            () => ['funds-chart', 'region-chart'].map(id => {
              const chart = Chart.getChart(document.getElementById(id));
              const scale = Object.values(chart.scales).find(s => s.type === 'category');
              const ctx = chart.ctx;
              ctx.save();
              // The tick font as Chart.js's helpers.toFont makes it (the bar-only build has no helpers):
              // the tick's own settings over Chart.defaults.font.
              const own = scale.options.ticks.font || {}, d = Chart.defaults.font;
              const f = Object.fromEntries(['style', 'weight', 'size', 'family', 'lineHeight'].map(k => [k, own[k] ?? d[k]]));
              ctx.font = [f.style, f.weight, f.size + 'px', f.family].filter(Boolean).join(' ');
              const lines = chart.data.labels.map(l => Array.isArray(l) ? l : [l]);
              const step = Math.abs(scale.getPixelForTick(1) - scale.getPixelForTick(0));
              const size = typeof f.lineHeight === 'number' ? f.lineHeight * f.size : parseFloat(f.lineHeight);
              const need = scale.isHorizontal()
                ? Math.max(...lines.map(ls => Math.max(...ls.map(t => ctx.measureText(t).width))))
                : Math.max(...lines.map(ls => ls.length)) * size;
              ctx.restore();
              const slanted = scale.isHorizontal() && scale.labelRotation !== 0;
              return slanted || step < need ? `${id}: ${Math.round(step)}px for labels needing ${Math.round(need)}px, rotation ${scale.labelRotation}` : '';
            })
            """);
        Assert.All(charts, Assert.Empty);
        await page.AssertNoAxeViolationsAsync();
    }

    private static bool _seeded;
}
