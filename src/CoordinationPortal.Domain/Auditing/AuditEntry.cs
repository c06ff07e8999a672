namespace CoordinationPortal.Domain.Auditing;

/// <summary>
/// One line of the audit trail: who did what to which record, when (UTC) and from where. Entries
/// are only ever added; nothing in the app updates or deletes them.
/// </summary>
public sealed class AuditEntry
{
    public const int MaxEntityTypeLength = 100;
    public const int MaxEntityIdLength = 200;
    public const int MaxUserNameLength = 256;
    public const int MaxIpLength = 45;
    public const int MaxDetailLength = 1000;

    public AuditEntry(
        DateTime occurredAtUtc,
        AuditAction action,
        string entityType,
        string? entityId,
        string? userId,
        string? userName,
        string? ipAddress,
        IReadOnlyList<FieldChange>? changes = null,
        string? detail = null)
    {
        OccurredAtUtc = DateTime.SpecifyKind(occurredAtUtc, DateTimeKind.Utc);
        Action = action;
        EntityType = Truncate(entityType, MaxEntityTypeLength)!;
        EntityId = Truncate(entityId, MaxEntityIdLength);
        UserId = userId;
        UserName = Truncate(userName, MaxUserNameLength);
        IpAddress = Truncate(ipAddress, MaxIpLength);
        Changes = changes is { Count: > 0 } ? [.. changes] : [];
        Detail = Truncate(detail, MaxDetailLength);
    }

    private AuditEntry()
    {
        EntityType = string.Empty;
        Changes = [];
    }

    public long Id { get; private set; }

    public DateTime OccurredAtUtc { get; private set; }

    public AuditAction Action { get; private set; }

    /// <summary>"Plan", "PortalUser", or "Account" for security events.</summary>
    public string EntityType { get; private set; }

    public string? EntityId { get; private set; }

    public string? UserId { get; private set; }

    /// <summary>The account's e-mail at the time (or the e-mail typed, for a failed sign-in).</summary>
    public string? UserName { get; private set; }

    public string? IpAddress { get; private set; }

    /// <summary>Field by field, before -> after; secrets are recorded as changed without values.</summary>
    public List<FieldChange> Changes { get; private set; }

    public string? Detail { get; private set; }

    private static string? Truncate(string? value, int max) => value is null || value.Length <= max ? value : value[..max];
}

/// <summary>A field's value before and after a change (null when it did not exist).</summary>
public sealed record FieldChange(string Field, string? Before, string? After);
