using System.Net;
using CoordinationPortal.Domain.Auditing;
using CoordinationPortal.Domain.Indicators;
using CoordinationPortal.Web.Tests.Infrastructure;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using Microsoft.EntityFrameworkCore;

namespace CoordinationPortal.Web.Tests.ReportWorkbooks;

/// <summary>
/// Issue 15, the download: a provincial officer takes the draft home as a workbook that holds what
/// the form holds, in the cells the upload reads back, with the status list in the officer's language.
/// </summary>
public sealed class ReportWorkbookDownloadTests(WorkbookPortal factory) : IClassFixture<WorkbookPortal>
{
    private const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private static async Task<byte[]> DownloadAsync(HttpClient client, int reportId)
    {
        using var response = await client.GetAsync(new Uri($"/reports/{reportId}/workbook.xlsx", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(XlsxType, response.Content.Headers.ContentType!.MediaType);
        return await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task The_draft_workbook_holds_the_drafts_texts_status_and_values_with_diacritics_in_the_cells_the_upload_reads()
    {
        var facts = await factory.FactsAsync();
        var client = await factory.SignedInClientAsync(Persona.ProvincialHaGiangVwu);

        using var response = await client.GetAsync(new Uri($"/reports/{facts.DraftId}/workbook.xlsx", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("bao-cao-02-vwu-q2-2024.xlsx", response.Content.Headers.ContentDisposition!.FileName?.Trim('"'));
        var file = WorkbookFile.Read(await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));

        Assert.Equal(["Báo cáo", "Chỉ số", "_portal"], file.Sheets.Keys);
        Assert.Equal("Báo cáo Quý II/2024 – Kế hoạch 468/KH-HLHPNVN-UBDT", file["Báo cáo", "A1"]);
        Assert.StartsWith("Hà Giang – Hội LHPN", file["Báo cáo", "A2"], StringComparison.Ordinal);
        Assert.Equal(["Mã dòng", "TT", "Hoạt động", "Tình trạng", "Kết quả thực hiện", "Lý do chưa có kết quả", "Khó khăn, vướng mắc", "Đề xuất, kiến nghị"], "ABCDEFGH".Select(c => file["Báo cáo", $"{c}4"]));

        // Row 5 is the first activity of the quarter, row 6 the second.
        Assert.Equal(facts.FirstActivityId.ToString(System.Globalization.CultureInfo.InvariantCulture), file["Báo cáo", "A5"]);
        Assert.Equal(facts.FirstActivityNumber.ToString(System.Globalization.CultureInfo.InvariantCulture), file["Báo cáo", "B5"]);
        Assert.Equal("Có nguy cơ chậm", file["Báo cáo", "D5"]);
        Assert.Equal(WorkbookPortal.Results, file["Báo cáo", "E5"]);
        Assert.Null(file["Báo cáo", "F5"]);
        Assert.Equal(WorkbookPortal.Difficulties, file["Báo cáo", "G5"]);
        Assert.Equal(WorkbookPortal.Proposals, file["Báo cáo", "H5"]);
        Assert.Equal(facts.SecondActivityId.ToString(System.Globalization.CultureInfo.InvariantCulture), file["Báo cáo", "A6"]);
        Assert.Null(file["Báo cáo", "D6"]);
        Assert.Equal(WorkbookPortal.Reason, file["Báo cáo", "F6"]);
        var lineCount = await factory.WithDbAsync(db => db.ReportLines.CountAsync(l => l.ReportId == facts.DraftId, TestContext.Current.CancellationToken));
        Assert.Equal(lineCount, file.Sheets["Báo cáo"].Keys.Count(k => k.StartsWith('A')) - 4);

        // The indicator's value sits on its row, found by the hidden ids.
        var row = file.Sheets["Chỉ số"].Single(c => c.Key.StartsWith('B') && c.Value == facts.IndicatorId.ToString(System.Globalization.CultureInfo.InvariantCulture)).Key[1..];
        Assert.Equal(facts.FirstActivityId.ToString(System.Globalization.CultureInfo.InvariantCulture), file["Chỉ số", "A" + row]);
        Assert.Equal(WorkbookPortal.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), file["Chỉ số", "G" + row]);
        Assert.Equal(["Mã dòng", "Mã chỉ số", "HĐ", "Chỉ số", "Đơn vị", "Chỉ tiêu", "Giá trị"], "ABCDEFG".Select(c => file["Chỉ số", $"{c}4"]));

        // The hidden sheet names the report and the version the file was made from.
        Assert.Equal("veryHidden", file.States["_portal"]);
        Assert.Equal("1", file.Key("format"));
        Assert.Equal(facts.DraftId.ToString(System.Globalization.CultureInfo.InvariantCulture), file.Key("report-id"));
        Assert.Equal(facts.DraftVersion.ToString(System.Globalization.CultureInfo.InvariantCulture), file.Key("version"));
        Assert.Equal("20242", file.Key("quarter"));
        Assert.Equal("02", file.Key("province-code"));
        Assert.Equal("VWU", file.Key("agency"));
        Assert.Equal("2024-06-10T01:00:00Z", file.Key("made-at"));
    }

    [Fact]
    public async Task The_status_list_offers_the_portals_Vietnamese_labels_and_the_text_cells_their_limits()
    {
        var facts = await factory.FactsAsync();
        var client = await factory.SignedInClientAsync(Persona.ProvincialHaGiangVwu);
        var bytes = await DownloadAsync(client, facts.DraftId);
        var file = WorkbookFile.Read(bytes);

        Assert.Equal(["Chưa bắt đầu", "Đúng tiến độ", "Có nguy cơ chậm", "Chậm tiến độ", "Đã hoàn thành", "Đã hủy"], Enumerable.Range(20, 6).Select(r => file["_portal", $"A{r}"]));
        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        var lines = Worksheet(document, "Báo cáo");
        var validations = lines.Descendants<DataValidation>().ToList();
        var list = validations.Single(v => v.Type!.Value == DataValidationValues.List);
        Assert.StartsWith("D5:D", list.SequenceOfReferences!.InnerText, StringComparison.Ordinal);
        var name = document.WorkbookPart!.Workbook.DefinedNames!.Elements<DefinedName>().Single(d => d.Name == list.Formula1!.Text);
        Assert.Equal("'_portal'!$A$20:$A$25", name.Text);
        Assert.Equal(
            ["E:4000", "F:1000", "G:4000", "H:4000"],
            validations.Where(v => v.Type!.Value == DataValidationValues.TextLength).Select(v => $"{(v.SequenceOfReferences!.InnerText ?? string.Empty)[..1]}:{v.Formula1!.Text}").Order());
        var number = Worksheet(document, "Chỉ số").Descendants<DataValidation>().Single();
        Assert.Equal(DataValidationValues.Whole, number.Type!.Value);
        Assert.Equal(("0", IndicatorValue.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture)), (number.Formula1!.Text, number.Formula2!.Text));
    }

    [Fact]
    public async Task The_workbook_is_in_English_for_an_officer_who_chose_English()
    {
        var facts = await factory.FactsAsync();
        var client = await factory.SignedInClientAsync(Persona.ProvincialHaGiangVwu);

        // The language cookie as the switch sets it (the switch's own cookie expires a year after this
        // portal's 2024 clock, so the client would drop it).
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"/reports/{facts.DraftId}/workbook.xlsx", UriKind.Relative));
        request.Headers.Add("Cookie", ".AspNetCore.Culture=c%3Dvi-VN%7Cuic%3Den");
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var file = WorkbookFile.Read(await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));

