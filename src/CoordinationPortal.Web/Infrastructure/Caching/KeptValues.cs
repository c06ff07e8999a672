using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace CoordinationPortal.Web.Infrastructure.Caching;

/// <summary>
/// Values a process keeps in its own memory between requests, each under the generation of its data
/// in the fragment cache's store (<see cref="FragmentCache.DataGenerationAsync"/>; ADR 0051, 0064).
/// A kept value is used only while the generation asked with is the one it was read under, and for
/// at most <see cref="FragmentCache.Lifetime"/>; a null generation (store unavailable) keeps nothing.
/// One value per key: a value read under a new generation replaces the old one, so old ones do not
/// pile up. Values are shared between requests and threads: they must be immutable.
/// </summary>
public sealed class KeptValues<TValue>(TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>
    /// The value kept under <paramref name="key"/> for <paramref name="generation"/>, else what
    /// <paramref name="load"/> reads, then kept. The generation must have been read before the
    /// database: a write committed in between leaves the value under the old generation, which the
    /// next request no longer matches.
    /// </summary>
    public async Task<TValue> GetAsync(string? generation, string key, Func<CancellationToken, Task<TValue>> load, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(load);
        if (TryGet(generation, key, out var kept))
        {
            return kept;
        }

        var now = clock.GetUtcNow();
        var value = await load(ct);
        if (generation is not null)
        {
            // One immutable entry swapped in whole: a reader never sees one load's generation with another's value.
            _entries[key] = new Entry(generation, now + FragmentCache.Lifetime, value);
        }

        return value;
    }

    /// <summary>The value kept under <paramref name="key"/> for <paramref name="generation"/>, if there is one (a null generation has none).</summary>
    public bool TryGet(string? generation, string key, [MaybeNullWhen(false)] out TValue value)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        if (generation is not null && _entries.TryGetValue(key, out var kept) && kept.Generation == generation && clock.GetUtcNow() < kept.Until)
        {
            value = kept.Value;
            return true;
        }

        value = default;
        return false;
    }

    /// <summary>Drops this process's value under <paramref name="key"/> (after a write committed here).</summary>
    public void Forget(string key) => _entries.TryRemove(key, out _);

    /// <summary>Drops all of this process's values (after a write committed here).</summary>
    public void Forget() => _entries.Clear();

    private sealed record Entry(string Generation, DateTimeOffset Until, TValue Value);
}
