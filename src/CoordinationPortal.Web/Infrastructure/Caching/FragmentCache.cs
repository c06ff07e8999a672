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
public sealed class FragmentCache(IOutputCacheStore store, TimeProvider clock, IConfiguration configuration, ILogger<FragmentCache> logger)
{
    /// <summary>FragmentCache:Enabled (default true): false computes every page, to measure or rule out the cache.</summary>
    public const string EnabledKey = "FragmentCache:Enabled";

    private readonly bool _enabled = configuration.GetValue(EnabledKey, true);

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
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<byte[], CachedHtml> _decoded = [];

    private long _pausedUntilTicks;

    /// <summary>The cached HTML for <paramref name="key"/>, or null (not cached, or the store is unavailable).</summary>
    public async Task<CachedHtml?> GetAsync(string key, CancellationToken ct)
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
            return bytes is null ? null : _decoded.GetValue(bytes, b => new CachedHtml(Encoding.UTF8.GetString(b)));
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
    /// A page's cached content, or the key under which its view is to store it when computed. The
    /// tag's generation is read first, before any of the page's data (see <see cref="GenerationAsync"/>);
    /// without one (switched off, or the store unavailable) nothing is looked up or stored.
    /// </summary>
    public async Task<FragmentLookup> LookupAsync(string tag, Func<string, string> keyOf, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(keyOf);
        if (await GenerationAsync(tag, ct) is not { } generation)
        {
            return default;
        }

        var key = keyOf(generation);
        return new FragmentLookup(await GetAsync(key, ct), key);
    }

    /// <summary>
    /// The current generation of the fragments tagged <paramref name="tag"/>, to be part of their keys.
    /// A request that read the figures just before a write commits may store them just after the
    /// eviction; the eviction starts a new generation first, so such a late entry sits under a key
    /// that nobody asks for again. A missing generation (first use, expired, dropped under memory
    /// pressure) is replaced by a new one, never by a value an old entry could have been stored under.
    /// Null when the store is unavailable: then nothing is cached.
    /// </summary>
    private async Task<string?> GenerationAsync(string tag, CancellationToken ct) =>
        _enabled ? await DataGenerationAsync(tag, ct) : null;

    /// <summary>
    /// The same generation for data a node keeps in its own memory and checks on every use (the
    /// province catalogue), read whether or not fragments are cached (FragmentCache:Enabled only
    /// rules out the HTML fragments): it is how a node learns that another node changed that data.
    /// Null when the store is unavailable: then the data is read afresh.
    /// </summary>
    public async Task<string?> DataGenerationAsync(string tag, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(tag);
        if (IsPaused())
        {
            return null;
        }

        try
        {
            var bytes = await store.GetAsync(GenerationKey(tag), ct).AsTask().WaitAsync(CallTimeout, ct);
            return bytes is null ? await NewGenerationAsync(tag, ct) : Encoding.ASCII.GetString(bytes);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            Fail(e, "read");
            return null;
        }
    }

    /// <summary>
    /// Drops every entry tagged <paramref name="tag"/> on every node, after starting a new generation
    /// (<see cref="GenerationAsync"/>). Tried even while reads are paused: a missed eviction is what
    /// could show stale figures once the store is back.
    /// </summary>
    public async Task EvictAsync(string tag, CancellationToken ct)
    {
        try
        {
            await NewGenerationAsync(tag, ct);
            await store.EvictByTagAsync(tag, ct).AsTask().WaitAsync(CallTimeout, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            Fail(e, "eviction");
        }
    }

    // Far longer than an entry lives, so that a generation outlives every entry stored under it.
    private static readonly TimeSpan GenerationLifetime = TimeSpan.FromDays(1);

    private static string GenerationKey(string tag) => "generation:" + tag;

    private async Task<string> NewGenerationAsync(string tag, CancellationToken ct)
    {
        var generation = Guid.NewGuid().ToString("N");
        await store.SetAsync(GenerationKey(tag), Encoding.ASCII.GetBytes(generation), null, GenerationLifetime, ct).AsTask().WaitAsync(CallTimeout, ct);
        return generation;
    }

    private bool IsPaused() => clock.GetUtcNow().UtcTicks < Interlocked.Read(ref _pausedUntilTicks);

    private void Fail(Exception e, string what)
    {
        Failures.Add(1);
        Interlocked.Exchange(ref _pausedUntilTicks, (clock.GetUtcNow() + PauseAfterFailure).UtcTicks);
        logger.LogWarning(e, "The fragment cache failed ({What}); pages are computed without it for {Pause}", what, PauseAfterFailure);
    }
}

/// <summary>What <see cref="FragmentCache.LookupAsync"/> found: the cached content, or the key its view stores the content under (null: not cached).</summary>
public readonly record struct FragmentLookup(CachedHtml? Hit, string? Key);
