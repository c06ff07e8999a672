using MimeKit;

namespace CoordinationPortal.Web.Infrastructure.Email;

/// <summary>
/// The one seam between the outbox and the mail server: tests replace it to fail on cue. Throws when
/// the message was not accepted.
/// </summary>
public interface IMailTransport
{
    Task SendAsync(MimeMessage message, CancellationToken cancellationToken);
}
