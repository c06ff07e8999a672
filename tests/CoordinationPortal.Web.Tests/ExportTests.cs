using System.Diagnostics;
using System.Net;
using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Domain.Progress;
using CoordinationPortal.Domain.Reporting;
using CoordinationPortal.Web.Tests.Infrastructure;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;

namespace CoordinationPortal.Web.Tests;

public sealed class ExportTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static readonly Quarter Q2 = new(2024, 2);
    private static readonly string[] LibreOfficePaths = ["/usr/bin/soffice", "/usr/bin/libreoffice"];

    private static async Task<byte[]> DownloadAsync(HttpClient client, string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(expected, response.StatusCode);
        return await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>Every sheet as rows of cell texts (inline strings and numbers), from the file itself.</summary>
    private static Dictionary<string, List<List<string>>> Read(byte[] xlsx)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
        var workbook = document.WorkbookPart!;
        return workbook.Workbook.Sheets!.Elements<Sheet>().ToDictionary(
            s => s.Name!.Value!,
            s => ((WorksheetPart)workbook.GetPartById(s.Id!)).Worksheet.Descendants<Row>()
                .Select(r => r.Elements<Cell>().Select(c => c.InlineString?.InnerText ?? c.CellValue?.Text ?? string.Empty).ToList())
                .ToList());
    }

    [Fact]
    public async Task The_quarter_export_has_a_row_per_province_and_activity_and_a_column_per_indicator_without_drafts()
    {
        await factory.ReportAsync(Persona.ProvincialHaGiangVwu, Q2, ReportState.Submitted);
        await factory.ReportAsync(Persona.ProvincialCaoBangCema, Q2, ReportState.Draft);
        var client = await factory.SignedInClientAsync(Persona.CentralCema);

        var sheets = Read(await DownloadAsync(client, $"/exports/reports.xlsx?quarter={Q2.Key}"));

        var rows = sheets["Báo cáo quý"];
        Assert.StartsWith("Báo cáo quý – Kế hoạch 468/KH-HLHPNVN-UBDT – Quý II/2024", rows[0][0], StringComparison.Ordinal);
        Assert.Equal(["Quý", "Mã tỉnh", "Tỉnh, thành phố", "Đơn vị"], rows[1].Take(4));
        Assert.Contains(rows[1], h => h.StartsWith("HĐ1: Số lượt người tham dự", StringComparison.Ordinal));
        var data = rows.Skip(2).ToList();
        Assert.Equal(5, data.Count); // Hà Giang's five Q2 activities; Cao Bằng's draft is not shown to a central office
        Assert.All(data, r => Assert.Equal("02", r[1]));
        Assert.Equal(["1", "2", "4", "5", "6"], data.Select(r => r[6]));
    }

    [Fact]
    public async Task A_province_exports_its_own_reports_only_and_cannot_export_the_dashboard_or_the_year_report()
    {
        await factory.ReportAsync(Persona.ProvincialHaGiangVwu, new Quarter(2024, 3), ReportState.Submitted);
        await factory.ReportAsync(Persona.ProvincialCaoBangCema, new Quarter(2024, 3), ReportState.Draft);
        var caoBang = await factory.SignedInClientAsync(Persona.ProvincialCaoBangCema);

        var rows = Read(await DownloadAsync(caoBang, $"/exports/reports.xlsx?quarter={new Quarter(2024, 3).Key}"))["Báo cáo quý"].Skip(2).ToList();

        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Equal("04", r[1]));
        await DownloadAsync(caoBang, "/exports/dashboard.xlsx", HttpStatusCode.Forbidden);
        await DownloadAsync(caoBang, "/exports/results.docx", HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_dashboard_export_holds_the_dashboard_tables_with_Vietnamese_headers_and_prints_on_A4_landscape()
    {
        await factory.ReportAsync(Persona.ProvincialHaGiangVwu, new Quarter(2024, 4), ReportState.Approved);
        var client = await factory.SignedInClientAsync(Persona.Leadership);
        var bytes = await DownloadAsync(client, "/exports/dashboard.xlsx");

        var sheets = Read(bytes);

        Assert.Equal(["Hoạt động", "Báo cáo", "Tỉnh theo quý", "Chỉ tiêu", "Kinh phí", "Theo vùng"], sheets.Keys);
        Assert.Equal(7, sheets["Hoạt động"].Count - 2);
        Assert.Equal(["Quý", "Đơn vị", "Phải nộp", "Đã nhận", "Đúng hạn"], sheets["Báo cáo"][1].Take(5));
        var q4Vwu = sheets["Báo cáo"].Single(r => r[0] == "Quý IV/2024" && r[1] == "Hội LHPN tỉnh, thành phố");
        Assert.Equal("63", q4Vwu[2]);
        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        var setup = document.WorkbookPart!.WorksheetParts.First().Worksheet.Descendants<PageSetup>().Single();
        Assert.Equal(OrientationValues.Landscape, setup.Orientation!.Value);
        Assert.Equal(9u, setup.PaperSize!.Value); // A4
        Assert.Contains(document.WorkbookPart.Workbook.DefinedNames!.Elements<DefinedName>(), d => d.Name == "_xlnm.Print_Titles");
    }

    [Fact]
    public async Task The_year_end_report_opens_in_LibreOffice_and_names_every_activity()
    {
        var soffice = LibreOfficePaths.FirstOrDefault(File.Exists);
        if (soffice is null || !File.Exists("/usr/bin/pdftotext"))
        {
            const string hint = "LibreOffice or pdftotext missing: apt-get install -y libreoffice-writer poppler-utils";
            if (Environment.GetEnvironmentVariable("REQUIRE_LIBREOFFICE") == "1")
            {
                Assert.Fail(hint);
            }

            Assert.Skip(hint);
        }

        await factory.EntryAsync(Persona.CentralVwu, activityNumber: 3, ActivityStatus.Completed, 100);
        await factory.ReportAsync(Persona.ProvincialHaGiangVwu, new Quarter(2024, 1), ReportState.Approved);
        var client = await factory.SignedInClientAsync(Persona.Administrator);
        var docx = await DownloadAsync(client, "/exports/results.docx");
        var folder = Directory.CreateTempSubdirectory("results-docx").FullName;
        try
        {
            var path = Path.Combine(folder, "bao-cao.docx");
            await File.WriteAllBytesAsync(path, docx, TestContext.Current.CancellationToken);

            await RunAsync(soffice, $"--headless --norestore -env:UserInstallation=file://{folder}/profile --convert-to pdf --outdir {folder} {path}");
            var pdf = Path.Combine(folder, "bao-cao.pdf");
            Assert.True(File.Exists(pdf), "LibreOffice did not produce a PDF");
            await RunAsync("/usr/bin/pdftotext", $"{pdf} {folder}/bao-cao.txt");
            var text = string.Join(' ', (await File.ReadAllTextAsync($"{folder}/bao-cao.txt", TestContext.Current.CancellationToken)).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

            Assert.Contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", text, StringComparison.Ordinal);
            Assert.Contains("Độc lập - Tự do - Hạnh phúc", text, StringComparison.Ordinal);
            Assert.Contains("BÁO CÁO", text, StringComparison.Ordinal);
            Assert.Contains("Kết quả thực hiện Chương trình phối hợp năm 2024", text, StringComparison.Ordinal);
            var titles = await factory.WithDbAsync(db => db.Activities.OrderBy(a => a.Number).Select(a => new { a.Number, a.Title }).ToListAsync(TestContext.Current.CancellationToken));
            Assert.All(titles, a => Assert.Contains($"{a.Number}. {string.Join(' ', a.Title.Split(' ').Take(6))}", text, StringComparison.Ordinal));
            Assert.Contains("Đã họp Tổ giúp việc Dự án 8.", text, StringComparison.Ordinal);
            Assert.Contains("TÌNH HÌNH BÁO CÁO CỦA CÁC ĐỊA PHƯƠNG", text, StringComparison.Ordinal);
            Assert.Contains("TM. ĐOÀN CHỦ TỊCH", text, StringComparison.Ordinal);

            // Decree 30: page numbers at the top of every page but the first.
            Assert.StartsWith("HỘI LIÊN HIỆP", await FirstLineAsync(pdf, page: 1, folder), StringComparison.Ordinal);
            Assert.Equal("2", await FirstLineAsync(pdf, page: 2, folder));

            // Decree 30/2020: A4 and Times New Roman.
            using var document = WordprocessingDocument.Open(new MemoryStream(docx), false);
            var size = document.MainDocumentPart!.Document.Body!.Descendants<DocumentFormat.OpenXml.Wordprocessing.PageSize>().Single();
            Assert.Equal((11906u, 16838u), (size.Width!.Value, size.Height!.Value));
            Assert.All(document.MainDocumentPart.Document.Body.Descendants<DocumentFormat.OpenXml.Wordprocessing.RunFonts>(), f => Assert.Equal("Times New Roman", f.Ascii!.Value));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<string> FirstLineAsync(string pdf, int page, string folder)
    {
        var output = Path.Combine(folder, $"page-{page}.txt");
        await RunAsync("/usr/bin/pdftotext", $"-f {page} -l {page} {pdf} {output}");
        var lines = await File.ReadAllLinesAsync(output, TestContext.Current.CancellationToken);
        return lines.Select(l => l.Trim()).First(l => l.Length > 0);
    }

    private static async Task RunAsync(string program, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(process.ExitCode == 0, $"{program} failed: {await error}");
    }
}
