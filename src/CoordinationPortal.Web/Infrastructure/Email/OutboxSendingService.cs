using Microsoft.Extensions.Options;

namespace CoordinationPortal.Web.Infrastructure.Email;

/// <summary>
/// Runs the <see cref="OutboxSender"/> every poll interval while the app runs. Nothing it meets
/// (mail server down, database busy) stops it: the next pass tries again.
/// </summary>
internal sealed partial class OutboxSendingService(
    OutboxSender sender,
    IOptions<EmailOptions> options,
    TimeProvider clock,
    ILogger<OutboxSendingService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.IsEnabled)
        {
            LogEmailOff(logger);
            return;
        }

        if (!settings.BackgroundSending)
        {
            return;
        }

        // The database may be briefly unavailable; the messages stay queued for the next pass.
        await PollingLoop.RunAsync(sender.SendDueAsync, settings.PollInterval, clock, exception => LogPassFailed(logger, exception), stoppingToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "E-mail is off (no Email:Host): notifications stay in the portal")]
    private static partial void LogEmailOff(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "The e-mail sender's pass failed; it tries again at the next interval")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);
}
