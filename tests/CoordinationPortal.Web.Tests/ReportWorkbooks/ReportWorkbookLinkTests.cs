using System.Net;
using CoordinationPortal.Domain.Agencies;
using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Domain.Reporting;
using CoordinationPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CoordinationPortal.Web.Tests.ReportWorkbooks;

/// <summary>
/// Where the workbooks are offered: on a report its writer may write now (edit page and report page),
/// and, for central officers, the quarter's workbook of their branch on the report list, which holds
/// exactly what the caller may read.
/// </summary>
public sealed class ReportWorkbookLinkTests(WorkbookPortal factory) : IClassFixture<WorkbookPortal>
{
    [Fact]
    public async Task The_edit_page_and_the_report_page_offer_the_template_and_the_upload_to_whoever_may_write_the_report()
    {
        var facts = await factory.FactsAsync();
        var client = await factory.SignedInClientAsync(Persona.ProvincialHaGiangVwu);

        foreach (var url in new[] { $"/reports/{facts.DraftId}/edit", $"/reports/{facts.DraftId}" })
        {
            var page = await client.GetDocumentAsync(url);
            var download = page.QuerySelector("a[data-workbook-download]");
            Assert.NotNull(download);
            Assert.Equal("Tải mẫu Excel", download.Text());
            Assert.Equal($"/reports/{facts.DraftId}/workbook.xlsx", download.GetAttribute("href"));
            var upload = page.QuerySelector("a[data-workbook-upload]")!;
            Assert.Equal("Tải lên từ Excel", upload.Text());
            Assert.Equal($"/reports/{facts.DraftId}/import", upload.GetAttribute("href"));
        }

        // The edit page's link beside the intro gives the file.
        var edit = await client.GetDocumentAsync($"/reports/{facts.DraftId}/edit");
        using var file = await client.GetAsync(new Uri(edit.QuerySelector("a[data-workbook-download]")!.GetAttribute("href")!, UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", file.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task A_report_that_may_not_be_written_offers_no_workbook()
    {
        var facts = await factory.FactsAsync();
        var owner = await factory.SignedInClientAsync(Persona.ProvincialCaoBangCema);
        var reviewer = await factory.SignedInClientAsync(Persona.CentralCema);

        var submitted = await owner.GetDocumentAsync($"/reports/{facts.SubmittedId}");
        var reviewed = await reviewer.GetDocumentAsync($"/reports/{facts.SubmittedId}");

        Assert.NotNull(submitted.QuerySelector("h1"));
        Assert.Null(submitted.QuerySelector("[data-workbook-links]"));
        Assert.Null(reviewed.QuerySelector("[data-workbook-links]"));
    }

    [Fact]
    public async Task A_central_officers_report_list_links_the_quarters_workbook_of_its_branch_and_each_caller_gets_only_what_it_may_read()
    {
        var q3 = new Quarter(2024, 3);
        var planId = await factory.WithDbAsync(db => db.Plans.Where(p => p.Number == Scenario.Plan468).Select(p => p.Id).SingleAsync(TestContext.Current.CancellationToken));
        await factory.ReportAsync(Persona.ProvincialHaGiangVwu, q3, ReportState.Submitted);
        await factory.SentReportAsync(planId, q3, "04", new DateOnly(2024, 9, 30), AgencyCodes.Vwu, new DateTime(2024, 9, 18, 2, 0, 0, DateTimeKind.Utc));
        await factory.ReportAsync(Persona.ProvincialCaoBangCema, q3, ReportState.Submitted);
        var vwu = await factory.AgencyIdAsync(AgencyCodes.Vwu);
        var listUrl = $"/reports?planId={planId}&quarter={q3.Key}";

        var central = await factory.SignedInClientAsync(Persona.CentralVwu);
        var link = (await central.GetDocumentAsync(listUrl)).QuerySelector("a[data-quarter-workbook]");
        Assert.NotNull(link);
        Assert.Equal("Tải sổ tổng hợp quý (Excel)", link.Text());
        var href = link.GetAttribute("href")!;
        Assert.Equal($"/exports/reports.xlsx?planId={planId}&quarter={q3.Key}&agencyId={vwu}", href);

        // Every VWU province of the quarter for the central office and for leadership; its own alone for a province.
        Assert.Equal(["02", "04"], await ProvincesInAsync(central, href));
        Assert.Equal(["02", "04"], await ProvincesInAsync(await factory.SignedInClientAsync(Persona.Leadership), href));
        var province = await factory.SignedInClientAsync(Persona.ProvincialHaGiangVwu);
        Assert.Equal(["02"], await ProvincesInAsync(province, href));

        // Only central officers are offered it on the list.
        Assert.Null((await province.GetDocumentAsync(listUrl)).QuerySelector("a[data-quarter-workbook]"));
        Assert.Null((await (await factory.SignedInClientAsync(Persona.Leadership)).GetDocumentAsync(listUrl)).QuerySelector("a[data-quarter-workbook]"));
    }

    /// <summary>The province codes of the quarter workbook's rows (column B from row 3), each once.</summary>
    private static async Task<List<string>> ProvincesInAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var file = WorkbookFile.Read(await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        return [.. file.Sheets["Báo cáo quý"].Where(c => c.Key[0] == 'B' && int.Parse(c.Key[1..], System.Globalization.CultureInfo.InvariantCulture) >= 3).Select(c => c.Value).Distinct().Order(StringComparer.Ordinal)];
    }
}
