using CoordinationPortal.Data;
using CoordinationPortal.Data.Auditing;
using CoordinationPortal.Domain.Auditing;
using Microsoft.EntityFrameworkCore;

namespace CoordinationPortal.Web.Infrastructure.Security;

/// <summary>
/// Writes refused requests (403) to the audit trail without letting a crawler flood it: the first
/// refusal of an account for one kind of request (method and route) in a window is an audit entry,
/// as before; the following ones in that window only count on it (<see cref="AccessDenialTally"/>),
/// with the time and path of the last one. The audit page shows the count beside the entry.
/// See docs/decisions/0028.
/// </summary>
public sealed class AccessDenials(IServiceScopeFactory scopes, TimeProvider clock)
{
    /// <summary>Windows are fixed (00:00, 00:15, ...): at most four entries an hour per account and kind.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    public async Task RecordAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var user = context.User;
        var path = AccessDenialTally.Truncate($"{context.Request.Method} {context.Request.Path}", AccessDenialTally.MaxPathLength);
        var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText;
        var kind = route is null ? path : $"{context.Request.Method} /{route.TrimStart('/')}";
        var userId = user.UserId();
        var account = userId ?? "address " + context.Connection.RemoteIpAddress;
        var now = clock.GetUtcNow().UtcDateTime;
        var windowStart = new DateTime(now.Ticks - (now.Ticks % Window.Ticks), DateTimeKind.Utc);

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        if (await CountAsync(db, account, kind, windowStart, now, path) > 0)
        {
            return;
        }

        var entry = db.RecordEvent(AuditAction.AccessDenied, SecurityAudit.EntityType, userId, userId, user.Identity?.Name, path);
        db.AccessDenialTallies.Add(new AccessDenialTally(entry, account, kind, windowStart));
        try
        {
            await db.SaveChangesAsync(context.RequestAborted);
        }
        catch (DbUpdateException)
        {
            // Another refusal of the same kind opened the window a moment ago (the unique index kept
            // its tally): count on that one instead.
            db.ChangeTracker.Clear();
            await CountAsync(db, account, kind, windowStart, now, path);
        }
    }

    /// <summary>Adds one refusal to the window's tally in one statement; 0 when the window has none yet.</summary>
    private static Task<int> CountAsync(PortalDbContext db, string account, string kind, DateTime windowStart, DateTime now, string path) =>
        db.AccessDenialTallies
            .Where(t => t.Account == account && t.Kind == kind && t.WindowStartUtc == windowStart)
            .ExecuteUpdateAsync(s => s
                .SetProperty(t => t.Count, t => t.Count + 1)
                .SetProperty(t => t.LastAtUtc, now)
                .SetProperty(t => t.LastPath, path));
}
