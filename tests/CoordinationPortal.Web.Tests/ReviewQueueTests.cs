using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using CoordinationPortal.Domain.Auditing;
using CoordinationPortal.Domain.Agencies;
using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Domain.Reporting;
using CoordinationPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CoordinationPortal.Web.Tests;

/// <summary>
/// Review at scale: the central officer's queue filtered, searched, sorted and counted on the server,
/// "previous / next" inside it, and approving several reports at once after a confirmation.
/// The fixture is Plan 468 in June 2024 with reports of several provinces, quarters and states.
/// </summary>
public sealed class ReviewQueueTests : IAsyncDisposable
{
    private static readonly Quarter Q1 = new(2024, 1);
    private static readonly Quarter Q2 = new(2024, 2);
    private static readonly DateOnly In2024 = new(2024, 6, 1);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2024, 6, 25, 1, 0, 0, TimeSpan.Zero));
    private readonly PortalFactory _factory = new();

    public ReviewQueueTests()
    {
        _factory.ConfigureServices = services => services.AddSingleton<TimeProvider>(_clock);
    }

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    private sealed record Fixture(int HaGiangQ1, int HaGiangQ2, int CaoBangQ2, int HaTinhQ2Returned, int HaNoiQ1Approved, int HaGiangQ2Cema);

    /// <summary>VWU: three waiting (Hà Giang Q1 and Q2, Cao Bằng Q2), Hà Tĩnh Q2 returned, Hà Nội Q1 approved; CEMA: Hà Giang Q2 waiting.</summary>
    private async Task<Fixture> FixtureAsync()
    {
        var plan = await _factory.WithDbAsync(db => db.Plans.Where(p => p.Number == Scenario.Plan468).Select(p => p.Id).SingleAsync(TestContext.Current.CancellationToken));
        Task<int> Sent(Quarter quarter, string province, string agency, int day) =>
            _factory.SentReportAsync(plan, quarter, province, In2024, agency, new DateTime(2024, 6, day, 2, 0, 0, DateTimeKind.Utc));
        var fixture = new Fixture(
            await Sent(Q1, "02", AgencyCodes.Vwu, 3),
            await Sent(Q2, "02", AgencyCodes.Vwu, 10),
            await Sent(Q2, "04", AgencyCodes.Vwu, 5),
            await Sent(Q2, "42", AgencyCodes.Vwu, 6),
            await Sent(Q1, "01", AgencyCodes.Vwu, 2),
            await Sent(Q2, "02", AgencyCodes.Cema, 4));
        await ChangeAsync(fixture.HaTinhQ2Returned, r => r.Return("reviewer", "Người duyệt", new DateTime(2024, 6, 12, 2, 0, 0, DateTimeKind.Utc), "Bổ sung số liệu"));
        await ChangeAsync(fixture.HaNoiQ1Approved, r => r.Approve("reviewer", "Người duyệt", new DateTime(2024, 6, 12, 2, 0, 0, DateTimeKind.Utc)));
        return fixture;
    }

    private Task<int> ChangeAsync(int reportId, Action<QuarterlyReport> change) =>
        _factory.WithDbAsync(async db =>
        {
            var report = await db.QuarterlyReports.SingleAsync(r => r.Id == reportId);
            change(report);
            await db.SaveChangesAsync();
            return report.Version;
        });

    private Task<QuarterlyReport> ReportAsync(int id) =>
        _factory.WithDbAsync(db => db.QuarterlyReports.AsNoTracking().SingleAsync(r => r.Id == id, TestContext.Current.CancellationToken));

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    private static List<string> RowIds(IDocument page) => [.. page.QuerySelectorAll("table.review-queue tr[data-report-id]").Select(r => r.GetAttribute("data-report-id")!)];

    private static Dictionary<string, int> Counts(IDocument page) =>
        page.QuerySelectorAll("[data-count]").ToDictionary(e => e.GetAttribute("data-count")!, e => int.Parse(e.TextContent.Split(':')[^1].Trim(), CultureInfo.InvariantCulture));

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, IDocument page, IEnumerable<KeyValuePair<string, string>> fields)
    {
        using var content = new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", page.AntiforgeryToken())));
        return await client.PostAsync(new Uri(url, UriKind.Relative), content, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task The_queue_is_filtered_by_quarter_region_province_state_and_agency_and_counts_each_state()
    {
        var f = await FixtureAsync();
        var central = await _factory.SignedInClientAsync(Persona.CentralVwu);

        var waiting = await central.GetDocumentAsync("/reports/review");
        Assert.Equal([Id(f.HaGiangQ1), Id(f.CaoBangQ2), Id(f.HaGiangQ2)], RowIds(waiting)); // waiting longest first, own agency only
        Assert.Equal(new Dictionary<string, int> { ["Submitted"] = 3, ["Returned"] = 1, ["Approved"] = 1, ["All"] = 5 }, Counts(waiting));

        var q2 = await central.GetDocumentAsync("/reports/review?quarter=20242");
        Assert.Equal([Id(f.CaoBangQ2), Id(f.HaGiangQ2)], RowIds(q2));
        Assert.Equal(new Dictionary<string, int> { ["Submitted"] = 2, ["Returned"] = 1, ["Approved"] = 0, ["All"] = 3 }, Counts(q2));

        var delta = await central.GetDocumentAsync("/reports/review?region=RedRiverDelta&state=All");
        Assert.Equal([Id(f.HaNoiQ1Approved)], RowIds(delta));

        var haGiang = await _factory.ProvinceIdAsync("02");
        var province = await central.GetDocumentAsync($"/reports/review?provinceId={haGiang}&state=All&sort=quarter");
        Assert.Equal([Id(f.HaGiangQ2), Id(f.HaGiangQ1)], RowIds(province));

        var returned = await central.GetDocumentAsync("/reports/review?state=Returned");
        Assert.Equal([Id(f.HaTinhQ2Returned)], RowIds(returned));
        Assert.Empty(returned.QuerySelectorAll("input[name=r]")); // only reports waiting can be approved

        // The other agency's reports can be read in the queue, but not chosen for approval.
        var cema = await _factory.AgencyIdAsync(AgencyCodes.Cema);
        var other = await central.GetDocumentAsync($"/reports/review?agencyId={cema}");
        Assert.Equal([Id(f.HaGiangQ2Cema)], RowIds(other));
        Assert.Empty(other.QuerySelectorAll("input[name=r]"));
        Assert.Equal(3, waiting.QuerySelectorAll("input[name=r]").Length);
    }

    [Theory]
    [InlineData("ha giang")]
    [InlineData("HÀ GIANG")]
    [InlineData("  Ha   Giang ")]
    public async Task Searching_ignores_diacritics_and_case(string search)
    {
        var f = await FixtureAsync();
        var central = await _factory.SignedInClientAsync(Persona.CentralVwu);

        var page = await central.GetDocumentAsync("/reports/review?state=All&q=" + Uri.EscapeDataString(search));

        Assert.Equal([Id(f.HaGiangQ1), Id(f.HaGiangQ2)], RowIds(page)); // not Hà Tĩnh nor Hà Nội
        Assert.Equal(search, page.QuerySelector("input[name=q]")!.GetAttribute("value"));
        Assert.Equal(2, Counts(page)["All"]);
    }

    [Fact]
    public async Task The_filters_and_sort_survive_paging()
    {
        var plan = await _factory.WithDbAsync(db => db.Plans.Where(p => p.Number == Scenario.Plan468).Select(p => p.Id).SingleAsync(TestContext.Current.CancellationToken));
        var codes = await _factory.WithDbAsync(async db => (await db.Provinces.AsNoTracking().ToListAsync()).Where(p => p.IsValidOn(In2024)).Select(p => p.Code).Order().Take(55).ToList());
        foreach (var code in codes)
        {
            await _factory.SentReportAsync(plan, Q1, code, In2024, AgencyCodes.Vwu, new DateTime(2024, 6, 3, 2, 0, 0, DateTimeKind.Utc));
        }

        await _factory.SentReportAsync(plan, Q2, "02", In2024, AgencyCodes.Vwu, new DateTime(2024, 6, 3, 2, 0, 0, DateTimeKind.Utc));
        var central = await _factory.SignedInClientAsync(Persona.CentralVwu);

        var first = await central.GetDocumentAsync("/reports/review?quarter=20241&sort=province");
        Assert.Equal(50, RowIds(first).Count);
        Assert.Equal("55", first.QuerySelector("[data-total]")!.GetAttribute("data-total"));
        var next = first.QuerySelector("a[rel=next]")!.GetAttribute("href")!;
        Assert.Contains("quarter=20241", next, StringComparison.Ordinal);
        Assert.Contains("sort=province", next, StringComparison.Ordinal);

        var second = await central.GetDocumentAsync(next);
        var names = second.QuerySelectorAll("table.review-queue tbody tr td[data-label]:nth-of-type(2)").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal(5, RowIds(second).Count); // the Q2 report stays filtered out
        Assert.Equal(names.Order(StringComparer.Create(new CultureInfo("vi-VN"), false)), names);
    }

    [Theory]
    [InlineData("quarter=abc")]
    [InlineData("region=99")]
    [InlineData("region=Atlantis")]
    [InlineData("state=Draft")]
    [InlineData("sort=random")]
    [InlineData("page=two")]
    [InlineData("agencyId=x")]
    [InlineData("provinceId=1e9")]
    public async Task A_bad_queue_parameter_is_a_400_page(string query)
    {
        var central = await _factory.SignedInClientAsync(Persona.CentralVwu);

        foreach (var url in new[] { "/reports/review?", "/reports/review/approve?r=1-1&", "/reports/1?from=queue&" })
        {
            using var response = await central.GetAsync(new Uri(url + query, UriKind.Relative), TestContext.Current.CancellationToken);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{url}{query}: {response.StatusCode}");
        }
    }

    [Theory]
    [InlineData("r=abc")]
    [InlineData("r=12")]
    [InlineData("r=-1-2")]
    [InlineData("r=1-0")]
    public async Task A_tampered_choice_of_reports_is_a_400_page(string query)
    {
        var central = await _factory.SignedInClientAsync(Persona.CentralVwu);

        using var response = await central.GetAsync(new Uri("/reports/review/approve?" + query, UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_search_longer_than_allowed_is_a_400_page()
    {
        var central = await _factory.SignedInClientAsync(Persona.CentralVwu);

        using var response = await central.GetAsync(new Uri("/reports/review?q=" + new string('a', 101), UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_report_opened_from_the_queue_links_to_its_neighbours_keeping_the_filters()
    {
        var f = await FixtureAsync();
        var central = await _factory.SignedInClientAsync(Persona.CentralVwu);
        var queue = await central.GetDocumentAsync("/reports/review?quarter=20242&sort=province");
        Assert.Equal([Id(f.CaoBangQ2), Id(f.HaGiangQ2)], RowIds(queue));

        var firstUrl = queue.QuerySelector($"tr[data-report-id='{f.CaoBangQ2}'] a")!.GetAttribute("href")!;
        var first = await central.GetDocumentAsync(firstUrl);
        Assert.Equal("1/2", first.QuerySelector("[data-queue-position]")!.GetAttribute("data-queue-position"));
        Assert.Null(first.QuerySelector(".queue-nav a[rel=prev]"));
        var nextUrl = first.QuerySelector(".queue-nav a[rel=next]")!.GetAttribute("href")!;
        Assert.StartsWith($"/reports/{f.HaGiangQ2}?", nextUrl, StringComparison.Ordinal);
        Assert.Contains("quarter=20242", nextUrl, StringComparison.Ordinal);

        var second = await central.GetDocumentAsync(nextUrl);
        Assert.Equal("2/2", second.QuerySelector("[data-queue-position]")!.GetAttribute("data-queue-position"));
        Assert.StartsWith($"/reports/{f.CaoBangQ2}?", second.QuerySelector(".queue-nav a[rel=prev]")!.GetAttribute("href"), StringComparison.Ordinal);
        Assert.Null(second.QuerySelector(".queue-nav a[rel=next]"));
        var back = second.QuerySelector(".queue-nav a")!.GetAttribute("href")!;
        Assert.Equal("/reports/review?quarter=20242&sort=province&page=1", back);

        // Opened on its own, the report has no queue navigation.
        Assert.Null((await central.GetDocumentAsync($"/reports/{f.CaoBangQ2}")).QuerySelector(".queue-nav"));
    }

    [Fact]
    public async Task Three_reports_are_approved_at_once_after_a_confirmation_each_through_the_single_approval_path()
    {
        var f = await FixtureAsync();
        var central = await _factory.SignedInClientAsync(Persona.CentralVwu);
        var queue = await central.GetDocumentAsync("/reports/review?quarter=&sort=waiting");
        var chosen = queue.QuerySelectorAll("input[name=r]").Select(i => i.GetAttribute("value")!).ToList();
        Assert.Equal(3, chosen.Count);

        // The confirmation is a page of its own that lists them and writes nothing.
        var confirm = await central.GetDocumentAsync("/reports/review/approve?sort=waiting&" + string.Join('&', chosen.Select(c => "r=" + c)));
        var listed = confirm.QuerySelectorAll("table.bulk-items tr[data-report-id]");
        Assert.Equal([Id(f.HaGiangQ1), Id(f.CaoBangQ2), Id(f.HaGiangQ2)], listed.Select(r => r.GetAttribute("data-report-id")));
        Assert.Contains("Cao Bằng", listed[1].Text(), StringComparison.Ordinal);
        Assert.Contains("Quý II/2024", listed[1].Text(), StringComparison.Ordinal);
        Assert.Contains("05/06/2024", listed[1].Text(), StringComparison.Ordinal);
        Assert.Equal(ReportState.Submitted, (await ReportAsync(f.HaGiangQ1)).State);

        var form = confirm.QuerySelector("form.bulk-confirm")!;
        using var response = await PostAsync(central, form.GetAttribute("action")!, confirm, form.QuerySelectorAll("input[type=hidden]").Where(i => i.GetAttribute("name") != "__RequestVerificationToken")
            .Select(i => new KeyValuePair<string, string>(i.GetAttribute("name")!, i.GetAttribute("value")!)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.ReadDocumentAsync();
        Assert.Equal(3, result.QuerySelectorAll("table.bulk-items tr[data-report-id]").Length);
        Assert.Empty(result.QuerySelectorAll("tr[data-refusal]:not([data-refusal=''])"));
        Assert.Equal("/reports/review?sort=waiting", result.QuerySelector("a.btn-primary")!.GetAttribute("href"));
        var reviewer = await _factory.AccountAsync(Persona.CentralVwu);
        foreach (var id in new[] { f.HaGiangQ1, f.CaoBangQ2, f.HaGiangQ2 })
        {
            var report = await ReportAsync(id);
            Assert.Equal(ReportState.Approved, report.State);
            var approval = report.Transitions.Single(t => t.Action == ReportAction.Approve);
            Assert.Equal(reviewer.Id, approval.ById);
        }

        var audited = await _factory.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(e => e.EntityType == nameof(QuarterlyReport) && e.UserId == reviewer.Id && e.Action == AuditAction.Updated)
            .Select(e => e.EntityId).ToListAsync(TestContext.Current.CancellationToken));
        Assert.Equal(new[] { f.HaGiangQ1, f.CaoBangQ2, f.HaGiangQ2 }.Select(Id).Order(), audited.Distinct().Order());
        Assert.Empty(RowIds(await central.GetDocumentAsync("/reports/review")));
    }

    [Fact]
    public async Task Bulk_approval_refuses_the_other_agencys_report_and_one_changed_since_the_list_was_shown()
    {
        var f = await FixtureAsync();
        var central = await _factory.SignedInClientAsync(Persona.CentralVwu);
        var queue = await central.GetDocumentAsync("/reports/review");
        string Shown(int id) => queue.QuerySelector($"input[name=r][value^='{id}-']")!.GetAttribute("value")!;
        var cemaVersion = (await ReportAsync(f.HaGiangQ2Cema)).Version;
        var chosen = new[] { Shown(f.HaGiangQ1), Shown(f.CaoBangQ2), Shown(f.HaGiangQ2), $"{f.HaGiangQ2Cema}-{cemaVersion}" };

        // After the list was shown, Hà Giang's Q2 report is returned and sent again: still waiting, but not what was read.
        await ChangeAsync(f.HaGiangQ2, r => r.Return("other", "Người khác", new DateTime(2024, 6, 20, 2, 0, 0, DateTimeKind.Utc), "Thiếu số liệu"));
        await ChangeAsync(f.HaGiangQ2, r => r.Submit("t", "t", new DateTime(2024, 6, 21, 2, 0, 0, DateTimeKind.Utc)));

        var confirm = await central.GetDocumentAsync("/reports/review/approve?" + string.Join('&', chosen.Select(c => "r=" + c)));
        Assert.Equal([Id(f.HaGiangQ2), Id(f.HaGiangQ2Cema)], confirm.QuerySelectorAll("tr[data-refusal^='Bulk.Refused']").Select(r => r.GetAttribute("data-report-id")));
        using var response = await PostAsync(central, "/reports/review/approve", confirm, chosen.Select(c => new KeyValuePair<string, string>("r", c)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.ReadDocumentAsync();
        string? Refusal(int id) => result.QuerySelector($"tr[data-report-id='{id}']")!.GetAttribute("data-refusal");
        Assert.Equal(string.Empty, Refusal(f.HaGiangQ1) ?? string.Empty);
        Assert.Equal(string.Empty, Refusal(f.CaoBangQ2) ?? string.Empty);
        Assert.Equal("Bulk.Refused.Changed", Refusal(f.HaGiangQ2));
        Assert.Equal("Bulk.Refused.NotYours", Refusal(f.HaGiangQ2Cema));
        Assert.Contains("đã thay đổi sau khi danh sách được hiển thị", result.QuerySelector($"tr[data-report-id='{f.HaGiangQ2}']")!.Text(), StringComparison.Ordinal);
        Assert.Contains("cơ quan khác", result.QuerySelector($"tr[data-report-id='{f.HaGiangQ2Cema}']")!.Text(), StringComparison.Ordinal);
        Assert.Equal(ReportState.Approved, (await ReportAsync(f.HaGiangQ1)).State);
        Assert.Equal(ReportState.Approved, (await ReportAsync(f.CaoBangQ2)).State);
        Assert.Equal(ReportState.Submitted, (await ReportAsync(f.HaGiangQ2)).State);
        Assert.Equal(ReportState.Submitted, (await ReportAsync(f.HaGiangQ2Cema)).State);
    }

    [Fact]
    public async Task Bulk_approval_without_a_valid_token_changes_nothing()
    {
        var f = await FixtureAsync();
        var central = await _factory.SignedInClientAsync(Persona.CentralVwu);
        using var content = new FormUrlEncodedContent([new("r", $"{f.HaGiangQ1}-{(await ReportAsync(f.HaGiangQ1)).Version}")]);

        using var response = await central.PostAsync(new Uri("/reports/review/approve", UriKind.Relative), content, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(ReportState.Submitted, (await ReportAsync(f.HaGiangQ1)).State);
    }
}
