namespace CoordinationPortal.Web.Infrastructure;

/// <summary>
/// A person who closes the tab or navigates away mid-request is not a failure of the portal. Inside
/// the request log, a cancelled read or write after the client went away answers 499 (logged as
/// information, the status nginx uses) instead of surfacing as a 500 error that pages an operator.
/// The exception handler already treats such requests this way, but it sits outside the request log,
/// which would have logged them as errors first.
/// </summary>
public static class ClientAborts
{
    public const int StatusCode = StatusCodes.Status499ClientClosedRequest;

    public static IApplicationBuilder UsePortalClientAborts(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            catch (Exception exception) when (exception is OperationCanceledException or IOException && context.RequestAborted.IsCancellationRequested)
            {
                if (!context.Response.HasStarted)
                {
                    context.Response.StatusCode = StatusCode;
                }
            }
        });
}
