using CoordinationPortal.Web.Infrastructure.Caching;

namespace CoordinationPortal.Web.Features.Notifications;

/// <summary>
/// Each account's bell count kept in this process between requests (ADR 0063): every page's layout
/// shows it, and it changes only when a notification of that account is written or read. Each use
/// checks the account's own generation in the fragment cache's store (memory, or Redis shared by the
/// nodes); a committed notification write starts that account's generation anew on every node
/// (<see cref="DashboardEviction"/>, and <see cref="NotificationCommands.MarkAllReadAsync"/> for its
/// one-statement update), so the next page anywhere counts again. When the store is unavailable the
/// count is read from the database, as before. The rules of keeping are <see cref="KeptValues{TValue}"/>'s.
/// </summary>
public sealed class UnreadCounts(FragmentCache cache, TimeProvider clock)
{
    /// <summary>How long a count is used at most: a safety net for a write the interceptor cannot see (SQL run by hand).</summary>
    public static readonly TimeSpan Lifetime = FragmentCache.Lifetime;

    private readonly KeptValues<int> _counts = new(clock);

    /// <summary>The generation tag of one account's notifications.</summary>
    public static string TagOf(string userId) => "notifications:" + userId;

    public async Task<int> GetAsync(string userId, Func<CancellationToken, Task<int>> load, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        ArgumentNullException.ThrowIfNull(load);
        return await _counts.GetAsync(await cache.DataGenerationAsync(TagOf(userId), ct), userId, load, ct);
    }

    /// <summary>After a committed change to these accounts' notifications: a new generation on every node, then this node's copies go.</summary>
    public async Task ForgetAsync(IEnumerable<string> userIds)
    {
        ArgumentNullException.ThrowIfNull(userIds);
        foreach (var userId in userIds)
        {
            // Not a request's token: a person who leaves right after the write must not leave the old count.
            await cache.EvictAsync(TagOf(userId), CancellationToken.None);
            _counts.Forget(userId);
        }
    }
}
