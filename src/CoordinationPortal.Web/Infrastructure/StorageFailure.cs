using Microsoft.Data.Sqlite;
using Microsoft.Data.SqlClient;

namespace CoordinationPortal.Web.Infrastructure;

/// <summary>Why the server's storage refused a read or a write; none of these is the user's fault.</summary>
public enum StorageFailureKind
{
    /// <summary>No space left on the disk (or the database's file group / quota).</summary>
    DiskFull,

    /// <summary>The file, folder or database may be read but not written by this account.</summary>
    ReadOnly,

    /// <summary>The database file or its folder cannot be opened (missing, not a file, no permission).</summary>
    CannotOpen,

    /// <summary>Another connection or process held the write lock for longer than the busy timeout.</summary>
    Busy,

    /// <summary>The disk answered with an input/output error (often a full disk or a lost volume).</summary>
    IoError,

    /// <summary>The database file is not a database or is damaged.</summary>
    Damaged,
}

/// <summary>
/// Recognises storage failures in an exception and the exceptions it wraps (EF Core wraps SQLite's
/// in <c>DbUpdateException</c>), so that they get a 503 page and a log line naming the cause and
/// the path, instead of a bare 500.
/// </summary>
public static class StorageFailure
{
    // errno values; .NET puts them in IOException.HResult on Linux and macOS.
    private const int Enospc = 28;
    private const int Erofs = 30;
    private const int EdquotLinux = 122;
    private const int EdquotMac = 69;

    // Win32 codes, in the low word of IOException.HResult on Windows.
    private const int ErrorHandleDiskFull = 39;
    private const int ErrorDiskFull = 112;
    private const int ErrorWriteProtect = 19;

    /// <summary>The kind of storage failure behind <paramref name="exception"/>, or null when it is something else.</summary>
    public static StorageFailureKind? Classify(Exception? exception) =>
        Cause(exception) is { } cause ? KindOf(cause) : null;

    /// <summary>The exception, in <paramref name="exception"/> or the ones it wraps, whose message says what the storage refused.</summary>
    public static Exception? Cause(Exception? exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (KindOf(current) is not null)
            {
                return current;
            }
        }

        return null;
    }

    private static StorageFailureKind? KindOf(Exception exception) => exception switch
    {
        SqliteException sqlite => FromSqlite(sqlite.SqliteErrorCode),
        SqlException sql => FromSqlServer(sql.Number),
        IOException io => FromIo(io.HResult),
        UnauthorizedAccessException => StorageFailureKind.ReadOnly,
        _ => null,
    };

    /// <summary>The cause in one phrase, for log lines (English, like the rest of the log).</summary>
    public static string Describe(StorageFailureKind kind) => kind switch
    {
        StorageFailureKind.DiskFull => "the disk is full",
        StorageFailureKind.ReadOnly => "it is read-only or not writable by this account",
        StorageFailureKind.CannotOpen => "it cannot be opened (missing, not a file, or no permission)",
        StorageFailureKind.Busy => "another process holds its write lock",
        StorageFailureKind.IoError => "the disk reported an input/output error (a full disk or a lost volume)",
        StorageFailureKind.Damaged => "it is not a valid database or is damaged",
        _ => kind.ToString(),
    };

    // Primary result codes of https://sqlite.org/rescode.html; extended codes keep them in the low byte.
    private static StorageFailureKind? FromSqlite(int code) => (code & 0xFF) switch
    {
        13 => StorageFailureKind.DiskFull, // SQLITE_FULL
        8 => StorageFailureKind.ReadOnly, // SQLITE_READONLY
        14 => StorageFailureKind.CannotOpen, // SQLITE_CANTOPEN
        5 or 6 => StorageFailureKind.Busy, // SQLITE_BUSY, SQLITE_LOCKED
        10 => StorageFailureKind.IoError, // SQLITE_IOERR
        11 or 26 => StorageFailureKind.Damaged, // SQLITE_CORRUPT, SQLITE_NOTADB
        _ => null,
    };

    private static StorageFailureKind? FromSqlServer(int number) => number switch
    {
        1105 or 9002 => StorageFailureKind.DiskFull, // file group full, transaction log full
        3906 => StorageFailureKind.ReadOnly, // database is read-only
        _ => null,
    };

    private static StorageFailureKind? FromIo(int hresult)
    {
        if (OperatingSystem.IsWindows())
        {
            return (hresult & 0xFFFF) switch
            {
                ErrorDiskFull or ErrorHandleDiskFull => StorageFailureKind.DiskFull,
                ErrorWriteProtect => StorageFailureKind.ReadOnly,
                _ => null,
            };
        }

        return hresult switch
        {
            Enospc => StorageFailureKind.DiskFull,
            EdquotLinux when OperatingSystem.IsLinux() => StorageFailureKind.DiskFull,
            EdquotMac when OperatingSystem.IsMacOS() => StorageFailureKind.DiskFull,
            Erofs => StorageFailureKind.ReadOnly,
            _ => null,
        };
    }
}
