using System.Net;
using System.Net.Http.Headers;
using CoordinationPortal.Domain.Evidence;
using CoordinationPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CoordinationPortal.Web.Tests;

/// <summary>A new progress entry takes its evidence in the same step as its text, not after a second visit.</summary>
public sealed class ProgressWithFilesTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, int activityId, string done, params (string Name, byte[] Content)[] files)
    {
        var page = await client.GetDocumentAsync($"/activities/{activityId}/progress/new");
        Assert.Equal("multipart/form-data", page.QuerySelector("form.long-form")!.GetAttribute("enctype"));
        Assert.NotNull(page.QuerySelector("input[type=file][name=Files][multiple]"));
        using var form = new MultipartFormDataContent
        {
            { new StringContent(page.AntiforgeryToken()), "__RequestVerificationToken" },
            { new StringContent(page.QuerySelector("input[name=FormToken]")!.GetAttribute("value")!), "FormToken" },
            { new StringContent("12/06/2024"), "ReportedOn" },
            { new StringContent("OnTrack"), "Status" },
            { new StringContent("50"), "PercentComplete" },
            { new StringContent(done), "Done" },
        };
        foreach (var (name, content) in files)
        {
            var file = new ByteArrayContent(content);
            file.Headers.ContentType = MediaTypeHeaderValue.Parse("application/octet-stream");
            form.Add(file, "Files", name);
        }

        return await client.PostAsync(new Uri($"/activities/{activityId}/progress/new", UriKind.Relative), form, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task An_entry_and_its_files_are_saved_in_one_post()
    {
        var activityId = await factory.ActivityIdAsync(1);
        var vwu = await factory.SignedInClientAsync(Persona.CentralVwu);

        using var response = await PostAsync(vwu, activityId, "Hội nghị tập huấn tại Lào Cai, kèm biên bản.", ("bien-ban-tap-huan.pdf", Scenario.PdfBytes), ("danh-sach.pdf", Scenario.PdfBytes));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var entryId = await factory.WithDbAsync(db => db.ProgressEntries.Where(e => e.Done == "Hội nghị tập huấn tại Lào Cai, kèm biên bản.").Select(e => e.Id).SingleAsync(TestContext.Current.CancellationToken));
        var names = await factory.WithDbAsync(db => db.EvidenceFiles.Where(f => f.OwnerType == EvidenceOwner.ProgressEntry && f.OwnerId == entryId).OrderBy(f => f.OriginalName).Select(f => f.OriginalName).ToListAsync(TestContext.Current.CancellationToken));
        Assert.Equal(["bien-ban-tap-huan.pdf", "danh-sach.pdf"], names);

        var activity = await vwu.GetDocumentAsync($"/activities/{activityId}");
        Assert.Contains("bien-ban-tap-huan.pdf", activity.QuerySelector(".journal-entry")!.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_file_keeps_the_typed_text_and_saves_nothing()
    {
        var activityId = await factory.ActivityIdAsync(2);
        var vwu = await factory.SignedInClientAsync(Persona.CentralVwu);
        const string done = "Văn bản dài đã gõ, không được mất.";

        using var response = await PostAsync(vwu, activityId, done, ("bien-ban.pdf", Scenario.PdfBytes), ("chuong-trinh.exe", "MZ"u8.ToArray()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode); // the form again, with the reason under the file field
        var page = await response.ReadDocumentAsync();
        Assert.Equal(done, page.QuerySelector("textarea[name=Done]")!.TextContent);
        Assert.Contains("chuong-trinh.exe", page.QuerySelector("[data-valmsg-for=Files]")!.Text(), StringComparison.Ordinal);
        Assert.False(await factory.WithDbAsync(db => db.ProgressEntries.AnyAsync(e => e.Done == done, TestContext.Current.CancellationToken)));
        Assert.False(await factory.WithDbAsync(db => db.EvidenceFiles.AnyAsync(f => f.OriginalName == "bien-ban.pdf" && f.OwnerType == EvidenceOwner.ProgressEntry, TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task An_entry_without_files_is_saved_as_before()
    {
        var activityId = await factory.ActivityIdAsync(4);
        var cema = await factory.SignedInClientAsync(Persona.CentralCema);

        using var response = await PostAsync(cema, activityId, "Không kèm tệp.");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.True(await factory.WithDbAsync(db => db.ProgressEntries.AnyAsync(e => e.Done == "Không kèm tệp.", TestContext.Current.CancellationToken)));
    }
}
