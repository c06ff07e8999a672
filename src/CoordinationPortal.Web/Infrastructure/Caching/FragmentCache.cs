using System.Diagnostics.Metrics;
using System.Text;
using Microsoft.AspNetCore.OutputCaching;

namespace CoordinationPortal.Web.Infrastructure.Caching;

/// <summary>
/// Rendered HTML fragments shared by everyone who may see them (ADR 0048), kept in the output cache
/// store: in memory on one node, in Redis when Redis:Configuration is set, so that every node reads
/// and evicts the same entries. The cache only ever saves work: when the store fails (Redis down or
/// slow), the caller computes the fragment as if nothing were cached, a warning is logged, and the
/// store is left alone for a while so that pages do not each wait for a dead server.
/// </summary>
public sealed class FragmentCache(IOutputCacheStore store, TimeProvider clock, ILogger<FragmentCache> logger)
{
    /// <summary>How long an entry lives at most: a safety net should an eviction ever be missed.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    /// <summary>How long one call may take before the page is computed without the cache.</summary>
    public static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(1);

    /// <summary>After a failure, the store is skipped for this long (reads and writes; evictions are still tried).</summary>
    public static readonly TimeSpan PauseAfterFailure = TimeSpan.FromSeconds(30);

    private static readonly Meter Meter = new("CoordinationPortal.FragmentCache");
    private static readonly Counter<long> Hits = Meter.CreateCounter<long>("portal.fragment_cache.hits");
    private static readonly Counter<long> Misses = Meter.CreateCounter<long>("portal.fragment_cache.misses");
    private static readonly Counter<long> Failures = Meter.CreateCounter<long>("portal.fragment_cache.failures");

    // The in-memory store hands out the array it keeps: decoding it once per entry, not once per
    // request, spares a 400 KB string (large-object heap) on every dashboard hit. Weak: an evicted
    // entry's array and text go with it. Redis returns a new array each time, so there it never hits.
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<byte[], string> _decoded = [];

    private long _pausedUntilTicks;

    /// <summary>The cached HTML for <paramref name="key"/>, or null (not cached, or the store is unavailable).</summary>
    public async Task<string?> GetAsync(string key, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        if (IsPaused())
        {
            return null;
        }

        try
        {
            var bytes = await store.GetAsync(key, ct).AsTask().WaitAsync(CallTimeout, ct);
            (bytes is null ? Misses : Hits).Add(1);
            return bytes is null ? null : _decoded.GetValue(bytes, b => Encoding.UTF8.GetString(b));
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            Fail(e, "read");
            return null;
        }
    }

    /// <summary>Keeps <paramref name="html"/> under <paramref name="key"/>, evicted with <paramref name="tag"/> or after <see cref="Lifetime"/>.</summary>
    public async Task SetAsync(string key, string html, string tag, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(html);
        if (IsPaused())
        {
            return;
        }

        try
        {
            await store.SetAsync(key, Encoding.UTF8.GetBytes(html), [tag], Lifetime, ct).AsTask().WaitAsync(CallTimeout, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            Fail(e, "write");
        }
    }

    /// <summary>
    /// Drops every entry tagged <paramref name="tag"/> on every node. Tried even while reads are paused:
    /// a missed eviction is what could show stale figures once the store is back.
    /// </summary>
    public async Task EvictAsync(string tag, CancellationToken ct)
    {
        try
        {
            await store.EvictByTagAsync(tag, ct).AsTask().WaitAsync(CallTimeout, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            Fail(e, "eviction");
        }
    }

    private bool IsPaused() => clock.GetUtcNow().UtcTicks < Interlocked.Read(ref _pausedUntilTicks);

    private void Fail(Exception e, string what)
    {
        Failures.Add(1);
        Interlocked.Exchange(ref _pausedUntilTicks, (clock.GetUtcNow() + PauseAfterFailure).UtcTicks);
        logger.LogWarning(e, "The fragment cache failed ({What}); pages are computed without it for {Pause}", what, PauseAfterFailure);
    }
}
