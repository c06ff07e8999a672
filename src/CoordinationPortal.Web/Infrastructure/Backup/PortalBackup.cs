using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using CoordinationPortal.Domain.Calendar;
using Microsoft.Data.Sqlite;

namespace CoordinationPortal.Web.Infrastructure.Backup;

/// <summary>What one backup run made and removed, and what retention could not remove.</summary>
public sealed record BackupResult(string Folder, BackupManifest Manifest, IReadOnlyList<string> Deleted, string? RetentionProblem);

/// <summary>
/// A consistent copy of the portal while it runs: the SQLite database through VACUUM INTO (one read
/// transaction, so it holds every committed write, those still in the WAL included, and blocks no
/// writer), then the data-protection keys and the evidence files, and last a manifest; all in a
/// dated folder that appears under its final name only once complete. See docs/decisions/0018.
/// </summary>
public sealed partial class PortalBackup(DataLocations locations, TimeProvider clock)
{
    private const string Prefix = "portal-";
    private const string PartialSuffix = ".partial";

    /// <summary>Backups left half-written by a killed run are removed once they are this old.</summary>
    private static readonly TimeSpan AbandonedAfter = TimeSpan.FromDays(1);

    public static string AppVersion { get; } =
        typeof(PortalBackup).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    public async Task<BackupResult> CreateAsync(string destination, int keep, TimeSpan busyTimeout, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(keep, 1);
        destination = Path.GetFullPath(destination);
        RefuseInsideCopiedFolders(destination);
        var watch = Stopwatch.StartNew();
        var now = clock.GetUtcNow();
        string work;
        string folder;
        try
        {
            OwnerOnly.CreateFolder(destination);
            folder = UnusedName(destination, Prefix + VietnamTime.FromUtc(now.UtcDateTime).ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
            work = Path.Combine(destination, "." + Path.GetFileName(folder) + PartialSuffix);
            OwnerOnly.CreateNewFolder(work);
        }
        catch (Exception exception) when (BackupFailedException.IsExplained(exception))
        {
            throw BackupFailedException.Explain(exception, destination, locations.DatabaseFile, busyTimeout);
        }

        BackupManifest manifest;
        try
        {
            // The database first, then the files: the portal stores a file before the row that names
            // it, so every file the copied database refers to already exists when the folder is copied.
            BackupManifest.DatabaseCopy? database = null;
            List<string> storedNames = [];
            if (locations.DatabaseFile is not null)
            {
                (database, storedNames) = await CopyDatabaseAsync(locations.DatabaseFile, Path.Combine(work, BackupManifest.DatabaseFileName), busyTimeout, cancellationToken);
            }

            var keys = await FileTree.CopyAsync(locations.KeysDirectory, Path.Combine(work, BackupManifest.KeysFolder), cancellationToken);
            var files = await FileTree.CopyAsync(locations.FilesDirectory, Path.Combine(work, BackupManifest.FilesFolder), cancellationToken);
            var copiedNames = files.Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
            var missing = storedNames.Where(name => !copiedNames.Contains(name)).Order(StringComparer.Ordinal).ToList();
            manifest = new BackupManifest(
                BackupManifest.CurrentFormat,
                now.ToOffset(VietnamTime.Zone.GetUtcOffset(now)),
                AppVersion,
                locations.Provider,
                locations.DataDirectory,
                database,
                keys,
                files,
                missing,
                Math.Round(watch.Elapsed.TotalSeconds, 2));
            await manifest.WriteAsync(work, cancellationToken);
            Directory.Move(work, folder);
        }
        catch (Exception exception) when (BackupFailedException.IsExplained(exception))
        {
            TryDelete(work);
            throw BackupFailedException.Explain(exception, destination, locations.DatabaseFile, busyTimeout);
        }
        catch
        {
            TryDelete(work);
            throw;
        }

        // The backup is made whatever happens now; a folder retention cannot remove is reported, not fatal.
        var deleted = new List<string>();
        try
        {
            Prune(destination, keep, folder, deleted);
            return new BackupResult(folder, manifest, deleted, null);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return new BackupResult(folder, manifest, deleted, exception.Message);
        }
    }

    private static async Task<(BackupManifest.DatabaseCopy Copy, List<string> StoredNames)> CopyDatabaseAsync(string source, string target, TimeSpan busyTimeout, CancellationToken cancellationToken)
    {
        if (!File.Exists(source))
        {
            throw new BackupFailedException($"There is no database at {source}. Check Database:DataDirectory (or ConnectionStrings:Portal): it must point at the portal's data.");
        }

        var live = new SqliteConnectionStringBuilder
        {
            DataSource = source,
            // Not ReadOnly: with the portal stopped, a read-only connection leaves behind the -wal and
            // -shm files it had to create. VACUUM INTO only reads; closing may checkpoint, as the portal would.
            Mode = SqliteOpenMode.ReadWrite,
            Pooling = false,
            DefaultTimeout = (int)Math.Ceiling(busyTimeout.TotalSeconds),
        };
        await using (var connection = new SqliteConnection(live.ToString()))
        {
            await connection.OpenAsync(cancellationToken);
            await using var vacuum = connection.CreateCommand();
            vacuum.CommandText = "VACUUM INTO $target";
            vacuum.Parameters.AddWithValue("$target", target);
            await vacuum.ExecuteNonQueryAsync(cancellationToken);
        }

        OwnerOnly.Restrict(target);
        string integrity;
        string? migration;
        List<string> storedNames;
        var copy = new SqliteConnectionStringBuilder { DataSource = target, Mode = SqliteOpenMode.ReadWrite, Pooling = false };
        await using (var connection = new SqliteConnection(copy.ToString()))
        {
            await connection.OpenAsync(cancellationToken);

            // VACUUM INTO writes a rollback-journal file, and EF Core turns WAL on only when it creates
            // a database: without this a restored portal would lose WAL's readers-never-wait behaviour.
            await ScalarAsync(connection, "PRAGMA journal_mode = WAL", cancellationToken);
            integrity = string.Join("; ", await ListAsync(connection, "PRAGMA integrity_check", cancellationToken));
            if (integrity != "ok")
            {
                throw new BackupFailedException($"The copy of {source} fails SQLite's integrity check: {integrity}. The live database may be damaged; keep the previous backups.");
            }

            migration = await TableExistsAsync(connection, "__EFMigrationsHistory", cancellationToken)
                ? (await ListAsync(connection, "SELECT MigrationId FROM \"__EFMigrationsHistory\" ORDER BY MigrationId DESC LIMIT 1", cancellationToken)).SingleOrDefault()
                : null;
            storedNames = await TableExistsAsync(connection, "EvidenceFiles", cancellationToken)
                ? await ListAsync(connection, "SELECT StoredName FROM \"EvidenceFiles\"", cancellationToken)
                : [];
        }

        // SQLite does not sync what VACUUM INTO writes; a backup must survive a power cut right after it.
        await using (var file = new FileStream(target, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
        {
            file.Flush(flushToDisk: true);
        }

        var bytes = new FileInfo(target).Length;
        var sha256 = await OwnerOnly.Sha256Async(target, cancellationToken);
        return (new BackupManifest.DatabaseCopy(BackupManifest.DatabaseFileName, migration, bytes, sha256, integrity), storedNames);
    }

    /// <summary>
    /// Keeps the newest <paramref name="keep"/> complete backups in the folder, the one just made
    /// always among them (even if a clock change dated an older one later); never touches anything
    /// but folders this command named and finished, and half-written ones a killed run left a day ago.
    /// </summary>
    private void Prune(string destination, int keep, string justMade, List<string> deleted)
    {
        var complete = Directory.EnumerateDirectories(destination)
            .Select(path => (Path: path, Match: BackupName().Match(Path.GetFileName(path))))
            .Where(b => b.Match.Success && File.Exists(Path.Combine(b.Path, BackupManifest.FileName)))
            .OrderByDescending(b => b.Match.Groups["time"].Value, StringComparer.Ordinal)
            .ThenByDescending(b => b.Match.Groups["n"].Success ? int.Parse(b.Match.Groups["n"].Value, CultureInfo.InvariantCulture) : 1)
            .Select(b => b.Path)
            .Where(path => path != justMade);
        foreach (var old in complete.Skip(keep - 1))
        {
            Directory.Delete(old, recursive: true);
            deleted.Add(old);
        }

        var abandoned = Directory.EnumerateDirectories(destination, "." + Prefix + "*" + PartialSuffix)
            .Where(path => clock.GetUtcNow() - Directory.GetLastWriteTimeUtc(path) > AbandonedAfter);
        foreach (var old in abandoned)
        {
            Directory.Delete(old, recursive: true);
            deleted.Add(old);
        }
    }

    /// <summary>A backup that copied itself would grow every night; refuse a destination inside what is copied.</summary>
    private void RefuseInsideCopiedFolders(string destination)
    {
        foreach (var copied in new[] { locations.FilesDirectory, locations.KeysDirectory })
        {
            var inside = Path.TrimEndingDirectorySeparator(copied) + Path.DirectorySeparatorChar;
            if ((destination + Path.DirectorySeparatorChar).StartsWith(inside, StringComparison.Ordinal))
            {
                throw new BackupFailedException($"The backup folder {destination} is inside {copied}, which the backup copies. Choose another folder (--to or Backup:Directory).");
            }
        }
    }

    /// <summary>Two backups in the same second (a retry, a test) get -2, -3... rather than failing.</summary>
    private static string UnusedName(string destination, string name)
    {
        var folder = Path.Combine(destination, name);
        for (var n = 2; Directory.Exists(folder) || Directory.Exists(Path.Combine(destination, "." + Path.GetFileName(folder) + PartialSuffix)); n++)
        {
            folder = Path.Combine(destination, $"{name}-{n}");
        }

        return folder;
    }

    private static void TryDelete(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // The original failure is the one to report; a later run removes what is left after a day.
        }
    }

    internal static async Task<List<string>> ListAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var values = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(cancellationToken);
    }

    internal static async Task<bool> TableExistsAsync(SqliteConnection connection, string table, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = $name";
        command.Parameters.AddWithValue("$name", table);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) > 0;
    }

    [GeneratedRegex(@"^portal-(?<time>\d{8}-\d{6})(-(?<n>\d+))?$", RegexOptions.CultureInvariant)]
    private static partial Regex BackupName();
}
