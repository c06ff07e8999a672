using Microsoft.Data.Sqlite;

namespace CoordinationPortal.Web.Infrastructure.Backup;

/// <summary>Why a backup or restore stopped, in words an operator can act on; the commands print it and exit 1.</summary>
public sealed class BackupFailedException : Exception
{
    public BackupFailedException(string message)
        : base(message)
    {
    }

    public BackupFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public BackupFailedException()
    {
    }

    // ENOSPC on Linux and macOS; ERROR_DISK_FULL and ERROR_HANDLE_DISK_FULL on Windows.
    private static readonly int[] DiskFullCodes = [28, unchecked((int)0x80070070), unchecked((int)0x80070027)];

    /// <summary>True for what the disk or SQLite throws; anything else is a bug and keeps its stack trace.</summary>
    public static bool IsExplained(Exception exception) =>
        exception is BackupFailedException or IOException or UnauthorizedAccessException or SqliteException;

    /// <summary>
    /// Turns what the file system or SQLite threw into the cause and the path, for the few causes an
    /// operator meets (no permission, disk full, database locked, damaged file); the rest keeps its
    /// own message, still with the path.
    /// </summary>
    public static BackupFailedException Explain(Exception exception, string writingTo, string? database, TimeSpan busyTimeout)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception switch
        {
            BackupFailedException failure => failure,
            SqliteException { SqliteErrorCode: 5 or 6 } => new BackupFailedException(
                $"The database {database} stayed locked by another process for more than {busyTimeout.TotalSeconds:0} s. " +
                "Try again later, or raise Backup:BusyTimeout.", exception),
            SqliteException { SqliteErrorCode: 13 } => DiskFull(writingTo, exception),
            IOException io when DiskFullCodes.Contains(io.HResult) => DiskFull(writingTo, exception),
            SqliteException { SqliteErrorCode: 11 or 26 } => new BackupFailedException(
                $"SQLite says a database file is damaged ({exception.Message}). Source: {database}. Restore the newest good backup.", exception),
            SqliteException { SqliteErrorCode: 14 } => new BackupFailedException(
                $"SQLite could not open a file while writing to {writingTo} ({exception.Message}). Check that the folder exists and that this account may write to it.", exception),
            UnauthorizedAccessException => new BackupFailedException(
                $"Permission denied while writing to {writingTo}: {exception.Message} Run the command as the account the portal runs as, or choose a folder it may write to.", exception),
            _ => new BackupFailedException($"{exception.Message} (writing to {writingTo})", exception),
        };
    }

    private static BackupFailedException DiskFull(string writingTo, Exception exception) =>
        new($"The disk holding {writingTo} is full ({exception.Message}). Free space there, or lower --keep, then run the command again.", exception);
}
