namespace CoordinationPortal.Web.Infrastructure;

public static class ErrorHandling
{
    /// <summary>
    /// Developers see the exception page; everyone else a friendly page without a stack trace.
    /// Status codes without a body (404, 403...) are re-executed into the same friendly pages.
    /// </summary>
    public static WebApplication UsePortalErrorPages(this WebApplication app)
    {
        if (app.Environment.IsDevelopment())
        {
            app.UseDeveloperExceptionPage();
        }
        else
        {
            app.UseExceptionHandler("/error");
            app.UseHsts();
            app.UseHttpsRedirection();
        }

        app.UseStatusCodePagesWithReExecute("/error/{0}");
        return app;
    }
}
