using CoordinationPortal.Data;
using CoordinationPortal.Data.Identity;
using CoordinationPortal.Domain.Auditing;
using CoordinationPortal.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CoordinationPortal.Web.Features.Account;

/// <summary>Ends an account's server-side sessions (docs/decisions/0025).</summary>
public sealed class SessionCommands(PortalDbContext db, UserManager<PortalUser> users, SecurityAudit audit)
{
    /// <summary>
    /// "Sign out everywhere": every session of the account ends now, and the security stamp changes
    /// so that nothing issued before (a half-finished two-step sign-in) is accepted either.
    /// </summary>
    public async Task<int> EndAllAsync(PortalUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var ended = await db.UserSessions.Where(s => s.UserId == user.Id).ExecuteDeleteAsync(cancellationToken);
        await users.UpdateSecurityStampAsync(user);
        await audit.RecordAsync(AuditAction.SignedOutEverywhere, user.Id, user.Email, $"sessions={ended}");
        return ended;
    }

    /// <summary>After a password change the other sessions end at once; the one that changed it stays.</summary>
    public Task<int> EndOthersAsync(string userId, string? currentKey, CancellationToken cancellationToken) =>
        db.UserSessions.Where(s => s.UserId == userId && s.Key != currentKey).ExecuteDeleteAsync(cancellationToken);
}

/// <summary>The account's open sessions, newest activity first, for the account page.</summary>
public sealed class SessionQueries(PortalDbContext db, TimeProvider clock)
{
    public async Task<IReadOnlyList<SessionView>> OpenAsync(string userId, string? currentKey, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var rows = await db.UserSessions.AsNoTracking()
            .Where(s => s.UserId == userId && s.ExpiresAtUtc > now)
            .OrderByDescending(s => s.LastSeenAtUtc)
            .Select(s => new { s.Key, s.CreatedAtUtc, s.LastSeenAtUtc, s.Address, s.Client })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(s => new SessionView(s.CreatedAtUtc, s.LastSeenAtUtc, s.Address, Browser.Describe(s.Client), s.Key == currentKey))];
    }
}

public sealed record SessionView(DateTime StartedAtUtc, DateTime LastSeenAtUtc, string? Address, string Client, bool IsCurrent);

/// <summary>A short, readable name for a User-Agent: enough for a person to recognise their own device.</summary>
public static class Browser
{
    public static string Describe(string? userAgent)
    {
        if (string.IsNullOrWhiteSpace(userAgent))
        {
            return "?";
        }

        string browser = userAgent switch
        {
            _ when userAgent.Contains("Edg/", StringComparison.Ordinal) => "Edge",
            _ when userAgent.Contains("CocCoc", StringComparison.Ordinal) || userAgent.Contains("coc_coc", StringComparison.Ordinal) => "Cốc Cốc",
            _ when userAgent.Contains("Firefox/", StringComparison.Ordinal) => "Firefox",
            _ when userAgent.Contains("Chrome/", StringComparison.Ordinal) || userAgent.Contains("Chromium/", StringComparison.Ordinal) => "Chrome",
            _ when userAgent.Contains("Safari/", StringComparison.Ordinal) => "Safari",
            _ => userAgent.Length > 40 ? userAgent[..40] : userAgent,
        };
        string? system = userAgent switch
        {
            _ when userAgent.Contains("Android", StringComparison.Ordinal) => "Android",
            _ when userAgent.Contains("iPhone", StringComparison.Ordinal) || userAgent.Contains("iPad", StringComparison.Ordinal) => "iOS",
            _ when userAgent.Contains("Windows", StringComparison.Ordinal) => "Windows",
            _ when userAgent.Contains("Mac OS X", StringComparison.Ordinal) => "macOS",
            _ when userAgent.Contains("Linux", StringComparison.Ordinal) => "Linux",
            _ => null,
        };
        return system is null ? browser : $"{browser} · {system}";
    }
}
