using System.Runtime.InteropServices;
using CoordinationPortal.Web.Infrastructure.Files;
using Microsoft.Extensions.Options;

namespace CoordinationPortal.Web.Infrastructure;

/// <summary>
/// The data folder holds password hashes, the session keys, logs and the evidence files: on Unix
/// only the account the portal runs as may read any of it (folders 0700, files 0600). New files
/// get that from the process's umask, whoever creates them (SQLite its database, -wal and -shm,
/// Serilog its logs, Data Protection its keys); what an earlier version left wider is narrowed at
/// start. See docs/decisions/0026. (On Windows, restrict the folder's ACL; the README says how.)
/// </summary>
public static class OwnerOnlyFiles
{
    private const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode GroupAndOthers = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>
    /// umask 077 for the whole process, before anything creates a file: SQLite, Serilog and Data
    /// Protection take no file mode, and a file narrowed after it is created is readable in between.
    /// </summary>
    public static void ApplyToNewFiles()
    {
        if (!OperatingSystem.IsWindows())
        {
            _ = NativeMethods.Umask(0b000_111_111);
        }
    }

    /// <summary>Narrows to owner-only what an earlier version created in the data and evidence folders (and the database's own files).</summary>
    public static WebApplication RestrictPortalData(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (OperatingSystem.IsWindows())
        {
            return app;
        }

        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(StorageStartup.LoggerName);
        var data = app.Configuration.ResolveDataDirectory(app.Environment);
        var files = app.Services.GetRequiredService<IOptions<FileStoreOptions>>().Value.ResolveRoot(data);
        var result = new Narrowing();
        Narrow(data, result);
        if (!IsInside(files, data))
        {
            Narrow(files, result);
        }

        // A connection string may put the SQLite file elsewhere: it and its -wal and -shm files.
        using (var scope = app.Services.CreateScope())
        {
            if (DatabaseLocation.SqliteFile(scope.ServiceProvider.GetRequiredService<Data.PortalDbContext>()) is { } database && !IsInside(database, data))
            {
                foreach (var file in new[] { database, database + "-wal", database + "-shm" }.Where(File.Exists))
                {
                    result.Apply(file, FileMode);
                }
            }
        }

        if (result.Narrowed > 0)
        {
            logger.LogInformation("Narrowed {Count} files and folders under {DataFolder} to its owner only (folders 0700, files 0600)", result.Narrowed, data);
        }

        if (result.FirstFailure is { } failure)
        {
            logger.LogWarning(
                "Could not narrow {Count} files or folders under {DataFolder} to its owner only, for example {Path}: {Error}. Make the account the portal runs as ({User}) their owner, or run chmod -R go-rwx on them",
                result.Failed,
                data,
                failure.Path,
                failure.Error,
                Environment.UserName);
        }

        return app;
    }

    private static void Narrow(string root, Narrowing result)
    {
        if (!Directory.Exists(root))
        {
            return;
        }

        result.Apply(root, FolderMode);

        // Hidden files too (the store's ".name.part"); links are left alone: chmod would change their target.
        var everything = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint, IgnoreInaccessible = true };
        foreach (var entry in new DirectoryInfo(root).EnumerateFileSystemInfos("*", everything))
        {
            result.Apply(entry.FullName, entry is DirectoryInfo ? FolderMode : FileMode);
        }
    }

    private static bool IsInside(string path, string folder) =>
        Path.GetFullPath(path).StartsWith(Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)) + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    private sealed class Narrowing
    {
        public int Narrowed { get; private set; }

        public int Failed { get; private set; }

        public (string Path, string Error)? FirstFailure { get; private set; }

        public void Apply(string path, UnixFileMode mode)
        {
            if (OperatingSystem.IsWindows())
            {
                return;
            }

            try
            {
                if ((File.GetUnixFileMode(path) & GroupAndOthers) != 0)
                {
                    File.SetUnixFileMode(path, mode);
                    Narrowed++;
                }
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                Failed++;
                FirstFailure ??= (path, exception.Message);
            }
        }
    }

    private static class NativeMethods
    {
        // mode_t is 32 bits on Linux; the previous mask is of no use here.
        [DllImport("libc", EntryPoint = "umask")]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern uint Umask(uint mask);
    }
}
