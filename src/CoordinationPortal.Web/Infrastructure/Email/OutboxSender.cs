using System.Security.Cryptography;
using System.Text;
using CoordinationPortal.Data;
using CoordinationPortal.Data.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;

namespace CoordinationPortal.Web.Infrastructure.Email;

/// <summary>
/// Sends what the outbox holds (ADR 0040): claims each due message with a lease, so two app
/// instances sharing one database never both send it, hands it to the transport, and marks it sent;
/// a failure is recorded and retried with a doubling wait. Delivery is at least once: a crash after
/// the server accepted a message and before it is marked sends it again once the lease ends, with
/// the same Message-Id, so mail systems can drop the copy.
/// </summary>
public sealed partial class OutboxSender(
    IServiceScopeFactory scopes,
    IMailTransport transport,
    IOptions<EmailOptions> options,
    TimeProvider clock,
    ILogger<OutboxSender> logger)
{
    /// <summary>Names this sender in the claim column; a restarted app is a new sender.</summary>
    public string InstanceId { get; } = NewInstanceId();

    /// <summary>One pass: sends the due messages (at most the batch size); returns how many were sent.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.IsEnabled)
        {
            return 0;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var now = Now();
        var due = await db.OutboxMessages
            .Where(m => m.SentAtUtc == null && m.NextAttemptAtUtc <= now && (m.ClaimedUntilUtc == null || m.ClaimedUntilUtc < now))
            .OrderBy(m => m.NextAttemptAtUtc).ThenBy(m => m.Id)
            .Select(m => m.Id)
            .Take(settings.BatchSize)
            .ToListAsync(cancellationToken);

        var sent = 0;
        foreach (var id in due)
        {
            if (await ClaimAsync(db, id, settings.ClaimLease, cancellationToken)
                && await SendClaimedAsync(db, id, settings, cancellationToken))
            {
                sent++;
            }
        }

        return sent;
    }

    /// <summary>The Message-Id an outbox key always gets: a receiver that saw it already can drop a repeat.</summary>
    public static string MessageIdFor(string idempotencyKey, string domain)
    {
        ArgumentNullException.ThrowIfNull(idempotencyKey);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey)))[..32];
        return $"{hash}@{domain}";
    }

    // One conditional UPDATE: of two senders racing for a message, the database lets exactly one win.
    private async Task<bool> ClaimAsync(PortalDbContext db, long id, TimeSpan lease, CancellationToken cancellationToken)
    {
        var now = Now();
        var until = now + lease;
        var claimed = await db.OutboxMessages
            .Where(m => m.Id == id && m.SentAtUtc == null && (m.ClaimedUntilUtc == null || m.ClaimedUntilUtc < now))
            .ExecuteUpdateAsync(
                s => s.SetProperty(m => m.ClaimedBy, InstanceId).SetProperty(m => m.ClaimedUntilUtc, until),
                cancellationToken);
        return claimed == 1;
    }

    private async Task<bool> SendClaimedAsync(PortalDbContext db, long id, EmailOptions settings, CancellationToken cancellationToken)
    {
        var message = await db.OutboxMessages.SingleAsync(m => m.Id == id, cancellationToken);
        try
        {
            await transport.SendAsync(Compose(message, settings), cancellationToken);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Any failure of the mail server or the network: recorded and retried later, never thrown at a person.
            var wait = settings.RetryDelayAfter(message.Attempts + 1);
            message.MarkFailed(Now(), $"{exception.GetType().Name}: {exception.Message}", wait);
            await db.SaveChangesAsync(CancellationToken.None);
            LogSendFailed(logger, message.Id, message.Attempts, wait, exception.Message);
            return false;
        }

        // Saved even when the app is stopping: the server has the message, a second copy is what we avoid.
        message.MarkSent(Now());
        await db.SaveChangesAsync(CancellationToken.None);
        return true;
    }

    private static MimeMessage Compose(OutboxMessage message, EmailOptions settings)
    {
        var mime = new MimeMessage();
        mime.From.Add(new MailboxAddress(settings.SenderName, settings.SenderAddress ?? settings.User ?? string.Empty));
        mime.To.Add(MailboxAddress.Parse(message.ToAddress));
        mime.Subject = message.Subject;
        mime.Date = new DateTimeOffset(message.CreatedAtUtc, TimeSpan.Zero);
        mime.MessageId = MessageIdFor(message.IdempotencyKey, Domain(settings));

        // RFC 3834: automatic mail, so out-of-office replies are not sent back to the portal.
        mime.Headers.Add("Auto-Submitted", "auto-generated");
        mime.Headers.Add(HeaderId.ContentLanguage, message.Culture);
        mime.Body = new BodyBuilder { TextBody = message.TextBody, HtmlBody = message.HtmlBody }.ToMessageBody();
        return mime;
    }

    private static string Domain(EmailOptions settings)
    {
        if (Uri.TryCreate(settings.PortalBaseAddress, UriKind.Absolute, out var portal))
        {
            return portal.Host;
        }

        var sender = settings.SenderAddress ?? settings.User ?? string.Empty;
        var at = sender.LastIndexOf('@');
        return at >= 0 && at < sender.Length - 1 ? sender[(at + 1)..] : "coordination-portal.local";
    }

    private static string NewInstanceId()
    {
        var id = $"{Environment.MachineName}:{Guid.NewGuid():N}";
        return id.Length <= OutboxMessage.MaxClaimLength ? id : id[^OutboxMessage.MaxClaimLength..];
    }

    private DateTime Now() => clock.GetUtcNow().UtcDateTime;

    [LoggerMessage(Level = LogLevel.Warning, Message = "E-mail {OutboxId} not sent (attempt {Attempts}); next try in {Wait}: {Error}")]
    private static partial void LogSendFailed(ILogger logger, long outboxId, int attempts, TimeSpan wait, string error);
}
