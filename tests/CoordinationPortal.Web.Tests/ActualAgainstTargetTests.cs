using System.Globalization;
using AngleSharp.Dom;
using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Domain.Indicators;
using CoordinationPortal.Domain.Progress;
using CoordinationPortal.Domain.Reporting;
using CoordinationPortal.Web.Tests.Infrastructure;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.EntityFrameworkCore;
using Word = DocumentFormat.OpenXml.Wordprocessing;
using Xlsx = DocumentFormat.OpenXml.Spreadsheet;

namespace CoordinationPortal.Web.Tests;

/// <summary>
/// Actual against target on the dashboard, a province's own view, dashboard.xlsx and the year-end
/// report, against a fixture counted by hand (Plan 468, 2024).
///
/// Activity 1 (provinces report), indicator "Số lượt người tham dự" (participants):
///   Hà Giang VWU  Q1 approved 120, Q2 submitted 80   -> counts
///   Cao Bằng CEMA Q2 submitted 100                   -> counts
///   Lào Cai VWU   Q2 returned 1000                   -> not counted (handed back)
///   Điện Biên VWU Q2 draft 7                         -> not counted (not sent)
///   year: 120 + 80 + 100 = 300; Q2 alone: 80 + 100 = 180.
///   National target 450: 300 / 450 = 66.7% -> 67%.
///   Hà Giang's own view (its VWU branch): 120 + 80 = 200 against its target 250 -> 80%.
/// Activity 1, "Kinh phí đã chi từ ngân sách nhà nước": Hà Giang Q2 2,500,000 + Cao Bằng Q2
///   1,000,000 = 3,500,000 dong against 10,000,000 -> 35%.
/// Activity 1, "Số cuộc tuyên truyền đã tổ chức": Hà Giang Q1 3, no target -> "chưa đặt mục tiêu".
/// Activity 3 (central only), "Số đại biểu tham dự" (delegates):
///   a provincial line stored for it before it became central only (Hà Giang Q1, 999) -> not counted;
///   VWU entries: 10/06 60, 20/10 90, 25/10 without the figure -> VWU's latest figure is 90;
///   CEMA entry: 15/10 40 -> 40;  actual 90 + 40 = 130 against 200 -> 65%.
///   VWU's 25/10 entry gives "Số hội thảo đã tổ chức" 1 (no target), its only figure for it.
/// </summary>
public sealed class ActualAgainstTargetTests : IAsyncLifetime
{
    private static readonly Quarter Q1 = new(2024, 1);
    private static readonly Quarter Q2 = new(2024, 2);
    private static readonly DateTime Sent = new(2024, 6, 19, 3, 0, 0, DateTimeKind.Utc);
    private readonly PortalFactory _factory = new();
    private Ids _ids = null!;

