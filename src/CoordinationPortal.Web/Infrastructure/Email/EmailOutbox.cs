using CoordinationPortal.Data;
using CoordinationPortal.Data.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CoordinationPortal.Web.Infrastructure.Email;

/// <summary>One e-mail to queue: the key names the event and the recipient ("report-returned:42:3:user-id").</summary>
public sealed record OutgoingEmail(string IdempotencyKey, string ToAddress, string? ToUserId, string Culture, string Subject, string TextBody, string HtmlBody);

/// <summary>
/// Queues e-mails into the caller's unit of work WITHOUT saving (ADR 0040): the caller's one
/// SaveChanges commits the change and its e-mails together, or neither. Nothing here touches the
/// network, so a mail server outage can never fail the person's action.
/// </summary>
public sealed class EmailOutbox(IOptions<EmailOptions> options, TimeProvider clock)
{
    public bool IsEnabled => options.Value.IsEnabled;

    /// <summary>
    /// Adds the e-mail to <paramref name="db"/>; false (nothing added) when e-mail is off or the key
    /// is already queued or sent, so repeating an event never repeats its e-mail.
    /// </summary>
    public async Task<bool> EnqueueAsync(PortalDbContext db, OutgoingEmail email, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(email);

        // Off means off: queuing now would flood people with stale mail the day a host is configured.
        if (!IsEnabled)
        {
            return false;
        }

        if (db.OutboxMessages.Local.Any(m => m.IdempotencyKey == email.IdempotencyKey)
            || await db.OutboxMessages.AnyAsync(m => m.IdempotencyKey == email.IdempotencyKey, cancellationToken))
        {
            return false;
        }

        db.OutboxMessages.Add(new OutboxMessage(
            email.IdempotencyKey,
            email.ToAddress,
            email.ToUserId,
            email.Culture,
            email.Subject,
            email.TextBody,
            email.HtmlBody,
            clock.GetUtcNow().UtcDateTime));
        return true;
    }

    /// <summary>An absolute link into the portal for an e-mail ("/reports/42" -> "https://portal.example.vn/reports/42").</summary>
    public string LinkTo(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var baseAddress = (options.Value.PortalBaseAddress ?? string.Empty).TrimEnd('/');
        return baseAddress + "/" + path.TrimStart('/');
    }
}
