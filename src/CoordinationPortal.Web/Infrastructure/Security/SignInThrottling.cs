using System.Net;
using System.Net.Sockets;
using CoordinationPortal.Data;
using CoordinationPortal.Data.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CoordinationPortal.Web.Infrastructure.Security;

/// <summary>What a client must do before trying again: wait until <see cref="UntilUtc"/>.</summary>
/// <param name="AccountWide">The account's wait for addresses it has not signed in from, rather than this address's own.</param>
public sealed record SignInWait(DateTime UntilUtc, bool AccountWide)
{
    /// <summary>Whole minutes, rounded up: "thử lại sau 2 phút" is never too early.</summary>
    public int MinutesFrom(DateTime nowUtc) => Math.Max(1, (int)Math.Ceiling((UntilUtc - nowUtc).TotalMinutes));
}

/// <summary>One row of an account's wrong attempts, as an administrator sees it.</summary>
public sealed record SignInThrottleView(string ClientAddress, bool AccountWide, int Failures, DateTime? LastFailureAtUtc, DateTime? BlockedUntilUtc);

/// <summary>
/// Counts wrong attempts per account and client address, and per account from all addresses, in the
/// database (so that the count survives a restart and is shared by several app nodes), and says
/// when a client must wait (ADR 0024). Writes in a scope of its own, like <see cref="SecurityAudit"/>:
/// counting a failure never saves half-made changes of the request that failed.
/// </summary>
public sealed class SignInThrottling(IServiceScopeFactory scopes, IOptions<SecurityOptions> options, TimeProvider clock)
{
    private const int Attempts = 5;

    private SecurityOptions Options => options.Value;

    private SignInThrottleRule AddressRule => new(Options.MaxFailedSignIns, Options.FirstLockout, Options.MaxLockout, Options.FailureMemory);

    private SignInThrottleRule AccountRule => new(Options.MaxFailedSignInsPerAccount, Options.FirstLockout, Options.MaxLockout, Options.FailureMemory);

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>The key of an account: its e-mail as Identity normalises it, as the sign-in form's e-mail is keyed.</summary>
    public static string AccountKeyOf(PortalUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.NormalizedEmail ?? user.Id;
    }

