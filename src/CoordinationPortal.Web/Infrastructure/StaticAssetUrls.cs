using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Mvc;

namespace CoordinationPortal.Web.Infrastructure;

public static class StaticAssetUrls
{
    /// <summary>
    /// The fingerprinted URL of a file under wwwroot ("lib/x.js" -> "/lib/x.abc123.js"), as the
    /// script and link tags get it, for a file a script loads later (cached for a year, like them).
    /// Falls back to the plain path, which MapStaticAssets also serves, where no manifest is known.
    /// </summary>
    public static string StaticAsset(this IUrlHelper url, string path)
    {
        ArgumentNullException.ThrowIfNull(url);
        var context = url.ActionContext.HttpContext;
        var assets = context.GetEndpoint()?.Metadata.GetMetadata<ResourceAssetCollection>();
        var resolved = assets is null ? path : assets[path];
        return context.Request.PathBase + "/" + resolved.TrimStart('/');
    }
}
