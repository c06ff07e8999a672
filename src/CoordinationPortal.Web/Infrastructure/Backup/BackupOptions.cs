namespace CoordinationPortal.Web.Infrastructure.Backup;

/// <summary>The "Backup" configuration section; the command line's --to and --keep win over it.</summary>
public sealed class BackupOptions
{
    public const string Section = "Backup";

    /// <summary>Where dated backup folders are written; relative paths start at the data directory.</summary>
    public string Directory { get; set; } = "backups";

    /// <summary>How many backups to keep in that folder, the one just made included.</summary>
    public int Keep { get; set; } = 14;

    /// <summary>How long to wait for a database that another process holds locked before giving up.</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(60);

    public static BackupOptions From(IConfiguration configuration) =>
        configuration.GetSection(Section).Get<BackupOptions>() ?? new BackupOptions();
}
