using System.Diagnostics;
using System.Net;
using AngleSharp.Dom;
using CoordinationPortal.Domain.Progress;
using CoordinationPortal.Domain.Reporting;
using CoordinationPortal.Web.Features.ReportWorkbooks;
using CoordinationPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CoordinationPortal.Web.Tests.ReportWorkbooks;

/// <summary>
/// The whole journey of issue 15 over HTTP: download the draft's workbook, fill it offline (with the
/// SDK, and once re-saved by LibreOffice Calc), upload it, see old -> new, confirm: the draft then
/// holds exactly what was typed, diacritics and all.
/// </summary>
public sealed class ReportWorkbookRoundTripTests(WorkbookPortal factory) : IClassFixture<WorkbookPortal>
{
    private const string NewResults = "Tổ chức 5 buổi truyền thông về bình đẳng giới ở Đồng Văn, Mèo Vạc; 420 lượt phụ nữ Mông, Dao tham dự.\nIn 1.000 tờ rơi song ngữ Việt – Mông.";
    private const string NewProposals = "Đề nghị Bộ Dân tộc và Tôn giáo bố trí phiên dịch viên tiếng Mông.";
    private const string SecondResults = "Đã khảo sát nhu cầu ở 3 xã vùng cao; báo cáo gửi kèm.";

