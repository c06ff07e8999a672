using System.Globalization;
using System.Net;
using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Domain.Progress;
using CoordinationPortal.Domain.Reporting;
using CoordinationPortal.Web.Features.Exports;
using CoordinationPortal.Web.Tests.Infrastructure;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;
using Microsoft.EntityFrameworkCore;
using Xlsx = DocumentFormat.OpenXml.Spreadsheet;

namespace CoordinationPortal.Web.Tests;

/// <summary>
/// Every document the portal generates must open in Microsoft Word and Excel as the user expects:
/// schema-valid Open XML (Word is strict about element order), whatever text officers saved.
/// Text is written straight into the database, as data saved before input was cleaned.
/// </summary>
public sealed class DocumentValidityTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Motto = "Độc lập - Tự do - Hạnh phúc";
    private const double PageTextWidth = 11906 - 1701 - 1134; // A4 less Decree 30's left and right margins, in twips

    // What officers paste from Word: Vietnamese, a Shift+Enter (U+000B), a stray U+0001, Windows and Unix line breaks, a tab.
    private const string Pasted = "Tập huấn kỹ năng cho 120 phụ nữ dân tộc Mông\u000Btại xã Lũng Cú;\u0001 phát 300 tờ rơi.\r\nDòng thứ hai\tcó tab.\nDòng thứ ba.";

    private static readonly string LongText = string.Concat(Enumerable.Repeat("Hội phụ nữ xã phối hợp với Ban Dân tộc tổ chức truyền thông về phòng, chống tảo hôn và hôn nhân cận huyết thống. ", 30));

    private static async Task<byte[]> DownloadAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url} answered {(int)response.StatusCode}");
        return await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
    }

    private static List<string> ValidationErrors(string url, byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        using OpenXmlPackage package = url.Contains(".docx", StringComparison.Ordinal)
            ? WordprocessingDocument.Open(stream, false)
            : SpreadsheetDocument.Open(stream, false);

        // The oldest Office the agencies still run, and the newest.
        return [.. new[] { FileFormatVersions.Office2007, FileFormatVersions.Microsoft365 }
            .SelectMany(version => new OpenXmlValidator(version).Validate(package)
                .Select(e => $"{url} [{version}] {e.Part?.Uri} {e.Path?.XPath}: {e.Description}"))];
    }

    private Task<int> SetProgressTextAsync(int entryId, string done, string? difficulties = null, string? nextSteps = null) =>
        factory.WithDbAsync(db => db.ProgressEntries.Where(e => e.Id == entryId).ExecuteUpdateAsync(
            s => s.SetProperty(e => e.Done, done).SetProperty(e => e.Difficulties, difficulties).SetProperty(e => e.NextSteps, nextSteps),
            TestContext.Current.CancellationToken));

    private Task<int> SetLineTextAsync(int reportId, string? results, string? difficulties = null, string? proposals = null) =>
        factory.WithDbAsync(db => db.ReportLines.Where(l => l.ReportId == reportId).ExecuteUpdateAsync(
            s => s.SetProperty(l => l.Results, results).SetProperty(l => l.Difficulties, difficulties).SetProperty(l => l.Proposals, proposals),
            TestContext.Current.CancellationToken));

    private async Task<WordprocessingDocument> YearEndReportAsync()
    {
        var client = await factory.SignedInClientAsync(Persona.Leadership);
        return WordprocessingDocument.Open(new MemoryStream(await DownloadAsync(client, "/exports/results.docx")), false);
    }

    [Fact]
    public async Task Every_generated_document_is_valid_Open_XML_with_control_characters_line_breaks_and_long_text_in_the_data()
    {
        var entry = await factory.EntryAsync(Persona.CentralVwu, activityNumber: 1);
        await SetProgressTextAsync(entry, Pasted, LongText, "Tiếp tục\u000Btheo dõi\u0001.");
        var report = await factory.ReportAsync(Persona.ProvincialHaGiangVwu, new Quarter(2024, 1), ReportState.Submitted);
        await SetLineTextAsync(report, Pasted, LongText, "Đề xuất\u0001 bổ sung kinh phí\r\ncho năm sau.");
        var client = await factory.SignedInClientAsync(Persona.Administrator);

        string[] urls =
        [
            "/exports/results.docx",
            "/exports/dashboard.xlsx",
            $"/exports/dashboard.xlsx?quarter={new Quarter(2024, 1).Key}",
            "/exports/reports.xlsx",
            $"/exports/reports.xlsx?quarter={new Quarter(2024, 1).Key}",
        ];
        var errors = new List<string>();
        foreach (var url in urls)
        {
            errors.AddRange(ValidationErrors(url, await DownloadAsync(client, url)));
        }

        Assert.True(errors.Count == 0, $"{errors.Count} validation errors:\n{string.Join('\n', errors.Take(60))}");
    }

    [Fact]
    public async Task A_Shift_Enter_in_a_progress_entry_becomes_a_line_break_in_the_year_end_report()
    {
        var entry = await factory.EntryAsync(Persona.CentralCema, activityNumber: 2);
        await SetProgressTextAsync(entry, "Hội nghị tập huấn Dự án 8\u000Btại Điện Biên\u0001 đã xong.\r\nCòn 2 lớp\ttrong quý IV.");

        using var document = await YearEndReportAsync();

        var body = document.MainDocumentPart!.Document.Body!;
        var run = body.Descendants<Run>().Single(r => r.InnerText.Contains("Hội nghị tập huấn Dự án 8", StringComparison.Ordinal));
        Assert.EndsWith(": Hội nghị tập huấn Dự án 8\ntại Điện Biên đã xong.\nCòn 2 lớp\ttrong quý IV.", AsTyped(run), StringComparison.Ordinal);
        Assert.DoesNotContain(body.Descendants<Text>(), t => t.Text.Any(char.IsControl));
    }

    /// <summary>A run's text with its w:br as \n and its w:tab as \t.</summary>
    private static string AsTyped(Run run) =>
        string.Concat(run.ChildElements.Select(e => e switch { Text t => t.Text, Break => "\n", TabChar => "\t", _ => string.Empty }));

    [Fact]
    public async Task A_Shift_Enter_in_a_report_line_no_longer_breaks_the_year_end_report()
    {
        var report = await factory.ReportAsync(Persona.ProvincialCaoBangCema, new Quarter(2024, 2), ReportState.Approved);
        await SetLineTextAsync(report, "Ban Dân tộc tỉnh đã cấp 500 tờ rơi\u000Bcho 12 xã vùng cao.", "Thiếu\u0001 kinh phí.", null);

        using var document = await YearEndReportAsync();

        var body = document.MainDocumentPart!.Document.Body!;
        Assert.Contains(body.Descendants<Run>(), r => AsTyped(r).EndsWith(": Ban Dân tộc tỉnh đã cấp 500 tờ rơi\ncho 12 xã vùng cao.", StringComparison.Ordinal));
        Assert.Contains(body.Descendants<Run>(), r => AsTyped(r) == "+ Thiếu kinh phí.");
        Assert.DoesNotContain(body.Descendants<Text>(), t => t.Text.Any(char.IsControl));
    }

    [Fact]
    public async Task The_year_end_report_numbers_its_pages_centred_at_the_top_in_13_to_14_pt_except_the_first()
    {
        using var document = await YearEndReportAsync();

        var main = document.MainDocumentPart!;
        var section = main.Document.Body!.Elements<SectionProperties>().Single();
        var titlePage = section.GetFirstChild<TitlePage>();
        Assert.True(titlePage is not null && (titlePage.Val is null || titlePage.Val.Value), "the section must have w:titlePg so the first page has its own (empty) header");
        var headers = section.Elements<HeaderReference>().ToDictionary(r => r.Type!.Value, r => ((HeaderPart)main.GetPartById(r.Id!.Value!)).Header);
        var numbered = Assert.Single(headers[HeaderFooterValues.Default].Elements<Paragraph>());
        Assert.Equal(JustificationValues.Center, numbered.ParagraphProperties?.Justification?.Val?.Value);
        Assert.Equal("PAGE", string.Concat(numbered.Descendants<FieldCode>().Select(c => c.Text)).Trim());
        Assert.All(numbered.Descendants<RunProperties>(), p => Assert.InRange(int.Parse(p.FontSize!.Val!.Value!, CultureInfo.InvariantCulture), 26, 28));
        Assert.Empty(headers[HeaderFooterValues.First].Descendants<FieldCode>());
        Assert.Empty(headers[HeaderFooterValues.First].InnerText);
    }

    [Fact]
    public async Task The_year_end_report_gives_every_table_a_grid_and_repeats_the_reporting_table_header_on_every_page()
    {
        using var document = await YearEndReportAsync();

        var tables = document.MainDocumentPart!.Document.Body!.Descendants<Table>().ToList();
        Assert.All(tables, table =>
        {
            var grid = table.GetFirstChild<TableGrid>();
            Assert.NotNull(grid);
            Assert.All(table.Elements<TableRow>(), row => Assert.Equal(grid.Elements<GridColumn>().Count(), row.Elements<TableCell>().Count()));
        });
        var rows = tables.Single(t => t.Elements<TableRow>().First().InnerText.StartsWith("QuýPhải nộp", StringComparison.Ordinal)).Elements<TableRow>().ToList();
        Assert.NotNull(rows[0].TableRowProperties?.GetFirstChild<TableHeader>());
        Assert.All(rows.Skip(1), row => Assert.Null(row.TableRowProperties?.GetFirstChild<TableHeader>()));
    }

    [Fact]
    public async Task The_line_under_the_motto_is_as_long_as_the_motto_and_the_lines_under_the_issuer_and_the_summary_a_third_to_a_half_of_theirs()
    {
        using var document = await YearEndReportAsync();

        var body = document.MainDocumentPart!.Document.Body!;
        var paragraphs = body.Descendants<Paragraph>().ToList();
        Assert.DoesNotContain(paragraphs, p => p.InnerText.Contains('―', StringComparison.Ordinal));

        // The motto in Times New Roman Bold 14 pt is 171.4 pt (3,428 twips) wide, measured with
        // Liberation Serif Bold, which has the same metrics.
        var motto = paragraphs.Single(p => p.InnerText == Motto);
        Assert.InRange(LineUnder(motto), 3428 * 0.98, 3428 * 1.02);

        var issuer = paragraphs.Single(p => p.InnerText == "VIỆT NAM");
        var issuerWidth = TextTwips("HỘI LIÊN HIỆP PHỤ NỮ", 13);
        Assert.InRange(LineUnder(issuer), issuerWidth / 3, issuerWidth / 2);

        var summary = paragraphs.Single(p => p.InnerText.StartsWith("giữa ", StringComparison.Ordinal));
        var summaryWidth = Math.Min(PageTextWidth, Math.Max(TextTwips(summary.InnerText, 14), TextTwips(((Paragraph)summary.PreviousSibling()!).InnerText, 14)));
        Assert.InRange(LineUnder(summary), summaryWidth / 3, summaryWidth / 2);
    }

    private static double TextTwips(string text, int points) => DocumentText.Width(text, bold: true) * points * 20;

    /// <summary>The length, in twips, of the rule drawn right under a paragraph: the top border of the next one, between its indents.</summary>
    private static double LineUnder(Paragraph paragraph)
    {
        var rule = paragraph.NextSibling<Paragraph>();
        Assert.NotNull(rule);
        var properties = rule.ParagraphProperties;
        Assert.Equal(BorderValues.Single, properties?.ParagraphBorders?.TopBorder?.Val?.Value);
        Assert.Empty(rule.InnerText);
        var available = PageTextWidth;
        if (rule.Parent is TableCell cell)
        {
            var margins = cell.Ancestors<Table>().First().GetFirstChild<TableProperties>()?.TableCellMarginDefault;
            available = double.Parse(cell.TableCellProperties!.TableCellWidth!.Width!.Value!, CultureInfo.InvariantCulture)
                - (margins?.TableCellLeftMargin?.Width?.Value ?? 108) - (margins?.TableCellRightMargin?.Width?.Value ?? 108);
        }

        return available - Twips(properties!.Indentation?.Left) - Twips(properties.Indentation?.Right);

        static double Twips(StringValue? value) => value?.Value is { } v ? double.Parse(v, CultureInfo.InvariantCulture) : 0;
    }

    [Fact]
    public async Task Excel_rows_are_tall_enough_for_their_wrapped_text_and_every_sheet_prints_fit_to_width_on_A4_landscape()
    {
        const string Medium = "Tổ chức 12 buổi sinh hoạt chuyên đề về bình đẳng giới, phòng chống bạo lực gia đình cho hội viên phụ nữ người dân tộc thiểu số tại các thôn bản vùng sâu, vùng xa; phối hợp với đồn biên phòng tuyên truyền pháp luật về hôn nhân và gia đình; thăm hỏi, tặng quà 40 hộ nghèo.";
        var report = await factory.ReportAsync(Persona.ProvincialCaoBangCema, new Quarter(2024, 4), ReportState.Submitted);
        await SetLineTextAsync(report, Medium + "\n" + Medium, null, "Ngắn.");
        var first = await factory.FirstLineIdAsync(report);
        await factory.WithDbAsync(db => db.ReportLines.Where(l => l.Id == first).ExecuteUpdateAsync(s => s.SetProperty(l => l.Difficulties, LongText), TestContext.Current.CancellationToken));
        var client = await factory.SignedInClientAsync(Persona.Administrator);

        var reports = await DownloadAsync(client, $"/exports/reports.xlsx?quarter={new Quarter(2024, 4).Key}");
        var dashboard = await DownloadAsync(client, "/exports/dashboard.xlsx");

        using (var document = SpreadsheetDocument.Open(new MemoryStream(reports), false))
        {
            var rows = document.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<Xlsx.Row>().ToList();
            var caoBang = rows.Where(r => r.InnerText.Contains("Cao Bằng", StringComparison.Ordinal)).ToList();
            Assert.All(caoBang, row => Assert.True(row.CustomHeight?.Value, "a row of wrapped text needs its own height"));

            // Two paragraphs of 280 characters in a column 50 digits wide: at least 4 lines each, of 15 pt.
            // One of them also has 3,400 characters in a column 35 digits wide: more than Excel's tallest row.
            Assert.Single(caoBang, row => row.Height?.Value == 409.5);
            Assert.All(caoBang.Where(row => row.Height?.Value != 409.5), row => Assert.InRange(row.Height!.Value, 8 * 15, 20 * 15));

            // Indicator names ("HĐ1: Số lượt người tham dự...") wrap in their 14-digit columns.
            var header = rows.Single(r => r.RowIndex!.Value == 2);
            Assert.True(header.Height?.Value >= 2 * 15, "the header row must fit its wrapped names");
        }

        foreach (var bytes in new[] { reports, dashboard })
        {
            using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
            Assert.All(document.WorkbookPart!.WorksheetParts, part =>
            {
                var sheet = part.Worksheet;
                Assert.True(sheet.GetFirstChild<Xlsx.SheetProperties>()?.PageSetupProperties?.FitToPage?.Value);
                var setup = sheet.GetFirstChild<Xlsx.PageSetup>()!;
                Assert.Equal((1u, 0u, 9u), (setup.FitToWidth!.Value, setup.FitToHeight!.Value, setup.PaperSize!.Value));
                Assert.Equal(Xlsx.OrientationValues.Landscape, setup.Orientation!.Value);
                Assert.All(sheet.Descendants<Xlsx.Row>().Where(r => r.RowIndex!.Value > 2 && r.Height is not null), r => Assert.True(r.Height!.Value >= 15));
            });
        }
    }
}
