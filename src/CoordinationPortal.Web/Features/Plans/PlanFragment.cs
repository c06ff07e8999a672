using System.Globalization;
using CoordinationPortal.Domain.Access;
using CoordinationPortal.Domain.Calendar;
using Microsoft.AspNetCore.Html;

namespace CoordinationPortal.Web.Features.Plans;

/// <summary>
/// The cache key of a plan page's document (ADR 0048, plan pages: ADR 0050): everything its HTML
/// depends on beyond the data, and nothing about who asks beyond what changes it. The wording
/// depends on the language; "overdue" on Vietnam's date; the edit, publish and new-plan links on
/// the caller's permissions. Never the account: everyone with the same rights shares one entry.
/// Whether the caller may read the plan at all is asked before the cache (a draft is "not found"
/// for a province), so the key needs no part for it.
/// </summary>
public static class PlanFragment
{
    /// <summary>Where the controller leaves the key for the view's &lt;cached-fragment&gt;.</summary>
    public const string ViewDataKey = "PlanFragmentKey";

    // As DashboardFragment's: a node of a new version never serves an entry an old one rendered.
    private static readonly string Version = typeof(PlanFragment).Assembly.ManifestModule.ModuleVersionId.ToString("N")[..12];

    public static string Key(Actor actor, int planId, DateTimeOffset now, string generation)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var invariant = CultureInfo.InvariantCulture;
        return string.Join(
            '|',
            "plan",
            Version,
            generation,
            CultureInfo.CurrentUICulture.Name,
            VietnamTime.Today(now).ToString("yyyy-MM-dd", invariant),
            planId.ToString(invariant),
            "drafts=" + (Permissions.CanDraftPlans(actor) ? "1" : "0"),
            "publishes=" + (Permissions.CanPublishPlans(actor) ? "1" : "0"));
    }
}

/// <summary>What every plan page shows outside its cached document: the title comes from these.</summary>
public sealed record PlanHead(int Id, string Number, bool IsDraft);

/// <summary>
/// A plan page served from the fragment cache: HTML that Show.cshtml rendered (every text in it
/// encoded by Razor then), read back only from the portal's own cache store. Made only by
/// <see cref="FromCache"/>, so no other string can reach the view as markup.
/// </summary>
public sealed class CachedPlan
{
    private CachedPlan(PlanHead head, IHtmlContent html)
    {
        Head = head;
        Html = html;
    }

    public PlanHead Head { get; }

    public IHtmlContent Html { get; }

    public static CachedPlan FromCache(PlanHead head, string renderedHtml) => new(head, new HtmlString(renderedHtml));
}
