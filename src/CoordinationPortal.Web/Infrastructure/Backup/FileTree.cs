namespace CoordinationPortal.Web.Infrastructure.Backup;

/// <summary>Copies a folder of keys or evidence into a backup and back, checking each file against the manifest.</summary>
internal static class FileTree
{
    // Dot files count, and a file we may not read must fail the backup rather than be skipped.
    private static readonly EnumerationOptions Everything = new()
    {
        RecurseSubdirectories = true,
        AttributesToSkip = 0,
        IgnoreInaccessible = false,
    };

    /// <summary>Copies every file under <paramref name="source"/> (none when it does not exist) into a new owner-only folder.</summary>
    public static async Task<List<BackupManifest.CopiedFile>> CopyAsync(string source, string target, CancellationToken cancellationToken)
    {
        OwnerOnly.CreateNewFolder(target);
        var copied = new List<BackupManifest.CopiedFile>();
        if (!Directory.Exists(source))
        {
            return copied;
        }

        foreach (var file in Directory.EnumerateFiles(source, "*", Everything).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(source, file).Replace(Path.DirectorySeparatorChar, '/');
            var destination = Path.Combine(target, relative);
            OwnerOnly.CreateFolder(Path.GetDirectoryName(destination)!);
            try
            {
                var (bytes, sha256) = await OwnerOnly.CopyAsync(file, destination, cancellationToken);
                copied.Add(new BackupManifest.CopiedFile(relative, bytes, sha256));
            }
            catch (FileNotFoundException)
            {
                // Removed by the portal since the listing (evidence deleted meanwhile): nothing to keep.
            }
        }

        return copied;
    }

    /// <summary>Reads back every listed file and refuses the first one that is missing or changed.</summary>
    public static async Task VerifyAsync(string root, IEnumerable<BackupManifest.CopiedFile> files, CancellationToken cancellationToken)
    {
        foreach (var file in files)
        {
            var path = Within(root, file.Path);
            if (!File.Exists(path))
            {
                throw Mismatch(path, "it is missing");
            }

            var sha256 = await OwnerOnly.Sha256Async(path, cancellationToken);
            if (!string.Equals(sha256, file.Sha256, StringComparison.OrdinalIgnoreCase))
            {
                throw Mismatch(path, $"sha256 {sha256}, the manifest says {file.Sha256}");
            }
        }
    }

    /// <summary>Copies the listed files into a new owner-only folder, refusing any that differ from the manifest.</summary>
    public static async Task CopyListedAsync(string sourceRoot, IEnumerable<BackupManifest.CopiedFile> files, string target, CancellationToken cancellationToken)
    {
        OwnerOnly.CreateNewFolder(target);
        foreach (var file in files)
        {
            var source = Within(sourceRoot, file.Path);
            if (!File.Exists(source))
            {
                throw Mismatch(source, "it is missing");
            }

            var destination = Within(target, file.Path);
            OwnerOnly.CreateFolder(Path.GetDirectoryName(destination)!);
            var (bytes, sha256) = await OwnerOnly.CopyAsync(source, destination, cancellationToken);
            if (bytes != file.Bytes || !string.Equals(sha256, file.Sha256, StringComparison.OrdinalIgnoreCase))
            {
                throw Mismatch(source, $"{bytes} bytes with sha256 {sha256}, the manifest says {file.Bytes} bytes with {file.Sha256}");
            }
        }
    }

    public static BackupFailedException Mismatch(string path, string detail) =>
        new($"{path} does not match the backup's manifest ({detail}). The backup is damaged or was changed; nothing was restored from it.");

    /// <summary>A manifest path under <paramref name="root"/>; an edited manifest must not reach outside it.</summary>
    public static string Within(string root, string relative)
    {
        var full = Path.GetFullPath(Path.Combine(root, relative));
        var prefix = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root)) + Path.DirectorySeparatorChar;
        return Path.IsPathRooted(relative) || !full.StartsWith(prefix, StringComparison.Ordinal)
            ? throw new BackupFailedException($"The manifest names '{relative}', which is outside {root}; the backup was edited. Nothing was restored from it.")
            : full;
    }

    /// <summary>Moves a file or folder, copying when the target is on another disk (a folder move cannot cross disks).</summary>
    public static void Move(string source, string target)
    {
        if (File.Exists(source))
        {
            File.Move(source, target);
            return;
        }

        try
        {
            Directory.Move(source, target);
        }
        catch (IOException) when (Directory.Exists(source) && !Directory.Exists(target))
        {
            CopyFolder(source, target);
            Directory.Delete(source, recursive: true);
        }
    }

    private static void CopyFolder(string source, string target)
    {
        OwnerOnly.CreateFolder(target);
        foreach (var file in Directory.EnumerateFiles(source, "*", Everything))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(source, file));
            OwnerOnly.CreateFolder(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
    }
}
