using System.Globalization;
using Microsoft.AspNetCore.Html;
using CoordinationPortal.Domain.Access;
using CoordinationPortal.Domain.Calendar;

namespace CoordinationPortal.Web.Features.Dashboard;

/// <summary>
/// The cache key of the dashboard's content for those who see all provinces (ADR 0048): everything
/// the HTML depends on, and nothing about who asks beyond what changes it. The figures depend on
/// the filter; the wording on the language; late, overdue and "days waiting" on Vietnam's date; the
/// waiting queue on the agency whose reports the caller reviews; the "draft this year's plan" link
/// on the caller's permission. Never the account: two officers of one agency share one entry.
/// </summary>
public static class DashboardFragment
{
    /// <summary>Where the controller leaves the key for the view's &lt;cached-fragment&gt;.</summary>
    public const string ViewDataKey = "DashboardFragmentKey";

    // Bumped when the view's HTML changes shape, so that a node of the new version never serves an
    // entry rendered by an old one during a rolling update (Redis outlives the processes).
    private static readonly string Version = typeof(DashboardFragment).Assembly.ManifestModule.ModuleVersionId.ToString("N")[..12];

    public static string Key(Actor actor, DashboardFilter filter, DateTimeOffset now, string generation)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(filter);
        var invariant = CultureInfo.InvariantCulture;
        return string.Join(
            '|',
            "dashboard",
            Version,
            generation,
            CultureInfo.CurrentUICulture.Name,
            VietnamTime.Today(now).ToString("yyyy-MM-dd", invariant),
            FilterPart(filter),
            "reviews=" + Permissions.ReviewAgencyOf(actor, filter.AgencyId)?.ToString(invariant),
            "drafts=" + (Permissions.CanDraftPlans(actor) ? "1" : "0"));
    }

    // Every property of the filter, so that a filter added later varies the key without anyone remembering to.
    private static readonly System.Reflection.PropertyInfo[] FilterProperties =
        [.. typeof(DashboardFilter).GetProperties().Where(p => p.CanRead).OrderBy(p => p.Name, StringComparer.Ordinal)];

    private static string FilterPart(DashboardFilter filter) =>
        string.Join('&', FilterProperties.Select(p => p.Name + "=" + Convert.ToString(p.GetValue(filter), CultureInfo.InvariantCulture)));
}

/// <summary>
/// The dashboard's content as cached: HTML that Dashboard.cshtml rendered (every text in it encoded by
/// Razor then), read back only from the portal's own cache store. Made only by <see cref="FromCache"/>,
/// so no other string can reach the view as markup.
/// </summary>
public sealed class CachedDashboard
{
    private CachedDashboard(IHtmlContent html) => Html = html;

    public IHtmlContent Html { get; }

    public static CachedDashboard FromCache(string renderedHtml) => new(new HtmlString(renderedHtml));
}
