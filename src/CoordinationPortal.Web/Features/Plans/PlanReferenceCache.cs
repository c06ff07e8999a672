using System.Collections.Immutable;
using CoordinationPortal.Web.Infrastructure.Caching;

namespace CoordinationPortal.Web.Features.Plans;

/// <summary>
/// The plans' reference data kept in this process between requests (ADR 0061), as the province
/// catalogue is (ADR 0051): the published plans, the agencies, and each plan's activities, reporting
/// periods and indicators, as immutable projections. Every use is checked against the generation
/// <see cref="CacheTags.PlanData"/> in the fragment cache's store (memory, or Redis shared by the
/// nodes), which every committed write of a record these projections read starts anew
/// (<see cref="DashboardEviction"/>), so a change on any node is seen on the next request everywhere.
/// When the store is unavailable the data is read afresh.
/// </summary>
public sealed class PlanReferenceCache(TimeProvider clock)
{
    /// <summary>How long a copy is used at most: a safety net for a write the interceptor cannot see (SQL run by hand).</summary>
    public static readonly TimeSpan Lifetime = FragmentCache.Lifetime;

    private Snapshot? _snapshot;

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
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(load);
        var now = clock.GetUtcNow();
        var snapshot = Volatile.Read(ref _snapshot);
        if (generation is not null && snapshot is not null && snapshot.Generation == generation && now < snapshot.Until
            && snapshot.Values.TryGetValue(key, out var kept))
        {
            return (T)kept;
        }

        var loaded = await load(ct);
        if (generation is not null)
        {
            Keep(generation, now, key, loaded);
        }

        return loaded;
    }

    /// <summary>Drops this node's copies (after a write of reference data committed here).</summary>
    public void Forget() => Volatile.Write(ref _snapshot, null);

    // One snapshot per generation: a new generation starts empty, so the copies of an old one (and
    // of plans nobody asks for any more) go with it rather than pile up.
    private void Keep(string generation, DateTimeOffset now, string key, object value)
    {
        while (true)
        {
            var current = Volatile.Read(ref _snapshot);
            var next = current is not null && current.Generation == generation && now < current.Until
                ? current with { Values = current.Values.SetItem(key, value) }
                : new Snapshot(generation, now + Lifetime, ImmutableDictionary<string, object>.Empty.Add(key, value));
            if (ReferenceEquals(Interlocked.CompareExchange(ref _snapshot, next, current), current))
            {
                return;
            }
        }
    }

    private sealed record Snapshot(string Generation, DateTimeOffset Until, ImmutableDictionary<string, object> Values);
}
