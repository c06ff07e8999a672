using System.Globalization;

namespace CoordinationPortal.Web.Infrastructure.Backup;

/// <summary>
/// dotnet CoordinationPortal.Web.dll backup [--to DIR] [--keep N]
/// A consistent copy of the database, the data-protection keys and the evidence files into a dated,
/// owner-only folder, while the portal keeps running; then keeps the newest N backups there.
/// Exit code 0 when the backup is complete, 1 when it is not (the message says why), 2 for wrong usage.
/// </summary>
public static class BackupCommand
{
    public const string Name = "backup";

    private const string Usage = "usage: backup [--to FOLDER] [--keep N]   (defaults: Backup:Directory = <DataDirectory>/backups, Backup:Keep = 14)";

    public static bool IsRequested(string[] args) => args is [Name, ..];

    public static Task<int> RunAsync(WebApplication app, string[] args)
    {
        ArgumentNullException.ThrowIfNull(app);
        return RunAsync(app.Services, args, Console.Out, Console.Error, CancellationToken.None);
    }

    internal static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var options = CommandOptions.Parse(args, ["--to", "--keep"], []);
        var settings = BackupOptions.From(services.GetRequiredService<IConfiguration>());
        var keep = settings.Keep;
        if (options is null || (options.Value("--keep") is { } text && !int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out keep)) || keep < 1)
        {
            await error.WriteLineAsync(Usage + "; N is 1 or more.");
            return 2;
        }

        try
        {
            var locations = DataLocations.From(services);
            var destination = options.Value("--to") is { } to
                ? Path.GetFullPath(to)
                : Path.GetFullPath(settings.Directory, locations.DataDirectory);
            if (locations.DatabaseFile is null)
            {
                await output.WriteLineAsync(
                    $"Database:Provider is {locations.Provider}: this command cannot copy that database. Back it up with SQL Server's own tools " +
                    "(BACKUP DATABASE ... TO DISK, or your SQL Server maintenance plan) on the same schedule; this backup holds the keys and evidence files only.");
            }

            var backup = new PortalBackup(locations, services.GetRequiredService<TimeProvider>());
            var result = await backup.CreateAsync(destination, keep, settings.BusyTimeout, cancellationToken);
            await output.WriteLineAsync(Describe(result));
            if (result.RetentionProblem is not null)
            {
                await error.WriteLineAsync($"Warning: the backup is complete, but removing older backups failed: {result.RetentionProblem}");
            }

            return 0;
        }
        catch (BackupFailedException failure)
        {
            await error.WriteLineAsync($"Backup failed: {failure.Message}");
            return 1;
        }
    }

    private static string Describe(BackupResult result)
    {
        var manifest = result.Manifest;
        var lines = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"Backup written to {result.Folder} in {manifest.Seconds:0.0} s"),
        };
        if (manifest.Database is { } database)
        {
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"  database  {database.File}, {Megabytes(database.Bytes)}, migration {database.Migration ?? "(none)"}, integrity {database.IntegrityCheck}, sha256 {database.Sha256}"));
        }

        lines.Add($"  keys      {manifest.KeyCount} file(s)");
        lines.Add(string.Create(CultureInfo.InvariantCulture, $"  files     {manifest.FileCount} file(s), {Megabytes(manifest.FileBytes)}"));
        if (manifest.FilesMissing.Count > 0)
        {
            lines.Add($"  note      {manifest.FilesMissing.Count} evidence file(s) named in the database were not in the files folder (listed in {BackupManifest.FileName} as filesMissing)");
        }

        lines.Add(result.Deleted.Count == 0
            ? "  retention nothing to delete"
            : $"  retention deleted {string.Join(", ", result.Deleted.Select(Path.GetFileName))}");
        return string.Join(Environment.NewLine, lines);
    }

    internal static string Megabytes(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024d / 1024d:0.0} MB");
}
