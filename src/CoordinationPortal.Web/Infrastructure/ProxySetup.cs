using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace CoordinationPortal.Web.Infrastructure;

public static class ProxySetup
{
    public const string Section = "ForwardedHeaders";

    /// <summary>
    /// Behind a reverse proxy that ends TLS, trust its X-Forwarded-For and X-Forwarded-Proto (and
    /// only from the addresses listed in ForwardedHeaders:KnownProxies), so that the audit trail
    /// and the sign-in rate limit see the real client, and secure cookies work. Off when none is listed.
    /// </summary>
    public static IServiceCollection AddPortalProxySupport(this IServiceCollection services, IConfiguration configuration)
    {
        var proxies = KnownProxies(configuration);
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.ForwardLimit = 1;
            options.KnownIPNetworks.Clear();
            options.KnownProxies.Clear();
            foreach (var proxy in proxies)
            {
                options.KnownProxies.Add(IPAddress.Parse(proxy));
            }
        });
        return services;
    }

    /// <summary>
    /// Only with a list: ASP.NET Core trusts forwarded headers from anyone when both its proxy and
    /// network lists are empty, which would let a client choose the address it is logged under.
    /// </summary>
    public static IApplicationBuilder UsePortalProxySupport(this IApplicationBuilder app, IConfiguration configuration) =>
        KnownProxies(configuration).Length > 0 ? app.UseForwardedHeaders() : app;

    /// <summary>The addresses of ForwardedHeaders:KnownProxies, as configured.</summary>
    public static string[] KnownProxies(IConfiguration configuration) =>
        configuration.GetSection($"{Section}:KnownProxies").Get<string[]>() ?? [];
}
