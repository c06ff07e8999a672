using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using CoordinationPortal.Domain.Evidence;
using CoordinationPortal.Web.Infrastructure.Backup;
using CoordinationPortal.Web.Infrastructure.Files;
using CoordinationPortal.Web.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CoordinationPortal.Web.Tests;

/// <summary>Backups taken while people write, restored by an operator into a portal that people can sign in to.</summary>
public sealed class BackupTests
{
    private const UnixFileMode OwnerFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [Fact]
    public async Task A_backup_taken_during_writes_restores_every_write_acknowledged_before_it_and_its_users_sign_in()
    {
        var backups = NewFolder();
        var restoredDirectory = PortalFactory.NewDataDirectory();
        try
        {
            await using var live = new PortalFactory();
            var officer = await live.AccountAsync(Persona.CentralVwu);
            var withEvidence = await live.EntryAsync(Persona.CentralVwu, 1);
            await live.FileAsync(EvidenceOwner.ProgressEntry, withEvidence);
            var session = await SessionCookieAsync(live, officer);

            // Four writers through the domain and the app's DbContext, as four officers saving at once;
            // an id is recorded only once SaveChanges has returned it, i.e. once the write is acknowledged.
            var acknowledged = new ConcurrentQueue<int>();
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            var writers = Enumerable.Range(1, 4).Select(activity => Task.Run(
                async () =>
                {
                    while (!stop.IsCancellationRequested)
                    {
                        acknowledged.Enqueue(await live.EntryAsync(Persona.CentralVwu, activity));
                    }
                },
                TestContext.Current.CancellationToken)).ToList();

            await WhileWritingAsync(writers, () => acknowledged.Count >= 40);
            var acknowledgedBeforeBackup = acknowledged.ToList();
            var (exitCode, output, error) = await BackupAsync(live, "--to", backups);
            var countAfterBackup = acknowledged.Count;
            await WhileWritingAsync(writers, () => acknowledged.Count >= countAfterBackup + 40);
            await stop.CancelAsync();
            await Task.WhenAll(writers);

            Assert.True(exitCode == 0, output + error);
            var folder = Assert.Single(Directory.GetDirectories(backups));
            var (restoreExit, restoreOutput) = await WebAppProcess.RunAsync(restoredDirectory, null, RestoreCommand.Name, "--from", folder);
            Assert.True(restoreExit == 0, restoreOutput);

            await using var restored = new PortalFactory(restoredDirectory);
            var ids = (await restored.WithDbAsync(db => db.ProgressEntries.Select(e => e.Id).ToListAsync(TestContext.Current.CancellationToken))).ToHashSet();
            var lost = acknowledgedBeforeBackup.Where(id => !ids.Contains(id)).ToList();
            Assert.True(lost.Count == 0, $"{lost.Count} of the {acknowledgedBeforeBackup.Count} writes acknowledged before the backup are not in it: {string.Join(", ", lost)}");

            // One moment in time: ids grow in commit order, so no write below the newest one restored may be missing,
            // and the writes that went on after the backup are not in it.
            var holes = acknowledged.Where(id => id < ids.Max() && !ids.Contains(id)).ToList();
            Assert.True(holes.Count == 0, $"The backup is not one moment in time; missing: {string.Join(", ", holes)}");
            Assert.Contains(acknowledged, id => !ids.Contains(id));

            Assert.Equal(["ok"], await QueryAsync(Path.Combine(restoredDirectory, "portal.db"), "PRAGMA integrity_check"));
            var storedName = await restored.WithDbAsync(db => db.EvidenceFiles.Where(f => f.OwnerId == withEvidence).Select(f => f.StoredName).SingleAsync(TestContext.Current.CancellationToken));
            await using (var evidence = await restored.Services.GetRequiredService<IFileStore>().OpenAsync(storedName, TestContext.Current.CancellationToken))
            {
                Assert.NotNull(evidence);
                using var bytes = new MemoryStream();
                await evidence.CopyToAsync(bytes, TestContext.Current.CancellationToken);
                Assert.Equal(Scenario.PdfBytes, bytes.ToArray());
            }

            // The keys came back: a session cookie issued before the backup still opens the restored portal.
            Assert.Equal(KeyFiles(live.DataDirectory), KeyFiles(restoredDirectory));
            using var resumed = restored.NewClient();
            resumed.DefaultRequestHeaders.Add("Cookie", session);
            using var home = await resumed.GetAsync(new Uri("/", UriKind.Relative), TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, home.StatusCode);

            using var signIn = await PortalFactory.SignInAsync(restored.NewClient(), officer.Email, officer.Password);
            Assert.Equal("/", PortalFactory.LandedOn(signIn));
        }
        finally
        {
            Delete(backups, restoredDirectory);
        }
    }

