using CoordinationPortal.Web.Infrastructure.Caching;

namespace CoordinationPortal.Web.Features.Plans;

/// <summary>
/// The plans' reference data kept in this process between requests (ADR 0061), as the province
/// catalogue is (ADR 0051): the published plans, the agencies, and each plan's activities, reporting
/// periods and indicators, as immutable projections. Every use is checked against the generation
/// <see cref="CacheTags.PlanData"/> in the fragment cache's store (memory, or Redis shared by the
/// nodes), which every committed write of a record these projections read starts anew
/// (<see cref="DashboardEviction"/>), so a change on any node is seen on the next request everywhere.
/// When the store is unavailable the data is read afresh. The rules of keeping are
/// <see cref="KeptValues{TValue}"/>'s (one copy per key, ADR 0064).
/// </summary>
public sealed class PlanReferenceCache(FragmentCache cache, TimeProvider clock)
{
    /// <summary>How long a copy is used at most: a safety net for a write the interceptor cannot see (SQL run by hand).</summary>
    public static readonly TimeSpan Lifetime = FragmentCache.Lifetime;

    private readonly KeptValues<object> _kept = new(clock);

    /// <summary>
    /// The value kept under <paramref name="key"/> for <paramref name="generation"/>, else what
    /// <paramref name="load"/> reads (kept for that generation). The generation must have been read
    /// before the database: a write committed in between leaves the copy under the old generation,
    /// which the next request no longer matches. A null generation (store unavailable) keeps nothing.
    /// The value is shared between requests and threads: it must be immutable.
    /// </summary>
    public async Task<T> GetAsync<T>(string? generation, string key, Func<CancellationToken, Task<T>> load, CancellationToken ct)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(load);

        // A kept copy is returned without wrapping the loader (most calls, on every page).
        return _kept.TryGet(generation, key, out var kept) ? (T)kept : (T)await _kept.GetAsync(generation, key, async c => await load(c), ct);
    }

    /// <summary>Drops this node's copies (after a write of reference data committed here).</summary>
    public void Forget() => _kept.Forget();

    /// <summary>After a committed write of reference data: a new generation on every node, then this node's copies go.</summary>
    public async Task ForgetAsync()
    {
        // Not a request's token: a person who leaves right after the write must not leave the old data.
        await cache.EvictAsync(CacheTags.PlanData, CancellationToken.None);
        Forget();
    }
}
