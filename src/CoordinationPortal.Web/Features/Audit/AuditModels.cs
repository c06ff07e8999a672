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

public sealed record AuditRow(
    long Id,
    DateTime OccurredAtUtc,
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

public sealed record AuditPage(AuditFilter Filter, IReadOnlyList<AuditRow> Rows, int Total, int PageCount, IReadOnlyList<string> EntityTypes);
