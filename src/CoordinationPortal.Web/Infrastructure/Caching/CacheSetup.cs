using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CoordinationPortal.Web.Infrastructure.Caching;

/// <summary>The "Redis" configuration section: where nodes keep the cache they share.</summary>
public sealed class RedisOptions
{
    public const string Section = "Redis";

    /// <summary>A StackExchange.Redis configuration string (e.g. "cache.example:6379,password=..."); empty: each node caches in its own memory.</summary>
    public string? Configuration { get; set; }

    /// <summary>Prefixes every key, so that one Redis can serve other applications too.</summary>
    public const string InstanceName = "CoordinationPortal:";
}

public static class CacheSetup
{
    /// <summary>
    /// The fragment cache (ADR 0048): the output cache store in Redis when Redis:Configuration is set,
    /// in this process's memory otherwise, and the interceptor that evicts the dashboard after writes.
    /// </summary>
    public static IServiceCollection AddPortalFragmentCache(this IServiceCollection services, IConfiguration configuration)
    {
        var redis = configuration.GetSection(RedisOptions.Section).Get<RedisOptions>()?.Configuration;
        if (!string.IsNullOrWhiteSpace(redis))
        {
            // Registered first: AddOutputCache below only adds its in-memory store when none is there.
            services.AddStackExchangeRedisOutputCache(options =>
            {
                options.Configuration = redis;
                options.InstanceName = RedisOptions.InstanceName;
            });
        }

        services.AddOutputCache();
        services.AddSingleton<FragmentCache>();
        services.AddSingleton<Features.Provinces.ProvinceCatalogCache>();
        services.AddSingleton<Features.Plans.PlanReferenceCache>();
        services.AddSingleton<Features.Notifications.UnreadCounts>();
        services.AddSingleton<DashboardEviction>();
        services.AddSingleton<IInterceptor>(provider => provider.GetRequiredService<DashboardEviction>());
        return services;
    }

    /// <summary>Nodes that share their keys through the database are meant to run side by side; without Redis each would show its own stale dashboard.</summary>
    public static WebApplication WarnOfUnsharedCache(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var keysInDatabase = app.Configuration.GetSection(KeyProtectionOptions.Section).Get<KeyProtectionOptions>()?.Store == KeyStore.Database;
        if (keysInDatabase && string.IsNullOrWhiteSpace(app.Configuration[$"{RedisOptions.Section}:Configuration"]))
        {
            app.Logger.LogWarning(
                "DataProtection:Store is Database but Redis:Configuration is not set: each node caches the dashboard in its own memory, and a write on one node is not seen on another node's dashboard for up to {Lifetime}. Set Redis:Configuration on every node.",
                FragmentCache.Lifetime);
        }

        return app;
    }
}