        Assert.Equal(["Báo cáo", "Chỉ số", "_portal"], file.Sheets.Keys); // sheet names are the format's, in every language
        Assert.Equal(["Not started", "On track", "At risk", "Delayed", "Completed", "Cancelled"], Enumerable.Range(20, 6).Select(r => file["_portal", $"A{r}"]));
        Assert.Equal("At risk", file["Báo cáo", "D5"]);
        Assert.Equal("Status", file["Báo cáo", "D4"]);
        Assert.StartsWith("Fill in the white cells", file["Báo cáo", "A3"], StringComparison.Ordinal);
        Assert.Equal(WorkbookPortal.Results, file["Báo cáo", "E5"]); // what was typed stays as typed
    }

    [Fact]
    public async Task Ids_are_in_hidden_locked_columns_the_sheets_are_protected_and_the_page_prints_on_A4_landscape_with_its_header()
    {
        var facts = await factory.FactsAsync();
        var client = await factory.SignedInClientAsync(Persona.ProvincialHaGiangVwu);
        using var document = SpreadsheetDocument.Open(new MemoryStream(await DownloadAsync(client, facts.DraftId)), false);

        var lines = Worksheet(document, "Báo cáo");
        var indicators = Worksheet(document, "Chỉ số");
        Assert.Equal([1u], HiddenColumns(lines));
        Assert.Equal([1u, 2u], HiddenColumns(indicators));
        Assert.All(new[] { lines, indicators, Worksheet(document, "_portal") }, w => Assert.True(w.GetFirstChild<SheetProtection>()?.Sheet?.Value));
        Assert.Null(document.WorkbookPart!.Workbook.Descendants<SheetProtection>().FirstOrDefault()?.Password); // a guide, not a lock

        // Title and ids locked, the officer's cells open to typing.
        var formats = document.WorkbookPart.WorkbookStylesPart!.Stylesheet.CellFormats!.Elements<CellFormat>().ToList();
        bool Locked(Worksheet sheet, string cell) => formats[(int)sheet.Descendants<Cell>().Single(c => c.CellReference == cell).StyleIndex!.Value].Protection?.Locked?.Value ?? true;
        Assert.True(Locked(lines, "A5"));
        Assert.True(Locked(lines, "C5"));
        Assert.All("DEFGH".Select(c => $"{c}5"), c => Assert.False(Locked(lines, c)));
        Assert.False(Locked(indicators, "G5"));
        Assert.True(Locked(indicators, "F5"));
        Assert.Equal(3u, formats[(int)indicators.Descendants<Cell>().Single(c => c.CellReference == "G5").StyleIndex!.Value].NumberFormatId!.Value); // #,##0

        var setup = lines.Descendants<PageSetup>().Single();
        Assert.Equal((9u, OrientationValues.Landscape, 1u), (setup.PaperSize!.Value, setup.Orientation!.Value, setup.FitToWidth!.Value));
        Assert.Contains(document.WorkbookPart.Workbook.DefinedNames!.Elements<DefinedName>(), d => d.Name == "_xlnm.Print_Titles" && d.Text == "'Báo cáo'!$4:$4");
    }

    [Fact]
    public async Task The_workbook_is_a_valid_Open_XML_spreadsheet()
    {
        var facts = await factory.FactsAsync();
        var client = await factory.SignedInClientAsync(Persona.ProvincialHaGiangVwu);
        using var document = SpreadsheetDocument.Open(new MemoryStream(await DownloadAsync(client, facts.DraftId)), false);

        var errors = new OpenXmlValidator().Validate(document, TestContext.Current.CancellationToken).Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}").ToList();

        Assert.Empty(errors);
    }

    [Fact]
    public async Task Another_provinces_officer_is_refused_and_gets_no_file()
    {
        var facts = await factory.FactsAsync();
        var caoBang = await factory.SignedInClientAsync(Persona.ProvincialCaoBangCema);
        var central = await factory.SignedInClientAsync(Persona.CentralVwu);

        foreach (var client in new[] { caoBang, central })
        {
            using var response = await client.GetAsync(new Uri($"/reports/{facts.DraftId}/workbook.xlsx", UriKind.Relative), TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.NotEqual(XlsxType, response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task A_submitted_report_is_refused_as_its_edit_page_refuses_it_and_gets_no_file()
    {
        var facts = await factory.FactsAsync();
        var owner = await factory.SignedInClientAsync(Persona.ProvincialCaoBangCema);

        using var edit = await owner.GetAsync(new Uri($"/reports/{facts.SubmittedId}/edit", UriKind.Relative), TestContext.Current.CancellationToken);
        using var workbook = await owner.GetAsync(new Uri($"/reports/{facts.SubmittedId}/workbook.xlsx", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, workbook.StatusCode);
        Assert.Equal((edit.StatusCode, edit.Headers.Location), (workbook.StatusCode, workbook.Headers.Location));
        Assert.NotEqual(XlsxType, workbook.Content.Headers.ContentType?.MediaType);
        var report = await owner.GetDocumentAsync(workbook.Headers.Location!.OriginalString);
        Assert.Contains("chỉ xem", report.QuerySelector("[role=alert], .alert")?.TextContent ?? string.Empty, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_download_is_written_to_the_audit_trail_as_an_export_with_the_report_and_its_version()
    {
        var facts = await factory.FactsAsync();
        var officer = await factory.AccountAsync(Persona.ProvincialHaGiangVwu);
        var client = await factory.SignedInClientAsync(Persona.ProvincialHaGiangVwu);

        var before = await WorkbookDownloadsAsync(officer.Id);

        await DownloadAsync(client, facts.DraftId);

        var after = await WorkbookDownloadsAsync(officer.Id);
        Assert.Equal(before.Count + 1, after.Count);
        var entry = after[^1];
        Assert.Equal("Export", entry.EntityType);
        Assert.Equal($"report: {facts.DraftId}; version: {facts.DraftVersion}; province: 02; agency: VWU; quarter: Q2/2024", entry.Detail);
    }

    private Task<List<AuditEntry>> WorkbookDownloadsAsync(string userId) =>
        factory.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(e => e.Action == AuditAction.Downloaded && e.UserId == userId && e.EntityId == "report-workbook")
            .OrderBy(e => e.Id)
            .ToListAsync(TestContext.Current.CancellationToken));

    private static Worksheet Worksheet(SpreadsheetDocument document, string name)
    {
        var workbook = document.WorkbookPart!;
        var sheet = workbook.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == name);
        return ((WorksheetPart)workbook.GetPartById(sheet.Id!)).Worksheet;
    }

    private static List<uint> HiddenColumns(Worksheet sheet) =>
        [.. sheet.Descendants<Column>().Where(c => c.Hidden?.Value == true).Select(c => c.Min!.Value)];
}
