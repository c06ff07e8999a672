using System.Net;
using CoordinationPortal.Domain.Auditing;
using CoordinationPortal.Web.Infrastructure.Security;
using CoordinationPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CoordinationPortal.Web.Tests;

/// <summary>Refusals are audited without letting a crawler flood the trail (docs/decisions/0028).</summary>
public sealed class AccessDenialAuditTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock;
    private readonly PortalFactory _factory = new();

    public AccessDenialAuditTests()
    {
        // The clock stands still one second into a window, so the thousand requests share it.
        var now = DateTimeOffset.UtcNow;
        _clock = new FakeTimeProvider(now.AddTicks(-(now.UtcTicks % AccessDenials.Window.Ticks)).AddSeconds(1));
        _factory.ConfigureServices = services => services.AddSingleton<TimeProvider>(_clock);
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    private Task<List<AuditEntry>> DenialsAsync(string userId) =>
        _factory.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(e => e.Action == AuditAction.AccessDenied && e.UserId == userId)
            .OrderBy(e => e.Id)
            .ToListAsync(TestContext.Current.CancellationToken));

    [Fact]
    public async Task A_thousand_refused_requests_make_one_entry_whose_count_the_audit_page_shows()
    {
        var crawler = await _factory.AccountAsync(Persona.CentralCema);
        var client = await _factory.SignedInClientAsync(Persona.CentralCema);
        var admin = await _factory.SignedInClientAsync(Persona.Administrator); // refusals are security events: administrators read them (issue 12)

        // Four at a time, so that first refusals also race to open the window.
        var statuses = new System.Collections.Concurrent.ConcurrentBag<HttpStatusCode>();
        await Parallel.ForEachAsync(Enumerable.Range(1, 1000), new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = TestContext.Current.CancellationToken }, async (i, ct) =>
        {
            using var response = await client.GetAsync(new Uri($"/admin/provinces/{i}", UriKind.Relative), ct);
            statuses.Add(response.StatusCode);
        });

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Forbidden, s));
        var entry = Assert.Single(await DenialsAsync(crawler.Id));
        Assert.StartsWith("GET /admin/provinces/", entry.Detail, StringComparison.Ordinal);
        var tally = await _factory.WithDbAsync(db => db.AccessDenialTallies.AsNoTracking().SingleAsync(t => t.AuditEntryId == entry.Id, TestContext.Current.CancellationToken));
        Assert.Equal(1000, tally.Count);

        var page = await admin.GetDocumentAsync($"/audit?action=AccessDenied&user={Uri.EscapeDataString(crawler.Email)}");
        var row = Assert.Single(page.QuerySelectorAll("tbody tr"));
        var repeats = row.QuerySelector("[data-audit-repeats]")!;
        Assert.Equal("1000", repeats.GetAttribute("data-audit-repeats"));
        Assert.Contains("1.000 lần (GET /admin/provinces/{id:int})", repeats.TextContent, StringComparison.Ordinal);

        // The next window starts a new entry: the trail still says when refusals went on.
        _clock.Advance(AccessDenials.Window);
        using (var later = await client.GetAsync(new Uri("/admin/provinces/5", UriKind.Relative), TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.Forbidden, later.StatusCode);
        }

        var entries = await DenialsAsync(crawler.Id);
        Assert.Equal(2, entries.Count);
        Assert.Equal("GET /admin/provinces/5", entries[1].Detail);
    }

    [Fact]
    public async Task Refusals_of_different_kinds_or_accounts_are_separate_entries()
    {
        var cema = await _factory.AccountAsync(Persona.CentralCema);
        var vwu = await _factory.AccountAsync(Persona.CentralVwu);
        var cemaClient = await _factory.SignedInClientAsync(Persona.CentralCema);
        var vwuClient = await _factory.SignedInClientAsync(Persona.CentralVwu);

        foreach (var (client, url) in new[] { (cemaClient, "/admin/users"), (cemaClient, "/admin/users"), (cemaClient, "/audit"), (vwuClient, "/admin/users") })
        {
            using var response = await client.GetAsync(new Uri(url, UriKind.Relative), TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }

        Assert.Equal(["GET /admin/users", "GET /audit"], (await DenialsAsync(cema.Id)).Select(e => e.Detail));
        Assert.Equal(["GET /admin/users"], (await DenialsAsync(vwu.Id)).Select(e => e.Detail));
    }
}
