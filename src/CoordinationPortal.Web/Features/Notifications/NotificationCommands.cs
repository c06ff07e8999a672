using CoordinationPortal.Data;
using CoordinationPortal.Web.Infrastructure.Commands;
using Microsoft.EntityFrameworkCore;

namespace CoordinationPortal.Web.Features.Notifications;

/// <summary>What a notification opens: its report, or a page of the portal.</summary>
public sealed record NotificationTarget(int? ReportId, string? Link);

/// <summary>
/// The one write path of notifications once written: the reader marks them read. Another person's
/// notification is "not found", exactly as one that does not exist, so ids reveal nothing.
/// </summary>
public sealed class NotificationCommands(PortalDbContext db, TimeProvider clock, UnreadCounts counts)
{
    /// <summary>Marks one of the reader's notifications read and returns what it opens.</summary>
    public async Task<Result<NotificationTarget>> MarkReadAsync(string userId, long id, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        var notification = await db.Notifications.SingleOrDefaultAsync(n => n.Id == id && n.UserId == userId, cancellationToken);
        if (notification is null)
        {
            return Refusal.NotFound;
        }

        if (!notification.IsRead)
        {
            notification.MarkRead(clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(cancellationToken);
        }

        return Result.Done(new NotificationTarget(notification.ReportId, notification.Link));
    }

    /// <summary>Marks every unread notification of the reader read, in one statement; returns how many.</summary>
    public async Task<int> MarkAllReadAsync(string userId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        var now = clock.GetUtcNow().UtcDateTime;
        var marked = await db.Notifications
            .Where(n => n.UserId == userId && n.ReadAtUtc == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAtUtc, now), cancellationToken);

        // One statement, past the change tracker that tells the kept bell counts of every other write.
        await counts.ForgetAsync([userId]);
        return marked;
    }
}
