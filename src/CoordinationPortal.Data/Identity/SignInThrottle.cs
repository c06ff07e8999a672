using CoordinationPortal.Data.Auditing;

namespace CoordinationPortal.Data.Identity;

/// <summary>
/// The wait a run of wrong attempts imposes (ADR 0024): none for the first <see cref="FreeFailures"/>,
/// then <see cref="FirstWait"/>, doubling with each further wrong attempt up to <see cref="MaxWait"/>.
/// A run is forgotten after <see cref="Memory"/> without a wrong attempt.
/// </summary>
public sealed record SignInThrottleRule(int FreeFailures, TimeSpan FirstWait, TimeSpan MaxWait, TimeSpan Memory)
{
    // 2^20 minutes is two years: far past any sensible MaxWait, and no TimeSpan overflow.
    private const int MaxDoublings = 20;

    /// <summary>How long to wait after the <paramref name="failures"/>-th wrong attempt in a row; null when no wait.</summary>
    public TimeSpan? WaitAfter(int failures)
    {
        if (failures < FreeFailures)
        {
            return null;
        }

        var wait = FirstWait * Math.Pow(2, Math.Min(failures - FreeFailures, MaxDoublings));
        return wait < MaxWait ? wait : MaxWait;
    }
}

/// <summary>
/// Wrong sign-in attempts (password, authenticator or recovery code, current password) on one
/// account from one client address, or with <see cref="AllAddresses"/> from every address, and
/// the wait they impose (ADR 0024). Keyed by the e-mail as typed, normalised, whether an account
/// has it or not, so that an unknown address is answered exactly like a known one. Bookkeeping:
/// the audit trail records the attempts themselves.
/// </summary>
public sealed class SignInThrottle : IUnaudited
{
    /// <summary>The row that counts the account's wrong attempts from all addresses together.</summary>
    public const string AllAddresses = "*";

    public const int MaxAccountKeyLength = 256;

    /// <summary>An IPv6 /64 prefix with its suffix ("2001:db8:1:2::/64") is the longest address key.</summary>
    public const int MaxClientAddressLength = 64;

    public SignInThrottle(string accountKey, string clientAddress)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountKey);
        ArgumentException.ThrowIfNullOrEmpty(clientAddress);
        AccountKey = Stored(accountKey, MaxAccountKeyLength);
        ClientAddress = Stored(clientAddress, MaxClientAddressLength);
    }

    private SignInThrottle()
    {
        AccountKey = string.Empty;
        ClientAddress = string.Empty;
    }

    public int Id { get; private set; }

    /// <summary>The e-mail as Identity normalises it (upper case), cut to the column's length.</summary>
    public string AccountKey { get; private set; }

    /// <summary>The client's address (an IPv6 client's /64 network), or <see cref="AllAddresses"/>.</summary>
    public string ClientAddress { get; private set; }

    /// <summary>Wrong attempts in a row: since the last sign-in from this address, an unblocking, or a quiet day.</summary>
    public int Failures { get; private set; }

    public DateTime? LastFailureAtUtc { get; private set; }

    public DateTime? BlockedUntilUtc { get; private set; }

    /// <summary>When the account last signed in from this address: a known address is not held back by the account-wide row.</summary>
    public DateTime? LastSignInAtUtc { get; private set; }

    /// <summary>Changes with every write, so that two requests counting at once cannot lose a count.</summary>
    public int Version { get; private set; }

    public bool IsAccountWide => ClientAddress == AllAddresses;

    /// <summary>A key as its column holds it: a very long e-mail must find its own row again.</summary>
    public static string Stored(string key, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.Length <= maxLength ? key : key[..maxLength];
    }

    public bool IsBlockedAt(DateTime nowUtc) => BlockedUntilUtc > nowUtc;

    public bool SignedInSince(DateTime sinceUtc) => LastSignInAtUtc >= sinceUtc;

    /// <summary>Counts one wrong attempt; true when it makes the client wait.</summary>
    public bool CountFailure(DateTime nowUtc, SignInThrottleRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (LastFailureAtUtc is { } last && nowUtc - last > rule.Memory)
        {
            Failures = 0;
        }

        Failures++;
        LastFailureAtUtc = nowUtc;
        Version++;
        if (rule.WaitAfter(Failures) is not { } wait)
        {
            return false;
        }

        BlockedUntilUtc = nowUtc + wait;
        return true;
    }

    /// <summary>A complete sign-in (or a password change) from this address: the run ends and the address is known.</summary>
    public void CountSignIn(DateTime nowUtc)
    {
        Failures = 0;
        BlockedUntilUtc = null;
        LastSignInAtUtc = nowUtc;
        Version++;
    }

    /// <summary>An administrator lifted the wait: the run is forgotten; a known address stays known.</summary>
    public void Clear()
    {
        Failures = 0;
        LastFailureAtUtc = null;
        BlockedUntilUtc = null;
        Version++;
    }
}
