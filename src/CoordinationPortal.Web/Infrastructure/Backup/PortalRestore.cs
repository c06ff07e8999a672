using System.Globalization;
using CoordinationPortal.Domain.Calendar;
using Microsoft.Data.Sqlite;

namespace CoordinationPortal.Web.Infrastructure.Backup;

/// <summary>What a restore put back and where the data it replaced now is.</summary>
public sealed record RestoreResult(BackupManifest Manifest, string? ReplacedFolder, IReadOnlyList<string> Replaced, string? Warning);

/// <summary>
/// Puts a backup made by <see cref="PortalBackup"/> back into the configured data folder, with the
/// portal stopped: every file is checked against the manifest while it is copied next to its
/// place, and only when all of them match is the current data moved aside (never deleted) and the
/// copy moved in.
/// </summary>
public sealed class PortalRestore(DataLocations locations, TimeProvider clock)
{
    private static readonly string[] SqliteCompanions = ["-wal", "-shm", "-journal"];

    /// <summary>Reads every file of the backup back against its manifest and changes nothing.</summary>
    public static async Task<BackupManifest> CheckAsync(string from, CancellationToken cancellationToken)
    {
        from = Path.GetFullPath(from);
        var manifest = await BackupManifest.ReadAsync(from, cancellationToken);
        if (manifest.Database is { } database)
        {
            await FileTree.VerifyAsync(from, [new BackupManifest.CopiedFile(database.File, database.Bytes, database.Sha256)], cancellationToken);
        }

        await FileTree.VerifyAsync(Path.Combine(from, BackupManifest.KeysFolder), manifest.Keys, cancellationToken);
        await FileTree.VerifyAsync(Path.Combine(from, BackupManifest.FilesFolder), manifest.Files, cancellationToken);
        return manifest;
    }

    public async Task<RestoreResult> RestoreAsync(string from, CancellationToken cancellationToken)
    {
        from = Path.GetFullPath(from);
        var manifest = await BackupManifest.ReadAsync(from, cancellationToken);
        if (manifest.Provider != locations.Provider)
        {
            throw new BackupFailedException($"{from} was made with Database:Provider {manifest.Provider}, but this portal is configured for {locations.Provider}. Nothing was changed.");
        }

        if (!Directory.Exists(locations.DataDirectory))
        {
            OwnerOnly.CreateFolder(locations.DataDirectory);
        }

        await using var exclusive = DataDirectoryLock.TryTakeExclusive(locations.DataDirectory) ?? throw InUse($"{Path.Combine(locations.DataDirectory, DataDirectoryLock.FileName)} is held by a running portal");
        await RefuseOpenDatabaseAsync(cancellationToken);

        var stamp = VietnamTime.FromUtc(clock.GetUtcNow().UtcDateTime).ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        var staging = Path.Combine(locations.DataDirectory, $".restore-{stamp}.partial");
        var places = Places(from, manifest, staging);
        try
        {
            OwnerOnly.CreateNewFolder(staging);
            foreach (var place in places)
            {
                await place.StageAsync(cancellationToken);
            }
        }
        catch (Exception exception) when (BackupFailedException.IsExplained(exception))
        {
            TryDelete(staging);
            throw exception is BackupFailedException ? exception : BackupFailedException.Explain(exception, locations.DataDirectory, locations.DatabaseFile, TimeSpan.Zero);
        }

        // Everything is checked and copied; from here on, each step can be undone.
        var replacedFolder = Path.Combine(locations.DataDirectory, $"replaced-{stamp}");
        var movedAside = new List<(string Current, string Aside)>();
        var putInPlace = new List<string>();
        try
        {
            foreach (var (current, name) in places.SelectMany(p => p.Current).Where(c => File.Exists(c.Path) || Directory.Exists(c.Path)))
            {
                if (movedAside.Count == 0)
                {
                    OwnerOnly.CreateNewFolder(replacedFolder);
                }

                var aside = Path.Combine(replacedFolder, name);
                FileTree.Move(current, aside);
                movedAside.Add((current, aside));
            }

            foreach (var place in places)
            {
                OwnerOnly.CreateFolder(Path.GetDirectoryName(place.Target)!);
                FileTree.Move(place.Staged, place.Target);
                putInPlace.Add(place.Target);
            }
        }
        catch (Exception exception) when (BackupFailedException.IsExplained(exception))
        {
            var undone = Undo(putInPlace, movedAside);
            throw new BackupFailedException(
                $"Restore stopped while swapping the data: {BackupFailedException.Explain(exception, locations.DataDirectory, locations.DatabaseFile, TimeSpan.Zero).Message} " +
                (undone ? "The previous data was put back as it was." : $"Putting the previous data back failed too: it is in {replacedFolder}; move it back by hand before starting the portal."),
                exception);
        }

        TryDelete(staging);
        var warning = locations.DatabaseFile is null ? null : await CheckRestoredDatabaseAsync(locations.DatabaseFile, manifest, cancellationToken);
        return new RestoreResult(manifest, movedAside.Count == 0 ? null : replacedFolder, [.. movedAside.Select(m => m.Current)], warning);
    }

