using CoordinationPortal.Data;
using CoordinationPortal.Web.Infrastructure.Email;
using Microsoft.EntityFrameworkCore;

namespace CoordinationPortal.Web.Features.Admin;

/// <summary>A message the sender has not managed to send yet, with the server's last answer.</summary>
public sealed record FailingEmail(long Id, string ToAddress, string Subject, int Attempts, DateTime CreatedAtUtc, DateTime NextAttemptAtUtc, string? LastError);

/// <summary>What an administrator needs to see of e-mail: on or off and through which server, what waits, what fails.</summary>
public sealed record EmailPage(EmailStatus Status, int Waiting, int Failing, int SentLastWeek, DateTime? OldestWaitingUtc, IReadOnlyList<FailingEmail> Failures);

/// <summary>Reads the outbox for the administrators' e-mail page; the bodies are never shown there.</summary>
public sealed class EmailQueries(PortalDbContext db, EmailStatus status, TimeProvider clock)
{
    public const int FailuresShown = 20;

    public async Task<EmailPage> PageAsync(CancellationToken cancellationToken)
    {
        var weekAgo = clock.GetUtcNow().UtcDateTime.AddDays(-7);
        var unsent = db.OutboxMessages.AsNoTracking().Where(m => m.SentAtUtc == null);
        var waiting = await unsent.CountAsync(cancellationToken);
        var failing = await unsent.CountAsync(m => m.Attempts > 0, cancellationToken);
        var sent = await db.OutboxMessages.CountAsync(m => m.SentAtUtc != null && m.SentAtUtc >= weekAgo, cancellationToken);
        var oldest = waiting == 0 ? null : await unsent.OrderBy(m => m.CreatedAtUtc).Select(m => (DateTime?)m.CreatedAtUtc).FirstOrDefaultAsync(cancellationToken);
        var failures = failing == 0 ? [] : await unsent
            .Where(m => m.Attempts > 0)
            .OrderByDescending(m => m.Attempts).ThenBy(m => m.Id)
            .Take(FailuresShown)
            .Select(m => new FailingEmail(m.Id, m.ToAddress, m.Subject, m.Attempts, m.CreatedAtUtc, m.NextAttemptAtUtc, m.LastError))
            .ToListAsync(cancellationToken);
        return new EmailPage(status, waiting, failing, sent, oldest, failures);
    }
}
