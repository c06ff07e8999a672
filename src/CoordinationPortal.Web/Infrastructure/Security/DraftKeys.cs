using System.Data.Common;
using System.Security.Cryptography;
using CoordinationPortal.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace CoordinationPortal.Web.Infrastructure.Security;

/// <summary>
/// Each account's key for the drafts its forms keep in the browser (js/drafts.js, docs/decisions/0033):
/// a random AES key kept in AspNetUserTokens, encrypted with Data Protection, and given only to that
/// account's own form pages. A draft left on a shared computer is ciphertext to anyone else.
/// </summary>
public sealed class DraftKeys(PortalDbContext db, IDataProtectionProvider protection, IMemoryCache cache)
{
    private const string LoginProvider = "[Portal]";
    private const string Name = "DraftKey";

    /// <summary>How long this process keeps an account's key in clear after reading it.</summary>
    public static readonly TimeSpan KeptFor = TimeSpan.FromMinutes(5);

    private readonly IDataProtector _protector = protection.CreateProtector("CoordinationPortal.DraftKeys.v1");

    /// <summary>Tags the account's drafts in the browser's storage (so sign-out can clear them) without naming it.</summary>
    public static string OwnerTag(string userId) =>
        WebEncoders.Base64UrlEncode(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("portal-draft-owner:" + userId)))[..16];

    /// <summary>The account's key (base64url, 256 bits), made on first use.</summary>
    /// <remarks>
    /// Every form page of the account carries the key, and the report form is opened and shown again
    /// all day, so the key read and decrypted is kept in this process's memory for a few minutes
    /// (a query and a Data Protection decryption less per page). Acceptable for this secret: it never
    /// leaves the process (IMemoryCache, not the shared output-cache store), it is found only under its
    /// own account's id and given only to that account's pages, as before; and the same process holds
    /// the Data Protection keys that decrypt the stored copy at any time, so memory that reveals the
    /// cached key reveals the stored one anyway. A key replaced because its Data Protection keys were
    /// lost reaches another node's pages at most <see cref="KeptFor"/> later (drafts made there meanwhile are dropped, as on any key change).
    /// </remarks>
    public async Task<string> ForAsync(string userId, CancellationToken cancellationToken)
    {
        var cacheKey = "draft-key:" + userId;
        if (cache.TryGetValue(cacheKey, out string? known) && known is not null)
        {
            return known;
        }

        var key = await ReadOrMakeAsync(userId, cancellationToken);
        cache.Set(cacheKey, key, KeptFor);
        return key;
    }

    private async Task<string> ReadOrMakeAsync(string userId, CancellationToken cancellationToken)
    {
        var existing = await ReadAsync(userId, cancellationToken);
        if (existing is not null)
        {
            return existing;
        }

        var key = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var stored = _protector.Protect(key);
        try
        {
            // Straight SQL: a key is not a change a person made, so it stays out of the audit trail.
            await db.Database.ExecuteSqlAsync(
                $"INSERT INTO AspNetUserTokens (UserId, LoginProvider, Name, Value) VALUES ({userId}, {LoginProvider}, {Name}, {stored})",
                cancellationToken);
            return key;
        }
        catch (DbException)
        {
            // Two pages opened at once: the first key written wins.
            return await ReadAsync(userId, cancellationToken) ?? throw new InvalidOperationException("The draft key could not be stored.");
        }
    }

    // Compiled: every form page reads the key, and a compiled query skips EF's per-call query lookup.
    private static readonly Func<PortalDbContext, string, CancellationToken, Task<string?>> StoredKey = EF.CompileAsyncQuery(
        (PortalDbContext db, string userId, CancellationToken cancellationToken) => db.UserTokens.AsNoTracking()
            .Where(t => t.UserId == userId && t.LoginProvider == LoginProvider && t.Name == Name)
            .Select(t => t.Value)
            .SingleOrDefault());

    private async Task<string?> ReadAsync(string userId, CancellationToken cancellationToken)
    {
        var stored = await StoredKey(db, userId, cancellationToken);
        if (stored is null)
        {
            return null;
        }

        try
        {
            return _protector.Unprotect(stored);
        }
        catch (CryptographicException)
        {
            // The keys it was encrypted with are gone: a new key; drafts made with the old one are unreadable and dropped.
            await db.UserTokens.Where(t => t.UserId == userId && t.LoginProvider == LoginProvider && t.Name == Name).ExecuteDeleteAsync(cancellationToken);
            return null;
        }
    }
}
