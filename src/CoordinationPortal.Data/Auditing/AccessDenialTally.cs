using CoordinationPortal.Domain.Auditing;

namespace CoordinationPortal.Data.Auditing;

/// <summary>
/// How often one account was refused one kind of request (a method and a route, "GET reports/{id:int}")
/// in one fixed window, counted against the audit entry written for the first refusal. A crawler
/// refused a thousand times adds one entry and this count, not a thousand entries; the entry itself
/// is never changed, only the count beside it (docs/decisions/0028).
/// </summary>
public sealed class AccessDenialTally : IUnaudited
{
    public const int MaxAccountLength = 450;
    public const int MaxKindLength = 300;
    public const int MaxPathLength = 300;

    public AccessDenialTally(AuditEntry firstEntry, string account, string kind, DateTime windowStartUtc)
    {
        ArgumentNullException.ThrowIfNull(firstEntry);
        FirstEntry = firstEntry;
        Account = Truncate(account, MaxAccountLength);
        Kind = Truncate(kind, MaxKindLength);
        WindowStartUtc = DateTime.SpecifyKind(windowStartUtc, DateTimeKind.Utc);
        Count = 1;
        LastAtUtc = firstEntry.OccurredAtUtc;
    }

    private AccessDenialTally()
    {
        Account = string.Empty;
        Kind = string.Empty;
    }

    public long Id { get; private set; }

    /// <summary>The audit entry of the window's first refusal (who, what, when, from where).</summary>
    public long AuditEntryId { get; private set; }

    public AuditEntry? FirstEntry { get; private set; }

    /// <summary>The refused account's id (or the client address when there was no account).</summary>
    public string Account { get; private set; }

    /// <summary>The method and route pattern refused: every report id is one kind.</summary>
    public string Kind { get; private set; }

    public DateTime WindowStartUtc { get; private set; }

    /// <summary>Refusals in the window, the first one included.</summary>
    public int Count { get; private set; }

    public DateTime LastAtUtc { get; private set; }

    /// <summary>The last refused request ("GET /reports/981"), when there was more than one.</summary>
    public string? LastPath { get; private set; }

    public static string Truncate(string value, int max)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Length <= max ? value : value[..max];
    }
}
