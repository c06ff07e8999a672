using System.Globalization;
using CoordinationPortal.Web.Infrastructure.Caching;
using Microsoft.Extensions.Time.Testing;

namespace CoordinationPortal.Web.Tests;

/// <summary>
/// The rules the province catalogue, the plans' reference data and the bell counts are kept by
/// (ADR 0051, 0061, 0063, 0064): a value is used again only under the generation it was read under and
/// within <see cref="FragmentCache.Lifetime"/>; no generation, nothing kept; one value per key.
/// </summary>
public sealed class KeptValuesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2024, 6, 10, 1, 0, 0, TimeSpan.Zero));
    private readonly KeptValues<string> _kept;
    private int _loads;

    public KeptValuesTests() => _kept = new KeptValues<string>(_clock);

    /// <summary>Reads <paramref name="key"/> under <paramref name="generation"/>; a load answers "key#n", n counting the loads.</summary>
    private Task<string> GetAsync(string? generation, string key = "plan:1") =>
        _kept.GetAsync(generation, key, _ => Task.FromResult(key + "#" + Interlocked.Increment(ref _loads).ToString(CultureInfo.InvariantCulture)), Ct);

    [Fact]
    public async Task A_value_is_kept_within_its_generation_each_key_on_its_own()
    {
        Assert.Equal("plan:1#1", await GetAsync("g1"));
        Assert.Equal("plan:2#2", await GetAsync("g1", "plan:2"));

        Assert.Equal("plan:1#1", await GetAsync("g1"));
        Assert.Equal("plan:2#2", await GetAsync("g1", "plan:2"));
        Assert.Equal(2, _loads);
    }

    [Fact]
    public async Task A_new_generation_reads_again_and_then_keeps_the_new_value()
    {
        await GetAsync("g1");

        Assert.Equal("plan:1#2", await GetAsync("g2"));
        Assert.Equal("plan:1#2", await GetAsync("g2"));
        Assert.Equal(2, _loads);
    }

    [Fact]
    public async Task The_value_of_a_new_generation_replaces_the_old_one_rather_than_keeping_both()
    {
        await GetAsync("g1");
        await GetAsync("g2");

        // One value per key: what an old generation read does not stay behind beside the new one.
        Assert.Equal("plan:1#3", await GetAsync("g1"));
    }

    [Fact]
    public async Task A_value_is_read_again_once_the_lifetime_has_passed()
    {
        await GetAsync("g1");

        _clock.Advance(FragmentCache.Lifetime - TimeSpan.FromSeconds(1));
        Assert.Equal("plan:1#1", await GetAsync("g1"));

        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("plan:1#2", await GetAsync("g1"));
        Assert.Equal("plan:1#2", await GetAsync("g1"));
    }

    [Fact]
    public async Task Without_a_generation_nothing_is_kept_nor_used()
    {
        Assert.Equal("plan:1#1", await GetAsync(null));
        Assert.Equal("plan:1#2", await GetAsync(null));

        // The store back: a value kept under its generation is not handed out while it is away again.
        Assert.Equal("plan:1#3", await GetAsync("g1"));
        Assert.Equal("plan:1#4", await GetAsync(null));
        Assert.Equal("plan:1#3", await GetAsync("g1"));
    }

    [Fact]
    public async Task Forget_drops_the_key_or_everything()
    {
        await GetAsync("g1");
        await GetAsync("g1", "plan:2");

        _kept.Forget("plan:1");
        Assert.Equal("plan:1#3", await GetAsync("g1"));
        Assert.Equal("plan:2#2", await GetAsync("g1", "plan:2"));

        _kept.Forget();
        Assert.Equal("plan:1#4", await GetAsync("g1"));
        Assert.Equal("plan:2#5", await GetAsync("g1", "plan:2"));
    }

    [Fact]
    public async Task Concurrent_loads_under_one_key_each_get_a_value_of_their_own_generation()
    {
        // Requests of two generations race on one key, on as many threads as there are cores: each
        // must get a value read under the generation it asked with, never one generation's check
        // with another's value (an entry changed in place would hand that out now and then).
        var torn = 0;
        var workers = Enumerable.Range(0, Math.Max(2, Environment.ProcessorCount)).Select(worker => Task.Run(async () =>
        {
            for (var i = 0; i < 1_000_000; i++)
            {
                var generation = ((i + worker) % 2).ToString(CultureInfo.InvariantCulture);
                var value = await _kept.GetAsync(generation, "key", _ => Task.FromResult(generation), Ct);
                if (value != generation)
                {
                    Interlocked.Increment(ref torn);
                }
            }
        }, Ct));
        await Task.WhenAll(workers);

        Assert.Equal(0, torn);
    }
}
