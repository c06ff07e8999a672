using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CoordinationPortal.Web.Infrastructure.Health;

/// <summary>The "Health" configuration section.</summary>
public sealed class HealthOptions
{
    public const string Section = "Health";

    /// <summary>Below this many free megabytes on the data or evidence folder's disk, the portal is not ready.</summary>
    public int MinimumFreeMegabytes { get; set; } = 200;

    public static HealthOptions From(IConfiguration configuration) =>
        configuration.GetSection(Section).Get<HealthOptions>() ?? new HealthOptions();
}

public static class HealthSetup
{
    private const string ReadyTag = "ready";

    /// <summary>Readiness checks: the database takes a write, and the data and evidence folders take writes and have room.</summary>
    public static IServiceCollection AddPortalHealthChecks(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<HealthOptions>().Bind(configuration.GetSection(HealthOptions.Section));
        services.AddHealthChecks()
            .AddCheck<DatabaseWriteCheck>("database", tags: [ReadyTag], timeout: TimeSpan.FromSeconds(10))
            .AddCheck<StorageCheck>("storage", tags: [ReadyTag], timeout: TimeSpan.FromSeconds(10));
        return services;
    }

    /// <summary>
    /// /health/live: the process answers (restart it if not). /health/ready and /health: it can do
    /// its job (take it out of service, or alert, if not). 200 or 503, with a JSON body naming each check.
    /// </summary>
    public static WebApplication MapPortalHealthChecks(this WebApplication app)
    {
        var ready = new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag), ResponseWriter = WriteAsync };
        app.MapHealthChecks("/health", ready).AllowAnonymous();
        app.MapHealthChecks("/health/ready", ready).AllowAnonymous();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync }).AllowAnonymous();
        return app;
    }

    /// <summary>
    /// Status and each check's status and description. Anonymous callers read this, so it carries
    /// only the checks' own fixed sentences: never an exception message, a path or a number from the server.
    /// </summary>
    private static async Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        await using var json = new Utf8JsonWriter(context.Response.Body);
        json.WriteStartObject();
        json.WriteString("status", report.Status.ToString());
        json.WriteStartObject("checks");
        foreach (var (name, entry) in report.Entries)
        {
            json.WriteStartObject(name);
            json.WriteString("status", entry.Status.ToString());
            json.WriteString("description", entry.Exception is null ? entry.Description : "the check failed; see the server log");
            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.WriteEndObject();
        await json.FlushAsync(context.RequestAborted);
    }
}