    /// <summary>The database, keys and files: each staged from the backup next to where it goes, and what it replaces.</summary>
    private List<Place> Places(string from, BackupManifest manifest, string staging)
    {
        var places = new List<Place>();
        if (manifest.Database is { } database && locations.DatabaseFile is { } target)
        {
            var copied = new BackupManifest.CopiedFile(database.File, database.Bytes, database.Sha256);
            var stagedFolder = Path.Combine(staging, "database");
            places.Add(new Place(
                target,
                FileTree.Within(stagedFolder, database.File),
                ct => FileTree.CopyListedAsync(from, [copied], stagedFolder, ct),
                [(target, Path.GetFileName(target)), .. SqliteCompanions.Select(suffix => (target + suffix, Path.GetFileName(target) + suffix))]));
        }

        places.Add(new Place(
            locations.KeysDirectory,
            Path.Combine(staging, BackupManifest.KeysFolder),
            ct => FileTree.CopyListedAsync(Path.Combine(from, BackupManifest.KeysFolder), manifest.Keys, Path.Combine(staging, BackupManifest.KeysFolder), ct),
            [(locations.KeysDirectory, BackupManifest.KeysFolder)]));
        places.Add(new Place(
            locations.FilesDirectory,
            Path.Combine(staging, BackupManifest.FilesFolder),
            ct => FileTree.CopyListedAsync(Path.Combine(from, BackupManifest.FilesFolder), manifest.Files, Path.Combine(staging, BackupManifest.FilesFolder), ct),
            [(locations.FilesDirectory, BackupManifest.FilesFolder)]));
        return places;
    }

    /// <summary>A pooled connection of a portal, the sqlite3 shell or a stuck process: SQLite knows, even when the lock file does not.</summary>
    private async Task RefuseOpenDatabaseAsync(CancellationToken cancellationToken)
    {
        if (locations.DatabaseFile is not { } database || !File.Exists(database))
        {
            return;
        }

        var builder = new SqliteConnectionStringBuilder { DataSource = database, Mode = SqliteOpenMode.ReadWrite, Pooling = false, DefaultTimeout = 1 };
        try
        {
            await using var connection = new SqliteConnection(builder.ToString());
            await connection.OpenAsync(cancellationToken);

            // One statement per command: run as one batch, SQLite's "locked" on BEGIN did not reach us.
            foreach (var sql in (string[])["PRAGMA locking_mode = EXCLUSIVE", "BEGIN EXCLUSIVE", "COMMIT"])
            {
                await using var command = connection.CreateCommand();
                command.CommandText = sql;
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        catch (SqliteException exception) when (exception.SqliteErrorCode is 5 or 6)
        {
            throw InUse($"another process has {database} open");
        }
        catch (SqliteException)
        {
            // Damaged or not a database at all (perhaps why we are restoring): it is moved aside all the same.
        }
    }

    private static BackupFailedException InUse(string why) =>
        new($"The data folder is in use ({why}). Stop the portal first (for example: systemctl stop coordination-portal), then run restore again. Nothing was changed.");

    private static async Task<string?> CheckRestoredDatabaseAsync(string database, BackupManifest manifest, CancellationToken cancellationToken)
    {
        var builder = new SqliteConnectionStringBuilder { DataSource = database, Mode = SqliteOpenMode.ReadWrite, Pooling = false };
        await using var connection = new SqliteConnection(builder.ToString());
        await connection.OpenAsync(cancellationToken);
        var integrity = string.Join("; ", await PortalBackup.ListAsync(connection, "PRAGMA integrity_check", cancellationToken));
        return integrity == "ok"
            ? null
            : $"the restored database fails SQLite's integrity check ({integrity}) although it matches the manifest of {manifest.CreatedAt:yyyy-MM-dd HH:mm}; restore an earlier backup";
    }

    private static bool Undo(List<string> putInPlace, List<(string Current, string Aside)> movedAside)
    {
        try
        {
            foreach (var placed in putInPlace)
            {
                if (File.Exists(placed))
                {
                    File.Delete(placed);
                }
                else if (Directory.Exists(placed))
                {
                    Directory.Delete(placed, recursive: true);
                }
            }

            foreach (var (current, aside) in Enumerable.Reverse(movedAside))
            {
                FileTree.Move(aside, current);
            }

            return true;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return false;
        }
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
            // Only a copy of the backup is left there; the restore's own outcome is what matters.
        }
    }

    /// <param name="Target">Where the portal reads it.</param>
    /// <param name="Staged">The checked copy, next to it in the data folder, ready to be moved in.</param>
    /// <param name="Current">What is there now (with SQLite's companion files), and its name in the replaced folder.</param>
    private sealed record Place(string Target, string Staged, Func<CancellationToken, Task> StageAsync, IReadOnlyList<(string Path, string Name)> Current);
}
