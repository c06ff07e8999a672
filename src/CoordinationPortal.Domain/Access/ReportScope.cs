using System.Collections.Concurrent;
using System.Linq.Expressions;
using CoordinationPortal.Domain.Reporting;

namespace CoordinationPortal.Domain.Access;

/// <summary>
/// Which quarterly reports a caller may read, written once as an expression: lists, the
/// dashboard's drill-downs and the exports filter with it in SQL, and <see cref="Permissions.CanReadReport"/>
/// asks the same expression of one loaded report, so the rule cannot drift between the two.
/// </summary>
public static class ReportScope
{
    private static readonly ConcurrentDictionary<Actor, Func<QuarterlyReport, bool>> Compiled = new();

    /// <summary>
    /// Administrators read every report; a province reads its own branch's in any state, and those of
    /// the units that merged into it (its history); central officers and leadership read reports that
    /// have been submitted (then returned or approved), never drafts.
    /// </summary>
    public static Expression<Func<QuarterlyReport, bool>> ReadableBy(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var province = actor.ProvinceId;
        var agency = actor.AgencyId;
        var history = actor.PredecessorProvinceIds.ToList();
        return actor.Role switch
        {
            PortalRole.Administrator => r => true,
            PortalRole.ProvincialOfficer when history.Count == 0 => r => r.ProvinceId == province && r.AgencyId == agency,
            PortalRole.ProvincialOfficer => r => r.AgencyId == agency && (r.ProvinceId == province || history.Contains(r.ProvinceId)),
            PortalRole.CentralOfficer or PortalRole.Leadership => r => r.State != ReportState.Draft,
            _ => r => false,
        };
    }

    /// <summary>Reports whose numbers count in results (dashboard totals, the year-end report): sent and not handed back.</summary>
    public static Expression<Func<QuarterlyReport, bool>> CountedInResults { get; } =
        r => r.State == ReportState.Submitted || r.State == ReportState.Approved;

    internal static bool Allows(Actor actor, QuarterlyReport report) =>
        Compiled.GetOrAdd(actor, a => ReadableBy(a).Compile(preferInterpretation: true))(report);
}
