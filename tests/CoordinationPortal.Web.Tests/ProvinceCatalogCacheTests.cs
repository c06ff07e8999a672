using System.Data.Common;
using System.Net;
using AngleSharp.Dom;
using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Web.Features.Provinces;
using CoordinationPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace CoordinationPortal.Web.Tests;

/// <summary>
/// The province catalogue is kept in memory between requests (ADR 0051): read from the database once,
/// and again after a unit was changed, so a rename or a new region is on the very next page. The
/// dashboard's own fragment cache is off here (FragmentCache:Enabled=false), so each page is computed
/// and shows what the catalogue holds.
/// </summary>
public sealed class ProvinceCatalogCacheTests : IAsyncDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly ProvinceReads _reads = new();
    private readonly PortalFactory _factory;

    public ProvinceCatalogCacheTests()
    {
        _factory = new PortalFactory { ConfigureServices = services => services.AddSingleton<IInterceptor>(_reads) };
        _factory.Settings["FragmentCache:Enabled"] = "false";
    }

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task The_catalogue_is_read_from_the_database_once_not_on_every_request()
    {
        var leadership = await _factory.SignedInClientAsync(Persona.Leadership);
        Assert.Equal(63, (await DashboardAsync(leadership)).QuerySelectorAll("tr[data-province-id]").Length);

        _reads.Reset();
        var again = await DashboardAsync(leadership);
        await DashboardAsync(leadership);

        Assert.Equal(63, again.QuerySelectorAll("tr[data-province-id]").Length);
        Assert.Equal(0, _reads.Count);
    }

    [Fact]
    public async Task A_renamed_province_and_its_new_region_are_on_the_next_request()
    {
        var leadership = await _factory.SignedInClientAsync(Persona.Leadership);
        var admin = await _factory.SignedInClientAsync(Persona.Administrator);
        var caoBang = await _factory.WithDbAsync(db => db.Provinces.Where(p => p.Code == "04" && p.ValidFrom == null).Select(p => p.Id).SingleAsync(Ct));
        Assert.Equal("Cao Bằng", NameIn(await DashboardAsync(leadership), caoBang));
        Assert.Equal("NorthernMidlandsAndMountains", RegionIn(await admin.GetDocumentAsync("/admin/provinces"), caoBang));

        var form = await admin.GetDocumentAsync($"/admin/provinces/{caoBang}");
        using (var saved = await admin.PostFormAsync($"/admin/provinces/{caoBang}", form, new()
        {
            ["Name"] = "Cao Bằng (đã sửa)",
            ["Region"] = "RedRiverDelta",
            ["OriginalName"] = form.QuerySelector("input[name=OriginalName]")!.GetAttribute("value")!,
            ["OriginalRegion"] = form.QuerySelector("input[name=OriginalRegion]")!.GetAttribute("value") ?? string.Empty,
        }))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        Assert.Equal("Cao Bằng (đã sửa)", NameIn(await DashboardAsync(leadership), caoBang));
        Assert.Equal("RedRiverDelta", RegionIn(await admin.GetDocumentAsync("/admin/provinces"), caoBang));
    }

    [Fact]
    public async Task The_units_counting_in_a_quarter_are_worked_out_once_per_quarter_and_follow_the_merger()
    {
        var catalog = new ProvinceCatalog(await _factory.WithDbAsync(db => db.Provinces.AsNoTracking().ToListAsync(Ct)));
        var before = new Quarter(2025, 2);
        var after = new Quarter(2025, 3);

        var first = catalog.CountingIn(before);

        // The catalogue is kept between requests (ADR 0051): the same quarter asked again is not
        // filtered and sorted in Vietnamese order again (the grid and the report list ask every time).
        Assert.Same(first, catalog.CountingIn(before));
        Assert.Equal(63, first.Count);
        Assert.Equal(34, catalog.CountingIn(after).Count);
        Assert.Equal("An Giang", first[0].NameOn(before.LastDay));
    }

    private static Task<IDocument> DashboardAsync(HttpClient client) => client.GetDocumentAsync("/dashboard");

    private static string NameIn(IDocument dashboard, int province) =>
        dashboard.QuerySelector($"tr[data-province-id='{province}'] th[scope=row]")!.TextContent.Trim();

    private static string RegionIn(IDocument provinces, int province) =>
        provinces.GetElementById($"province-{province}")!.QuerySelector("td[data-region]")!.GetAttribute("data-region")!;

    /// <summary>Counts the SQL commands that read the provinces table.</summary>
    private sealed class ProvinceReads : DbCommandInterceptor
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public void Reset() => Interlocked.Exchange(ref _count, 0);

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (command.CommandText.Contains("FROM \"Provinces\"", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref _count);
            }

            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}
