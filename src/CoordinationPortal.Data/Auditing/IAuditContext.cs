namespace CoordinationPortal.Data.Auditing;

/// <summary>Who is making changes and from where; the web app supplies the signed-in user and IP.</summary>
public interface IAuditContext
{
    string? UserId { get; }

    string? UserName { get; }

    string? IpAddress { get; }

    /// <summary>
    /// True only for bulk loads of synthetic data (the demo generator): each save is recorded as
    /// one summary entry (how many rows of each kind) instead of a line per row.
    /// </summary>
    bool SummariseChanges => false;
}

/// <summary>Changes made by the app itself (migrations, seed, command line).</summary>
public sealed class SystemAuditContext : IAuditContext
{
    public static SystemAuditContext Instance { get; } = new();

    public string? UserId => null;

    public string? UserName => "system";

    public string? IpAddress => null;
}

/// <summary>The demo data generator: real saves, recorded as one summary entry per save (see docs/decisions/0013).</summary>
public sealed class DemoDataAuditContext : IAuditContext
{
    public static DemoDataAuditContext Instance { get; } = new();

    public string? UserId => null;

    public string? UserName => "demo-data";

    public string? IpAddress => null;

    public bool SummariseChanges => true;
}
