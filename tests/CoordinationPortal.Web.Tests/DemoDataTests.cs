using System.Globalization;
using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Domain.Plans;
using CoordinationPortal.Domain.Provinces;
using CoordinationPortal.Web.Infrastructure.Accounts;
using CoordinationPortal.Web.Infrastructure.Demo;
using CoordinationPortal.Web.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CoordinationPortal.Web.Tests;

/// <summary>The demo data serves the present: plans for the years up to today, the units of each year, Plan 468 left as signed.</summary>
public sealed class DemoDataTests
{
    /// <summary>29/11/2026, 09:00 in Hà Nội: Q3/2026 is due and locked, Q4/2026 is open and not yet due.</summary>
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 2, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Five_years_of_demo_data_are_the_five_years_up_to_now_with_the_units_of_each_quarter_and_plan_468_untouched()
    {
        await using var factory = new PortalFactory();
        var summary = await SeedAsync(factory, years: 5);

        var plans = await factory.WithDbAsync(db => db.Plans.AsNoTracking().Include(p => p.Programme).Include(p => p.Activities).ToListAsync(Ct));
        Assert.Equal([2022, 2023, 2024, 2025, 2026], plans.Select(p => p.Year).Order());
        Assert.All(plans, p => Assert.Equal(PlanState.Published, p.State));
        var plan468 = plans.Single(p => p.Year == 2024);
        Assert.Equal(Scenario.Plan468, plan468.Number);
        Assert.All(plans.Where(p => p != plan468), p => Assert.StartsWith("DEMO-", p.Number, StringComparison.Ordinal));
        Assert.Equal([2024], summary.RealPlanYears);
        Assert.Equal(4, summary.Plans);

        // The real plan has no made-up reports or progress.
        Assert.Equal(0, await factory.WithDbAsync(db => db.QuarterlyReports.CountAsync(r => r.PlanId == plan468.Id, Ct)));
        var plan468Activities = plan468.Activities.Select(a => a.Id).ToList();
        Assert.Equal(0, await factory.WithDbAsync(db => db.ProgressEntries.CountAsync(e => plan468Activities.Contains(e.ActivityId), Ct)));

        // 2026 lies past the real programme (2021-2025): it belongs to the demo programme.
        var plan2026 = plans.Single(p => p.Year == 2026);
        Assert.Equal((DemoDataSeeder.DemoProgrammeNumber, 2026, 2030), (plan2026.Programme.Number, plan2026.Programme.FirstYear, plan2026.Programme.LastYear));
        Assert.Equal("1541/CTPH-UBDT-HLHPN", plans.Single(p => p.Year == 2025).Programme.Number);

        // Every report comes from a unit that existed in its quarter: 63 units until Q2/2025, the 34 after.
        var provinces = await factory.WithDbAsync(db => db.Provinces.AsNoTracking().ToDictionaryAsync(p => p.Id, Ct));
        var reports = await factory.WithDbAsync(db => db.QuarterlyReports.AsNoTracking().Select(r => new { r.PlanId, r.Quarter, r.ProvinceId }).ToListAsync(Ct));
        Assert.All(reports, r => Assert.True(provinces[r.ProvinceId].CountsIn(r.Quarter), $"{provinces[r.ProvinceId].Name} in {r.Quarter}"));
        int UnitsIn(Quarter q) => reports.Where(r => r.Quarter == q).Select(r => r.ProvinceId).Distinct().Count();
        Assert.InRange(UnitsIn(new Quarter(2025, 2)), 55, 63);
        Assert.InRange(UnitsIn(new Quarter(2025, 3)), 28, 34);
        Assert.InRange(UnitsIn(new Quarter(2026, 3)), 28, 34);

        // The current quarter is left open: nothing made up for Q4/2026, which is not yet due.
        Assert.DoesNotContain(reports, r => r.Quarter == new Quarter(2026, 4));

        // Provincial reports have no line for central-only activities (the copies of Plan 468's 3 and 7).
        var centralOnly = plans.SelectMany(p => p.Activities).Where(a => !a.ProvincesReport).Select(a => a.Id).ToList();
        Assert.Equal(2 * 5, centralOnly.Count);
        Assert.Equal(0, await factory.WithDbAsync(db => db.ReportLines.CountAsync(l => centralOnly.Contains(l.ActivityId), Ct)));

        // Some indicators of demo plans carry a yearly target; Plan 468's have none made up.
        Assert.True(await factory.WithDbAsync(db => db.Indicators.AnyAsync(i => i.Target != null && !plan468Activities.Contains(i.ActivityId), Ct)));
        Assert.False(await factory.WithDbAsync(db => db.Indicators.AnyAsync(i => i.Target != null && plan468Activities.Contains(i.ActivityId), Ct)));

        // A second run finds everything it made.
        var again = await SeedAsync(factory, years: 5);
        Assert.Equal((0, 0), (again.Reports, again.ProgressEntries));
        Assert.Equal(reports.Count, await factory.WithDbAsync(db => db.QuarterlyReports.CountAsync(Ct)));
        Assert.Equal(5, await factory.WithDbAsync(db => db.Plans.CountAsync(Ct)));
    }

