using System.Net;
using System.Net.Http.Headers;
using AngleSharp.Html.Parser;
using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Domain.Evidence;
using CoordinationPortal.Domain.Reporting;
using CoordinationPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CoordinationPortal.Web.Tests;

/// <summary>
/// Evidence sent from the report form without leaving it (js/evidence.js): the answer is the line's
/// new evidence block or a short reason, never a redirect that would throw the typed text away; and
/// the same rules hold as for the plain form post.
/// </summary>
public sealed class BackgroundEvidenceTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static readonly Quarter Q3 = new(2024, 3);

    private async Task<(int ReportId, int LineId)> WritableDraftAsync()
    {
        // One report per branch and quarter: the tests of this class share it, each with its own file names.
        var account = await factory.AccountAsync(Persona.ProvincialHaGiangVwu);
        var existing = await factory.WithDbAsync(db => db.QuarterlyReports.Where(r => r.CreatedById == account.Id).Select(r => (int?)r.Id).FirstOrDefaultAsync(TestContext.Current.CancellationToken));
        if (existing is not { } report)
        {
            report = await factory.ReportAsync(Persona.ProvincialHaGiangVwu, Q3, ReportState.Draft);
            await factory.ExemptionAsync(Q3); // Hà Giang's Women's Union may still write Q3/2024
        }

        return (report, await factory.FirstLineIdAsync(report));
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string url, string token, string fileName, byte[] content, string? formToken = null)
    {
        using var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        if (formToken is not null)
        {
            form.Add(new StringContent(formToken), "FormToken");
        }

        var file = new ByteArrayContent(content);
        file.Headers.ContentType = MediaTypeHeaderValue.Parse("application/octet-stream");
        form.Add(file, "file", fileName);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(url, UriKind.Relative)) { Content = form };
        request.Headers.Add("X-Requested-With", "XMLHttpRequest");
        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private static async Task<string> TokenAsync(HttpClient client) => (await client.GetDocumentAsync("/account")).AntiforgeryToken();

    private Task<int> FilesOnAsync(int lineId, string name) =>
        factory.WithDbAsync(db => db.EvidenceFiles.CountAsync(f => f.OwnerType == EvidenceOwner.ReportLine && f.OwnerId == lineId && f.OriginalName == name, TestContext.Current.CancellationToken));

    [Fact]
    public async Task A_background_upload_answers_with_the_lines_files_and_a_fresh_form()
    {
        var (reportId, lineId) = await WritableDraftAsync();
        var client = await factory.SignedInClientAsync(Persona.ProvincialHaGiangVwu);
        var edit = await client.GetDocumentAsync($"/reports/{reportId}/edit");
        var upload = edit.QuerySelector($"form[action='/reports/{reportId}/lines/{lineId}/evidence']")!;
        var sentToken = upload.QuerySelector("input[name=FormToken]")!.GetAttribute("value")!;

        using var response = await SendAsync(client, $"/reports/{reportId}/lines/{lineId}/evidence", edit.AntiforgeryToken(), "bien-ban-nen.pdf", Scenario.PdfBytes, sentToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode); // not a redirect: the page stays where it is
        var block = await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Contains(block.QuerySelectorAll("ul.evidence-list a"), a => a.TextContent == "bien-ban-nen.pdf");
        var fresh = block.QuerySelector("form[data-background-upload] input[name=FormToken]")!.GetAttribute("value");
        Assert.NotEqual(sentToken, fresh); // the next file is a new upload, not a repeat of this one
        Assert.Equal(1, await FilesOnAsync(lineId, "bien-ban-nen.pdf"));
    }

    [Fact]
    public async Task A_refused_background_upload_says_why_in_plain_text_and_stores_nothing()
    {
        var (reportId, lineId) = await WritableDraftAsync();
        var client = await factory.SignedInClientAsync(Persona.ProvincialHaGiangVwu);

        using var response = await SendAsync(client, $"/reports/{reportId}/lines/{lineId}/evidence", await TokenAsync(client), "chuong-trinh.exe", "MZ"u8.ToArray());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("không thuộc loại được nhận", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(0, await FilesOnAsync(lineId, "chuong-trinh.exe"));
    }

    [Fact]
    public async Task Another_provinces_officer_is_refused_in_the_background_too()
    {
        var (reportId, lineId) = await WritableDraftAsync();
        var other = await factory.SignedInClientAsync(Persona.ProvincialCaoBangCema);

        using var upload = await SendAsync(other, $"/reports/{reportId}/lines/{lineId}/evidence", await TokenAsync(other), "la.pdf", Scenario.PdfBytes);

        Assert.Equal(HttpStatusCode.Forbidden, upload.StatusCode);
        Assert.Equal(0, await FilesOnAsync(lineId, "la.pdf"));

        var fileId = await factory.FileAsync(EvidenceOwner.ReportLine, lineId);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = await TokenAsync(other) });
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/files/{fileId}/delete", UriKind.Relative)) { Content = form };
        request.Headers.Add("X-Requested-With", "XMLHttpRequest");
        using var remove = await other.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, remove.StatusCode);
        Assert.True(await factory.WithDbAsync(db => db.EvidenceFiles.AnyAsync(f => f.Id == fileId, TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task A_background_remove_answers_204_and_the_file_is_gone()
    {
        var (_, lineId) = await WritableDraftAsync();
        var fileId = await factory.FileAsync(EvidenceOwner.ReportLine, lineId);
        var client = await factory.SignedInClientAsync(Persona.ProvincialHaGiangVwu);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = await TokenAsync(client) });
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/files/{fileId}/delete", UriKind.Relative)) { Content = form };
        request.Headers.Add("X-Requested-With", "XMLHttpRequest");

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.False(await factory.WithDbAsync(db => db.EvidenceFiles.AnyAsync(f => f.Id == fileId, TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task A_signed_out_background_upload_gets_401_not_the_sign_in_page()
    {
        var (reportId, lineId) = await WritableDraftAsync();
        var client = factory.NewClient();

        using var response = await SendAsync(client, $"/reports/{reportId}/lines/{lineId}/evidence", await TokenAsync(await factory.SignedInClientAsync(Persona.ProvincialHaGiangVwu)), "sau-khi-het-phien.pdf", Scenario.PdfBytes);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode); // the script says so; the typed text stays on screen
        Assert.Equal(0, await FilesOnAsync(lineId, "sau-khi-het-phien.pdf"));
    }
}
