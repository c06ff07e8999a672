namespace CoordinationPortal.Data.Auditing;

/// <summary>Who is making changes and from where; the web app supplies the signed-in user and IP.</summary>
public interface IAuditContext
{
    string? UserId { get; }

    string? UserName { get; }

    string? IpAddress { get; }
}

/// <summary>Changes made by the app itself (migrations, seed, command line).</summary>
public sealed class SystemAuditContext : IAuditContext
{
    public static SystemAuditContext Instance { get; } = new();

    public string? UserId => null;

    public string? UserName => "system";

    public string? IpAddress => null;
}
