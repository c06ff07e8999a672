using CoordinationPortal.Domain.Common;

namespace CoordinationPortal.Web.Infrastructure;

public static class ErrorHandling
{
    /// <summary>
    /// Failures become friendly pages: a refused rule or a malformed request is a 400 page that says
    /// what was wrong, anything else a 500 page with a request id (and, in Development only, the
    /// exception under it). Status codes without a body (404, 403...) are re-executed into the same pages.
    /// </summary>
    public static WebApplication UsePortalErrorPages(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandlingPath = "/error",
            StatusCodeSelector = StatusCodeOf,
        });
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
            app.UseHttpsRedirection();
        }

        app.UseStatusCodePagesWithReExecute("/error/{0}");
        return app;
    }

    /// <summary>What an exception says about the request: the caller's mistake (4xx) or ours (500).</summary>
    public static int StatusCodeOf(Exception exception) => exception switch
    {
        DomainRuleException => StatusCodes.Status400BadRequest,
        BadHttpRequestException bad => bad.StatusCode,
        InvalidDataException => StatusCodes.Status400BadRequest, // a malformed multipart or form body
        _ => StatusCodes.Status500InternalServerError,
    };
}
