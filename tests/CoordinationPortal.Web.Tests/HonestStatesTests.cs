using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Domain.Reporting;
using CoordinationPortal.Web.Tests.Infrastructure;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CoordinationPortal.Web.Tests;

/// <summary>
/// A report handed back after approval is shown to the province as reopened, with the reason, on
/// the report, its edit page, "my reports", the reports list, the province's dashboard, its home
/// page and the Excel export; a report returned from review still says so.
/// </summary>
public sealed class HonestStatesTests : IAsyncDisposable
{
    private static readonly Quarter Q2 = new(2024, 2);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2024, 6, 12, 1, 0, 0, TimeSpan.Zero));
    private readonly PortalFactory _factory = new();

    public HonestStatesTests()
    {
        _factory.ConfigureServices = services => services.AddSingleton<TimeProvider>(_clock);
    }

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task A_reopened_report_is_shown_to_the_province_as_reopened_with_the_reason_not_as_returned()
    {
        var reportId = await _factory.ReportAsync(Persona.ProvincialHaGiangVwu, Q2, ReportState.Approved);
        var central = await _factory.SignedInClientAsync(Persona.CentralVwu);
        var page = await central.GetDocumentAsync($"/reports/{reportId}");
        using (await central.PostFormAsync($"/reports/{reportId}/reopen", page, new() { ["Confirmed"] = "true", ["Comment"] = "Số liệu kinh phí chưa khớp với quyết toán" }))
        {
        }

        var province = await _factory.SignedInClientAsync(Persona.ProvincialHaGiangVwu);
        var edit = await province.GetDocumentAsync($"/reports/{reportId}/edit");
        Assert.Equal("Đã mở lại để sửa", edit.QuerySelector("[data-report-state]")!.Text());
        var notice = edit.QuerySelector("[data-handed-back]")!;
        Assert.Equal("reopened", notice.GetAttribute("data-handed-back"));
        Assert.Contains("mở lại báo cáo đã duyệt lúc", notice.Text(), StringComparison.Ordinal);
        Assert.Contains("Số liệu kinh phí chưa khớp với quyết toán", notice.Text(), StringComparison.Ordinal);
        Assert.DoesNotContain("Bị trả lại", edit.QuerySelector("main")!.Text(), StringComparison.Ordinal);

        var report = await province.GetDocumentAsync($"/reports/{reportId}");
        Assert.Equal("Đã mở lại để sửa", report.QuerySelector("[data-report-state]")!.Text());

        var mine = await province.GetDocumentAsync("/reports/mine");
        Assert.Equal("Đã mở lại để sửa", mine.QuerySelector($"tr[data-quarter='{Q2}'] [data-report-state]")!.Text());
    }

    [Fact]
    public async Task A_report_returned_from_review_is_still_shown_as_returned()
    {
        var reportId = await _factory.ReportAsync(Persona.ProvincialHaGiangVwu, Q2, ReportState.Returned);
        var province = await _factory.SignedInClientAsync(Persona.ProvincialHaGiangVwu);

        var edit = await province.GetDocumentAsync($"/reports/{reportId}/edit");

        Assert.Equal("Bị trả lại", edit.QuerySelector("[data-report-state]")!.Text());
        Assert.Equal("returned", edit.QuerySelector("[data-handed-back]")!.GetAttribute("data-handed-back"));
    }

    [Fact]
    public async Task A_reopened_report_has_the_reopened_label_in_the_lists_the_province_dashboard_its_home_and_the_excel_export()
    {
        var reportId = await ReopenedReportAsync("Thiếu biên bản hội nghị");
        var province = await _factory.SignedInClientAsync(Persona.ProvincialHaGiangVwu);
        var central = await _factory.SignedInClientAsync(Persona.CentralVwu);

        foreach (var (client, url) in new[] { (province, "/reports"), (central, "/reports"), (central, "/reports/review?state=Returned") })
        {
            var list = await client.GetDocumentAsync(url);
            Assert.Equal("Đã mở lại để sửa", list.QuerySelector($"tr[data-report-id='{reportId}'] .state-badge")!.Text());
        }

        var mine = await province.GetDocumentAsync("/reports/mine");
        Assert.Equal("Đã mở lại để sửa: sửa theo lý do mở lại rồi gửi lại.", mine.QuerySelector($"tr[data-quarter='{Q2}'] td:last-child .small")!.Text());

        var dashboard = await province.GetDocumentAsync("/dashboard");
        Assert.Equal("Đã mở lại để sửa", dashboard.QuerySelector($"tr[data-quarter='{Q2}'] [data-report-state]")!.Text());
        Assert.DoesNotContain("Bị trả lại", dashboard.QuerySelector("main")!.Text(), StringComparison.Ordinal);

        var home = await province.GetDocumentAsync("/");
        var handedBack = home.QuerySelector($"[data-returned-report='{reportId}']")!;
        Assert.Contains("Đã mở lại để sửa", handedBack.Text(), StringComparison.Ordinal);
        Assert.Contains("mở lại báo cáo đã duyệt lúc", handedBack.Text(), StringComparison.Ordinal);
        Assert.Contains("Thiếu biên bản hội nghị", handedBack.Text(), StringComparison.Ordinal);

        foreach (var client in new[] { province, central })
        {
            var rows = ReportRows(await DownloadAsync(client, $"/exports/reports.xlsx?quarter={Q2.Key}"));
            Assert.NotEmpty(rows);
            Assert.All(rows, r => Assert.Equal("Đã mở lại để sửa", r[4]));
        }
    }

    [Fact]
    public async Task A_reopened_report_has_the_reopened_label_in_the_leaderships_grid_and_its_excel_sheet()
    {
        var reportId = await ReopenedReportAsync("Thiếu biên bản hội nghị");
        var leadership = await _factory.SignedInClientAsync(Persona.Leadership);

        var dashboard = await leadership.GetDocumentAsync("/dashboard");
        var cell = dashboard.QuerySelector($"a[href='/reports/{reportId}'][data-cell-state]")!;
        Assert.Equal("Reopened", cell.GetAttribute("data-cell-state"));
        Assert.Equal("Đã mở lại để sửa", cell.GetAttribute("title"));

        using var document = SpreadsheetDocument.Open(new MemoryStream(await DownloadAsync(leadership, "/exports/dashboard.xlsx")), false);
        var workbook = document.WorkbookPart!;
        var sheet = workbook.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == "Tỉnh theo quý");
        var cells = ((WorksheetPart)workbook.GetPartById(sheet.Id!)).Worksheet.Descendants<Cell>().Select(c => c.InlineString?.InnerText ?? c.CellValue?.Text).ToList();
        Assert.Contains("Đã mở lại để sửa", cells);
        Assert.DoesNotContain("Bị trả lại", cells);
    }

    /// <summary>Hà Giang's Q2 report, approved and then reopened by its central agency with <paramref name="reason"/>.</summary>
    private async Task<int> ReopenedReportAsync(string reason)
    {
        var reportId = await _factory.ReportAsync(Persona.ProvincialHaGiangVwu, Q2, ReportState.Approved);
        return await _factory.WithDbAsync(async db =>
        {
            var report = await db.QuarterlyReports.SingleAsync(r => r.Id == reportId);
            report.Reopen("reviewer", "Người duyệt", new DateTime(2024, 6, 11, 2, 0, 0, DateTimeKind.Utc), reason);
            await db.SaveChangesAsync();
            return reportId;
        });
    }

    private static async Task<byte[]> DownloadAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>The data rows of the quarterly reports sheet, read from the file itself.</summary>
    private static List<List<string>> ReportRows(byte[] xlsx)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
        var workbook = document.WorkbookPart!;
        var sheet = workbook.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == "Báo cáo quý");
        return [.. ((WorksheetPart)workbook.GetPartById(sheet.Id!)).Worksheet.Descendants<Row>().Skip(2)
            .Select(r => r.Elements<Cell>().Select(c => c.InlineString?.InnerText ?? c.CellValue?.Text ?? string.Empty).ToList())];
    }
}
