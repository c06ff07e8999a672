using System.Globalization;
using CoordinationPortal.Domain.Access;
using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Web.Infrastructure.Caching;

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
    public static string Key(Actor actor, DashboardFilter filter, DateTimeOffset now, string generation)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(filter);
        var invariant = CultureInfo.InvariantCulture;
        return FragmentKey.Of(
            "dashboard",
            generation,
            VietnamTime.Today(now).ToString("yyyy-MM-dd", invariant),
            FragmentKey.PropertiesOf(filter),
            "reviews=" + Permissions.ReviewAgencyOf(actor, filter.AgencyId)?.ToString(invariant),
            "drafts=" + (Permissions.CanDraftPlans(actor) ? "1" : "0"));
    }
}