    [Fact]
    public async Task Retention_keeps_the_newest_backups_and_never_deletes_the_one_just_made()
    {
        await using var portal = new PortalFactory();
        var backups = Path.Combine(portal.DataDirectory, "backups"); // Backup:Directory's default
        string[] earlier = ["portal-20240101-020000", "portal-20240102-020000", "portal-20240103-020000"];
        foreach (var name in earlier)
        {
            FakeBackup(backups, name);
        }

        FakeBackup(backups, "portal-20991231-020000"); // dated later by a wrong clock
        Directory.CreateDirectory(Path.Combine(backups, "portal-20230101-020000")); // no manifest: not a backup this command finished
        Directory.CreateDirectory(Path.Combine(backups, "notes")); // the operator's own

        var (exitCode, output, error) = await BackupAsync(portal, "--keep", "3");

        Assert.True(exitCode == 0, output + error);
        var first = Assert.Single(Names(backups).Except([.. earlier, "portal-20991231-020000", "portal-20230101-020000", "notes"]));
        Assert.Equal(["notes", "portal-20230101-020000", "portal-20240103-020000", first, "portal-20991231-020000"], Names(backups));
        Assert.Contains("deleted portal-20240102-020000, portal-20240101-020000", output, StringComparison.Ordinal);

        (exitCode, output, error) = await BackupAsync(portal, "--keep", "1");

        Assert.True(exitCode == 0, output + error);
        var second = Assert.Single(Names(backups).Except(["notes", "portal-20230101-020000"]));
        Assert.NotEqual(first, second);

        Assert.Equal(2, (await BackupAsync(portal, "--keep", "0")).ExitCode);
        Assert.Equal(2, (await BackupAsync(portal, "--kep", "3")).ExitCode);
        Assert.Equal([second], Names(backups).Except(["notes", "portal-20230101-020000"]));
    }

