using CoordinationPortal.Web.Infrastructure.Caching;

namespace CoordinationPortal.Web.Features.Provinces;

/// <summary>
/// The province catalogue kept in this process between requests (ADR 0051): it is the same for every
/// request and changes only when an administrator edits a unit. Each use checks the catalogue's
/// generation in the fragment cache's store (memory, or Redis shared by the nodes), which every
/// committed province write starts anew (<see cref="DashboardEviction"/>), so a change on any node is
/// seen on the next request everywhere. When the store is unavailable the catalogue is read afresh.
/// </summary>
public sealed class ProvinceCatalogCache(FragmentCache cache, TimeProvider clock)
{
    /// <summary>How long a copy is used at most: a safety net for a write the interceptor cannot see (SQL run by hand).</summary>
    public static readonly TimeSpan Lifetime = FragmentCache.Lifetime;

    private Entry? _entry;

    public async Task<ProvinceCatalog> GetAsync(Func<CancellationToken, Task<ProvinceCatalog>> load, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(load);

        // The generation is read before the database: a write committed in between leaves the copy
        // under the old generation, which the next request no longer matches.
        var generation = await cache.DataGenerationAsync(CacheTags.Provinces, ct);
        var now = clock.GetUtcNow();
        var entry = Volatile.Read(ref _entry);
        if (generation is not null && entry is not null && entry.Generation == generation && now < entry.Until)
        {
            return entry.Catalog;
        }

        var catalog = await load(ct);
        if (generation is not null)
        {
            Volatile.Write(ref _entry, new Entry(generation, now + Lifetime, catalog));
        }

        return catalog;
    }

    /// <summary>Drops this node's copy (after a province write committed here).</summary>
    public void Forget() => Volatile.Write(ref _entry, null);

    private sealed record Entry(string Generation, DateTimeOffset Until, ProvinceCatalog Catalog);
}