    private sealed record Ids(int Plan, int Participants, int Events, int Funds, int Delegates);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _ids = await _factory.WithDbAsync(async db =>
        {
            var plan = await db.Plans.Include(p => p.Activities).SingleAsync(Ct);
            var activity1 = plan.Activities.Single(a => a.Number == 1).Id;
            var activity3 = plan.Activities.Single(a => a.Number == 3).Id;
            var indicators = await db.Indicators.Where(i => i.ActivityId == activity1 || i.ActivityId == activity3).ToDictionaryAsync(i => i.Code, Ct);
            var participants = indicators["A1.PARTICIPANTS"];
            var events = indicators["A1.EVENTS"];
            var funds = indicators["A1.FUNDS.STATE"];
            var delegates = indicators["A3.DELEGATES"];
            var provinces = await db.Provinces.Where(p => p.ValidFrom == null).ToDictionaryAsync(p => p.Code, p => p.Id, Ct); // the units of 2024
            var vwu = await db.Agencies.Where(a => a.Code == "VWU").Select(a => a.Id).SingleAsync(Ct);
            var cema = await db.Agencies.Where(a => a.Code == "CEMA").Select(a => a.Id).SingleAsync(Ct);

            void Add(Quarter quarter, string province, int agency, IndicatorValue[] values, Action<QuarterlyReport> move)
            {
                var report = QuarterlyReport.Start(plan, quarter, provinces[province], agency, "t", Sent.AddDays(-5));
                report.Write(
                    report.Lines.ToDictionary(l => l.ActivityId, l => new LineContent(ActivityStatus.OnTrack, "Kết quả", null, null, l.ActivityId == activity1 ? values : [])),
                    "t",
                    Sent.AddDays(-5));
                move(report);
                db.QuarterlyReports.Add(report);
            }

            Add(Q1, "02", vwu, [new(participants.Id, 120), new(events.Id, 3)], r => { r.Submit("t", "t", Sent); r.Approve("c", "c", Sent.AddDays(1)); });
            Add(Q2, "02", vwu, [new(participants.Id, 80), new(funds.Id, 2_500_000)], r => r.Submit("t", "t", Sent));
            Add(Q2, "04", cema, [new(participants.Id, 100), new(funds.Id, 1_000_000)], r => r.Submit("t", "t", Sent));
            Add(Q2, "10", vwu, [new(participants.Id, 1000)], r => { r.Submit("t", "t", Sent); r.Return("c", "c", Sent.AddDays(1), "Sửa"); });
            Add(Q2, "11", vwu, [new(participants.Id, 7)], _ => { });

            ProgressEntry Entry(int agency, DateOnly on, params IndicatorValue[] values) =>
                new(activity3, null, agency, "t", "Cán bộ trung ương", Sent, new ProgressContent(on, ActivityStatus.OnTrack, 50, "Hội thảo", null, null, values));
            db.ProgressEntries.AddRange(
                Entry(vwu, new DateOnly(2024, 6, 10), new IndicatorValue(delegates.Id, 60)),
                Entry(vwu, new DateOnly(2024, 10, 20), new IndicatorValue(delegates.Id, 90)),
                Entry(vwu, new DateOnly(2024, 10, 25), new IndicatorValue(indicators["A3.WORKSHOPS"].Id, 1)),
                Entry(cema, new DateOnly(2024, 10, 15), new IndicatorValue(delegates.Id, 40)));

            participants.SetTargets(450, new Dictionary<int, long> { [provinces["02"]] = 250 });
            funds.SetTargets(10_000_000, new Dictionary<int, long>());
            delegates.SetTargets(200, new Dictionary<int, long>());
            await db.SaveChangesAsync(Ct);
            return new Ids(plan.Id, participants.Id, events.Id, funds.Id, delegates.Id);
        });

