using System.Net;
using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Domain.Provinces;
using CoordinationPortal.Domain.Reporting;
using CoordinationPortal.Web.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CoordinationPortal.Web.Tests;

/// <summary>
/// The 63 provinces until 30/06/2025 and the 34 from 01/07/2025: the seed's lineage, reports expected
/// from the units of each quarter, history rolled up to today's units, and accounts of merged units.
/// </summary>
public sealed class ProvinceTests : IAsyncDisposable
{
    private static readonly DateOnly Before = new(2025, 6, 30);
    private static readonly DateOnly After = new(2025, 7, 1);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2025, 9, 10, 2, 0, 0, TimeSpan.Zero)); // Q3/2025 is open
    private readonly PortalFactory _factory = new();

    public ProvinceTests()
    {
        _factory.ConfigureServices = services => services.AddSingleton<TimeProvider>(_clock);
    }

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    private Task<List<Province>> ProvincesAsync() =>
        _factory.WithDbAsync(db => db.Provinces.AsNoTracking().ToListAsync(TestContext.Current.CancellationToken));

    [Fact]
    public async Task Every_one_of_the_63_old_codes_lives_on_in_exactly_one_of_the_34_and_11_units_continue()
    {
        var provinces = await ProvincesAsync();
        var old = provinces.Where(p => p.IsValidOn(Before)).ToList();
        var today = provinces.Where(p => p.IsValidOn(After)).ToList();

        Assert.Equal(63, old.Count);
        Assert.Equal(34, today.Count);
        var continuing = old.Intersect(today).ToList();
        Assert.Equal(11, continuing.Count); // the same records, going on without an end
        Assert.All(continuing, p => Assert.Null(p.ValidTo));
        var formed = today.Except(continuing).ToList();
        Assert.Equal(23, formed.Count);
        Assert.All(formed, p => Assert.Equal(After, p.ValidFrom));
        Assert.Equal(6, today.Count(p => p.Type == ProvinceType.CentrallyRunCity));

        var lineage = new ProvinceLineage(provinces.Select(p => (p.Id, p.SuccessorId)));
        foreach (var unit in old)
        {
            var current = lineage.CurrentUnitOf(unit.Id);
            Assert.Single(today, p => p.Id == current);
        }

        Assert.All(formed, p => Assert.True(lineage.DirectPredecessorsOf(p.Id).Count >= 2, $"{p.Name} took in fewer than two units"));
        var tuyenQuang = today.Single(p => p.Code == "08");
        Assert.Equal(["Hà Giang", "Tuyên Quang"], lineage.DirectPredecessorsOf(tuyenQuang.Id).Select(id => provinces.Single(p => p.Id == id).Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Names_are_those_of_their_time_and_undecided_regions_stay_empty()
    {
        var provinces = await ProvincesAsync();
        var hue = provinces.Single(p => p.Code == "46");

        Assert.Equal("Thừa Thiên Huế", hue.NameOn(new DateOnly(2024, 12, 31)));
        Assert.Equal(ProvinceType.Province, hue.TypeOn(new DateOnly(2024, 6, 1)));
        Assert.Equal("Huế", hue.NameOn(new DateOnly(2025, 1, 1)));
        Assert.Equal(ProvinceType.CentrallyRunCity, hue.Type);
        Assert.All(provinces.Where(p => p.Code == "79"), p => Assert.Equal("Thành phố Hồ Chí Minh", p.Name));
        Assert.Equal(
            ["Bắc Ninh", "Đắk Lắk", "Gia Lai", "Lâm Đồng", "Phú Thọ", "Quảng Ngãi"],
            provinces.Where(p => p.ValidFrom == After && p.Region is null).Select(p => p.Name).Order(VietnameseOrder.Names));
    }

    [Fact]
    public async Task Completeness_and_timeliness_of_2025_count_63_units_in_Q2_and_34_in_Q3()
    {
        var plan = await _factory.PlanForYearAsync(2025);
        var q2 = new Quarter(2025, 2);
        var q3 = new Quarter(2025, 3);
        var q2Due = ReportingPeriod.DueEndOf(new DateOnly(2025, 6, 20));
        var q3Due = ReportingPeriod.DueEndOf(new DateOnly(2025, 9, 20));

        // Q2: Hà Giang (VWU, on time), Cao Bằng (VWU, late), Cao Bằng (CEMA, on time). Q3: Tuyên Quang (VWU, on time), Cao Bằng (VWU, late).
        await _factory.SentReportAsync(plan, q2, "02", Before, "VWU", q2Due.AddDays(-3));
        await _factory.SentReportAsync(plan, q2, "04", Before, "VWU", q2Due.AddDays(2));
        await _factory.SentReportAsync(plan, q2, "04", Before, "CEMA", q2Due.AddDays(-1));
        await _factory.SentReportAsync(plan, q3, "08", After, "VWU", q3Due.AddDays(-3));
        await _factory.SentReportAsync(plan, q3, "04", After, "VWU", q3Due.AddDays(5));

        var client = await _factory.SignedInClientAsync(Persona.Leadership);
        var page = await client.GetDocumentAsync($"/dashboard?planId={plan}");
        (string Received, string Expected, string OnTime) Row(Quarter q, string agency)
        {
            var row = page.QuerySelector($"#reporting tr[data-quarter='{q}'][data-agency='{agency}']")!;
            var completeness = row.QuerySelector("[data-expected]")!;
            return (completeness.GetAttribute("data-received")!, completeness.GetAttribute("data-expected")!, row.QuerySelector("[data-on-time]")!.GetAttribute("data-on-time")!);
        }

        Assert.Equal(("2", "63", "1"), Row(q2, "VWU"));
        Assert.Equal(("1", "63", "1"), Row(q2, "CEMA"));
        Assert.Equal(("2", "34", "1"), Row(q3, "VWU"));
        Assert.Equal(("0", "34", "0"), Row(q3, "CEMA"));

        // Each unit has cells only for the quarters it existed in.
        var haGiang = page.QuerySelector("tr[data-province='02']")!;
        Assert.Equal("NotExpected", haGiang.QuerySelector($"td[data-quarter='{q3}'][data-agency='VWU'] [data-cell-state]")!.GetAttribute("data-cell-state"));
        Assert.Equal("SubmittedOnTime", haGiang.QuerySelector($"td[data-quarter='{q2}'][data-agency='VWU'] [data-cell-state]")!.GetAttribute("data-cell-state"));
    }

    [Fact]
    public async Task Across_the_years_Ha_Giangs_2024_report_counts_under_Tuyen_Quang_exactly_once()
    {
        var plan468 = await _factory.WithDbAsync(db => db.Plans.Where(p => p.Number == Scenario.Plan468).Select(p => p.Id).SingleAsync(TestContext.Current.CancellationToken));
        var plan2025 = await _factory.PlanForYearAsync(2025);
        var q2of2024 = new Quarter(2024, 2);
        await _factory.SentReportAsync(plan468, q2of2024, "02", Before, "VWU", new DateTime(2024, 6, 15, 3, 0, 0, DateTimeKind.Utc));
        await _factory.SentReportAsync(plan2025, new Quarter(2025, 3), "08", After, "VWU", new DateTime(2025, 9, 15, 3, 0, 0, DateTimeKind.Utc));
        var client = await _factory.SignedInClientAsync(Persona.CentralVwu);
        var tuyenQuang = (await ProvincesAsync()).Single(p => p.Code == "08" && p.ValidFrom == After).Id;

        var today = await client.GetDocumentAsync("/dashboard/years?boundaries=Current");
        var asThen = await client.GetDocumentAsync("/dashboard/years?boundaries=AtTheTime");

        var row = today.QuerySelector($".years-provinces tr[data-province-id='{tuyenQuang}']")!;
        Assert.Contains("Hà Giang", row.QuerySelector("th")!.Text(), StringComparison.Ordinal);
        var in2024 = row.QuerySelector($"td[data-plan='{plan468}']")!;
        Assert.Equal("1", in2024.GetAttribute("data-received"));
        Assert.Equal("16", in2024.GetAttribute("data-expected")); // Hà Giang and the old Tuyên Quang: 2 units x 2 branches x 4 quarters
        Assert.Equal("1", row.QuerySelector($"td[data-plan='{plan2025}']")!.GetAttribute("data-received"));
        Assert.Equal(2, today.QuerySelectorAll(".years-provinces td[data-received]").Where(td => td.GetAttribute("data-plan") is not null).Sum(td => int.Parse(td.GetAttribute("data-received")!, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(34, today.QuerySelectorAll(".years-provinces tbody tr").Length);

        Assert.Null(asThen.QuerySelector($".years-provinces tr[data-province-id='{tuyenQuang}'] td[data-plan='{plan468}'][data-received='1']"));
        Assert.Equal("1", asThen.QuerySelector($".years-provinces tr[data-province='02'] td[data-plan='{plan468}']")!.GetAttribute("data-received"));
        Assert.Equal(63 + 23, asThen.QuerySelectorAll(".years-provinces tbody tr").Length);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await _factory.SignedInClientAsync(Persona.ProvincialHaGiangVwu)).GetAsync(new Uri("/dashboard/years", UriKind.Relative), TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task An_officer_of_a_merged_unit_is_refused_a_report_for_a_quarter_after_the_merger_and_told_why()
    {
        var plan = await _factory.PlanForYearAsync(2025);
        var haGiang = await _factory.SignedInClientAsync(Persona.ProvincialHaGiangVwu);
        var mine = await haGiang.GetDocumentAsync($"/reports/mine?planId={plan}");
        Assert.Null(mine.QuerySelector($"tr[data-quarter='{new Quarter(2025, 3)}'] form"));
        Assert.Contains("đã sáp nhập", mine.QuerySelector($"tr[data-quarter='{new Quarter(2025, 3)}']")!.Text(), StringComparison.Ordinal);

        using var start = await haGiang.PostFormAsync("/reports/start", mine, new()
        {
            ["PlanId"] = plan.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Quarter"] = "20253",
        });

        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        var shown = await haGiang.GetDocumentAsync(start.Headers.Location!.OriginalString);
        var message = shown.QuerySelector(".alert-danger")!.Text();
        Assert.Contains("Hà Giang đã sáp nhập vào Tuyên Quang", message, StringComparison.Ordinal);
        Assert.Contains("quản trị viên", message, StringComparison.Ordinal);
        Assert.Equal(0, await _factory.WithDbAsync(db => db.QuarterlyReports.CountAsync(r => r.PlanId == plan, TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task The_account_form_offers_only_todays_units_and_proposes_the_successor_for_a_merged_units_account()
    {
        var admin = await _factory.SignedInClientAsync(Persona.Administrator);
        var haGiangOfficer = await _factory.AccountAsync(Persona.ProvincialHaGiangVwu);

        var form = await admin.GetDocumentAsync("/admin/users/new");
        var edit = await admin.GetDocumentAsync($"/admin/users/{haGiangOfficer.Id}");

        var offered = form.QuerySelectorAll("#ProvinceId option[value]").Where(o => o.GetAttribute("value") != string.Empty).Select(o => o.Text()).ToList();
        Assert.Equal(34, offered.Count);
        Assert.DoesNotContain("Hà Giang", offered);
        Assert.Contains("Huế", offered);
        Assert.Contains("đã sáp nhập vào Tuyên Quang", edit.QuerySelector("[data-province-notice]")!.Text(), StringComparison.Ordinal);
        Assert.Equal("Tuyên Quang", edit.QuerySelector("#ProvinceId option[selected]")!.Text());
    }
}

/// <summary>A database made before the 34 provinces existed is upgraded without anything stored changing meaning.</summary>
public sealed class ProvinceUpgradeTests
{
    [Fact]
    public async Task A_database_from_before_the_34_provinces_keeps_its_reports_accounts_and_trail_and_gains_the_34()
    {
        var directory = PortalFactory.NewDataDirectory();
        Directory.CreateDirectory(directory);
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Fixtures", "portal-before-34-provinces.db"), Path.Combine(directory, "portal.db"));
        var before = await SnapshotAsync(Path.Combine(directory, "portal.db"));
        try
        {
            await using (var factory = new PortalFactory(directory))
            {
                var provinces = await factory.WithDbAsync(db => db.Provinces.AsNoTracking().ToListAsync(TestContext.Current.CancellationToken));
                Assert.Equal(34, provinces.Count(p => p.IsValidOn(new DateOnly(2025, 7, 1))));
                Assert.Equal(63, provinces.Count(p => p.IsValidOn(new DateOnly(2025, 6, 30))));
                Assert.Equal("Thừa Thiên Huế", provinces.Single(p => p.Code == "46").NameOn(new DateOnly(2024, 6, 30)));

                // Plans stored before drafts existed were in force: Plan 468 is published, and its
                // central-only activities (3 and 7) stop asking provinces (docs/decisions/0021).
                var plan = await factory.WithDbAsync(db => db.Plans.AsNoTracking().Include(p => p.Activities).SingleAsync(p => p.Number == Scenario.Plan468, TestContext.Current.CancellationToken));
                Assert.Equal(Domain.Plans.PlanState.Published, plan.State);
                Assert.Equal([3, 7], plan.Activities.Where(a => !a.ProvincesReport).Select(a => a.Number).Order());
                Assert.All(plan.Activities, a => Assert.Equal(1, a.Version));
            }

            SqliteConnection.ClearAllPools();
            var after = await SnapshotAsync(Path.Combine(directory, "portal.db"));

            // Every report keeps its unit, state, dates and lines; every account keeps its unit; the trail only grew.
            Assert.Equal(before.Reports, after.Reports);
            Assert.Equal(before.Lines, after.Lines);
            Assert.Equal(before.Values, after.Values);
            Assert.Equal(before.Accounts, after.Accounts);
            Assert.True(after.AuditRows >= before.AuditRows);
            Assert.Equal(before.OldProvinceIds, after.OldProvinceIds); // the 63 keep their ids, so nothing stored points elsewhere
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    private sealed record Snapshot(string Reports, long Lines, long Values, string Accounts, long AuditRows, string OldProvinceIds);

    private static async Task<Snapshot> SnapshotAsync(string database)
    {
        await using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        async Task<string> TextAsync(string sql)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            return Convert.ToString(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken), System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
        }

        return new Snapshot(
            await TextAsync("SELECT group_concat(Id || ':' || ProvinceId || ':' || AgencyId || ':' || Quarter || ':' || State || ':' || ifnull(FirstSubmittedAtUtc, ''), '|') FROM (SELECT * FROM QuarterlyReports ORDER BY Id)"),
            long.Parse(await TextAsync("SELECT count(*) FROM ReportLines"), System.Globalization.CultureInfo.InvariantCulture),
            long.Parse(await TextAsync("SELECT count(*) FROM ReportLineValues"), System.Globalization.CultureInfo.InvariantCulture),
            await TextAsync("SELECT group_concat(Email || ':' || Role || ':' || ifnull(ProvinceId, ''), '|') FROM (SELECT * FROM AspNetUsers ORDER BY Email)"),
            long.Parse(await TextAsync("SELECT count(*) FROM AuditEntries"), System.Globalization.CultureInfo.InvariantCulture),
            await TextAsync("SELECT group_concat(Code || ':' || Id, '|') FROM (SELECT * FROM Provinces WHERE ValidFrom IS NULL ORDER BY Code)"));
    }
}
