using CoordinationPortal.Domain.Plans;
using CoordinationPortal.Domain.Progress;
using CoordinationPortal.Domain.Reporting;

namespace CoordinationPortal.Domain.Access;

/// <summary>
/// Who may do what (design.md section 4), as plain functions the web layer calls for every request.
/// Anything not granted here is denied.
/// </summary>
public static class Permissions
{
    /// <summary>Every role reads plans and activities.</summary>
    public static bool CanReadPlans(Actor actor) => actor is not null;

    /// <summary>Users, plans, calendar and lock exceptions are administration.</summary>
    public static bool CanAdminister(Actor actor) => actor?.Role == PortalRole.Administrator;

    public static bool CanReadAudit(Actor actor) => actor?.Role is PortalRole.Administrator or PortalRole.Leadership;

    /// <summary>A central officer logs progress only where their agency leads or supports.</summary>
    public static bool CanLogProgress(Actor actor, Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return actor?.Role == PortalRole.CentralOfficer && actor.AgencyId is { } agency && activity.Involves(agency);
    }

    /// <summary>An entry is corrected by an officer of the agency that wrote it.</summary>
    public static bool CanCorrectProgress(Actor actor, ProgressEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return actor?.Role == PortalRole.CentralOfficer && actor.AgencyId is { } agency && entry.CanBeCorrectedBy(agency);
    }

    /// <summary>Only a provincial officer writes reports, and only for their own province and branch.</summary>
    public static bool CanWriteReportFor(Actor actor, int provinceId, int agencyId) =>
        actor?.Role == PortalRole.ProvincialOfficer && actor.ProvinceId == provinceId && actor.AgencyId == agencyId;

    public static bool CanWriteReport(Actor actor, QuarterlyReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return CanWriteReportFor(actor, report.ProvinceId, report.AgencyId);
    }

    /// <summary>
    /// Administrators read every report; a province reads its own in any state; central officers
    /// and leadership read reports that have been submitted (then returned or approved), never drafts.
    /// </summary>
    public static bool CanReadReport(Actor actor, QuarterlyReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return actor?.Role switch
        {
            PortalRole.Administrator => true,
            PortalRole.ProvincialOfficer => CanWriteReport(actor, report),
            PortalRole.CentralOfficer or PortalRole.Leadership => report.State != ReportState.Draft,
            _ => false,
        };
    }

    /// <summary>
    /// A report is approved, returned or reopened by a central officer of the branch's own agency,
    /// once the province has submitted it (central offices never see drafts).
    /// </summary>
    public static bool CanReviewReport(Actor actor, QuarterlyReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return actor?.Role == PortalRole.CentralOfficer && actor.AgencyId == report.AgencyId && report.State != ReportState.Draft;
    }

    /// <summary>The review queue is for central officers.</summary>
    public static bool CanReview(Actor actor) => actor?.Role == PortalRole.CentralOfficer;

    /// <summary>Which reports a role may list: all but drafts, except administrators (all) and provinces (their own).</summary>
    public static bool CanListReports(Actor actor) => actor is not null;
}
