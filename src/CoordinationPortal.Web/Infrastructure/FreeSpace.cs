namespace CoordinationPortal.Web.Infrastructure;

public static class FreeSpace
{
    /// <summary>
    /// Megabytes this account may still write on the volume that holds <paramref name="path"/>
    /// (its nearest existing folder), or null when the system cannot say.
    /// </summary>
    public static long? MegabytesAvailable(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var existing = Path.GetFullPath(path);
        while (!Directory.Exists(existing) && Path.GetDirectoryName(existing) is { } parent)
        {
            existing = parent;
        }

        try
        {
            // On Unix DriveInfo asks statvfs about the path itself, so a data folder on its own
            // volume is measured there; Windows only knows drives by their root.
            var drive = new DriveInfo(OperatingSystem.IsWindows() ? Path.GetPathRoot(existing)! : existing);
            return drive.AvailableFreeSpace / (1024 * 1024);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }
}