    /// <summary>
    /// The key of a client address: IPv4 as is; IPv6 by its /64 network, since one client commonly
    /// holds a whole /64 and could otherwise step to a fresh address at every attempt.
    /// </summary>
    public static string AddressKey(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    /// <summary>The wait this client is under for this account now; null when it may try.</summary>
    public async Task<SignInWait?> WaitAsync(string accountKey, string address, CancellationToken cancellationToken)
    {
        (accountKey, address) = Stored(accountKey, address);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var rows = await RowsAsync(db.SignInThrottles.AsNoTracking(), accountKey, address, cancellationToken);
        return WaitOf(rows.Pair, rows.All, Now);
    }

    /// <summary>Counts a wrong attempt from this client; returns the wait it now has to observe, if any.</summary>
    public Task<SignInWait?> FailedAsync(string accountKey, string address, CancellationToken cancellationToken) =>
        WriteAsync(accountKey, address, (pair, all, now) =>
        {
            pair.CountFailure(now, AddressRule);
            all.CountFailure(now, AccountRule);
            return WaitOf(pair, all, now);
        }, cancellationToken);

    /// <summary>
    /// The account signed in (or proved its password) from this client: the client's run of wrong
    /// attempts ends and the address becomes known. The account-wide count is left alone, so that the
    /// owner signing in during an attack does not give the guesser a fresh allowance.
    /// </summary>
    public Task SucceededAsync(string accountKey, string address, CancellationToken cancellationToken) =>
        WriteAsync(accountKey, address, (pair, _, now) =>
        {
            pair.CountSignIn(now);
            return null;
        }, cancellationToken);

    /// <summary>An account's recent wrong attempts and waits, the account-wide row first.</summary>
    public async Task<IReadOnlyList<SignInThrottleView>> ListAsync(string accountKey, CancellationToken cancellationToken)
    {
        (accountKey, _) = Stored(accountKey, SignInThrottle.AllAddresses);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var rows = await db.SignInThrottles.AsNoTracking()
            .Where(t => t.AccountKey == accountKey && t.Failures > 0)
            .ToListAsync(cancellationToken);
        return [.. rows
            .OrderByDescending(t => t.IsAccountWide)
            .ThenByDescending(t => t.BlockedUntilUtc ?? DateTime.MinValue)
            .ThenByDescending(t => t.LastFailureAtUtc)
            .Select(t => new SignInThrottleView(t.ClientAddress, t.IsAccountWide, t.Failures, t.LastFailureAtUtc, t.IsBlockedAt(Now) ? t.BlockedUntilUtc : null))];
    }

    /// <summary>Forgets the account's wrong attempts from every address; returns how many rows had any.</summary>
    public async Task<int> ClearAsync(string accountKey, CancellationToken cancellationToken)
    {
        (accountKey, _) = Stored(accountKey, SignInThrottle.AllAddresses);
        for (var attempt = 1; ; attempt++)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var rows = await db.SignInThrottles.Where(t => t.AccountKey == accountKey && (t.Failures > 0 || t.BlockedUntilUtc != null)).ToListAsync(cancellationToken);
            rows.ForEach(t => t.Clear());
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return rows.Count;
            }
            catch (DbUpdateConcurrencyException) when (attempt < Attempts)
            {
                // A wrong attempt was counted meanwhile: read again and clear that too.
            }
        }
    }

    private SignInWait? WaitOf(SignInThrottle? pair, SignInThrottle? all, DateTime now)
    {
        if (pair?.IsBlockedAt(now) == true)
        {
            return new SignInWait(pair.BlockedUntilUtc!.Value, AccountWide: false);
        }

        var known = pair?.SignedInSince(now - Options.KnownAddressLifetime) == true;
        return all?.IsBlockedAt(now) == true && !known ? new SignInWait(all.BlockedUntilUtc!.Value, AccountWide: true) : null;
    }

    /// <summary>
    /// Loads (or makes) the client's row and the account-wide row, changes them and saves. Two requests
    /// at once: the version (or the unique index, for two new rows) refuses the second save, which
    /// reads again and counts on top of the first.
    /// </summary>
    private async Task<SignInWait?> WriteAsync(string accountKey, string address, Func<SignInThrottle, SignInThrottle, DateTime, SignInWait?> change, CancellationToken cancellationToken)
    {
        (accountKey, address) = Stored(accountKey, address);
        for (var attempt = 1; ; attempt++)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var now = Now;
            await PruneAsync(db, now, cancellationToken);
            var rows = await RowsAsync(db.SignInThrottles, accountKey, address, cancellationToken);
            var pair = rows.Pair ?? db.SignInThrottles.Add(new SignInThrottle(accountKey, address)).Entity;
            var all = rows.All ?? db.SignInThrottles.Add(new SignInThrottle(accountKey, SignInThrottle.AllAddresses)).Entity;
            var wait = change(pair, all, now);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return wait;
            }
            catch (DbUpdateException) when (attempt < Attempts)
            {
                // Another request wrote these rows first; the next round starts from what it saved.
            }
        }
    }

    /// <summary>The keys as a row stores them (cut to the columns), so that a very long e-mail finds its own row again.</summary>
    private static (string AccountKey, string Address) Stored(string accountKey, string address) =>
        (SignInThrottle.Stored(accountKey, SignInThrottle.MaxAccountKeyLength), SignInThrottle.Stored(address, SignInThrottle.MaxClientAddressLength));

    private static async Task<(SignInThrottle? Pair, SignInThrottle? All)> RowsAsync(IQueryable<SignInThrottle> throttles, string accountKey, string address, CancellationToken cancellationToken)
    {
        var rows = await throttles
            .Where(t => t.AccountKey == accountKey && (t.ClientAddress == address || t.ClientAddress == SignInThrottle.AllAddresses))
            .ToListAsync(cancellationToken);
        return (rows.Find(t => t.ClientAddress == address), rows.Find(t => t.ClientAddress == SignInThrottle.AllAddresses));
    }

    /// <summary>
    /// Removes rows that no longer hold anything back: no wait, no wrong attempt within the memory,
    /// no recent sign-in. Keeps the table small when someone tries thousands of made-up e-mails.
    /// </summary>
    private Task<int> PruneAsync(PortalDbContext db, DateTime now, CancellationToken cancellationToken)
    {
        var forgotten = now - Options.FailureMemory;
        var unknown = now - Options.KnownAddressLifetime;
        return db.SignInThrottles
            .Where(t => (t.BlockedUntilUtc == null || t.BlockedUntilUtc < now)
                && (t.LastFailureAtUtc == null || t.LastFailureAtUtc < forgotten)
                && (t.LastSignInAtUtc == null || t.LastSignInAtUtc < unknown))
            .ExecuteDeleteAsync(cancellationToken);
    }
}
