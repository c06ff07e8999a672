using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace CoordinationPortal.Web.Infrastructure.Caching;

/// <summary>
/// <c>&lt;cached-fragment key="..." tag="..."&gt;</c>: renders its content and keeps the HTML in the
/// <see cref="FragmentCache"/> under <c>key</c>. The controller looks the key up before it queries
/// anything, so a hit skips both the queries and the rendering; this tag only fills the cache on a
/// miss. Without a key (the caller decided the content is not to be shared) it renders as if absent.
/// The content must not hold anything bound to the person: no antiforgery token, no name.
/// </summary>
[HtmlTargetElement("cached-fragment")]
public sealed class CachedFragmentTagHelper(FragmentCache cache, HtmlEncoder encoder) : TagHelper
{
    public string? Key { get; set; }

    /// <summary>The eviction tag, e.g. <see cref="CacheTags.Dashboard"/>.</summary>
    public string Tag { get; set; } = CacheTags.Dashboard;

    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.TagName = null;
        var content = await output.GetChildContentAsync();
        if (Key is { Length: > 0 } key)
        {
            // Not the request's token: a person leaving mid-render must not leave others without the entry.
            // The app's encoder (WebEncoderOptions: all of Unicode), as the page itself is written: the
            // default one would store every Vietnamese letter of the text as an entity (&#x1EC3;).
            await cache.SetAsync(key, content.GetContent(encoder), Tag, CancellationToken.None);
        }

        output.Content.SetHtmlContent(content);
    }
}

/// <summary>The eviction tags of cached fragments.</summary>
public static class CacheTags
{
    /// <summary>Everything the dashboard shows for those who see all provinces.</summary>
    public const string Dashboard = "dashboard";

    /// <summary>The plan pages' documents (ADR 0050).</summary>
    public const string Plans = "plans";

    /// <summary>The province catalogue each node keeps in memory (<see cref="Features.Provinces.ProvinceCatalogCache"/>).</summary>
    public const string Provinces = "provinces";

    /// <summary>The plans' reference data each node keeps in memory (<see cref="Features.Plans.PlanReferenceCache"/>, ADR 0061).</summary>
    public const string PlanData = "plan-data";

    /// <summary>The report list's pages (ADR 0055).</summary>
    public const string Reports = "reports";
}
