using CoordinationPortal.Domain.Auditing;

namespace CoordinationPortal.Web.Features.Audit;

/// <summary>Filters of the audit page, from the query string; dates are Vietnam calendar days.</summary>
public sealed class AuditFilter
{
    /// <summary>Part of the e-mail of whoever acted.</summary>
    public string? User { get; set; }

    public string? Entity { get; set; }

    public AuditAction? Action { get; set; }

    /// <summary>Part of the record's id or of the detail: an export's name, a file's name, a refused path.</summary>
    public string? Text { get; set; }

    public DateOnly? From { get; set; }

    public DateOnly? To { get; set; }

    public int Page { get; set; } = 1;
}

/// <summary>An audit entry as stored (ids, class names, UTC), before <see cref="AuditDescriber"/> puts it in words.</summary>
public sealed record AuditRow(
    long Id,
    DateTime OccurredAtUtc,
    string? UserId,
    string? UserName,
    AuditAction Action,
    string EntityType,
    string? EntityId,
    IReadOnlyList<FieldChange> Changes,
    string? IpAddress,
    string? Detail,
    AuditRepeats? Repeats);

/// <summary>A refusal repeated in its window: how many times in all, the last time and path.</summary>
public sealed record AuditRepeats(int Count, DateTime LastAtUtc, string? LastPath, string Kind);

/// <summary>
/// An audit entry as the page shows it: who by name (their e-mail beside it), the record type and
/// the record in words, each change with its field's name and values in words; the address only
/// for administrators.
/// </summary>
public sealed record AuditRowView(
    long Id,
    DateTime OccurredAtUtc,
    string? Who,
    string? Email,
    AuditAction Action,
    string EntityType,
    string Kind,
    string? Record,
    IReadOnlyList<AuditChangeView> Changes,
    string? IpAddress,
    string? Detail,
    AuditRepeats? Repeats);

public sealed record AuditChangeView(string Field, string? Before, string? After);

/// <summary>A record type offered by the filter: the stored name as the value, its words as the label.</summary>
public sealed record AuditKind(string EntityType, string Label);

/// <summary>The audit page; <see cref="ShowsSecurity"/> is false for readers who may not see security events and addresses.</summary>
public sealed record AuditPage(AuditFilter Filter, IReadOnlyList<AuditRowView> Rows, int Total, int PageCount, IReadOnlyList<AuditKind> EntityTypes, IReadOnlyList<AuditAction> Actions, bool ShowsSecurity);