    private async Task<(HttpClient Client, WorkbookPortal.Facts Facts, byte[] Template)> DownloadAsync()
    {
        var facts = await factory.FactsAsync();
        var client = await factory.SignedInClientAsync(Persona.ProvincialHaGiangVwu);
        using var response = await client.GetAsync(new Uri($"/reports/{facts.DraftId}/workbook.xlsx", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (client, facts, await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
    }

    /// <summary>What the officer types: the first line delayed with new results and proposals, its figure 2.500; the second line done with results, its reason cleared.</summary>
    private static byte[] Fill(byte[] template, WorkbookPortal.Facts facts)
    {
        using var fill = new WorkbookFill(template);
        var first = fill.RowOf(WorkbookFormat.LinesSheet, facts.FirstActivityId);
        var second = fill.RowOf(WorkbookFormat.LinesSheet, facts.SecondActivityId);
        var value = fill.RowOf(WorkbookFormat.IndicatorsSheet, facts.FirstActivityId, facts.IndicatorId);
        fill.Text(WorkbookFormat.LinesSheet, first, WorkbookFormat.Lines.Status, "Chậm tiến độ")
            .Text(WorkbookFormat.LinesSheet, first, WorkbookFormat.Lines.Results, NewResults)
            .Text(WorkbookFormat.LinesSheet, first, WorkbookFormat.Lines.Proposals, NewProposals)
            .Text(WorkbookFormat.LinesSheet, second, WorkbookFormat.Lines.Status, "Đã hoàn thành")
            .Text(WorkbookFormat.LinesSheet, second, WorkbookFormat.Lines.Results, SecondResults)
            .Clear(WorkbookFormat.LinesSheet, second, WorkbookFormat.Lines.NoResultsReason)
            .Number(WorkbookFormat.IndicatorsSheet, value, WorkbookFormat.Indicators.Value, 2500);
        return fill.Save();
    }

    private static async Task<IDocument> UploadAsync(HttpClient client, int id, byte[] file)
    {
        var page = await client.GetDocumentAsync($"/reports/{id}/import");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(page.AntiforgeryToken()), "__RequestVerificationToken" },
            { new ByteArrayContent(file), "file", "bao-cao-02-vwu-q2-2024.xlsx" },
        };
        using var response = await client.PostAsync(new Uri($"/reports/{id}/import", UriKind.Relative), form, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadDocumentAsync();
    }

    private async Task AssertSavedAsTypedAsync(HttpClient client, WorkbookPortal.Facts facts, IDocument preview)
    {
        Assert.Empty(preview.QuerySelectorAll("[data-problem-cell]"));
        Assert.Equal("2 dòng thay đổi, 1 giá trị chỉ số thay đổi", preview.QuerySelector("[data-import-counts]")!.Text());
        var first = preview.QuerySelector($"[data-import-line='{facts.FirstActivityNumber}']")!;
        Assert.Equal("Có nguy cơ chậm", first.QuerySelector("tr[data-field='Tình trạng'] [data-before]")!.Text());
        Assert.Equal("Chậm tiến độ", first.QuerySelector("tr[data-field='Tình trạng'] [data-after]")!.Text());
        Assert.Equal(WorkbookPortal.Results, first.QuerySelector("tr[data-field='Kết quả thực hiện'] [data-before]")!.Text());
        Assert.Equal("1.234.567", first.QuerySelectorAll("tr[data-field] [data-before]")[^1].Text());
        Assert.Equal("2.500", first.QuerySelectorAll("tr[data-field] [data-after]")[^1].Text());
        Assert.Null(first.QuerySelector("tr[data-field='Khó khăn, vướng mắc']")); // unchanged fields are not listed

        using var confirmed = await client.PostFormAsync($"/reports/{facts.DraftId}/import/confirm", preview, FormFields.Of(preview, "#import-confirm"));
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);

        var saved = await factory.WithDbAsync(db => db.QuarterlyReports.AsNoTracking().SingleAsync(r => r.Id == facts.DraftId, TestContext.Current.CancellationToken));
        var line = saved.Lines.Single(l => l.ActivityId == facts.FirstActivityId);
        Assert.Equal(ActivityStatus.Delayed, line.Status);
        Assert.Equal(NewResults, line.Results);
        Assert.Equal(WorkbookPortal.Difficulties, line.Difficulties);
        Assert.Equal(NewProposals, line.Proposals);
        Assert.Equal(2500, Assert.Single(line.Values, v => v.IndicatorId == facts.IndicatorId).Value);
        var second = saved.Lines.Single(l => l.ActivityId == facts.SecondActivityId);
        Assert.Equal(ActivityStatus.Completed, second.Status);
        Assert.Equal(SecondResults, second.Results);
        Assert.Null(second.NoResultsReason);
        Assert.Equal(ReportState.Draft, saved.State);
    }

    /// <summary>Puts the draft back as the fixture wrote it, so each test starts from the same text.</summary>
    private async Task RestoreAsync(HttpClient client, WorkbookPortal.Facts facts, byte[] template)
    {
        using var fill = new WorkbookFill(template);
        var version = await factory.WithDbAsync(db => db.QuarterlyReports.Where(r => r.Id == facts.DraftId).Select(r => r.Version).SingleAsync(TestContext.Current.CancellationToken));
        var portal = WorkbookFile.Read(template);
        var versionRow = int.Parse(portal.Sheets[WorkbookFormat.PortalSheet].Single(c => c.Key.StartsWith('A') && c.Value == WorkbookFormat.Keys.Version).Key[1..], System.Globalization.CultureInfo.InvariantCulture);
        fill.Text(WorkbookFormat.PortalSheet, versionRow, 2, version.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var preview = await UploadAsync(client, facts.DraftId, fill.Save());
        if (preview.QuerySelector("#import-confirm") is not null)
        {
            using var restored = await client.PostFormAsync($"/reports/{facts.DraftId}/import/confirm", preview, FormFields.Of(preview, "#import-confirm"));
            Assert.Equal(HttpStatusCode.Redirect, restored.StatusCode);
        }
    }

    [Fact]
    public async Task A_downloaded_workbook_filled_offline_and_uploaded_saves_exactly_what_was_typed()
    {
        var (client, facts, template) = await DownloadAsync();
        try
        {
            var preview = await UploadAsync(client, facts.DraftId, Fill(template, facts));

            await AssertSavedAsTypedAsync(client, facts, preview);
            var edit = await client.GetDocumentAsync($"/reports/{facts.DraftId}/edit");
            Assert.Contains("Đã lưu nội dung từ tệp Excel", edit.QuerySelector(".alert-success")!.Text(), StringComparison.Ordinal);
        }
        finally
        {
            await RestoreAsync(client, facts, template);
        }
    }

    [Fact]
    public async Task A_filled_workbook_re_saved_by_LibreOffice_Calc_is_read_the_same()
    {
        const string soffice = "/usr/bin/soffice";
        if (!File.Exists(soffice) || !File.Exists("/usr/lib/libreoffice/program/libsclo.so"))
        {
            const string hint = "LibreOffice Calc missing: apt-get install -y libreoffice-calc";
            if (Environment.GetEnvironmentVariable("REQUIRE_LIBREOFFICE") == "1")
            {
                Assert.Fail(hint);
            }

            Assert.Skip(hint);
        }

        var (client, facts, template) = await DownloadAsync();
        var folder = Directory.CreateTempSubdirectory("workbook-calc").FullName;
        try
        {
            var input = Path.Combine(folder, "in", "bao-cao.xlsx");
            Directory.CreateDirectory(Path.GetDirectoryName(input)!);
            await File.WriteAllBytesAsync(input, Fill(template, facts), TestContext.Current.CancellationToken);
            using (var process = Process.Start(new ProcessStartInfo(soffice, ["--headless", "--norestore", $"-env:UserInstallation=file://{folder}/profile", "--calc", "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", folder, input]) { RedirectStandardOutput = true, RedirectStandardError = true })!)
            {
                await process.WaitForExitAsync(TestContext.Current.CancellationToken);
                Assert.Equal(0, process.ExitCode);
            }

            var resaved = await File.ReadAllBytesAsync(Path.Combine(folder, "bao-cao.xlsx"), TestContext.Current.CancellationToken);

            await AssertSavedAsTypedAsync(client, facts, await UploadAsync(client, facts.DraftId, resaved));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
            await RestoreAsync(client, facts, template);
        }
    }
}
