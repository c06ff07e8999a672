using CoordinationPortal.Domain.Indicators;
using CoordinationPortal.Domain.Progress;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CoordinationPortal.BrowserTests;

/// <summary>
/// The audit page in words and the latest word of each agency beside an activity's status, as
/// leadership and an administrator see them on a desktop and a phone: accessible, no sideways scroll.
/// </summary>
public sealed class AuditAndStatusInBrowserTests(PortalServer server) : IClassFixture<PortalServer>
{
    private static readonly SemaphoreSlim Once = new(1, 1);
    private static int _activityId;

    /// <summary>Activity 3 (VWU leads): only CEMA, the supporting agency, has written (40%), then corrected a figure.</summary>
    private async Task<int> ActivityAsync()
    {
        await Once.WaitAsync();
        try
        {
            if (_activityId != 0)
            {
                return _activityId;
            }

            await server.NewPageAsync(); // starts the app
            _activityId = await server.WithDbAsync(async db =>
            {
                var activity = await db.Activities.SingleAsync(a => a.Number == 3);
                var cema = await db.Agencies.Where(a => a.Code == "CEMA").Select(a => a.Id).SingleAsync();
                var indicator = await db.Indicators.Where(i => i.ActivityId == activity.Id).OrderBy(i => i.SortOrder).Select(i => i.Id).FirstAsync();
                var at = new DateTime(2024, 6, 10, 2, 0, 0, DateTimeKind.Utc);
                var entry = new ProgressEntry(activity.Id, null, cema, "browser", "Cán bộ Dân tộc", at, new ProgressContent(new DateOnly(2024, 6, 10), ActivityStatus.OnTrack, 40, "Đã góp ý dự thảo chương trình hội thảo.", null, null, [new IndicatorValue(indicator, 3)]));
                db.ProgressEntries.Add(entry);
                await db.SaveChangesAsync();
                entry.Correct(cema, "Cán bộ Dân tộc", at.AddHours(1), new ProgressContent(new DateOnly(2024, 6, 10), ActivityStatus.OnTrack, 40, "Đã góp ý dự thảo chương trình hội thảo.", null, null, [new IndicatorValue(indicator, 5)]));
                await db.SaveChangesAsync();
                return activity.Id;
            });
            return _activityId;
        }
        finally
        {
            Once.Release();
        }
    }

    private static async Task AssertFitsAsync(IPage page, int width)
    {
        await page.AssertNoAxeViolationsAsync();
        var overflow = await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth");
        Assert.False(overflow, $"{page.Url} scrolls sideways at {width}px");
    }

    [Theory]
    [InlineData(1366)]
    [InlineData(390)]
    public async Task The_activity_page_shows_each_agencys_latest_word_beside_the_status(int width)
    {
        var activityId = await ActivityAsync();
        var page = await server.NewSignedInPageAsync(width);

        await page.GotoAsync($"/activities/{activityId}");

        Assert.Contains("40%", await page.Locator(".activity-facts [data-latest-words] li[data-agency='CEMA']").InnerTextAsync(), StringComparison.Ordinal);
        await AssertFitsAsync(page, width);
        await PortalServer.ScreenshotAsync(page, $"activity-3-latest-words-{width}");
        await page.GotoAsync("/dashboard");
        await AssertFitsAsync(page, width);
        await PortalServer.ScreenshotAsync(page, $"dashboard-latest-words-{width}");
    }

    [Theory]
    [InlineData(1366)]
    [InlineData(390)]
    public async Task The_audit_page_reads_in_words_for_leadership_and_an_administrator(int width)
    {
        await ActivityAsync();
        var leader = await server.NewSignedInPageAsync(width);

        await leader.GotoAsync("/audit");

        Assert.True(await leader.Locator("tbody tr[data-audit-entity='ProgressEntry.IndicatorValue']").CountAsync() > 0);
        Assert.Equal(0, await leader.Locator("tbody tr[data-audit-action='SignInSucceeded']").CountAsync());
        await AssertFitsAsync(leader, width);
        await PortalServer.ScreenshotAsync(leader, $"audit-leadership-{width}");

        var email = $"audit-admin-{width}@browser.test";
        var (password, key) = await server.CreateAdministratorAsync(email);
        var admin = await server.NewPageAsync(width);
        await PortalServer.SignInWithCodeAsync(admin, email, password, key);
        await admin.GotoAsync("/audit");
        Assert.True(await admin.Locator("tbody tr[data-audit-action='SignInSucceeded']").CountAsync() > 0);
        await AssertFitsAsync(admin, width);
        await PortalServer.ScreenshotAsync(admin, $"audit-administrator-{width}");
    }
}
