using CoordinationPortal.Web.Infrastructure.Files;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace CoordinationPortal.Web.Infrastructure.Health;

/// <summary>
/// Ready only when the data folder (database, logs, keys) and the evidence folder take a write and
/// their disk has at least Health:MinimumFreeMegabytes free, so that a disk filling up is seen
/// before the first refused save.
/// </summary>
public sealed class StorageCheck(
    IConfiguration configuration,
    IHostEnvironment environment,
    IOptions<FileStoreOptions> files,
    IOptions<HealthOptions> options,
    ILogger<StorageCheck> logger) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var dataDirectory = configuration.ResolveDataDirectory(environment);
        var problems = new List<string>();
        foreach (var (label, folder) in new[] { ("data folder", dataDirectory), ("evidence folder", files.Value.ResolveRoot(dataDirectory)) })
        {
            if (Check(label, folder) is { } problem)
            {
                problems.Add(problem);
            }
        }

        return Task.FromResult(problems.Count == 0
            ? HealthCheckResult.Healthy("the data and evidence folders take writes and have room")
            : HealthCheckResult.Unhealthy(string.Join("; ", problems)));
    }

    private string? Check(string label, string folder)
    {
        try
        {
            Directory.CreateDirectory(folder);
            using var probe = new FileStream(Path.Combine(folder, $".health-{Guid.NewGuid():N}.tmp"), FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose);
            probe.WriteByte(0);
            probe.Flush();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            var kind = StorageFailure.Classify(exception);
            logger.LogWarning("Readiness: the {Label} {Folder} cannot be written: {Error}", label, folder, exception.Message);
            return $"the {label} cannot be written: {(kind is null ? "it cannot be opened" : StorageFailure.Describe(kind.Value))}";
        }

        var free = FreeSpace.MegabytesAvailable(folder);
        var minimum = options.Value.MinimumFreeMegabytes;
        if (free < minimum)
        {
            logger.LogWarning(
                "Readiness: {FreeMegabytes} MB free on the disk holding the {Label} {Folder}, below the minimum of {MinimumMegabytes} MB (Health:MinimumFreeMegabytes)",
                free,
                label,
                folder,
                minimum);
            return $"free space on the disk of the {label} is below the minimum (Health:MinimumFreeMegabytes)";
        }

        return null;
    }
}
