using CoordinationPortal.Domain.Auditing;

namespace CoordinationPortal.Web.Features.Audit;

/// <summary>Filters of the audit page, from the query string; dates are Vietnam calendar days.</summary>
public sealed class AuditFilter
{
    /// <summary>Part of the e-mail of whoever acted.</summary>
    public string? User { get; set; }

    public string? Entity { get; set; }

    public AuditAction? Action { get; set; }

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
    string? Detail);

public sealed record AuditPage(AuditFilter Filter, IReadOnlyList<AuditRow> Rows, int Total, int PageCount, IReadOnlyList<string> EntityTypes);
