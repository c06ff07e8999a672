using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Domain.Evidence;
using CoordinationPortal.Domain.Reporting;
using CoordinationPortal.Web.Infrastructure.Files;
using CoordinationPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CoordinationPortal.Web.Tests;

public sealed class EvidenceTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static byte[] Docx()
    {
        using var memory = new MemoryStream();
        using (var zip = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var part in new[] { "[Content_Types].xml", "word/document.xml" })
            {
                using var writer = new StreamWriter(zip.CreateEntry(part).Open());
                writer.Write("<x/>");
            }
        }

        return memory.ToArray();
    }

    private async Task<(HttpClient Client, int EntryId)> EntryAsync()
    {
        var entryId = await factory.EntryAsync(Persona.CentralVwu, activityNumber: 1);
        return (await factory.SignedInClientAsync(Persona.CentralVwu), entryId);
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, int entryId, string fileName, byte[] content)
    {
        var page = await client.GetDocumentAsync($"/progress/{entryId}/edit");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(page.AntiforgeryToken()), "__RequestVerificationToken" },
        };
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = MediaTypeHeaderValue.Parse("application/octet-stream");
        form.Add(file, "file", fileName);
        return await client.PostAsync(new Uri($"/progress/{entryId}/evidence", UriKind.Relative), form, TestContext.Current.CancellationToken);
    }

    private static async Task<string> FlashAsync(HttpClient client, HttpResponseMessage response)
    {
        var page = await client.GetDocumentAsync(response.Headers.Location!.OriginalString);
        return (page.QuerySelector(".alert-danger") ?? page.QuerySelector(".alert-success"))!.Text();
    }

    [Theory]
    [InlineData("bien-ban.pdf")]
    [InlineData("Danh sách đại biểu.docx")]
    public async Task An_accepted_file_is_stored_under_a_generated_name_and_downloaded_as_an_attachment(string name)
    {
        var (client, entryId) = await EntryAsync();
        var bytes = name.EndsWith(".pdf", StringComparison.Ordinal) ? Scenario.PdfBytes : Docx();

        using var upload = await UploadAsync(client, entryId, name, bytes);
        Assert.Contains("Đã tải lên", await FlashAsync(client, upload), StringComparison.Ordinal);

        var stored = await factory.WithDbAsync(db => db.EvidenceFiles.AsNoTracking().SingleAsync(f => f.OwnerType == EvidenceOwner.ProgressEntry && f.OwnerId == entryId, TestContext.Current.CancellationToken));
        Assert.Equal(name, stored.OriginalName);
        Assert.Matches("^[0-9a-f]{32}\\.(pdf|docx)$", stored.StoredName);
        var onDisk = Path.Combine(factory.DataDirectory, "files", stored.StoredName);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(onDisk, TestContext.Current.CancellationToken));

        using var download = await client.GetAsync(new Uri($"/files/{stored.Id}", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal(name, download.Content.Headers.ContentDisposition.FileNameStar);
        Assert.Equal(bytes, await download.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        Assert.Equal("nosniff", string.Join(string.Empty, download.Headers.GetValues("X-Content-Type-Options")));
    }

    [Theory]
    [InlineData("chuong-trinh.exe", "MZ", "không thuộc loại được nhận")]
    [InlineData("ghi-chu.txt", "xin chao", "không thuộc loại được nhận")]
    [InlineData("bao-cao.pdf", "MZ\u0090\u0000 not a pdf", "không khớp với phần mở rộng")]
    [InlineData("anh.png", "%PDF-1.4", "không khớp với phần mở rộng")]
    [InlineData("bang-tinh.xlsx", "PK\u0003\u0004 broken zip", "không khớp với phần mở rộng")]
    public async Task A_refused_file_gets_a_clear_reason_and_nothing_is_stored(string name, string content, string reason)
    {
        var (client, entryId) = await EntryAsync();

        using var upload = await UploadAsync(client, entryId, name, System.Text.Encoding.Latin1.GetBytes(content));

        Assert.Contains(reason, await FlashAsync(client, upload), StringComparison.Ordinal);
        Assert.False(await factory.WithDbAsync(db => db.EvidenceFiles.AnyAsync(f => f.OwnerType == EvidenceOwner.ProgressEntry && f.OwnerId == entryId, TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task A_file_over_10_MB_is_refused()
    {
        var (client, entryId) = await EntryAsync();
        var big = new byte[(10 * 1024 * 1024) + 1];
        Scenario.PdfBytes.CopyTo(big, 0);

        using var upload = await UploadAsync(client, entryId, "qua-lon.pdf", big);

        Assert.Contains("lớn hơn 10 MB", await FlashAsync(client, upload), StringComparison.Ordinal);
    }

    [Fact]
    public void The_rules_accept_a_file_of_exactly_10_MB()
    {
        var content = new byte[10 * 1024 * 1024];
        Scenario.PdfBytes.CopyTo(content, 0);
        using var stream = new MemoryStream(content);

        Assert.Null(EvidenceFileRules.Check("du-10-mb.pdf", content.Length, stream, 10 * 1024 * 1024));
    }

    [Fact]
    public async Task A_report_file_is_downloaded_only_by_those_who_may_read_the_report()
    {
        var draft = await factory.ReportAsync(Persona.ProvincialHaGiangVwu, new Quarter(2024, 3), ReportState.Draft);
        var fileId = await factory.FileAsync(EvidenceOwner.ReportLine, await factory.FirstLineIdAsync(draft));

        using var own = await (await factory.SignedInClientAsync(Persona.ProvincialHaGiangVwu)).GetAsync(new Uri($"/files/{fileId}", UriKind.Relative), TestContext.Current.CancellationToken);
        using var otherProvince = await (await factory.SignedInClientAsync(Persona.ProvincialCaoBangCema)).GetAsync(new Uri($"/files/{fileId}", UriKind.Relative), TestContext.Current.CancellationToken);
        using var central = await (await factory.SignedInClientAsync(Persona.CentralVwu)).GetAsync(new Uri($"/files/{fileId}", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, otherProvince.StatusCode); // another province
        Assert.Equal(HttpStatusCode.Forbidden, central.StatusCode); // a draft is the province's own
    }

    [Fact]
    public async Task The_author_agency_removes_a_file_from_the_list_and_from_the_disk()
    {
        var (client, entryId) = await EntryAsync();
        using (await UploadAsync(client, entryId, "nham.pdf", Scenario.PdfBytes))
        {
        }

        var page = await client.GetDocumentAsync($"/progress/{entryId}/edit");
        var remove = page.QuerySelector("form[action^='/files/'][action$='/delete']")!;
        var stored = await factory.WithDbAsync(db => db.EvidenceFiles.AsNoTracking().SingleAsync(f => f.OwnerType == EvidenceOwner.ProgressEntry && f.OwnerId == entryId, TestContext.Current.CancellationToken));

        using var removed = await client.PostFormAsync(remove.GetAttribute("action")!, page, new() { ["returnUrl"] = remove.QuerySelector("input[name=returnUrl]")!.GetAttribute("value")! });

        Assert.Equal($"/progress/{entryId}/edit#evidence", removed.Headers.Location?.OriginalString);
        Assert.False(await factory.WithDbAsync(db => db.EvidenceFiles.AnyAsync(f => f.Id == stored.Id, TestContext.Current.CancellationToken)));
        Assert.False(File.Exists(Path.Combine(factory.DataDirectory, "files", stored.StoredName)));
    }
}