    [Fact]
    public async Task A_new_development_database_has_this_years_plan_published_and_its_current_quarter_open_for_the_demo_officer()
    {
        var directory = PortalFactory.NewDataDirectory();
        try
        {
            var clock = new FakeTimeProvider(Now);
            await using var factory = new PortalFactory(directory) { EnvironmentName = "Development" };
            factory.ConfigureServices = services => services.AddSingleton<TimeProvider>(clock);
            _ = factory.Services; // starts the app: demo data, then the demo accounts

            var years = await factory.WithDbAsync(db => db.Plans.Where(p => p.State == PlanState.Published).Select(p => p.Year).OrderBy(y => y).ToListAsync(Ct));
            Assert.Equal([2024, 2025, 2026], years);

            var accounts = await File.ReadAllTextAsync(Path.Combine(directory, AccountBootstrap.DemoAccountsFile), Ct);
            var officer = accounts.Split('\n').Select(l => l.Split(" | ")).Single(r => r[0] == "ProvincialOfficer" && r[1].StartsWith("tuyenquang.vwu@", StringComparison.Ordinal));
            var client = factory.NewClient();
            using var signIn = await PortalFactory.SignInAsync(client, officer[1].Trim(), officer[2].Trim());
            var mine = await client.GetDocumentAsync("/reports/mine");

            var start = mine.QuerySelectorAll("form[action='/reports/start']").ToList();
            var open = Assert.Single(start);
            Assert.Equal(new Quarter(2026, 4).Key.ToString(CultureInfo.InvariantCulture), open.QuerySelector("input[name=Quarter]")!.GetAttribute("value"));
            Assert.Null(mine.QuerySelector(".alert-info")); // this year's plan is there: no "not yet published" notice
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Without_this_years_plan_the_home_page_and_dashboard_say_so_and_offer_drafting_it_and_a_province_is_told_when_its_quarters_open()
    {
        var clock = new FakeTimeProvider(Now);
        await using var factory = new PortalFactory();
        factory.ConfigureServices = services => services.AddSingleton<TimeProvider>(clock);

        var admin = await factory.SignedInClientAsync(Persona.Administrator);
        var dashboard = await admin.GetDocumentAsync("/dashboard");
        var notice = dashboard.QuerySelector(".alert-warning")!;
        Assert.Contains("Chưa có kế hoạch năm 2026 được công bố; bảng tổng hợp đang hiển thị kế hoạch năm 2024.", notice.Text(), StringComparison.Ordinal);
        Assert.Equal("/plans/new", notice.QuerySelector("a")!.GetAttribute("href"));

        // The first page after sign-in says it too: no locked portal without a word.
        var home = (await admin.GetDocumentAsync("/")).QuerySelector("[data-this-year-notice]")!;
        Assert.Contains("Chưa có kế hoạch năm 2026 được công bố; việc cần làm dưới đây theo kế hoạch năm 2024.", home.Text(), StringComparison.Ordinal);
        Assert.Equal("/plans/new", home.QuerySelector("[data-this-year-link]")!.GetAttribute("href"));

        var leader = await factory.SignedInClientAsync(Persona.Leadership);
        Assert.Null((await leader.GetDocumentAsync("/dashboard")).QuerySelector(".alert-warning a")); // leadership reads, does not draft
        var leaderHome = (await leader.GetDocumentAsync("/")).QuerySelector("[data-this-year-notice]")!;
        Assert.Null(leaderHome.QuerySelector("a"));
        Assert.Contains("khi kế hoạch năm được công bố", leaderHome.Text(), StringComparison.Ordinal);

        // Once a draft of 2026 exists, the administrator is sent to check and publish it, not to start another.
        var draft = await factory.WithDbAsync(async db =>
        {
            var source = await db.Plans.Include(p => p.Activities).ThenInclude(a => a.Tasks).SingleAsync(Ct);
            var programme = new CoordinationProgramme("Dự thảo CTPH 2026-2030", new DateOnly(2026, 1, 5), 2026, 2030, "Chương trình phối hợp giai đoạn 2026-2030");
            var copy = source.CopyForYear(2026, programme, "Dự thảo KH 2026", new DateOnly(2026, 1, 15));
            db.Plans.Add(copy);
            await db.SaveChangesAsync(Ct);
            return copy.Id;
        });
        var withDraft = (await admin.GetDocumentAsync("/")).QuerySelector("[data-this-year-link]")!;
        Assert.Equal($"/plans/{draft}/publish", withDraft.GetAttribute("href"));

        var province = await factory.SignedInClientAsync(Persona.ProvincialCaoBangCema);
        var mine = await province.GetDocumentAsync("/reports/mine");
        Assert.Contains("Kế hoạch năm 2026 chưa được công bố.", mine.QuerySelector(".alert-info")!.Text(), StringComparison.Ordinal);
    }

    private static async Task<DemoSummary> SeedAsync(PortalFactory factory, int years)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await DemoDataSeeder.SeedAsync(scope.ServiceProvider, years, seed: 11, Now, Ct);
    }
}
