using System.Net;
using AngleSharp.Dom;
using CoordinationPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace CoordinationPortal.Web.Tests;

/// <summary>
/// A plan page's document is cached for everyone with the same rights (ADR 0050): a repeat skips the
/// plan's queries, every kind of write it shows is on the next request, and callers whose rights
/// change its links never share an entry. Fixture: Plan 468 (published), activity 7 with two tasks.
/// </summary>
public sealed class PlanPageCacheTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly CommandCounter _counter = new();
    private readonly PortalFactory _factory;
    private int _planId;

    public PlanPageCacheTests() =>
        _factory = new PortalFactory { ConfigureServices = services => services.AddSingleton<IInterceptor>(_counter) };

    public async ValueTask InitializeAsync() =>
        _planId = await _factory.WithDbAsync(db => db.Plans.Where(p => p.Number == Scenario.Plan468).Select(p => p.Id).SingleAsync(Ct));

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    private Task<IDocument> PlanAsync(HttpClient client) => client.GetDocumentAsync($"/plans/{_planId}");

    private static Task<HttpResponseMessage> SubmitAsync(HttpClient client, IDocument page, string action, params (string Name, string Value)[] changes) =>
        client.PostFormAsync(action, page, FormFields.Of(page, $"form[method=post][action='{action}']").With(changes));

    [Fact]
    public async Task The_same_plan_page_asked_again_is_served_from_the_cache_without_the_plan_queries()
    {
        var leadership = await _factory.SignedInClientAsync(Persona.Leadership);

        _counter.Reset();
        var first = await PlanAsync(leadership);
        var computed = _counter.Count;
        _counter.Reset();
        var second = await PlanAsync(leadership);
        var cached = _counter.Count;

        // The session, the bell's count and whether the caller may see the plan remain.
        Assert.True(computed >= 8, $"the computed plan page sent {computed} commands");
        Assert.True(cached <= 4, $"the repeated plan page sent {cached} commands");
        Assert.Equal(first.QuerySelector("main")!.InnerHtml, second.QuerySelector("main")!.InnerHtml);
        Assert.Equal(first.Title, second.Title);
        Assert.Equal(7, second.QuerySelectorAll("#activities tbody tr").Length);
    }

    [Fact]
    public async Task A_cached_plan_page_is_the_computed_page_byte_for_byte_with_its_Vietnamese_letters_as_letters()
    {
        var leadership = await _factory.SignedInClientAsync(Persona.Leadership);

        var computed = Main(await leadership.GetStringAsync($"/plans/{_planId}", Ct));
        var cached = Main(await leadership.GetStringAsync($"/plans/{_planId}", Ct));

        // A parser reads "&#x1EC3;" and "ể" alike; the bytes sent on a slow link do not.
        Assert.Contains("Triển khai", computed, StringComparison.Ordinal);
        Assert.DoesNotContain("&#x", cached, StringComparison.Ordinal);
        Assert.Equal(computed, cached);

        static string Main(string html) => html[html.IndexOf("<main", StringComparison.Ordinal)..html.IndexOf("</main>", StringComparison.Ordinal)];
    }

    [Fact]
    public async Task A_progress_entry_a_plan_edit_and_a_task_change_are_on_the_next_plan_page()
    {
        var leadership = await _factory.SignedInClientAsync(Persona.Leadership);
        var central = await _factory.SignedInClientAsync(Persona.CentralVwu);
        var before = await PlanAsync(leadership);
        Assert.Empty(before.QuerySelectorAll("tr[data-activity-number='3'] [data-word-status='Delayed']"));
        _ = await PlanAsync(leadership); // cached now

        var activity3 = await _factory.ActivityIdAsync(3);
        var form = await central.GetDocumentAsync($"/activities/{activity3}/progress/new");
        using (var added = await central.PostFormAsync($"/activities/{activity3}/progress/new", form, new()
        {
            ["ReportedOn"] = "15/10/2024",
            ["Status"] = "Delayed",
            ["PercentComplete"] = "30",
            ["Done"] = "Chậm do bão.",
        }))
        {
            Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        }

        Assert.NotEmpty((await PlanAsync(leadership)).QuerySelectorAll("tr[data-activity-number='3'] [data-word-status='Delayed']"));

        var header = await central.GetDocumentAsync($"/plans/{_planId}/edit/header");
        using (var saved = await SubmitAsync(central, header, $"/plans/{_planId}/edit/header", ("Title", "Triển khai Chương trình phối hợp năm 2024, sửa lại")))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        Assert.Equal("Triển khai Chương trình phối hợp năm 2024, sửa lại", (await PlanAsync(leadership)).QuerySelector(".document-title")!.TextContent);

        Assert.DoesNotContain("Sản phẩm thứ nhất, viết lại.", (await PlanAsync(leadership)).QuerySelector("#content")!.TextContent, StringComparison.Ordinal);
        var activity7 = await _factory.ActivityIdAsync(7);
        var edit = await central.GetDocumentAsync($"/activities/{activity7}/edit");
        using (var saved = await SubmitAsync(central, edit, $"/activities/{activity7}/edit", ("Tasks[0].Text", "Sản phẩm thứ nhất, viết lại.")))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        Assert.Contains("Sản phẩm thứ nhất, viết lại.", (await PlanAsync(leadership)).QuerySelector("#content")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Callers_whose_rights_change_the_links_never_share_a_cached_plan_page()
    {
        var leadership = await _factory.SignedInClientAsync(Persona.Leadership);
        var central = await _factory.SignedInClientAsync(Persona.CentralVwu);
        var province = await _factory.SignedInClientAsync(Persona.ProvincialHaGiangVwu);

        // Leadership may not edit: its entry, filled first, has no edit link.
        Assert.Empty((await PlanAsync(leadership)).QuerySelectorAll("[data-edit-link]"));
        Assert.Empty((await PlanAsync(leadership)).QuerySelectorAll("[data-edit-link]"));

        // A central officer drafts plans: the page it gets has the edit links, not leadership's entry.
        var officerPage = await PlanAsync(central);
        Assert.NotEmpty(officerPage.QuerySelectorAll("[data-edit-link]"));
        Assert.NotEmpty((await PlanAsync(central)).QuerySelectorAll("[data-edit-link]"));

        // And its entry never reaches those who may not edit.
        Assert.Empty((await PlanAsync(province)).QuerySelectorAll("[data-edit-link]"));
        Assert.Empty((await PlanAsync(leadership)).QuerySelectorAll("[data-edit-link]"));
        Assert.Equal(7, (await PlanAsync(province)).QuerySelectorAll("#activities tbody tr").Length);
    }
}
