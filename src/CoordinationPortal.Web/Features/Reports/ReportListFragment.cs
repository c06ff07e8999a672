using System.Globalization;
using CoordinationPortal.Domain.Access;
using CoordinationPortal.Web.Infrastructure.Caching;

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
    public static string Key(Actor actor, ReportFilter filter, string generation)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(filter);
        var invariant = CultureInfo.InvariantCulture;
        return FragmentKey.Of(
            "reports",
            generation,
            "scope=" + actor.Role + ":" + actor.AgencyId?.ToString(invariant) + ":" + actor.ProvinceId?.ToString(invariant)
                + ":" + string.Join(',', actor.PredecessorProvinceIds.Select(id => id.ToString(invariant))),
            FragmentKey.PropertiesOf(filter));
    }
}
