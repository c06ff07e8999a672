namespace CoordinationPortal.Web.Infrastructure.Backup;

/// <summary>
/// The running portal holds a shared lock on &lt;DataDirectory&gt;/portal.lock; restore takes it
/// exclusively. So restore refuses while a portal runs on the folder (an idle portal may have no
/// database connection open, so SQLite alone cannot tell), and a portal started during a restore
/// stops with a clear message. The operating system drops the lock when the process ends, however
/// it ends, so no kill can leave it behind.
/// </summary>
public sealed class DataDirectoryLock(IConfiguration configuration, IHostEnvironment environment, ILogger<DataDirectoryLock> logger) : IHostedService, IDisposable
{
    public const string FileName = "portal.lock";

    private FileStream? _held;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var directory = configuration.ResolveDataDirectory(environment);
        var path = Path.Combine(directory, FileName);
        try
        {
            Directory.CreateDirectory(directory);

            // Shared (any FileShare but None): several portals may share a data folder (SQL Server with files on a share).
            _held = new FileStream(path, FileMode.OpenOrCreate, FileAccess.Read, FileShare.ReadWrite);
        }
        catch (IOException exception) when (IsHeldElsewhere(exception))
        {
            throw new InvalidOperationException($"{path} is locked: a restore is running on {directory}. Start the portal again once it has finished.", exception);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // A read-only or full data folder must not stop the start; health checks report it.
            logger.LogWarning(exception, "Could not hold {LockFile}; restore will not see that this portal is running", path);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _held?.Dispose();
        _held = null;
    }

    /// <summary>The lock for restore alone, or null while a portal (or another restore) holds the folder.</summary>
    public static FileStream? TryTakeExclusive(string dataDirectory)
    {
        try
        {
            return new FileStream(Path.Combine(dataDirectory, FileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException exception) when (IsHeldElsewhere(exception))
        {
            return null;
        }
    }

    // Windows: ERROR_SHARING_VIOLATION or ERROR_LOCK_VIOLATION. Unix: .NET takes flock() and reports a
    // lock held elsewhere with errno EWOULDBLOCK (11 on Linux, 35 on macOS and the BSDs) as the HResult.
    private static bool IsHeldElsewhere(IOException exception) =>
        OperatingSystem.IsWindows() ? exception.HResult is unchecked((int)0x80070020) or unchecked((int)0x80070021)
        : OperatingSystem.IsLinux() ? exception.HResult == 11
        : exception.HResult == 35;
}
