using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Localization;

namespace CoordinationPortal.Web.Infrastructure.Security;

/// <summary>
/// Outside Development the portal answers only to its own host names and only over HTTPS (its
/// sign-in and form cookies are Secure), and refuses to start where either cannot hold; responses
/// do not name the server software. See docs/decisions/0027.
/// </summary>
public static class HttpsAndHosts
{
    /// <summary>ASP.NET Core's host filtering setting: host names separated by ';'.</summary>
    public const string AllowedHostsSetting = "AllowedHosts";

    public static IServiceCollection AddPortalHttpsAndHosts(this IServiceCollection services)
    {
        services.Configure<KestrelServerOptions>(options => options.AddServerHeader = false);

        services.AddHostedService<PlainHttpStartCheck>();
        return services;
    }

    /// <summary>
    /// Outside Development, AllowedHosts must name the portal's host names: ASP.NET Core's host
    /// filtering then answers 400 to a request for any other name before anything (the sign-in
    /// redirect, the HTTPS redirect) builds a URL from it. "*" or nothing refuses the start.
    /// </summary>
    public static WebApplication CheckPortalHostNames(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.Environment.IsDevelopment())
        {
            return app;
        }

        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(StorageStartup.LoggerName);
        var value = app.Configuration[AllowedHostsSetting];
        var hosts = (value ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (hosts.Length == 0 || hosts.Contains("*", StringComparer.Ordinal))
        {
            var problem = new SettingsStartupException(
                $"{AllowedHostsSetting} is {(string.IsNullOrWhiteSpace(value) ? "not set" : $"'{value}'")}: in the {app.Environment.EnvironmentName} environment the portal " +
                "answers only to its own host names, so that no request can make it build links and redirects to another site. Set it to the names " +
                $"people type, separated by ';', for example the environment variable {AllowedHostsSetting}=portal.example.gov.vn (docs/security.md).");
            logger.LogCritical("{Problem}", problem.Message);
            throw problem;
        }

        logger.LogInformation("Answers to the host names {Hosts} ({Setting}); any other gets 400", string.Join(", ", hosts), AllowedHostsSetting);
        return app;
    }

    /// <summary>
    /// Outside Development, a request that reaches the portal over plain HTTP (no TLS, and no
    /// X-Forwarded-Proto from a listed proxy) gets a page that says HTTPS is required, instead of a
    /// 500 from the Secure-only antiforgery cookie, and the log says what to configure. The health
    /// endpoints still answer, for a monitor on the server itself.
    /// </summary>
    public static WebApplication UsePortalHttpsOnly(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.Environment.IsDevelopment())
        {
            return app;
        }

        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(HttpsAndHosts).FullName!);
        var encoder = app.Services.GetRequiredService<HtmlEncoder>();
        app.Use(async (context, next) =>
        {
            if (context.Request.IsHttps || context.Request.Path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase))
            {
                await next(context);
                return;
            }

            logger.LogWarning(
                "A request for {Path} came over plain HTTP from {Address} and was refused: this portal works only over HTTPS. Give Kestrel an HTTPS endpoint, or end TLS at a reverse proxy listed in ForwardedHeaders:KnownProxies that sends X-Forwarded-Proto",
                context.Request.Path.Value,
                context.Connection.RemoteIpAddress);
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            context.Response.ContentType = "text/html; charset=utf-8";
            context.Response.Headers.CacheControl = "no-store";
            await context.Response.WriteAsync(Page(context.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>(), encoder), context.RequestAborted);
        });
        return app;
    }

    /// <summary>
    /// A plain page in both languages: the request never reached the localization middleware, and the
    /// site's layout (its forms need the Secure antiforgery cookie) cannot be drawn over HTTP.
    /// </summary>
    private static string Page(IStringLocalizer<SharedResource> localizer, HtmlEncoder encoder)
    {
        var before = CultureInfo.CurrentUICulture;
        try
        {
            string In(CultureInfo culture, string key)
            {
                CultureInfo.CurrentUICulture = culture;
                return encoder.Encode(localizer[key].Value);
            }

            var vi = LocalizationSetup.Vietnamese;
            var en = LocalizationSetup.English;
            return $"""
                <!DOCTYPE html>
                <html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{In(vi, "HttpsRequired.Title")}</title></head>
                <body>
                <h1>{In(vi, "HttpsRequired.Title")}</h1>
                <p>{In(vi, "HttpsRequired.Text")}</p>
                <p>{In(vi, "HttpsRequired.Operator")}</p>
                <hr>
                <h2 lang="en">{In(en, "HttpsRequired.Title")}</h2>
                <p lang="en">{In(en, "HttpsRequired.Text")}</p>
                <p lang="en">{In(en, "HttpsRequired.Operator")}</p>
                </body></html>
                """;
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    /// <summary>
    /// Outside Development, a portal that listens only on plain HTTP with no reverse proxy listed could
    /// never receive an HTTPS request: it stops at start with what to configure instead of failing
    /// every form later.
    /// </summary>
    private sealed class PlainHttpStartCheck(IServer server, IConfiguration configuration, IHostEnvironment environment, ILoggerFactory loggers) : IHostedLifecycleService
    {
        public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        /// <summary>After every hosted service has started, the server included: the addresses it listens on are known.</summary>
        public Task StartedAsync(CancellationToken cancellationToken)
        {
            var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            if (environment.IsDevelopment()
                || addresses.Count == 0 // a test server or a host that does not say
                || addresses.Any(a => a.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
                || ProxySetup.KnownProxies(configuration).Length > 0)
            {
                return Task.CompletedTask;
            }

            var problem = new SettingsStartupException(
                $"The portal listens on {string.Join(", ", addresses)}, plain HTTP only, and no reverse proxy is listed in ForwardedHeaders:KnownProxies: " +
                $"in the {environment.EnvironmentName} environment it works only over HTTPS (its sign-in and form cookies are Secure), so no form could be sent. " +
                "Either end TLS at a reverse proxy and list its address (for example ForwardedHeaders__KnownProxies__0=127.0.0.1) so that its " +
                "X-Forwarded-Proto is trusted, or give Kestrel an HTTPS endpoint with a certificate (docs/security.md).");
            loggers.CreateLogger(StorageStartup.LoggerName).LogCritical("{Problem}", problem.Message);
            throw problem;
        }

        public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
