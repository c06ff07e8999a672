using System.Security.Cryptography;

namespace CoordinationPortal.Web.Infrastructure.Backup;

/// <summary>
/// Backups hold password hashes, the keys that sign sessions and the evidence files, so on Unix
/// every folder is created 0700 and every file 0600 from the start, never widened afterwards.
/// (Windows gives new files the parent folder's ACL; the README says to restrict that folder.)
/// </summary>
internal static class OwnerOnly
{
    private const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Creates the folder (and missing parents) owner-only; an existing folder is left as it is.</summary>
    public static void CreateFolder(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, FolderMode);
        }
    }

    /// <summary>Creates a folder that must not exist yet, owner-only whatever the umask.</summary>
    public static void CreateNewFolder(string path)
    {
        if (Directory.Exists(path))
        {
            throw new IOException($"{path} already exists.");
        }

        CreateFolder(path);
        Restrict(path);
    }

    /// <summary>Narrows a file or folder that another library created (SQLite's copy) to its owner.</summary>
    public static void Restrict(string path)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, Directory.Exists(path) ? FolderMode : FileMode);
        }
    }

    /// <summary>A new file for writing, owner-only from the moment it exists.</summary>
    public static FileStream CreateFile(string path)
    {
        var options = new FileStreamOptions { Mode = System.IO.FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None, BufferSize = 81920, Options = FileOptions.Asynchronous };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = FileMode;
        }

        return new FileStream(path, options);
    }

    /// <summary>Copies one file, hashing the bytes as they pass; flushed to the disk before returning.</summary>
    public static async Task<(long Bytes, string Sha256)> CopyAsync(string source, string target, CancellationToken cancellationToken)
    {
        // Shared for writing and deleting: the running portal may be adding or removing evidence meanwhile.
        await using var input = new FileStream(source, System.IO.FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 81920, useAsync: true);
        await using var output = CreateFile(target);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[81920];
        long bytes = 0;
        int read;
        while ((read = await input.ReadAsync(buffer, cancellationToken)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            bytes += read;
        }

        await output.FlushAsync(cancellationToken);
        output.Flush(flushToDisk: true);
        return (bytes, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    public static async Task<string> Sha256Async(string path, CancellationToken cancellationToken)
    {
        await using var input = new FileStream(path, System.IO.FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(input, cancellationToken));
    }
}