    [Fact]
    public async Task A_backup_is_readable_by_its_owner_only()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("Unix file modes; on Windows the backup folder's ACL applies (README).");
            return;
        }

        await using var portal = new PortalFactory();
        await portal.FileAsync(EvidenceOwner.ProgressEntry, await portal.EntryAsync(Persona.CentralVwu, 1));
        using var client = await portal.SignedInClientAsync(Persona.CentralVwu); // makes the data-protection keys
        var backups = Path.Combine(portal.DataDirectory, "backups");

        var (exitCode, output, error) = await BackupAsync(portal);

        Assert.True(exitCode == 0, output + error);
        var folder = Assert.Single(Directory.GetDirectories(backups));
        var files = Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(folder, f)).ToList();
        Assert.Contains("portal.db", files);
        Assert.Contains("manifest.json", files);
        Assert.Contains(files, f => f.StartsWith("keys/key-", StringComparison.Ordinal));
        Assert.Contains(files, f => f.StartsWith("files/", StringComparison.Ordinal));
        var wrong = new List<string>();
        foreach (var path in (string[])[backups, folder, .. Directory.GetFileSystemEntries(folder, "*", SearchOption.AllDirectories)])
        {
            var mode = File.GetUnixFileMode(path);
            if (mode != (Directory.Exists(path) ? OwnerFolder : OwnerFile))
            {
                wrong.Add($"{path}: {mode}");
            }
        }

        Assert.Empty(wrong);
    }

    [Fact]
    public async Task Restore_refuses_a_backup_that_does_not_match_its_manifest_and_changes_nothing()
    {
        var backups = NewFolder();
        var target = PortalFactory.NewDataDirectory();
        try
        {
            await using var portal = new PortalFactory();
            await portal.EntryAsync(Persona.CentralVwu, 1);
            var (exitCode, output, error) = await BackupAsync(portal, "--to", backups);
            Assert.True(exitCode == 0, output + error);
            var folder = Assert.Single(Directory.GetDirectories(backups));
            Assert.Equal(0, (await RestoreAsync(portal, "--from", folder, "--check")).ExitCode);

            // One byte changed in the middle of the copy, as by a failing disk or a hand edit.
            var copy = Path.Combine(folder, "portal.db");
            var bytes = await File.ReadAllBytesAsync(copy, TestContext.Current.CancellationToken);
            bytes[bytes.Length / 2] ^= 0xFF;
            await File.WriteAllBytesAsync(copy, bytes, TestContext.Current.CancellationToken);
            Directory.CreateDirectory(target);
            await File.WriteAllTextAsync(Path.Combine(target, "portal.db"), "the current database", TestContext.Current.CancellationToken);

            var check = await RestoreAsync(portal, "--from", folder, "--check");
            var (restoreExit, restoreOutput) = await WebAppProcess.RunAsync(target, null, RestoreCommand.Name, "--from", folder);

            Assert.Equal(1, check.ExitCode);
            Assert.Contains($"{copy} does not match the backup's manifest", check.Error, StringComparison.Ordinal);
            Assert.Equal(1, restoreExit);
            Assert.Contains($"Restore refused: {copy} does not match the backup's manifest", restoreOutput, StringComparison.Ordinal);
            Assert.Equal("the current database", await File.ReadAllTextAsync(Path.Combine(target, "portal.db"), TestContext.Current.CancellationToken));
            Assert.Empty(Directory.GetDirectories(target, "replaced-*"));
            Assert.Empty(Directory.GetDirectories(target, ".restore-*"));
        }
        finally
        {
            Delete(backups, target);
        }
    }

    [Fact]
    public async Task Restore_refuses_while_the_folder_is_in_use_and_then_moves_the_current_data_aside()
    {
        var directory = PortalFactory.NewDataDirectory();
        var backups = NewFolder();
        try
        {
            int before, after;
            string folder;
            await using (var portal = new PortalFactory(directory))
            {
                before = await portal.EntryAsync(Persona.CentralVwu, 1);
                var (exitCode, output, error) = await BackupAsync(portal, "--to", backups);
                Assert.True(exitCode == 0, output + error);
                folder = Assert.Single(Directory.GetDirectories(backups));
                after = await portal.EntryAsync(Persona.CentralVwu, 1);

                // An idle portal may have no database connection open at all; the lock file still says it runs.
                SqliteConnection.ClearAllPools();
                var running = await RestoreAsync(portal, "--from", folder);

                Assert.Equal(1, running.ExitCode);
                Assert.Contains("portal.lock is held by a running portal). Stop the portal first", running.Error, StringComparison.Ordinal);
            }

            SqliteConnection.ClearAllPools();
            var database = Path.Combine(directory, "portal.db");
            await using (var shell = new SqliteConnection($"Data Source={database};Pooling=False"))
            {
                await shell.OpenAsync(TestContext.Current.CancellationToken);
                await QueryAsync(shell, "SELECT count(*) FROM ProgressEntries"); // as a sqlite3 shell left open would

                var (openExit, openOutput) = await WebAppProcess.RunAsync(directory, null, RestoreCommand.Name, "--from", folder);

                Assert.Equal(1, openExit);
                Assert.Contains($"another process has {database} open", openOutput, StringComparison.Ordinal);
            }

            Assert.Empty(Directory.GetDirectories(directory, "replaced-*"));
            var (restoreExit, restoreOutput) = await WebAppProcess.RunAsync(directory, null, RestoreCommand.Name, "--from", folder);

            Assert.True(restoreExit == 0, restoreOutput);
            var aside = Assert.Single(Directory.GetDirectories(directory, "replaced-*"));
            Assert.Contains($"Moved aside into {aside}", restoreOutput, StringComparison.Ordinal);
            Assert.Contains(after.ToString(CultureInfo.InvariantCulture), await QueryAsync(Path.Combine(aside, "portal.db"), "SELECT Id FROM ProgressEntries"));
            Assert.True(Directory.Exists(Path.Combine(aside, "keys")));
            await using var restored = new PortalFactory(directory);
            var ids = await restored.WithDbAsync(db => db.ProgressEntries.Select(e => e.Id).ToListAsync(TestContext.Current.CancellationToken));
            Assert.Contains(before, ids);
            Assert.DoesNotContain(after, ids);
        }
        finally
        {
            Delete(directory, backups);
        }
    }

    [Fact]
    public async Task On_SQL_Server_the_backup_says_to_use_its_tools_and_still_copies_the_keys_and_files()
    {
        var directory = PortalFactory.NewDataDirectory();
        var backups = NewFolder();
        try
        {
            Directory.CreateDirectory(Path.Combine(directory, "keys"));
            Directory.CreateDirectory(Path.Combine(directory, "files"));
            await File.WriteAllTextAsync(Path.Combine(directory, "keys", "key-1.xml"), "<key />", TestContext.Current.CancellationToken);
            await File.WriteAllBytesAsync(Path.Combine(directory, "files", "0a1b.pdf"), Scenario.PdfBytes, TestContext.Current.CancellationToken);
            var sqlServer = new Dictionary<string, string>
            {
                ["Database__Provider"] = "SqlServer",
                ["ConnectionStrings__Portal"] = "Server=nowhere.invalid;Database=CoordinationPortal;Connect Timeout=1", // never contacted
            };

            var (exitCode, output) = await WebAppProcess.RunAsync(directory, sqlServer, BackupCommand.Name, "--to", backups);

            Assert.True(exitCode == 0, output);
            Assert.Contains("Back it up with SQL Server's own tools (BACKUP DATABASE", output, StringComparison.Ordinal);
            var folder = Assert.Single(Directory.GetDirectories(backups));
            Assert.False(File.Exists(Path.Combine(folder, "portal.db")));
            Assert.Equal("<key />", await File.ReadAllTextAsync(Path.Combine(folder, "keys", "key-1.xml"), TestContext.Current.CancellationToken));
            Assert.Equal(Scenario.PdfBytes, await File.ReadAllBytesAsync(Path.Combine(folder, "files", "0a1b.pdf"), TestContext.Current.CancellationToken));
        }
        finally
        {
            Delete(directory, backups);
        }
    }

    [Fact]
    public async Task A_backup_that_cannot_be_made_says_why_and_leaves_no_half_written_folder()
    {
        await using var portal = new PortalFactory { Settings = { ["Backup:BusyTimeout"] = "00:00:01" } };
        await portal.EntryAsync(Persona.CentralVwu, 1);
        var notAFolder = Path.Combine(portal.DataDirectory, "not-a-folder");
        await File.WriteAllTextAsync(notAFolder, string.Empty, TestContext.Current.CancellationToken);
        var backups = Path.Combine(portal.DataDirectory, "backups");

        var unwritable = await BackupAsync(portal, "--to", Path.Combine(notAFolder, "backups"));

        Assert.Equal(1, unwritable.ExitCode);
        Assert.Contains($"(writing to {Path.Combine(notAFolder, "backups")})", unwritable.Error, StringComparison.Ordinal);

        // Another process holds the database exclusively (as a stuck maintenance job would) beyond the timeout.
        SqliteConnection.ClearAllPools();
        await using (var holder = new SqliteConnection($"Data Source={Path.Combine(portal.DataDirectory, "portal.db")};Pooling=False"))
        {
            await holder.OpenAsync(TestContext.Current.CancellationToken);
            await QueryAsync(holder, "PRAGMA locking_mode = EXCLUSIVE");
            await QueryAsync(holder, "BEGIN EXCLUSIVE");

            var busy = await BackupAsync(portal);

            Assert.Equal(1, busy.ExitCode);
            Assert.Contains("stayed locked by another process for more than 1 s", busy.Error, StringComparison.Ordinal);
            Assert.Empty(Directory.GetFileSystemEntries(backups));
        }
    }

    private static async Task<(int ExitCode, string Output, string Error)> BackupAsync(PortalFactory portal, params string[] options)
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        using var error = new StringWriter(CultureInfo.InvariantCulture);
        var exitCode = await BackupCommand.RunAsync(portal.Services, [BackupCommand.Name, .. options], output, error, TestContext.Current.CancellationToken);
        return (exitCode, output.ToString(), error.ToString());
    }

    private static async Task<(int ExitCode, string Output, string Error)> RestoreAsync(PortalFactory portal, params string[] options)
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        using var error = new StringWriter(CultureInfo.InvariantCulture);
        var exitCode = await RestoreCommand.RunAsync(portal.Services, [RestoreCommand.Name, .. options], output, error, TestContext.Current.CancellationToken);
        return (exitCode, output.ToString(), error.ToString());
    }

    /// <summary>Lets the writers run until the condition holds, failing with a writer's own error if one stops.</summary>
    private static async Task WhileWritingAsync(List<Task> writers, Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            if (writers.Any(w => w.IsCompleted))
            {
                await Task.WhenAll(writers);
                Assert.Fail("A writer stopped early.");
            }

            Assert.True(DateTime.UtcNow < deadline, "The writers made too little progress in a minute.");
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Signs in through the form and returns the session cookie as a browser would send it back.</summary>
    private static async Task<string> SessionCookieAsync(PortalFactory portal, TestAccount account)
    {
        using var client = portal.NewClient();
        using var response = await PortalFactory.SignInAsync(client, account.Email, account.Password);
        Assert.Equal("/", PortalFactory.LandedOn(response));
        return string.Join("; ", response.Headers.GetValues("Set-Cookie")
            .Select(c => c.Split(';')[0])
            .Where(c => c.StartsWith("portal.session", StringComparison.Ordinal)));
    }

    private static async Task<List<string>> QueryAsync(string database, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        return await QueryAsync(connection, sql);
    }

    private static async Task<List<string>> QueryAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var values = new List<string>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            values.Add(Convert.ToString(reader.GetValue(0), CultureInfo.InvariantCulture)!);
        }

        return values;
    }

    private static void FakeBackup(string backups, string name)
    {
        Directory.CreateDirectory(Path.Combine(backups, name));
        File.WriteAllText(Path.Combine(backups, name, BackupManifest.FileName), "{}");
    }

    private static List<string> Names(string folder) =>
        [.. Directory.GetDirectories(folder).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)];

    private static List<string> KeyFiles(string dataDirectory) =>
        [.. Directory.GetFiles(Path.Combine(dataDirectory, "keys")).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)];

    private static string NewFolder() =>
        Path.Combine(Path.GetTempPath(), "coordination-portal-tests", "backups-" + Guid.NewGuid().ToString("N"));

    private static void Delete(params string[] folders)
    {
        SqliteConnection.ClearAllPools();
        foreach (var folder in folders.Where(Directory.Exists))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
