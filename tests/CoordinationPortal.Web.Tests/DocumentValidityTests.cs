using System.Net;
using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Domain.Progress;
using CoordinationPortal.Domain.Reporting;
using CoordinationPortal.Web.Tests.Infrastructure;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Microsoft.EntityFrameworkCore;

namespace CoordinationPortal.Web.Tests;

/// <summary>
/// Every document the portal generates must open as the user expects, whatever text officers saved.
/// Text is written straight into the database, as data saved before input was cleaned.
/// </summary>
public sealed class DocumentValidityTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static async Task<byte[]> DownloadAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url} answered {(int)response.StatusCode}");
        return await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
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
}
