using CoordinationPortal.Data;
using CoordinationPortal.Data.Notifications;
using CoordinationPortal.Domain.Notifications;
using CoordinationPortal.Web.Infrastructure.Email;
using Microsoft.EntityFrameworkCore;

namespace CoordinationPortal.Web.Features.Notifications;

/// <summary>
/// One event to tell: its kind, what it opens (a report, or a portal path), its words' arguments
/// (<see cref="NotificationText.Arguments"/> plus the kind's own) and a key naming this one
/// occurrence ("ReportReturned:42:v7"), from which each recipient's e-mail key is made.
/// </summary>
public sealed record NotificationEvent(NotificationKind Kind, int? ReportId, string? Link, IReadOnlyList<string> Arguments, string EventKey);

/// <summary>
/// The one way a notification is written (ADR 0042, 0040): for each recipient a notification in the
/// portal and, when e-mail is on and the person has not turned that kind off, an e-mail in their
/// language, all added to the caller's unit of work UNSAVED so the change that caused them, the
/// notifications and the e-mails are committed together or not at all. Who the recipients are is
/// the caller's question, answered by <see cref="Domain.Access.Permissions.IsToldOf"/>.
/// </summary>
public sealed class NotificationWriter(PortalDbContext db, EmailOutbox outbox, NotificationEmails emails, TimeProvider clock)
{
    public async Task AddAsync(NotificationEvent notice, IReadOnlyCollection<string> userIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notice);
        ArgumentNullException.ThrowIfNull(userIds);
        if (userIds.Count == 0)
        {
            return;
        }

        // A person already told of this event (a scheduled job that runs again) is not told twice,
        // in the portal or by e-mail (ADR 0043).
        var key = notice.EventKey;
        var asked = userIds.Distinct().ToList();
        var told = await db.Notifications.AsNoTracking()
            .Where(n => n.EventKey == key && asked.Contains(n.UserId))
            .Select(n => n.UserId)
            .ToListAsync(cancellationToken);
        told.AddRange(db.Notifications.Local.Where(n => n.EventKey == key).Select(n => n.UserId));
        var ids = asked.Except(told).ToList();
        if (ids.Count == 0)
        {
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var userId in ids)
        {
            db.Notifications.Add(notice.ReportId is { } reportId
                ? Notification.AboutReport(userId, notice.Kind, reportId, notice.Arguments, now, key)
                : Notification.WithLink(userId, notice.Kind, notice.Link ?? string.Empty, notice.Arguments, now, key));
        }

        if (!outbox.IsEnabled)
        {
            return;
        }

        var choice = NotificationKinds.EmailChoiceOf(notice.Kind);
        var readers = await db.Users.AsNoTracking()
            .Where(u => ids.Contains(u.Id) && u.IsActive && u.Email != null)
            .Select(u => new EmailReader(u.Id, u.Email!, u.FullName, u.Language, u.EmailReminders, u.EmailDigest))
            .ToListAsync(cancellationToken);
        foreach (var reader in readers.Where(r => r.Wants(choice)))
        {
            await outbox.EnqueueAsync(db, emails.Compose(notice, reader), cancellationToken);
        }
    }
}

/// <summary>What an e-mail needs of its reader: where, how to greet, in which language, what they turned off.</summary>
public sealed record EmailReader(string UserId, string Address, string FullName, string? Language, bool EmailReminders, bool EmailDigest)
{
    public bool Wants(EmailChoice choice) => choice switch
    {
        EmailChoice.Reminders => EmailReminders,
        EmailChoice.Digest => EmailDigest,
        _ => true,
    };
}
