using CoordinationPortal.Data;
using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Domain.Indicators;
using CoordinationPortal.Domain.Progress;
using CoordinationPortal.Domain.Reporting;
using CoordinationPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace CoordinationPortal.Web.Tests;

/// <summary>The dashboard sends the same small number of SQL commands however much data there is.</summary>
public sealed class DashboardQueryCountTests
{
    /// <summary>
    /// The dashboard's SQL commands once this process keeps the reference data (the plans' published
    /// list, the agencies, the plan's activities with their roles, periods and indicators: ADR 0061;
    /// the province catalogue: ADR 0051; a first request reads them, 6 commands): 5 of its own (report
    /// states, which the waiting list reads too; indicator sums; the chart's sums by unit; the
    /// agencies' latest words; the central agencies' latest figures of central-only activities,
    /// DashboardQueries.CentralFiguresAsync). Targets add none: they are read with the indicators,
    /// whatever their number. And 1 for reading the caller's session, kept on the server since
    /// docs/decisions/0025. The bell's unread count in the header (ADR 0042) is kept per account
    /// (ADR 0063): the page counts it once, not on every request. Before ADR 0061 every request read
    /// the reference data: 13.
    /// </summary>
    private const int ExpectedCommands = 5 + 1;

    /// <summary>
    /// Reports from <paramref name="provinces"/> provinces in every quarter, both branches, with values;
    /// progress entries with values; <paramref name="extraIndicators"/> more indicators per activity;
    /// and a national target and a target for every province on every indicator.
    /// </summary>
    private static Task<int> CountDashboardCommandsAsync(int provinces, int entriesPerActivity, int extraIndicators) =>
        CountDashboardCommandsAsync(Persona.Leadership, provinces, entriesPerActivity, extraIndicators);

    private static async Task<int> CountDashboardCommandsAsync(Persona persona, int provinces, int entriesPerActivity, int extraIndicators)
    {
        var counter = new CommandCounter();
        await using var factory = new PortalFactory { ConfigureServices = services => services.AddSingleton<IInterceptor>(counter) };
        factory.Settings["FragmentCache:Enabled"] = "false"; // the computed page is counted, not the cached HTML
        await factory.WithBulkDbAsync(async db =>
        {
            var plan = await db.Plans.Include(p => p.Activities).SingleAsync();
            foreach (var activity in plan.Activities)
            {
                for (var i = 1; i <= extraIndicators; i++)
                {
                    db.Indicators.Add(new Indicator(activity.Id, $"A{activity.Number}.EXTRA{i}", $"Chỉ tiêu thêm {i}", null, IndicatorUnit.Count, 100 + i));
                }
            }

            await db.SaveChangesAsync();
            var indicators = await db.Indicators.ToListAsync();
            var provinceIds = await db.Provinces.Where(p => p.ValidFrom == null).OrderBy(p => p.Code).Select(p => p.Id).Take(provinces).ToListAsync(); // units of 2024
            foreach (var indicator in indicators)
            {
                indicator.SetTargets(1000, provinceIds.ToDictionary(p => p, _ => 20L));
            }

            var agencies = await db.Agencies.Select(a => a.Id).ToListAsync();
            var submitted = new DateTime(2024, 6, 1, 3, 0, 0, DateTimeKind.Utc);
            db.QuarterlyReports.AddRange(Scenario.SubmittedReportsOf2024(plan, provinceIds, agencies, indicators, submitted, 10));

            foreach (var activity in plan.Activities)
            {
                foreach (var agency in activity.InvolvedAgencyIds)
                {
                    for (var i = 0; i < entriesPerActivity; i++)
                    {
                        db.ProgressEntries.Add(new ProgressEntry(activity.Id, null, agency, "t", "t", submitted,
                            new ProgressContent(new DateOnly(2024, 6, 1).AddDays(i), ActivityStatus.OnTrack, 10 + i, "d", null, null,
                                [.. indicators.Where(x => x.ActivityId == activity.Id).Select(x => new IndicatorValue(x.Id, 5 + i))])));
                    }
                }
            }

            return await db.SaveChangesAsync();
        });
        var client = await factory.SignedInClientAsync(persona);
        var planId = await factory.WithDbAsync(db => db.Plans.Select(p => p.Id).SingleAsync(TestContext.Current.CancellationToken));

        await client.GetDocumentAsync($"/dashboard?planId={planId}");
        counter.Reset();
        var page = await client.GetDocumentAsync($"/dashboard?planId={planId}");
        var commands = counter.Count;

        if (persona == Persona.Leadership)
        {
            Assert.Equal(provinces * 2, page.QuerySelectorAll($"td[data-quarter='{new Quarter(2024, 2)}'] [data-cell-state]").Count(c => c.GetAttribute("data-cell-state") == "SubmittedOnTime"));
        }
        else
        {
            // The province's own totals, each indicator with its target for the province.
            Assert.Contains(page.QuerySelectorAll("td[data-target]"), c => c.GetAttribute("data-target") is { Length: > 0 });
        }

        return commands;
    }

    /// <summary>
    /// A provincial officer's dashboard: 1 for the session (the bell's count is kept, ADR 0063), the unit's own reports
    /// (ReportQueries.MineAsync, the report pages' share), and 2 for its totals: the plan's provincial
    /// indicators each with the unit's own target (not every province's targets in a split command),
    /// and the unit's sums by quarter and indicator.
    /// </summary>
    private const int ProvinceDashboardCommands = 1 + MineCommands + 2;

    /// <summary>
    /// What ReportQueries.MineAsync reads for the list of the unit's own reports (measured: 3). The
    /// published plans, the agency's code and the plan's activities (their windows) come from this
    /// process's copy (ADR 0061); before it, 8 (the province dashboard: 12).
    /// </summary>
    private const int MineCommands = 3;

    [Fact]
    public async Task The_province_dashboard_query_count_does_not_grow_with_the_data()
    {
        var small = await CountDashboardCommandsAsync(Persona.ProvincialHaGiangVwu, provinces: 5, entriesPerActivity: 1, extraIndicators: 0);
        var large = await CountDashboardCommandsAsync(Persona.ProvincialHaGiangVwu, provinces: 50, entriesPerActivity: 10, extraIndicators: 5);

        Assert.Equal(small, large);
        Assert.Equal(ProvinceDashboardCommands, small);
        TestContext.Current.TestOutputHelper?.WriteLine($"province dashboard SQL commands: {small}");
    }

    [Fact]
    public async Task The_dashboard_query_count_does_not_grow_with_the_data()
    {
        var small = await CountDashboardCommandsAsync(provinces: 5, entriesPerActivity: 1, extraIndicators: 0);
        var large = await CountDashboardCommandsAsync(provinces: 50, entriesPerActivity: 10, extraIndicators: 5);

        Assert.True(small > 0, "no SQL command was counted: is the counter wired in?");
        Assert.Equal(small, large);
        Assert.Equal(ExpectedCommands, small);
        TestContext.Current.TestOutputHelper?.WriteLine($"dashboard SQL commands: {small}");
    }
}
