using System.Globalization;
using CoordinationPortal.Domain.Access;
using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Web.Infrastructure.Caching;

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
    public static string Key(Actor actor, int planId, DateTimeOffset now, string generation)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var invariant = CultureInfo.InvariantCulture;
        return FragmentKey.Of(
            "plan",
            generation,
            VietnamTime.Today(now).ToString("yyyy-MM-dd", invariant),
            planId.ToString(invariant),
            "drafts=" + (Permissions.CanDraftPlans(actor) ? "1" : "0"),
            "publishes=" + (Permissions.CanPublishPlans(actor) ? "1" : "0"));
    }
}

/// <summary>What every plan page shows outside its cached document: the title comes from these.</summary>
public sealed record PlanHead(int Id, string Number, bool IsDraft);

/// <summary>A plan page served from the fragment cache: its head (for the title) and the document as cached.</summary>
public sealed record CachedPlan(PlanHead Head, CachedHtml Document);
