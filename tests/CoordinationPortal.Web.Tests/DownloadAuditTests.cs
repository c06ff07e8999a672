using System.Net;
using CoordinationPortal.Domain.Agencies;
using CoordinationPortal.Domain.Auditing;
using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Domain.Evidence;
using CoordinationPortal.Domain.Reporting;
using CoordinationPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CoordinationPortal.Web.Tests;

/// <summary>Exports and evidence downloads leave a trace: who, what, with which filters, when (docs/decisions/0028).</summary>
public sealed class DownloadAuditTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static readonly Quarter Q2 = new(2024, 2);

    private Task<List<AuditEntry>> DownloadsAsync(string userId) =>
        factory.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(e => e.Action == AuditAction.Downloaded && e.UserId == userId)
            .OrderBy(e => e.Id)
            .ToListAsync(TestContext.Current.CancellationToken));

    private static async Task GetOkAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEmpty(await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Each_export_writes_who_which_export_and_its_filters_to_the_trail_and_the_audit_page_finds_them()
    {
        await factory.ReportAsync(Persona.ProvincialHaGiangVwu, Q2, ReportState.Submitted);
        var leader = await factory.AccountAsync(Persona.Leadership);
        var client = await factory.SignedInClientAsync(Persona.Leadership);
        var planId = await factory.WithDbAsync(db => db.Plans.Where(p => p.Number == Scenario.Plan468).Select(p => p.Id).SingleAsync(TestContext.Current.CancellationToken));
        var vwu = await factory.AgencyIdAsync(AgencyCodes.Vwu);
        var before = DateTime.UtcNow.AddSeconds(-1);

        await GetOkAsync(client, $"/exports/reports.xlsx?planId={planId}&quarter={Q2.Key}&agencyId={vwu}");
        await GetOkAsync(client, $"/exports/dashboard.xlsx?planId={planId}&quarter={Q2.Key}");
        await GetOkAsync(client, $"/exports/results.docx?planId={planId}");
        await GetOkAsync(client, "/exports/years.xlsx?boundaries=AtTheTime");

        var lines = await DownloadsAsync(leader.Id);
        Assert.Equal(["reports.xlsx", "dashboard.xlsx", "results.docx", "years.xlsx"], lines.Select(l => l.EntityId));
        Assert.All(lines, l =>
        {
            Assert.Equal("Export", l.EntityType);
            Assert.Equal(leader.Email, l.UserName);
            Assert.Equal(PortalFactory.ClientAddress.ToString(), l.IpAddress);
            Assert.InRange(l.OccurredAtUtc, before, DateTime.UtcNow.AddSeconds(1));
        });
        Assert.Equal($"plan: {Scenario.Plan468} (2024, id {planId}); quarter: Q2/2024; agency: VWU; rows: 5", lines[0].Detail);
        Assert.StartsWith($"plan: {Scenario.Plan468} (2024, id {planId}); quarter: Q2/2024; agency: all; boundaries: Current; chart indicator: ", lines[1].Detail, StringComparison.Ordinal);
        Assert.StartsWith($"plan: {Scenario.Plan468} (2024)", lines[2].Detail, StringComparison.Ordinal);
        Assert.StartsWith("boundaries: AtTheTime; plan years: 2024", lines[3].Detail, StringComparison.Ordinal);

        // The audit page lists them under "downloaded", narrows to exports, and finds one by its name.
        var downloads = await client.GetDocumentAsync("/audit?action=Downloaded&entity=Export");
        var rows = downloads.QuerySelectorAll("tbody tr");
        Assert.Equal(4, rows.Length);
        Assert.All(rows, r => Assert.Equal("Downloaded", r.GetAttribute("data-audit-action")));
        Assert.Contains(rows, r => r.TextContent.Contains("quarter: Q2/2024; agency: VWU", StringComparison.Ordinal) && r.TextContent.Contains(leader.Email, StringComparison.Ordinal));
        var byName = await client.GetDocumentAsync("/audit?action=Downloaded&text=results.docx"); // a refused results.docx (another test) also names it
        Assert.Equal("results.docx", Assert.Single(byName.QuerySelectorAll("tbody tr")).QuerySelector("[data-label='Đối tượng'] .text-muted")!.TextContent);
        Assert.Contains(downloads.QuerySelectorAll("#action option"), o => o.GetAttribute("value") == "Downloaded" && o.TextContent == "Tải xuống, xuất dữ liệu");
    }

    [Fact]
    public async Task A_refused_export_sends_nothing_and_records_no_download()
    {
        var province = await factory.AccountAsync(Persona.ProvincialCaoBangCema);
        var client = await factory.SignedInClientAsync(Persona.ProvincialCaoBangCema);

        using var response = await client.GetAsync(new Uri("/exports/results.docx", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(await DownloadsAsync(province.Id));
    }

    [Fact]
    public async Task A_file_download_writes_who_and_which_file_of_which_report_to_the_trail()
    {
        var reportId = await factory.ReportAsync(Persona.ProvincialHaGiangVwu, new Quarter(2024, 3), ReportState.Submitted);
        var lineId = await factory.FirstLineIdAsync(reportId);
        var fileId = await factory.FileAsync(EvidenceOwner.ReportLine, lineId, "danh-sach-hoc-vien.pdf");
        var central = await factory.AccountAsync(Persona.CentralVwu);
        var client = await factory.SignedInClientAsync(Persona.CentralVwu);

        await GetOkAsync(client, $"/files/{fileId}");

        var line = Assert.Single(await DownloadsAsync(central.Id));
        Assert.Equal("EvidenceFile", line.EntityType);
        Assert.Equal(fileId.ToString(System.Globalization.CultureInfo.InvariantCulture), line.EntityId);
        Assert.Equal($"danh-sach-hoc-vien.pdf; report {reportId}, line {lineId}", line.Detail);
        Assert.Equal(central.Email, line.UserName);

        var admin = await factory.SignedInClientAsync(Persona.Administrator);
        var page = await admin.GetDocumentAsync("/audit?action=Downloaded&entity=EvidenceFile&text=danh-sach-hoc-vien");
        var row = Assert.Single(page.QuerySelectorAll("tbody tr"));
        Assert.Contains(central.Email, row.TextContent, StringComparison.Ordinal);
    }
}

/// <summary>What happens when the trail cannot take the line: the export or file is not sent.</summary>
public sealed class DownloadAuditFailureTests
{
    [Fact]
    public async Task An_export_or_a_file_that_cannot_be_audited_is_not_sent()
    {
        await using var factory = new PortalFactory();
        var reportId = await factory.ReportAsync(Persona.ProvincialHaGiangVwu, new Quarter(2024, 2), ReportState.Submitted);
        var fileId = await factory.FileAsync(EvidenceOwner.ReportLine, await factory.FirstLineIdAsync(reportId));
        var client = await factory.SignedInClientAsync(Persona.Leadership);

        // The audit table refuses download lines, as a full disk or a broken trail would.
        await factory.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
            $"CREATE TRIGGER refuse_download_lines BEFORE INSERT ON AuditEntries WHEN NEW.Action = {(int)AuditAction.Downloaded} BEGIN SELECT RAISE(ABORT, 'trail unavailable'); END;",
            TestContext.Current.CancellationToken));

        foreach (var url in new[] { "/exports/reports.xlsx", "/exports/dashboard.xlsx", "/exports/results.docx", $"/files/{fileId}" })
        {
            using var response = await client.GetAsync(new Uri(url, UriKind.Relative), TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
            Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
            Assert.Null(response.Content.Headers.ContentDisposition);
        }
    }
}
