using Microsoft.Extensions.Options;

namespace CoordinationPortal.Web.Infrastructure.Scheduling;

/// <summary>
/// Looks for due jobs every poll interval while the app runs. Nothing it meets (database busy, a
/// job's error) stops it: a failed run keeps its lease until it expires and is then run again.
/// </summary>
internal sealed partial class ScheduleService(
    ScheduleRunner runner,
    IOptions<ScheduleOptions> options,
    TimeProvider clock,
    ILogger<ScheduleService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Background)
        {
            return;
        }

        await PollingLoop.RunAsync(runner.RunDueAsync, settings.PollInterval, clock, exception => LogPassFailed(logger, exception), stoppingToken);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A pass of the schedule failed; a job that failed is run again when its lease expires")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);
}
