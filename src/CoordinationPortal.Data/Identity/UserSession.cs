using CoordinationPortal.Data.Auditing;

namespace CoordinationPortal.Data.Identity;

/// <summary>
/// A signed-in session kept on the server: the cookie holds only its key, so deleting the row
/// (sign-out, "sign out everywhere") ends the session at once, whatever copy of the cookie exists.
/// Sign-in and sign-out are audited as events; the rows themselves are bookkeeping.
/// </summary>
public sealed class UserSession : IUnaudited
{
    public const int KeyLength = 64;
    public const int MaxClientLength = 200;

    public UserSession(string key, string userId, byte[] ticket, DateTime createdAtUtc, DateTime expiresAtUtc, string? address, string? client)
    {
        Key = key;
        UserId = userId;
        Ticket = ticket;
        CreatedAtUtc = createdAtUtc;
        LastSeenAtUtc = createdAtUtc;
        ExpiresAtUtc = expiresAtUtc;
        Address = address is { Length: > 64 } ? address[..64] : address;
        Client = client is { Length: > MaxClientLength } ? client[..MaxClientLength] : client;
    }

    private UserSession()
    {
        Key = string.Empty;
        UserId = string.Empty;
        Ticket = [];
    }

    public string Key { get; private set; }

    public string UserId { get; private set; }

    /// <summary>The authentication ticket, serialized and protected with data protection.</summary>
    public byte[] Ticket { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    /// <summary>When the session was last renewed: within half the idle timeout of the last request.</summary>
    public DateTime LastSeenAtUtc { get; private set; }

    /// <summary>After this the session is gone even if its row was not yet pruned.</summary>
    public DateTime ExpiresAtUtc { get; private set; }

    /// <summary>The client address at sign-in, shown to the owner so an unknown session stands out.</summary>
    public string? Address { get; private set; }

    /// <summary>The browser's own description (User-Agent), cut short.</summary>
    public string? Client { get; private set; }

    public void Renew(byte[] ticket, DateTime nowUtc, DateTime expiresAtUtc)
    {
        Ticket = ticket;
        LastSeenAtUtc = nowUtc;
        ExpiresAtUtc = expiresAtUtc;
    }
}
