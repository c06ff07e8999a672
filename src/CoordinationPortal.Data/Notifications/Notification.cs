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
    public const int MaxLinkLength = 300;
    public const int MaxEventKeyLength = 200;

    // For EF Core; new notifications come from AboutReport or WithLink.
    private Notification()
    {
        UserId = string.Empty;
        Arguments = [];
    }

    public long Id { get; private set; }

    /// <summary>The reader: only they see it, count it and mark it read.</summary>
    public string UserId { get; private set; }

    public NotificationKind Kind { get; private set; }

    /// <summary>The report the notification opens, when it is about one (deleted with it).</summary>
    public int? ReportId { get; private set; }

    /// <summary>
    /// The portal page it opens when it is not about one report ("/dashboard?quarter=20264"): a path
    /// inside the portal, never an outside address.
    /// </summary>
    public string? Link { get; private set; }

    /// <summary>The arguments of the kind's words: the unit, the quarter, the reviewer's comment.</summary>
    public List<string> Arguments { get; private set; }

    /// <summary>
    /// The event it tells of ("Overdue:20242:1:5:due+8"), when the writer names one: a person is told
    /// of one event once, however often the job that finds it runs (ADR 0043).
    /// </summary>
    public string? EventKey { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    public DateTime? ReadAtUtc { get; private set; }

    public bool IsRead => ReadAtUtc is not null;

    /// <summary>The resource key of the kind's words ("Notification.ReportSubmitted").</summary>
    public static string MessageKeyOf(NotificationKind kind) => $"Notification.{kind}";

    public static Notification AboutReport(string userId, NotificationKind kind, int reportId, IReadOnlyList<string> arguments, DateTime createdAtUtc, string? eventKey = null) =>
        Create(userId, kind, reportId, link: null, arguments, createdAtUtc, eventKey);

    /// <summary>A notification that opens a portal page rather than one report.</summary>
    public static Notification WithLink(string userId, NotificationKind kind, string link, IReadOnlyList<string> arguments, DateTime createdAtUtc, string? eventKey = null)
    {
        if (!IsPortalPath(link))
        {
            throw new DomainRuleException($"A notification opens a page of the portal, not '{link}'.");
        }

        return Create(userId, kind, reportId: null, link, arguments, createdAtUtc, eventKey);
    }

    /// <summary>"/x..." but not "//host" or "/\host": a path a browser keeps inside the portal.</summary>
    public static bool IsPortalPath(string? link) =>
        link is { Length: > 1 and <= MaxLinkLength } && link[0] == '/' && link[1] is not '/' and not '\\';

    private static Notification Create(string userId, NotificationKind kind, int? reportId, string? link, IReadOnlyList<string> arguments, DateTime createdAtUtc, string? eventKey)
    {
        if (eventKey is { Length: > MaxEventKeyLength })
        {
            throw new ArgumentException($"An event key has at most {MaxEventKeyLength} characters.", nameof(eventKey));
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        ArgumentNullException.ThrowIfNull(arguments);
        if (!Enum.IsDefined(kind))
        {
            throw new DomainRuleException($"Unknown notification kind {kind}.");
        }

        // A long comment is cut: the notification points at the page, where the whole comment is.
        return new Notification
        {
            UserId = userId,
            Kind = kind,
            ReportId = reportId,
            Link = link,
            Arguments = [.. arguments.Select(a => a.Length <= MaxArgumentLength ? a : string.Concat(a.AsSpan(0, MaxArgumentLength - 1), "…"))],
            EventKey = eventKey,
            CreatedAtUtc = createdAtUtc,
        };
    }

    /// <summary>Read once: a second reading keeps the first time.</summary>
    public void MarkRead(DateTime nowUtc) => ReadAtUtc ??= nowUtc;
}
