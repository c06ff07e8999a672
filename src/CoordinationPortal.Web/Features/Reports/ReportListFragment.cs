using System.Globalization;
using CoordinationPortal.Domain.Access;
using Microsoft.AspNetCore.Html;

namespace CoordinationPortal.Web.Features.Reports;

/// <summary>
/// The cache key of the report list (ADR 0048, the list: ADR 0055): everything its HTML depends on
/// beyond the data. Which reports and plans it may show depends only on the caller's read scope
/// (<see cref="ReportScope.ReadableBy"/>: role, agency, province and the province's predecessors),
/// the rows on the filter, the wording on the language. Never the account: two officers of one
/// branch of one province share one entry, and so does all of leadership.
/// </summary>
public static class ReportListFragment
{
    /// <summary>Where the controller leaves the key for the view's &lt;cached-fragment&gt;.</summary>
    public const string ViewDataKey = "ReportListFragmentKey";

    // As DashboardFragment's: a node of a new version never serves an entry an old one rendered.
    private static readonly string Version = typeof(ReportListFragment).Assembly.ManifestModule.ModuleVersionId.ToString("N")[..12];

    // Every property of the filter, so that a filter added later varies the key without anyone remembering to.
    private static readonly System.Reflection.PropertyInfo[] FilterProperties =
        [.. typeof(ReportFilter).GetProperties().Where(p => p.CanRead).OrderBy(p => p.Name, StringComparer.Ordinal)];

    public static string Key(Actor actor, ReportFilter filter, string generation)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(filter);
        var invariant = CultureInfo.InvariantCulture;
        return string.Join(
            '|',
            "reports",
            Version,
            generation,
            CultureInfo.CurrentUICulture.Name,
            "scope=" + actor.Role + ":" + actor.AgencyId?.ToString(invariant) + ":" + actor.ProvinceId?.ToString(invariant)
                + ":" + string.Join(',', actor.PredecessorProvinceIds.Select(id => id.ToString(invariant))),
            string.Join('&', FilterProperties.Select(p => p.Name + "=" + Convert.ToString(p.GetValue(filter), invariant))));
    }
}

/// <summary>
/// The report list served from the fragment cache: HTML that List.cshtml rendered (every text in it
/// encoded by Razor then), read back only from the portal's own cache store. Made only by
/// <see cref="FromCache"/>, so no other string can reach the view as markup.
/// </summary>
public sealed class CachedReportList
{
    private CachedReportList(IHtmlContent html) => Html = html;

    public IHtmlContent Html { get; }

    public static CachedReportList FromCache(string renderedHtml) => new(new HtmlString(renderedHtml));
}
