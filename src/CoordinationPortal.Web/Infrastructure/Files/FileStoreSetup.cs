using Microsoft.Extensions.Options;

namespace CoordinationPortal.Web.Infrastructure.Files;

public static class FileStoreSetup
{
    /// <summary>Evidence files in a folder under the data directory (Files:Root), outside wwwroot.</summary>
    public static IServiceCollection AddPortalFileStore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<FileStoreOptions>().Bind(configuration.GetSection(FileStoreOptions.Section));
        services.AddSingleton<IFileStore>(provider =>
        {
            var options = provider.GetRequiredService<IOptions<FileStoreOptions>>().Value;
            var dataDirectory = provider.GetRequiredService<IConfiguration>().ResolveDataDirectory(provider.GetRequiredService<IHostEnvironment>());
            return new LocalFileStore(options.ResolveRoot(dataDirectory), provider.GetRequiredService<ILogger<LocalFileStore>>());
        });
        return services;
    }
}
