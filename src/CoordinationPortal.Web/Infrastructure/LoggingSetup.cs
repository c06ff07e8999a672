using Serilog;

namespace CoordinationPortal.Web.Infrastructure;

public static class LoggingSetup
{
    /// <summary>
    /// Serilog from the "Serilog" configuration section (console and rolling file sinks). A relative
    /// file path is placed under the data directory, so logs land beside the database whatever the
    /// working directory.
    /// </summary>
    public static WebApplicationBuilder AddPortalLogging(this WebApplicationBuilder builder)
    {
        builder.Services.AddSerilog((services, logger) =>
        {
            var configuration = services.GetRequiredService<IConfiguration>();
            var dataDirectory = configuration.ResolveDataDirectory(services.GetRequiredService<IHostEnvironment>());
            foreach (var sink in configuration.GetSection("Serilog:WriteTo").GetChildren())
            {
                var path = sink["Args:path"];
                if (path is not null && !Path.IsPathRooted(path))
                {
                    configuration[$"{sink.Path}:Args:path"] = Path.Combine(dataDirectory, path);
                }
            }

            logger
                .ReadFrom.Configuration(configuration)
                .ReadFrom.Services(services)
                .Enrich.FromLogContext();
        },
        // Each host logs through its own logger (tests start many hosts in one process), never Serilog's static one.
        preserveStaticLogger: true);
        return builder;
    }

    /// <summary>One line per request with its id, status and timing; the request id is on every event via the log context.</summary>
    public static IApplicationBuilder UsePortalRequestLogging(this IApplicationBuilder app) =>
        app.UseSerilogRequestLogging(options =>
        {
            // This host's logger, not Serilog's static one, which the last host started in a process replaces.
            options.Logger = app.ApplicationServices.GetService<Serilog.ILogger>();
            options.EnrichDiagnosticContext = (diagnostics, http) =>
            {
                diagnostics.Set("RequestId", http.TraceIdentifier);
                diagnostics.Set("UserName", http.User.Identity?.IsAuthenticated == true ? http.User.Identity.Name : "(anonymous)");
            };
        });
}
