using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace CoordinationPortal.Web.Infrastructure.Security;

public static class RateLimiting
{
    public const string SignInPolicy = "sign-in";

    /// <summary>
    /// Limits sign-in posts per client address, on top of the per-account lockout, so one address
    /// cannot try many accounts. Behind a reverse proxy, configure forwarded headers so the client
    /// address is the real one.
    /// </summary>
    public static IServiceCollection AddPortalRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        var permits = (configuration.GetSection(SecurityOptions.Section).Get<SecurityOptions>() ?? new SecurityOptions()).SignInPostsPerMinute;
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(SignInPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });
        return services;
    }
}
