using System.Net;
using System.Text.Json;
using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Domain.Reporting;
using CoordinationPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CoordinationPortal.Web.Tests;

/// <summary>
/// The report form saves itself while the person types (js/autosave.js): the same guarded draft save
/// as "Lưu nháp", answered with the new version so the next save by hand is not a false conflict.
/// </summary>
public sealed class AutosaveTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static readonly Quarter Q3 = new(2024, 3);

    private async Task<int> WritableDraftAsync()
    {
        var account = await factory.AccountAsync(Persona.ProvincialHaGiangVwu);
        var existing = await factory.WithDbAsync(db => db.QuarterlyReports.Where(r => r.CreatedById == account.Id).Select(r => (int?)r.Id).FirstOrDefaultAsync(TestContext.Current.CancellationToken));
        if (existing is { } id)
        {
            return id;
        }

        var report = await factory.ReportAsync(Persona.ProvincialHaGiangVwu, Q3, ReportState.Draft);
        await factory.ExemptionAsync(Q3);
        return report;
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, int reportId, string token, int version, string results, string intent = "save", bool background = true)
    {
        var fields = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Version"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Intent"] = intent,
        };
        var edit = await client.GetAsync(new Uri($"/reports/{reportId}/edit", UriKind.Relative), TestContext.Current.CancellationToken);
        if (edit.StatusCode == HttpStatusCode.OK)
        {
            var page = await edit.ReadDocumentAsync();
            foreach (var select in page.QuerySelectorAll("select[name$='.Status']"))
            {
                fields[select.GetAttribute("name")!] = "OnTrack";
            }

            fields[page.QuerySelector("textarea[name$='.Results']")!.GetAttribute("name")!] = results;
        }
        else
        {
            fields["Lines[1].Results"] = results;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/reports/{reportId}/edit", UriKind.Relative)) { Content = new FormUrlEncodedContent(fields) };
        if (background)
        {
            request.Headers.Add("X-Requested-With", "XMLHttpRequest");
        }

        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private Task<QuarterlyReport> ReportAsync(int id) =>
        factory.WithDbAsync(db => db.QuarterlyReports.AsNoTracking().SingleAsync(r => r.Id == id, TestContext.Current.CancellationToken));

    private static async Task<string> TokenAsync(HttpClient client) => (await client.GetDocumentAsync("/account")).AntiforgeryToken();

    [Fact]
    public async Task An_autosave_stores_the_draft_and_hands_back_the_version_for_the_next_save()
    {
        var id = await WritableDraftAsync();
        var client = await factory.SignedInClientAsync(Persona.ProvincialHaGiangVwu);
        var before = await ReportAsync(id);

        using var autosave = await PostAsync(client, id, await TokenAsync(client), before.Version, "Tự lưu: 3 buổi tuyên truyền.");

        Assert.Equal(HttpStatusCode.OK, autosave.StatusCode);
        using var answer = JsonDocument.Parse(await autosave.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var version = answer.RootElement.GetProperty("version").GetInt32();
        Assert.StartsWith("Đã lưu lúc ", answer.RootElement.GetProperty("message").GetString(), StringComparison.Ordinal);
        var saved = await ReportAsync(id);
        Assert.Equal(version, saved.Version);
        Assert.NotEqual(before.Version, saved.Version);
        Assert.Contains(saved.Lines, l => l.Results == "Tự lưu: 3 buổi tuyên truyền.");
        Assert.Equal(ReportState.Draft, saved.State);

        // The person then presses "Lưu nháp" with the version the autosave handed back: no conflict.
        using var byHand = await PostAsync(client, id, await TokenAsync(client), version, "Sửa tiếp sau khi tự lưu.", background: false);
        Assert.Equal(HttpStatusCode.Redirect, byHand.StatusCode);
        Assert.Contains((await ReportAsync(id)).Lines, l => l.Results == "Sửa tiếp sau khi tự lưu.");
    }

    [Fact]
    public async Task An_autosave_never_submits()
    {
        var id = await WritableDraftAsync();
        var client = await factory.SignedInClientAsync(Persona.ProvincialHaGiangVwu);

        using var response = await PostAsync(client, id, await TokenAsync(client), (await ReportAsync(id)).Version, "Gửi ngầm?", intent: "submit");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(ReportState.Draft, (await ReportAsync(id)).State);
    }

    [Fact]
    public async Task An_autosave_from_an_older_version_is_a_conflict_and_overwrites_nothing()
    {
        var id = await WritableDraftAsync();
        var client = await factory.SignedInClientAsync(Persona.ProvincialHaGiangVwu);
        var stale = (await ReportAsync(id)).Version;
        using (await PostAsync(client, id, await TokenAsync(client), stale, "Bản của đồng nghiệp."))
        {
        }

        using var response = await PostAsync(client, id, await TokenAsync(client), stale, "Bản cũ của tôi.");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains((await ReportAsync(id)).Lines, l => l.Results == "Bản của đồng nghiệp.");
    }

    [Fact]
    public async Task Another_provinces_officer_cannot_autosave_the_report()
    {
        var id = await WritableDraftAsync();
        var other = await factory.SignedInClientAsync(Persona.ProvincialCaoBangCema);
        var before = await ReportAsync(id);

        using var response = await PostAsync(other, id, await TokenAsync(other), before.Version, "Không phải của tôi.");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(before.Version, (await ReportAsync(id)).Version);
    }
}
