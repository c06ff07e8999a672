using System.Net;
using AngleSharp.Dom;
using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Domain.Reporting;
using CoordinationPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace CoordinationPortal.Web.Tests;

/// <summary>
/// The report list is cached for everyone with the same read scope and filter (ADR 0055): a repeat
/// skips the list's queries, a report sent or reviewed is on the next list, and scopes that read
/// different reports (a province's own drafts, another province, leadership) never share an entry.
/// </summary>
public sealed class ReportListCacheTests : IAsyncLifetime
{
    private static readonly Quarter Q2 = new(2024, 2);
    private static readonly Quarter Q3 = new(2024, 3);

    private readonly CommandCounter _counter = new();
    private readonly PortalFactory _factory;

    public ReportListCacheTests() =>
        _factory = new PortalFactory { ConfigureServices = services => services.AddSingleton<IInterceptor>(_counter) };

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    private static IReadOnlyList<int> Rows(IDocument page) =>
        [.. page.QuerySelectorAll("tr[data-report-id]").Select(tr => int.Parse(tr.GetAttribute("data-report-id")!, System.Globalization.CultureInfo.InvariantCulture))];

    private static string? StateOf(IDocument page, int reportId) =>
        page.QuerySelector($"tr[data-report-id='{reportId}'] [data-report-state]")?.GetAttribute("data-report-state");

    [Fact]
    public async Task The_same_list_asked_again_is_served_from_the_cache_without_its_queries()
    {
        var submitted = await _factory.ReportAsync(Persona.ProvincialHaGiangVwu, Q2, ReportState.Submitted);
        var leadership = await _factory.SignedInClientAsync(Persona.Leadership);

        _counter.Reset();
        var first = await leadership.GetDocumentAsync("/reports");
        var computed = _counter.Count;
        _counter.Reset();
        var second = await leadership.GetDocumentAsync("/reports");
        var cached = _counter.Count;

        // What remains on a hit is the caller's own: the session (the bell's count is kept, ADR 0063).
        // A computed list sends at least 3 (its plan choices and agencies are kept in memory since ADR 0061).
        Assert.True(computed >= 3, $"the computed list sent {computed} commands");
        Assert.True(cached <= 2, $"the repeated list sent {cached} commands");
        Assert.Equal(first.QuerySelector("main")!.InnerHtml, second.QuerySelector("main")!.InnerHtml);
        Assert.Equal(first.Title, second.Title);
        Assert.Equal([submitted], Rows(second));

        // Another filter is another entry, computed.
        _counter.Reset();
        var filtered = await leadership.GetDocumentAsync("/reports?state=Approved");
        Assert.True(_counter.Count >= 3, $"a list with another filter sent {_counter.Count} commands");
        Assert.Empty(Rows(filtered));
    }

    [Fact]
    public async Task A_returned_report_sent_again_and_then_approved_is_on_the_next_list()
    {
        var leadership = await _factory.SignedInClientAsync(Persona.Leadership);
        // A returned report: its officer may send it again whatever the quarter's writing window says.
        var report = await _factory.ReportAsync(Persona.ProvincialHaGiangVwu, Q2, ReportState.Returned);
        Assert.Equal("Returned", StateOf(await leadership.GetDocumentAsync("/reports"), report));
        Assert.Equal("Returned", StateOf(await leadership.GetDocumentAsync("/reports"), report)); // cached now

        // Sent again through the form, as the officer does.
        var officer = await _factory.SignedInClientAsync(Persona.ProvincialHaGiangVwu);
        var edit = await officer.GetDocumentAsync($"/reports/{report}/edit");
        var fields = FormFields.Of(edit, $"form[action='/reports/{report}/edit']").With(("Intent", "submit"), ("Confirmed", "true"));
        using (var sent = await officer.PostFormAsync($"/reports/{report}/edit", edit, fields))
        {
            Assert.Equal($"/reports/{report}", sent.Headers.Location?.OriginalString);
        }

        var afterSubmit = await leadership.GetDocumentAsync("/reports");
        Assert.Equal("Submitted", StateOf(afterSubmit, report));

        var central = await _factory.SignedInClientAsync(Persona.CentralVwu);
        var page = await central.GetDocumentAsync($"/reports/{report}");
        using (var approved = await central.PostFormAsync($"/reports/{report}/approve", page, new() { ["Confirmed"] = "true", ["Comment"] = string.Empty }))
        {
            Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        }

        Assert.Equal("Approved", StateOf(await leadership.GetDocumentAsync("/reports"), report));
    }

    [Fact]
    public async Task Scopes_that_read_different_reports_never_share_a_cached_list()
    {
        var haGiangDraft = await _factory.ReportAsync(Persona.ProvincialHaGiangVwu, Q3, ReportState.Draft);
        var haGiangSent = await _factory.ReportAsync(Persona.ProvincialHaGiangVwu, Q2, ReportState.Submitted);
        var caoBangSent = await _factory.ReportAsync(Persona.ProvincialCaoBangCema, Q2, ReportState.Submitted);
        var leadership = await _factory.SignedInClientAsync(Persona.Leadership);
        var haGiang = await _factory.SignedInClientAsync(Persona.ProvincialHaGiangVwu);
        var caoBang = await _factory.SignedInClientAsync(Persona.ProvincialCaoBangCema);

        // Each asks twice, so that each second answer is whatever the cache holds for that caller.
        for (var round = 0; round < 2; round++)
        {
            Assert.Equal(new[] { caoBangSent, haGiangSent }.Order(), Rows(await leadership.GetDocumentAsync("/reports")).Order());
            Assert.Equal(new[] { haGiangDraft, haGiangSent }.Order(), Rows(await haGiang.GetDocumentAsync("/reports")).Order());
            Assert.Equal([caoBangSent], Rows(await caoBang.GetDocumentAsync("/reports")));
        }
    }
}
