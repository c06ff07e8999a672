using CoordinationPortal.Data.Auditing;

namespace CoordinationPortal.Data.Email;

/// <summary>
/// One e-mail waiting to be sent, or sent (ADR 0040). It is added to the same unit of work as the
/// change that causes it, so the e-mail exists exactly when the change was saved; a background sender
/// claims it, sends it and marks it sent. Bookkeeping: the audit trail records the change itself.
/// </summary>
public sealed class OutboxMessage : IUnaudited
{
    public const int MaxKeyLength = 200;
    public const int MaxAddressLength = 256;
    public const int MaxSubjectLength = 300;
    public const int MaxCultureLength = 10;
    public const int MaxClaimLength = 64;
    public const int MaxErrorLength = 1000;

    public OutboxMessage(string idempotencyKey, string toAddress, string? toUserId, string culture, string subject, string textBody, string htmlBody, DateTime createdAtUtc)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(idempotencyKey);
        ArgumentException.ThrowIfNullOrWhiteSpace(toAddress);
        ArgumentException.ThrowIfNullOrWhiteSpace(subject);
        ArgumentNullException.ThrowIfNull(textBody);
        ArgumentNullException.ThrowIfNull(htmlBody);
        if (idempotencyKey.Length > MaxKeyLength)
        {
            // A cut key could make two different events one: refuse instead.
            throw new ArgumentException($"An idempotency key has at most {MaxKeyLength} characters.", nameof(idempotencyKey));
        }

        IdempotencyKey = idempotencyKey;
        ToAddress = toAddress.Trim();
        ToUserId = toUserId;
        Culture = string.IsNullOrWhiteSpace(culture) ? "vi" : culture;
        Subject = subject.Length <= MaxSubjectLength ? subject : subject[..MaxSubjectLength];
        TextBody = textBody;
        HtmlBody = htmlBody;
        CreatedAtUtc = createdAtUtc;
        NextAttemptAtUtc = createdAtUtc;
    }

    private OutboxMessage()
    {
        IdempotencyKey = ToAddress = Culture = Subject = TextBody = HtmlBody = string.Empty;
    }

    public long Id { get; private set; }

    /// <summary>One per event and recipient ("report-returned:42:7:user-id"); unique, and the e-mail's Message-Id.</summary>
    public string IdempotencyKey { get; private set; }

    public string ToAddress { get; private set; }

    /// <summary>The portal account the e-mail is for; null for an address without an account.</summary>
    public string? ToUserId { get; private set; }

    /// <summary>The language the e-mail was written in ("vi", "en").</summary>
    public string Culture { get; private set; }

    public string Subject { get; private set; }

    public string TextBody { get; private set; }

    public string HtmlBody { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    /// <summary>Failed and successful tries so far.</summary>
    public int Attempts { get; private set; }

    /// <summary>Not before this instant: the backoff after a failure.</summary>
    public DateTime NextAttemptAtUtc { get; private set; }

    public DateTime? SentAtUtc { get; private set; }

    public string? LastError { get; private set; }

    /// <summary>Which sender holds the message (an instance id), until <see cref="ClaimedUntilUtc"/>.</summary>
    public string? ClaimedBy { get; private set; }

    /// <summary>The claim's lease: after it a crashed sender's message may be claimed again.</summary>
    public DateTime? ClaimedUntilUtc { get; private set; }

    public bool IsSent => SentAtUtc is not null;

    public void MarkSent(DateTime nowUtc)
    {
        Attempts++;
        SentAtUtc = nowUtc;
        LastError = null;
        ClaimedBy = null;
        ClaimedUntilUtc = null;
    }

    /// <summary>A failed try: the error is kept and the next try waits <paramref name="retryAfter"/>.</summary>
    public void MarkFailed(DateTime nowUtc, string error, TimeSpan retryAfter)
    {
        ArgumentNullException.ThrowIfNull(error);
        Attempts++;
        LastError = error.Length <= MaxErrorLength ? error : error[..MaxErrorLength];
        NextAttemptAtUtc = nowUtc + retryAfter;
        ClaimedBy = null;
        ClaimedUntilUtc = null;
    }
}
