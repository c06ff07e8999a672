using CoordinationPortal.Data;
using CoordinationPortal.Domain.Notifications;
using CoordinationPortal.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CoordinationPortal.Web.Features.Notifications;

/// <summary>One notification as the list shows it: its words are rendered in the reader's language by the page.</summary>
public sealed record NotificationRow(long Id, NotificationKind Kind, IReadOnlyList<string> Arguments, int? ReportId, string? Link, DateTime CreatedAtUtc, DateTime? ReadAtUtc)
{
    public bool IsRead => ReadAtUtc is not null;
}

public sealed record NotificationsPage(PageOf<NotificationRow> Notifications, int Unread);

/// <summary>Reads a person's own notifications; nobody reads another's (the reader's id is the only filter).</summary>
public sealed class NotificationQueries(PortalDbContext db, UnreadCounts counts)
{
    public const int PageSize = 20;

    /// <summary>The bell's number, kept per account between its notification writes (ADR 0063).</summary>
    public Task<int> UnreadCountAsync(string userId, CancellationToken cancellationToken) =>
        counts.GetAsync(userId, ct => UnreadCount(db, userId, ct), cancellationToken);

    // Compiled: the layout asks on every page, and EF's per-call query-cache lookup was a visible share of it.
    private static readonly Func<PortalDbContext, string, CancellationToken, Task<int>> UnreadCount = EF.CompileAsyncQuery(
        (PortalDbContext db, string userId, CancellationToken _) => db.Notifications.Count(n => n.UserId == userId && n.ReadAtUtc == null));

    /// <summary>Newest first, <see cref="PageSize"/> a page.</summary>
    public async Task<NotificationsPage> PageAsync(string userId, int page, CancellationToken cancellationToken)
    {
        var rows = await db.Notifications.AsNoTracking()
            .Where(n => n.UserId == userId)
            .OrderByDescending(n => n.CreatedAtUtc).ThenByDescending(n => n.Id)
            .Select(n => new NotificationRow(n.Id, n.Kind, n.Arguments, n.ReportId, n.Link, n.CreatedAtUtc, n.ReadAtUtc))
            .ToPageAsync(page, PageSize, cancellationToken);
        return new NotificationsPage(rows, await UnreadCountAsync(userId, cancellationToken));
    }
}
