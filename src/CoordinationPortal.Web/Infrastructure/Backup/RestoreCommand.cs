using System.Globalization;

namespace CoordinationPortal.Web.Infrastructure.Backup;

/// <summary>
/// dotnet CoordinationPortal.Web.dll restore --from FOLDER [--check]
/// With the portal stopped: checks every file of a backup against its manifest, moves the current
/// database, keys and files aside into &lt;DataDirectory&gt;/replaced-&lt;time&gt;/ and puts the backup's in
/// their place. --check only reads the backup and changes nothing. Exit code 0 when done, 1 when
/// refused or failed (the message says why and what was changed), 2 for wrong usage.
/// </summary>
public static class RestoreCommand
{
    public const string Name = "restore";

    private const string Usage = "usage: restore --from BACKUP-FOLDER [--check]   (stop the portal first; --check only verifies the backup)";

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
        var options = CommandOptions.Parse(args, ["--from"], ["--check"]);
        if (options?.Value("--from") is not { } from)
        {
            await error.WriteLineAsync(Usage);
            return 2;
        }

        try
        {
            if (options.Has("--check"))
            {
                var checkedManifest = await PortalRestore.CheckAsync(from, cancellationToken);
                await output.WriteLineAsync($"{Path.GetFullPath(from)} matches its manifest: {Contents(checkedManifest)}. Nothing was changed.");
                return 0;
            }

            var locations = DataLocations.From(services);
            var restore = new PortalRestore(locations, services.GetRequiredService<TimeProvider>());
            var result = await restore.RestoreAsync(from, cancellationToken);
            await output.WriteLineAsync(Describe(Path.GetFullPath(from), locations, result));
            if (result.Warning is not null)
            {
                await error.WriteLineAsync($"Warning: {result.Warning}");
                return 1;
            }

            return 0;
        }
        catch (BackupFailedException failure)
        {
            await error.WriteLineAsync($"Restore refused: {failure.Message}");
            return 1;
        }
    }

    private static string Contents(BackupManifest manifest) =>
        string.Create(CultureInfo.InvariantCulture, $"made {manifest.CreatedAt:yyyy-MM-dd HH:mm:ss zzz} by version {manifest.AppVersion}, ") +
        (manifest.Database is { } database ? $"database {BackupCommand.Megabytes(database.Bytes)} at migration {database.Migration ?? "(none)"}, " : "no database (SQL Server), ") +
        $"{manifest.KeyCount} key file(s), {manifest.FileCount} evidence file(s)";

    private static string Describe(string from, DataLocations locations, RestoreResult result)
    {
        var lines = new List<string> { $"Checked {from}: {Contents(result.Manifest)}." };
        lines.Add(result.ReplacedFolder is null
            ? $"There was no data in {locations.DataDirectory} to move aside."
            : $"Moved aside into {result.ReplacedFolder}: {string.Join(", ", result.Replaced)}");
        if (locations.DatabaseFile is not null)
        {
            lines.Add($"Restored database  -> {locations.DatabaseFile}");
        }

        lines.Add($"Restored keys      -> {locations.KeysDirectory}");
        lines.Add($"Restored files     -> {locations.FilesDirectory}");
        if (result.Manifest.Database?.Migration is { } migration && locations.Migrations.Count > 0)
        {
            var newer = locations.Migrations.Count(m => string.CompareOrdinal(m, migration) > 0);
            lines.Add(locations.Migrations.Contains(migration)
                ? newer == 0 ? "The database is at this version's newest migration." : $"This version will apply {newer} newer migration(s) when it starts."
                : $"Warning: migration {migration} is unknown to this version ({PortalBackup.AppVersion}); start the version named above ({result.Manifest.AppVersion}).");
        }

        if (locations.DatabaseFile is null)
        {
            lines.Add("SQL Server: restore the database with SQL Server's own tools (RESTORE DATABASE) from the backup of the same time.");
        }

        lines.Add("Next: start the portal (for example: systemctl start coordination-portal) and open /health; " +
            (result.ReplacedFolder is null ? "then sign in to check." : $"delete {result.ReplacedFolder} once the portal is confirmed working."));
        return string.Join(Environment.NewLine, lines);
    }
}
