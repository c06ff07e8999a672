using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;

namespace CoordinationPortal.Web.Infrastructure;

public static class CompressionSetup
{
    /// <summary>
    /// Brotli or gzip for pages, also over HTTPS: provincial links are slow and HTML compresses
    /// five-fold. Static files are pre-compressed at build by MapStaticAssets. See docs/decisions/0007.
    /// </summary>
    public static IServiceCollection AddPortalCompression(this IServiceCollection services)
    {
        services.AddResponseCompression(options =>
        {
            options.EnableForHttps = true;
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
        });
        services.Configure<BrotliCompressionProviderOptions>(options => options.Level = CompressionLevel.Optimal);
        services.Configure<GzipCompressionProviderOptions>(options => options.Level = CompressionLevel.Optimal);
        return services;
    }
}
