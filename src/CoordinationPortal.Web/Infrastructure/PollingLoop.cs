namespace CoordinationPortal.Web.Infrastructure;

/// <summary>
/// The loop of the app's background workers (the e-mail sender, the schedule): a pass every
/// interval until the app stops. A failed pass is reported and the next one tries again, so
/// nothing a pass meets (a busy database, a mail server down) stops the worker.
/// </summary>
internal static class PollingLoop
{
    public static async Task RunAsync(Func<CancellationToken, Task> pass, TimeSpan interval, TimeProvider clock, Action<Exception> passFailed, CancellationToken stoppingToken)
    {
        ArgumentNullException.ThrowIfNull(pass);
        ArgumentNullException.ThrowIfNull(passFailed);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await pass(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                passFailed(exception);
            }

            try
            {
                await Task.Delay(interval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