        // A line Hà Giang stored for activity 3 before it became central only (report forms no longer offer one).
        var q1Report = await _factory.WithDbAsync(db => db.QuarterlyReports.Where(r => r.Quarter == Q1).Select(r => r.Id).SingleAsync(Ct));
        var activity3Id = await _factory.ActivityIdAsync(3);
        await _factory.WithDbAsync(async db =>
        {
            await db.Database.ExecuteSqlAsync($"INSERT INTO ReportLines (ReportId, ActivityId, Status, Results) VALUES ({q1Report}, {activity3Id}, {(int)ActivityStatus.Completed}, 'Tỉnh tự tổ chức hội thảo riêng')", Ct);
            return await db.Database.ExecuteSqlAsync($"INSERT INTO ReportLineValues (ReportLineId, IndicatorId, Value) SELECT Id, {_ids.Delegates}, 999 FROM ReportLines WHERE ReportId = {q1Report} AND ActivityId = {activity3Id}", Ct);
        });
    }

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    private async Task<IDocument> DashboardAsync(string query = "")
    {
        var client = await _factory.SignedInClientAsync(Persona.Leadership);
        return await client.GetDocumentAsync($"/dashboard?planId={_ids.Plan}{query}");
    }

    private static IElement Row(IDocument page, int indicatorId) =>
        page.QuerySelector($".indicator-totals tr[data-indicator-id='{indicatorId}']") ?? throw new InvalidOperationException($"no row for indicator {indicatorId}");

    private static (string Total, string Target, string Percent) Figures(IElement row) => (
        row.QuerySelector("[data-total]")!.GetAttribute("data-total")!,
        row.QuerySelector("[data-target]")!.GetAttribute("data-target")!,
        row.QuerySelector("[data-percent]")!.GetAttribute("data-percent")!);

    private static string Shown(IElement row, string attribute) => row.QuerySelector($"[{attribute}]")!.Text();

    [Fact]
    public async Task The_dashboard_shows_each_indicators_year_actual_its_year_target_and_the_share_reached()
    {
        var page = await DashboardAsync();

        var participants = Row(page, _ids.Participants);
        Assert.Equal(("300", "450", "67"), Figures(participants));
        Assert.Equal("120", participants.QuerySelector($"td[data-quarter='{Q1}']")!.Text());
        Assert.Equal("180", participants.QuerySelector($"td[data-quarter='{Q2}']")!.Text());
        Assert.Equal("450", Shown(participants, "data-target"));
        Assert.Equal("67%", Shown(participants, "data-percent"));
        Assert.Equal("Báo cáo các tỉnh", participants.QuerySelector("[data-source-label]")!.Text());

        var funds = Row(page, _ids.Funds);
        Assert.Equal(("3500000", "10000000", "35"), Figures(funds));
        Assert.Equal("3.500.000 ₫", Shown(funds, "data-total"));
        Assert.Equal("10.000.000 ₫", Shown(funds, "data-target"));

        var events = Row(page, _ids.Events);
        Assert.Equal(("3", string.Empty, string.Empty), Figures(events));
        Assert.Equal("chưa đặt mục tiêu", Shown(events, "data-target"));

        Assert.Contains("Mục tiêu là của cả năm 2024", page.QuerySelector("#targets-help")!.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_quarters_view_shows_the_quarter_beside_the_year_to_date_which_is_what_the_year_target_is_compared_with()
    {
        var page = await DashboardAsync($"&quarter={Q2.Key}");

        var participants = Row(page, _ids.Participants);
        Assert.Equal("180", participants.QuerySelector($"td[data-quarter='{Q2}']")!.Text());
        Assert.Null(participants.QuerySelector($"td[data-quarter='{Q1}']"));
        Assert.Equal(("300", "450", "67"), Figures(participants));
        Assert.Contains("Lũy kế năm 2024", page.QuerySelector(".indicator-totals thead")!.Text(), StringComparison.Ordinal);
        Assert.Contains("so sánh số lũy kế cả năm đến nay", page.QuerySelector("#targets-help")!.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_central_only_activity_counts_the_central_agencies_latest_figures_and_no_provincial_line()
    {
        var page = await DashboardAsync();

        var delegates = Row(page, _ids.Delegates);
        Assert.Equal("CentralOffices", delegates.GetAttribute("data-source"));
        Assert.Equal(("130", "200", "65"), Figures(delegates)); // 90 (VWU's latest) + 40 (CEMA's), not 999 from a province
        Assert.Equal("Cơ quan trung ương (lũy kế)", delegates.QuerySelector("[data-source-label]")!.Text());
        Assert.All(delegates.QuerySelectorAll("td[data-quarter]"), cell => Assert.Equal("–", cell.QuerySelector("[aria-hidden]")!.Text()));
        Assert.Contains("số lũy kế mới nhất", page.QuerySelector("#targets-help")!.Text(), StringComparison.Ordinal);

        // One agency chosen: only its own latest figure.
        var cema = await _factory.AgencyIdAsync("CEMA");
        var cemaOnly = await DashboardAsync($"&agencyId={cema}");
        Assert.Equal(("40", "200", "20"), Figures(Row(cemaOnly, _ids.Delegates)));
        Assert.Equal(("100", "450", "22"), Figures(Row(cemaOnly, _ids.Participants))); // 100 / 450 = 22.2%
    }

    [Fact]
    public async Task The_progress_form_says_its_figures_are_the_agencys_own_cumulative_ones()
    {
        var central = await _factory.SignedInClientAsync(Persona.CentralVwu);

        var form = await central.GetDocumentAsync($"/activities/{await _factory.ActivityIdAsync(3)}/progress/new");

        Assert.Equal("Số liệu lũy kế của cơ quan mình đến ngày cập nhật.", form.QuerySelector(".indicator-inputs [data-indicator-hint]")!.Text());
    }

    [Fact]
    public async Task A_province_sees_its_own_actual_against_its_own_target()
    {
        var haGiang = await _factory.SignedInClientAsync(Persona.ProvincialHaGiangVwu);

        var page = await haGiang.GetDocumentAsync("/dashboard");

        var participants = Row(page, _ids.Participants);
        Assert.Equal(("200", "250", "80"), Figures(participants));
        Assert.Equal("80%", Shown(participants, "data-percent"));
        Assert.Equal("chưa đặt mục tiêu", Shown(Row(page, _ids.Events), "data-target"));
        Assert.Equal("chưa đặt mục tiêu", Shown(Row(page, _ids.Funds), "data-target")); // a national target is not the province's
        Assert.Null(page.QuerySelector($".indicator-totals tr[data-indicator-id='{_ids.Delegates}']")); // its old line for activity 3 is not a result
    }

    [Fact]
    public async Task The_dashboard_workbook_holds_actual_target_and_share_reached_as_numbers()
    {
        var client = await _factory.SignedInClientAsync(Persona.Leadership);
        var bytes = await client.GetByteArrayAsync(new Uri($"/exports/dashboard.xlsx?planId={_ids.Plan}", UriKind.Relative), Ct);

        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        var workbook = document.WorkbookPart!;
        var sheet = workbook.Workbook.Sheets!.Elements<Xlsx.Sheet>().Single(s => s.Name == "Chỉ tiêu");
        var rows = ((WorksheetPart)workbook.GetPartById(sheet.Id!)).Worksheet.Descendants<Xlsx.Row>().ToList();
        var header = rows[1].Elements<Xlsx.Cell>().Select(Text).ToList();
        Assert.Equal(["HĐ", "Chỉ tiêu", "Nguồn số liệu", "Quý I/2024", "Quý II/2024", "Quý III/2024", "Quý IV/2024", "Cả năm", "Mục tiêu", "% đạt"], header);
        List<Xlsx.Cell> Line(string activity, string name) => rows
            .Single(r => r.Elements<Xlsx.Cell>().ToList() is { Count: > 2 } c && Text(c[0]) == activity && Text(c[1]) == name)
            .Elements<Xlsx.Cell>().ToList();
        var percentStyle = rows.Skip(2).SelectMany(r => r.Elements<Xlsx.Cell>()).First(c => c.CellReference!.Value!.StartsWith('J') && c.DataType?.Value == Xlsx.CellValues.Number).StyleIndex!.Value;
        var format = workbook.WorkbookStylesPart!.Stylesheet.CellFormats!.Elements<Xlsx.CellFormat>().ElementAt((int)percentStyle);
        Assert.Equal(9u, format.NumberFormatId!.Value); // "0%"

        var participants = Line("1", "Số lượt người tham dự");
        Assert.Equal(["120", "180", "0", "0", "300", "450"], participants.Skip(3).Take(6).Select(Text));
        Assert.All(participants.Skip(3).Take(6), c => Assert.Equal(Xlsx.CellValues.Number, c.DataType!.Value));
        Assert.Equal(0.67, double.Parse(Text(participants[9]), CultureInfo.InvariantCulture), 6);

        var delegates = Line("3", "Số đại biểu tham dự");
        Assert.Equal("Cơ quan trung ương (lũy kế)", Text(delegates[2]));
        Assert.Equal(["", "", "", "", "130", "200"], delegates.Skip(3).Take(6).Select(Text));
        Assert.Equal(0.65, double.Parse(Text(delegates[9]), CultureInfo.InvariantCulture), 6);

        var events = Line("1", "Số cuộc tuyên truyền đã tổ chức");
        Assert.Equal(["3", "", "Chưa đặt mục tiêu"], events.Skip(7).Select(Text));

        static string Text(Xlsx.Cell cell) => cell.InlineString?.InnerText ?? cell.CellValue?.Text ?? string.Empty;
    }

    [Fact]
    public async Task The_year_end_report_gives_each_activitys_indicators_with_target_and_share_reached()
    {
        var client = await _factory.SignedInClientAsync(Persona.Leadership);
        var bytes = await client.GetByteArrayAsync(new Uri($"/exports/results.docx?planId={_ids.Plan}", UriKind.Relative), Ct);

        using var document = WordprocessingDocument.Open(new MemoryStream(bytes), false);
        var body = document.MainDocumentPart!.Document.Body!;
        var tables = body.Elements<Word.Table>()
            .Select(t => t.Elements<Word.TableRow>().Select(r => r.Elements<Word.TableCell>().Select(c => c.InnerText).ToList()).ToList())
            .Where(t => t[0].SequenceEqual(["Chỉ tiêu", "Thực hiện", "Mục tiêu", "Tỷ lệ đạt"]))
            .ToList();
        Assert.Equal(2, tables.Count); // activities 1 and 3: the others have no figure and no target

        Assert.Equal(
            [["Số cuộc tuyên truyền đã tổ chức", "3", "Chưa đặt mục tiêu", "–"], ["Số lượt người tham dự", "300 người", "450 người", "67%"], ["Kinh phí đã chi từ ngân sách nhà nước", "3.500.000 đồng", "10.000.000 đồng", "35%"]],
            tables[0].Skip(1));
        Assert.Equal([["Số hội thảo đã tổ chức", "1", "Chưa đặt mục tiêu", "–"], ["Số đại biểu tham dự", "130 người", "200 người", "65%"]], tables[1].Skip(1));

        var text = string.Join('\n', body.Elements<Word.Paragraph>().Select(p => p.InnerText));
        Assert.Contains("thực hiện: tổng số lũy kế mới nhất do các cơ quan trung ương cập nhật", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Tỉnh tự tổ chức hội thảo riêng", text, StringComparison.Ordinal); // the old provincial line of activity 3
        Assert.Contains("các địa phương không báo cáo hoạt động này", text, StringComparison.Ordinal);
    }
}
