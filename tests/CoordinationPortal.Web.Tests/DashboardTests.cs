using System.Net;
using CoordinationPortal.Data;
using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Domain.Indicators;
using CoordinationPortal.Domain.Progress;
using CoordinationPortal.Domain.Provinces;
using CoordinationPortal.Domain.Reporting;
using CoordinationPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CoordinationPortal.Web.Tests;

/// <summary>
/// The dashboard's numbers against a fixture small enough to count by hand (Plan 468, Q2/2024, due
/// 20/06/2024, 23:59 in Hà Nội):
/// VWU branches: Hà Giang approved (sent on time), Cao Bằng submitted late, Lào Cai returned (sent on
/// time), Điện Biên still a draft. CEMA branches: Hà Giang submitted on time. Participants reported
/// for activity 1: Hà Giang VWU 100, Cao Bằng VWU 50, Hà Giang CEMA 20 count; Lào Cai's 1000
/// (returned) and Điện Biên's 7 (draft) do not. A province created on 01/07/2024 is expected from Q3.
/// </summary>
public sealed class DashboardTests : IAsyncLifetime
{
    private static readonly Quarter Q2 = new(2024, 2);
    private static readonly DateTime OnTime = new(2024, 6, 19, 3, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Late = new(2024, 6, 21, 3, 0, 0, DateTimeKind.Utc);
    private readonly PortalFactory _factory = new();

    public async ValueTask InitializeAsync()
    {
        await _factory.WithDbAsync(async db =>
        {
            var plan = await db.Plans.Include(p => p.Activities).SingleAsync();
            var activity1 = plan.Activities.Single(a => a.Number == 1).Id;
            var activity2 = plan.Activities.Single(a => a.Number == 2).Id;
            var participants = await db.Indicators.Where(i => i.ActivityId == activity1 && i.Code == "A1.PARTICIPANTS").Select(i => i.Id).SingleAsync();
            var funds = await db.Indicators.Where(i => i.ActivityId == activity2 && i.Code == "A2.FUNDS.STATE").Select(i => i.Id).SingleAsync();
            var provinces = await db.Provinces.Where(p => p.ValidFrom == null).ToDictionaryAsync(p => p.Code, p => p.Id); // the units of 2024
            var vwu = await db.Agencies.Where(a => a.Code == "VWU").Select(a => a.Id).SingleAsync();
            var cema = await db.Agencies.Where(a => a.Code == "CEMA").Select(a => a.Id).SingleAsync();

            void Add(string province, int agency, long people, long? stateFunds, Action<QuarterlyReport> move)
            {
                var report = QuarterlyReport.Start(plan, Q2, provinces[province], agency, "t", OnTime.AddDays(-5));
                report.Write(
                    report.Lines.ToDictionary(l => l.ActivityId, l => new LineContent(
                        ActivityStatus.OnTrack,
                        "Kết quả",
                        null,
                        null,
                        l.ActivityId == activity1 ? [new IndicatorValue(participants, people)]
                        : l.ActivityId == activity2 && stateFunds is { } f ? [new IndicatorValue(funds, f)]
                        : [])),
                    "t",
                    OnTime.AddDays(-5));
                move(report);
                db.QuarterlyReports.Add(report);
            }

            Add("02", vwu, 100, 5_000_000, r => { r.Submit("t", "t", OnTime); r.Approve("c", "c", OnTime.AddDays(1)); });
            Add("04", vwu, 50, null, r => r.Submit("t", "t", Late));
            Add("10", vwu, 1000, null, r => { r.Submit("t", "t", OnTime); r.Return("c", "c", OnTime.AddDays(1), "Sửa"); });
            Add("11", vwu, 7, null, _ => { });
            Add("02", cema, 20, null, r => r.Submit("t", "t", OnTime));
            db.Provinces.Add(new Province("99", "Tỉnh thử mới", ProvinceType.Province, SocioEconomicRegion.CentralHighlands, new DateOnly(2024, 7, 1), null));
            return await db.SaveChangesAsync();
        });
    }

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    private async Task<AngleSharp.Dom.IDocument> DashboardAsync(string query = "")
    {
        var client = await _factory.SignedInClientAsync(Persona.Leadership);
        var plan = await _factory.WithDbAsync(db => db.Plans.Select(p => p.Id).SingleAsync(TestContext.Current.CancellationToken));
        return await client.GetDocumentAsync($"/dashboard?planId={plan}{query}");
    }

    private static (int Received, int Expected, int OnTime, int Missing) Numbers(AngleSharp.Dom.IElement row) => (
        int.Parse(row.QuerySelector("[data-received]")!.GetAttribute("data-received")!, System.Globalization.CultureInfo.InvariantCulture),
        int.Parse(row.QuerySelector("[data-expected]")!.GetAttribute("data-expected")!, System.Globalization.CultureInfo.InvariantCulture),
        int.Parse(row.QuerySelector("[data-on-time]")!.GetAttribute("data-on-time")!, System.Globalization.CultureInfo.InvariantCulture),
        int.Parse(row.QuerySelector("[data-missing]")!.GetAttribute("data-missing")!, System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public async Task Completeness_and_timeliness_count_what_was_received_and_on_time_against_the_provinces_of_the_quarter()
    {
        var page = await DashboardAsync();

        Assert.Equal((3, 63, 2, 60), Numbers(page.QuerySelector($"tr[data-quarter='{Q2}'][data-agency='VWU']")!));
        Assert.Equal((1, 63, 1, 62), Numbers(page.QuerySelector($"tr[data-quarter='{Q2}'][data-agency='CEMA']")!));

        // Q3/2024: the new province counts, and nobody has reported.
        Assert.Equal((0, 64, 0, 64), Numbers(page.QuerySelector($"tr[data-quarter='{new Quarter(2024, 3)}'][data-agency='VWU']")!));
        var q1 = page.QuerySelector($"tr[data-quarter='{new Quarter(2024, 1)}'][data-agency='VWU']")!;
        Assert.Equal(63, Numbers(q1).Expected);

        var total = page.QuerySelector($"tr[data-quarter-total='{Q2}']")!;
        Assert.Equal("4", total.QuerySelector("[data-received]")!.GetAttribute("data-received"));
        Assert.Equal("126", total.QuerySelector("[data-expected]")!.GetAttribute("data-expected"));
    }

    [Fact]
    public async Task The_grid_says_what_each_branch_did_and_the_province_that_did_not_exist_yet_has_nothing_expected_in_Q2()
    {
        var page = await DashboardAsync();

        string? Cell(string province, string agency) =>
            page.QuerySelector($"tr[data-province='{province}'] td[data-quarter='{Q2}'][data-agency='{agency}'] [data-cell-state]")?.GetAttribute("data-cell-state");
        Assert.Equal("Approved", Cell("02", "VWU"));
        Assert.Equal("SubmittedLate", Cell("04", "VWU"));
        Assert.Equal("Returned", Cell("10", "VWU"));
        Assert.Equal("Draft", Cell("11", "VWU"));
        Assert.Equal("SubmittedOnTime", Cell("02", "CEMA"));
        Assert.Equal("NotSubmitted", Cell("01", "VWU"));
        Assert.Equal("NotExpected", Cell("99", "VWU")); // a marked cell, so that the columns line up
        Assert.NotNull(page.QuerySelector($"tr[data-province='99'] td[data-quarter='{new Quarter(2024, 3)}']"));

        // Every cell says its state in words, not only by colour.
        Assert.All(page.QuerySelectorAll(".province-grid [data-cell-state]"), c => Assert.False(string.IsNullOrWhiteSpace(c.QuerySelector(".cell-text")!.TextContent)));
    }

    [Fact]
    public async Task The_missing_list_of_the_chosen_quarter_counts_drafts_as_missing()
    {
        var page = await DashboardAsync($"&quarter={Q2.Key}");

        var missing = page.QuerySelectorAll("#missing + ul li");
        Assert.Equal(60 + 62, missing.Length);
        Assert.Contains(missing, li => li.GetAttribute("data-agency") == "VWU" && li.Text().StartsWith("Điện Biên", StringComparison.Ordinal));
        Assert.DoesNotContain(missing, li => li.GetAttribute("data-agency") == "VWU" && li.Text().StartsWith("Cao Bằng", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Results_total_only_sent_reports_by_quarter_region_and_source()
    {
        var page = await DashboardAsync();
        var participants = await _factory.WithDbAsync(db => db.Indicators.Where(i => i.Code == "A1.PARTICIPANTS").Select(i => i.Id).SingleAsync(TestContext.Current.CancellationToken));

        var row = page.QuerySelector($".indicator-totals tr[data-indicator-id='{participants}']")!;
        Assert.Equal("170", row.QuerySelector("[data-total]")!.GetAttribute("data-total"));
        Assert.Equal("170", row.QuerySelector($"td[data-quarter='{Q2}']")!.Text());
        Assert.Equal("170", page.QuerySelector("#region-table tr[data-region='NorthernMidlandsAndMountains'] td")!.GetAttribute("data-value"));
        Assert.Equal("0", page.QuerySelector("#region-table tr[data-region='MekongDelta'] td")!.GetAttribute("data-value"));
        Assert.Equal("5000000", page.QuerySelectorAll("#funds-table tbody tr")[1].QuerySelector("td")!.GetAttribute("data-value"));
        Assert.Equal("5.000.000 ₫", page.QuerySelectorAll("#funds-table tbody tr")[1].QuerySelector("td")!.Text());
    }

    [Fact]
    public async Task The_agency_filter_narrows_reporting_and_results_to_that_agency()
    {
        var cema = await _factory.AgencyIdAsync("CEMA");
        var page = await DashboardAsync($"&agencyId={cema}");

        Assert.Null(page.QuerySelector($"tr[data-quarter='{Q2}'][data-agency='VWU']"));
        var participants = await _factory.WithDbAsync(db => db.Indicators.Where(i => i.Code == "A1.PARTICIPANTS").Select(i => i.Id).SingleAsync(TestContext.Current.CancellationToken));
        Assert.Equal("20", page.QuerySelector($".indicator-totals tr[data-indicator-id='{participants}'] [data-total]")!.GetAttribute("data-total"));
    }

    [Fact]
    public async Task Reports_waiting_for_review_are_listed_with_their_wait()
    {
        var page = await DashboardAsync();

        var waiting = page.QuerySelectorAll("#waiting tr[data-report-id]");
        Assert.Equal(2, waiting.Length); // Cao Bằng VWU and Hà Giang CEMA are submitted
    }

    /// <summary>
    /// The waiting list is made from the report rows the grid reads (no query of its own): longest
    /// wait first, and a central officer sees only what waits for their own agency's review.
    /// </summary>
    [Fact]
    public async Task Reports_waiting_for_review_come_longest_first_and_a_central_officer_sees_only_their_agencys()
    {
        var ct = TestContext.Current.CancellationToken;
        var (plan, haGiangCema, caoBangVwu) = await _factory.WithDbAsync(async db =>
        {
            var cema = await db.Agencies.Where(a => a.Code == "CEMA").Select(a => a.Id).SingleAsync(ct);
            var submitted = await db.QuarterlyReports.Where(r => r.State == ReportState.Submitted).Select(r => new { r.Id, r.AgencyId, r.PlanId }).ToListAsync(ct);
            return (submitted[0].PlanId, submitted.Single(r => r.AgencyId == cema).Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                submitted.Single(r => r.AgencyId != cema).Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        });

        var leadership = await DashboardAsync();
        Assert.Equal([haGiangCema, caoBangVwu], leadership.QuerySelectorAll("#waiting tr[data-report-id]").Select(r => r.GetAttribute("data-report-id")));

        var central = await (await _factory.SignedInClientAsync(Persona.CentralCema)).GetDocumentAsync($"/dashboard?planId={plan}");
        Assert.Equal([haGiangCema], central.QuerySelectorAll("#waiting tr[data-report-id]").Select(r => r.GetAttribute("data-report-id")));
    }

    [Fact]
    public async Task Every_count_links_to_the_list_behind_it()
    {
        var client = await _factory.SignedInClientAsync(Persona.Leadership);
        var plan = await _factory.WithDbAsync(db => db.Plans.Select(p => p.Id).SingleAsync(TestContext.Current.CancellationToken));
        var page = await client.GetDocumentAsync($"/dashboard?planId={plan}");
        var row = page.QuerySelector($"tr[data-quarter='{Q2}'][data-agency='VWU']")!;

        var received = await client.GetDocumentAsync(row.QuerySelector("[data-received] a")!.GetAttribute("href")!);
        var onTime = await client.GetDocumentAsync(row.QuerySelector("[data-on-time] a")!.GetAttribute("href")!);

        Assert.Equal(3, received.QuerySelectorAll("tr[data-report-id]").Length);
        Assert.Equal(2, onTime.QuerySelectorAll("tr[data-report-id]").Length);
    }

    [Fact]
    public async Task A_grid_cell_opens_the_report_behind_it_and_drafts_which_leadership_may_not_read_do_not_link()
    {
        var client = await _factory.SignedInClientAsync(Persona.Leadership);
        var plan = await _factory.WithDbAsync(db => db.Plans.Select(p => p.Id).SingleAsync(TestContext.Current.CancellationToken));
        var page = await client.GetDocumentAsync($"/dashboard?planId={plan}");
        AngleSharp.Dom.IElement Cell(string province) => page.QuerySelector($"tr[data-province='{province}'] td[data-quarter='{Q2}'][data-agency='VWU'] [data-cell-state]")!;

        var late = await client.GetAsync(new Uri(Cell("04").GetAttribute("href")!, UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.OK, late.StatusCode);
        Assert.Contains("Cao Bằng", await late.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Null(Cell("11").GetAttribute("href"));
        Assert.Null(Cell("01").GetAttribute("href"));
    }

    [Fact]
    public async Task Provinces_in_the_grid_run_in_Vietnamese_alphabetical_order()
    {
        var page = await DashboardAsync("&boundaries=AtTheTime"); // each unit as it was, not grouped under today's

        var names = page.QuerySelectorAll(".province-grid tbody th[scope='row']").Select(th => th.TextContent.Trim()).ToList();

        Assert.Equal(64, names.Count);
        Assert.True(names.IndexOf("Bạc Liêu") < names.IndexOf("Bắc Giang") && names.IndexOf("Bắc Giang") < names.IndexOf("Bình Dương"), string.Join(", ", names));
        Assert.True(names.IndexOf("Cà Mau") < names.IndexOf("Đà Nẵng") && names.IndexOf("Đồng Tháp") < names.IndexOf("Gia Lai"), string.Join(", ", names));
        Assert.Equal("Yên Bái", names[^1]);
    }

    [Fact]
    public async Task A_quarter_outside_an_activitys_window_shows_a_dash_not_a_zero_that_reads_as_nothing_done()
    {
        var page = await DashboardAsync();
        var (funds, window) = await _factory.WithDbAsync(async db =>
        {
            var activity = await db.Activities.SingleAsync(a => a.Number == 2, TestContext.Current.CancellationToken);
            return (await db.Indicators.Where(i => i.Code == "A2.FUNDS.STATE").Select(i => i.Id).SingleAsync(TestContext.Current.CancellationToken), activity.Window);
        });
        var row = page.QuerySelector($".indicator-totals tr[data-indicator-id='{funds}']")!;

        foreach (var quarter in Quarter.OfYear(2024))
        {
            var cell = row.QuerySelector($"td[data-quarter='{quarter}']")!;
            if (window.Contains(quarter))
            {
                Assert.NotNull(cell.QuerySelector("a"));
            }
            else
            {
                Assert.Null(cell.QuerySelector("a"));
                Assert.Contains("–", cell.TextContent, StringComparison.Ordinal);
            }
        }

        Assert.Equal("5.000.000 ₫", row.QuerySelector($"td[data-quarter='{Q2}']")!.Text());
        Assert.False(window.Contains(new Quarter(2024, 1)), "the fixture needs activity 2 to start after Q1/2024");
    }
}
