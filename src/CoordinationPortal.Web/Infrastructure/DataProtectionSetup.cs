using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace CoordinationPortal.Web.Infrastructure;

public static class DataProtectionSetup
{
    /// <summary>The keys' folder under the data directory; backup and restore copy it with the database.</summary>
    public const string KeysFolder = "keys";

    /// <summary>
    /// Keys (which protect cookies and antiforgery tokens) live in the data directory, so that a
    /// restart does not sign everyone out or break forms people have open.
    /// </summary>
    public static IServiceCollection AddPortalDataProtection(this IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName("CoordinationPortal");
        services.AddOptions<KeyManagementOptions>()
            .Configure<IConfiguration, IHostEnvironment, ILoggerFactory>((options, configuration, environment, loggers) =>
            {
                var keys = Directory.CreateDirectory(Path.Combine(configuration.ResolveDataDirectory(environment), KeysFolder));
                options.XmlRepository = new FileSystemXmlRepository(keys, loggers);
            });
        return services;
    }
}
