using CoordinationPortal.Web.Infrastructure.Caching;

namespace CoordinationPortal.Web.Features.Provinces;

/// <summary>
/// The province catalogue kept in this process between requests (ADR 0051): it is the same for every
/// request and changes only when an administrator edits a unit. Each use checks the catalogue's
/// generation in the fragment cache's store (memory, or Redis shared by the nodes), which every
/// committed province write starts anew (<see cref="DashboardEviction"/>), so a change on any node is
/// seen on the next request everywhere. When the store is unavailable the catalogue is read afresh.
/// The rules of keeping are <see cref="KeptValues{TValue}"/>'s.
/// </summary>
public sealed class ProvinceCatalogCache(FragmentCache cache, TimeProvider clock)
{
    /// <summary>How long a copy is used at most: a safety net for a write the interceptor cannot see (SQL run by hand).</summary>
    public static readonly TimeSpan Lifetime = FragmentCache.Lifetime;

    private const string Key = "catalog";

    private readonly KeptValues<ProvinceCatalog> _kept = new(clock);

    public async Task<ProvinceCatalog> GetAsync(Func<CancellationToken, Task<ProvinceCatalog>> load, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(load);
        return await _kept.GetAsync(await cache.DataGenerationAsync(CacheTags.Provinces, ct), Key, load, ct);
    }

    /// <summary>Drops this node's copy (after a province write committed here).</summary>
    public void Forget() => _kept.Forget();

    /// <summary>After a committed province write: a new generation on every node, then this node's copy goes.</summary>
    public async Task ForgetAsync()
    {
        // Not a request's token: a person who leaves right after the write must not leave the old catalogue.
        await cache.EvictAsync(CacheTags.Provinces, CancellationToken.None);
        Forget();
    }
}
