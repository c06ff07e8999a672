using AngleSharp.Dom;
using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Domain.Progress;
using CoordinationPortal.Domain.Reporting;
using CoordinationPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CoordinationPortal.Web.Tests;

/// <summary>
/// The report list (/reports): which reports each role sees, in which order, one page at a time,
/// filtered, and what each row says (branch, state with reopened reports named as such, sent on
/// time or late). Every expectation is worked out here from the stored reports, so the list's
/// query and view are checked against the plain rule, not against themselves.
/// </summary>
public sealed class ReportListTests : IAsyncDisposable
{
    private readonly PortalFactory _factory = new();

    public ReportListTests()
    {
        _factory.ConfigureServices = services => services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2025, 2, 10, 1, 0, 0, TimeSpan.Zero)));
    }

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    /// <summary>What a row of the list must show, worked out from the stored report.</summary>
    private sealed record Expected(int Id, int QuarterKey, int ProvinceId, int AgencyId, string AgencyCode, ReportState State, bool Reopened, bool? OnTime);

    /// <summary>
    /// 2024's four quarters for 20 provinces (Hà Giang among them) and both branches, 160 reports in
    /// every state: sent on time or late, returned, approved, reopened, reopened then sent and returned
    /// again (returned, not reopened: only the LAST step counts), and drafts.
    /// </summary>
    private async Task<List<Expected>> SeedAsync()
    {
        var haGiang = await _factory.ProvinceIdAsync("02");
        await _factory.WithBulkDbAsync(async db =>
        {
            var plan = await db.Plans.Include(p => p.Activities).SingleAsync(p => p.Number == Scenario.Plan468);
            var periods = await db.ReportingPeriods.Where(p => p.PlanId == plan.Id).ToDictionaryAsync(p => p.Quarter);
            var provinces = (await db.Provinces.OrderBy(p => p.Id).ToListAsync()).Where(p => p.IsValidOn(new DateOnly(2024, 6, 1)) && p.Id != haGiang).Select(p => p.Id).Take(19).Append(haGiang).ToList();
            var agencies = await db.Agencies.OrderBy(a => a.Id).Select(a => a.Id).ToListAsync();
            var i = 0;
            foreach (var quarter in Quarter.OfYear(2024))
            {
                var due = periods[quarter].DueEndUtc;
                foreach (var province in provinces)
                {
                    foreach (var agency in agencies)
                    {
                        i++;
                        var sent = i % 3 == 0 ? due.AddDays(2) : due.AddDays(-3);
                        var report = QuarterlyReport.Start(plan, quarter, province, agency, "t", sent.AddDays(-1));
                        report.Write(report.Lines.ToDictionary(l => l.ActivityId, _ => new LineContent(ActivityStatus.OnTrack, "r", null, null, [])), "t", sent.AddDays(-1));
                        if (i % 7 != 0)
                        {
                            report.Submit("t", "t", sent);
                            switch (i % 5)
                            {
                                case 1:
                                    report.Return("r", "r", sent.AddHours(1), "Bổ sung");
                                    break;
                                case 2:
                                    report.Approve("r", "r", sent.AddHours(1));
                                    break;
                                case 3:
                                    report.Approve("r", "r", sent.AddHours(1));
                                    report.Reopen("r", "r", sent.AddHours(2), "Sửa số liệu");
                                    break;
                                case 4:
                                    report.Approve("r", "r", sent.AddHours(1));
                                    report.Reopen("r", "r", sent.AddHours(2), "Sửa số liệu");
                                    report.Submit("t", "t", sent.AddHours(3));
                                    report.Return("r", "r", sent.AddHours(4), "Còn thiếu");
                                    break;
                            }
                        }

                        db.QuarterlyReports.Add(report);
                    }
                }
            }

            return await db.SaveChangesAsync();
        });

        return await _factory.WithDbAsync(async db =>
        {
            var codes = await db.Agencies.ToDictionaryAsync(a => a.Id, a => a.Code);
            var periods = await db.ReportingPeriods.ToListAsync();
            var reports = await db.QuarterlyReports.AsNoTracking().ToListAsync();
            return reports.Select(r => new Expected(
                r.Id,
                r.Quarter.Key,
                r.ProvinceId,
                r.AgencyId,
                codes[r.AgencyId],
                r.State,
                r.State == ReportState.Returned && r.Transitions.MaxBy(t => t.Number)!.Action == ReportAction.Reopen,
                r.FirstSubmittedAtUtc is { } first ? first < periods.Single(p => p.PlanId == r.PlanId && p.Quarter == r.Quarter).DueEndUtc : null)).ToList();
        });
    }

    private static List<Expected> Ordered(IEnumerable<Expected> rows) =>
        [.. rows.OrderByDescending(r => r.QuarterKey).ThenBy(r => r.ProvinceId).ThenBy(r => r.AgencyId)];

    private static readonly Dictionary<string, string> BranchLabels = new()
    {
        ["VWU"] = "Hội LHPN tỉnh, thành phố",
        ["CEMA"] = "Cơ quan công tác dân tộc tỉnh, thành phố",
    };

    /// <summary>The page's rows must be exactly <paramref name="expected"/>, in order, each saying what it should.</summary>
    private static void AssertRows(IDocument page, IReadOnlyList<Expected> expected)
    {
        var rows = page.QuerySelectorAll("table.report-list tbody tr");
        Assert.Equal(expected.Select(e => e.Id), rows.Select(r => int.Parse(r.GetAttribute("data-report-id")!, System.Globalization.CultureInfo.InvariantCulture)));
        foreach (var (row, want) in rows.Zip(expected))
        {
            Assert.Equal(BranchLabels[want.AgencyCode], row.QuerySelector("td:nth-child(3)")!.Text());
            var badge = row.QuerySelector(".state-badge")!;
            Assert.Equal(want.State.ToString(), badge.GetAttribute("data-report-state"));
            Assert.Equal(want.Reopened ? "Đã mở lại để sửa" : want.State == ReportState.Returned ? "Bị trả lại" : badge.Text(), badge.Text());
            var timeliness = row.QuerySelector(".timeliness");
            Assert.Equal(want.OnTime switch { true => "đúng hạn", false => "muộn", null => null }, timeliness?.Text());
            Assert.Equal(want.OnTime is null, row.QuerySelector("td:nth-child(5)")!.Text().StartsWith('—'));
        }
    }

    private static string CountText(int n) => $"{n} báo cáo.";

    [Fact]
    public async Task Leadership_sees_every_sent_report_newest_quarter_first_fifty_a_page_each_with_its_branch_state_and_timeliness()
    {
        var all = await SeedAsync();
        var client = await _factory.SignedInClientAsync(Persona.Leadership);
        var sent = Ordered(all.Where(r => r.State != ReportState.Draft));
        Assert.Contains(sent, r => r.Reopened);
        Assert.Contains(sent, r => r.State == ReportState.Returned && !r.Reopened);
        Assert.Contains(sent, r => r.OnTime == false);

        var first = await client.GetDocumentAsync("/reports");
        Assert.Equal(CountText(sent.Count), first.QuerySelector("p[role=status]")!.Text());
        AssertRows(first, [.. sent.Take(50)]);
        var pages = (sent.Count + 49) / 50;
        Assert.Equal($"Trang 1/{pages}", first.QuerySelector(".pagination [aria-current=page]")!.Text());

        var second = await client.GetDocumentAsync("/reports?page=2");
        AssertRows(second, [.. sent.Skip(50).Take(50)]);

        // A page past the end is pulled back to the last one.
        var beyond = await client.GetDocumentAsync("/reports?page=99");
        AssertRows(beyond, [.. sent.Skip((pages - 1) * 50)]);
        Assert.Equal($"Trang {pages}/{pages}", beyond.QuerySelector(".pagination [aria-current=page]")!.Text());
    }

    [Fact]
    public async Task A_provincial_officer_sees_its_own_branch_drafts_included_and_nothing_of_other_provinces_or_branches()
    {
        var all = await SeedAsync();
        var haGiang = await _factory.ProvinceIdAsync("02");
        var vwu = await _factory.AgencyIdAsync("VWU");
        var client = await _factory.SignedInClientAsync(Persona.ProvincialHaGiangVwu);
        var own = Ordered(all.Where(r => r.ProvinceId == haGiang && r.AgencyId == vwu));
        Assert.Contains(own, r => r.State == ReportState.Draft);

        var page = await client.GetDocumentAsync("/reports");

        Assert.Equal(CountText(own.Count), page.QuerySelector("p[role=status]")!.Text());
        AssertRows(page, own);
    }

    [Fact]
    public async Task The_filters_narrow_the_list_to_a_quarter_a_branch_a_province_a_state_and_to_reports_sent_late()
    {
        var all = await SeedAsync();
        var planId = await _factory.WithDbAsync(db => db.Plans.Where(p => p.Number == Scenario.Plan468).Select(p => p.Id).SingleAsync());
        var cema = await _factory.AgencyIdAsync("CEMA");
        var haGiang = await _factory.ProvinceIdAsync("02");
        var client = await _factory.SignedInClientAsync(Persona.CentralVwu);
        var sent = all.Where(r => r.State != ReportState.Draft).ToList();

        var cases = new (string Query, Func<Expected, bool> Keep)[]
        {
            ($"planId={planId}&quarter=20243", r => r.QuarterKey == 20243),
            ($"agencyId={cema}&state=Returned", r => r.AgencyId == cema && r.State == ReportState.Returned),
            ($"provinceId={haGiang}", r => r.ProvinceId == haGiang),
            ($"planId={planId}&quarter=20242&timeliness=Late", r => r.QuarterKey == 20242 && r.OnTime == false),
            ($"planId={planId}&quarter=20242&timeliness=OnTime", r => r.QuarterKey == 20242 && r.OnTime == true),
            ($"planId={planId}&quarter=20241&received=true", r => r.QuarterKey == 20241),
        };
        foreach (var (query, keep) in cases)
        {
            var expected = Ordered(sent.Where(keep));
            Assert.NotEmpty(expected);
            var page = await client.GetDocumentAsync("/reports?" + query);
            Assert.Equal(CountText(expected.Count), page.QuerySelector("p[role=status]")!.Text());
            AssertRows(page, [.. expected.Take(50)]);
        }
    }
}
