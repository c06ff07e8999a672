using CoordinationPortal.Data.Auditing;
using CoordinationPortal.Domain.Common;
using CoordinationPortal.Domain.Notifications;

namespace CoordinationPortal.Data.Notifications;

/// <summary>
/// One message to one person in the portal. It keeps the words as a resource key and arguments (so it
/// is read in the reader's language, not the actor's) and the record it points at (its address is
/// built from the route table when shown). Written in the same save as the change that causes it.
/// It stays out of the audit trail: the change that caused it is audited already.
/// </summary>
public sealed class Notification : IUnaudited
{
    public const int MaxUserIdLength = 450;
    public const int MaxArgumentLength = 500;

    // For EF Core; new notifications come from AboutReport.
    private Notification()
    {
        UserId = string.Empty;
        Arguments = [];
    }

    public long Id { get; private set; }

    /// <summary>The reader: only they see it, count it and mark it read.</summary>
    public string UserId { get; private set; }

    public NotificationKind Kind { get; private set; }

    /// <summary>The report the notification opens.</summary>
    public int ReportId { get; private set; }

    /// <summary>The arguments of the kind's words: the unit, the quarter, the reviewer's comment.</summary>
    public List<string> Arguments { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    public DateTime? ReadAtUtc { get; private set; }

    public bool IsRead => ReadAtUtc is not null;

    /// <summary>The resource key of the kind's words ("Notification.ReportSubmitted").</summary>
    public static string MessageKeyOf(NotificationKind kind) => $"Notification.{kind}";

    public static Notification AboutReport(string userId, NotificationKind kind, int reportId, IReadOnlyList<string> arguments, DateTime createdAtUtc)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        ArgumentNullException.ThrowIfNull(arguments);
        if (!Enum.IsDefined(kind))
        {
            throw new DomainRuleException($"Unknown notification kind {kind}.");
        }

        // A long comment is cut: the notification points at the report, where the whole comment is.
        return new Notification
        {
            UserId = userId,
            Kind = kind,
            ReportId = reportId,
            Arguments = [.. arguments.Select(a => a.Length <= MaxArgumentLength ? a : string.Concat(a.AsSpan(0, MaxArgumentLength - 1), "…"))],
            CreatedAtUtc = createdAtUtc,
        };
    }

    /// <summary>Read once: a second reading keeps the first time.</summary>
    public void MarkRead(DateTime nowUtc) => ReadAtUtc ??= nowUtc;
}
