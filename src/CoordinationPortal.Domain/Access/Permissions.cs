using CoordinationPortal.Domain.Notifications;
using CoordinationPortal.Domain.Plans;
using CoordinationPortal.Domain.Progress;
using CoordinationPortal.Domain.Reporting;

namespace CoordinationPortal.Domain.Access;

/// <summary>
/// Who may do what (docs/product-guide.md, section 4), as plain functions the web layer calls for every request.
/// Anything not granted here is denied.
/// </summary>
public static class Permissions
{
    /// <summary>Every role reads plans and activities.</summary>
    public static bool CanReadPlans(Actor actor) => actor is not null;

    /// <summary>Drafts of plans are seen by those who write, publish or oversee them; provinces see published plans only.</summary>
    public static bool CanSeeDraftPlans(Actor actor) => actor?.Role is PortalRole.Administrator or PortalRole.CentralOfficer or PortalRole.Leadership;

    /// <summary>The rule of <see cref="PlanScope.VisibleTo"/>, asked of one plan.</summary>
    public static bool CanReadPlan(Actor actor, Plan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return actor is not null && (!plan.IsDraft || CanSeeDraftPlans(actor));
    }

    /// <summary>Administrators and central officers of either agency start and edit plans (a draft, or a published plan's wording).</summary>
    public static bool CanDraftPlans(Actor actor) => actor?.Role is PortalRole.Administrator or PortalRole.CentralOfficer;

    /// <summary>Publishing a plan opens it for reports: an administrator's act.</summary>
    public static bool CanPublishPlans(Actor actor) => actor?.Role == PortalRole.Administrator;

    /// <summary>Users, plans, calendar and lock exceptions are administration.</summary>
    public static bool CanAdminister(Actor actor) => actor?.Role == PortalRole.Administrator;

    public static bool CanReadAudit(Actor actor) => actor?.Role is PortalRole.Administrator or PortalRole.Leadership;

    /// <summary>Security events (sign-ins, failures, blocks, sessions) and client addresses in the audit trail: administrators only, not leadership.</summary>
    public static bool CanReadSecurityEvents(Actor actor) => actor?.Role == PortalRole.Administrator;

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

    /// <summary>The rule of <see cref="ReportScope.ReadableBy"/>, asked of one report.</summary>
    public static bool CanReadReport(Actor actor, QuarterlyReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return actor is not null && ReportScope.Allows(actor, report);
    }

    /// <summary>
    /// A report is approved, returned or reopened by a central officer of the branch's own agency,
    /// once the province has submitted it (central offices never see drafts).
    /// </summary>
    public static bool CanReviewReport(Actor actor, QuarterlyReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return CanReviewBranchesOf(actor, report.AgencyId) && report.State != ReportState.Draft;
    }

    /// <summary>Whether the caller reviews the reports of <paramref name="agencyId"/>'s branches (the queue asks it of rows it did not load whole).</summary>
    public static bool CanReviewBranchesOf(Actor actor, int agencyId) =>
        actor?.Role == PortalRole.CentralOfficer && actor.AgencyId == agencyId;

    /// <summary>
    /// Who is told of a report event: those who may act on it next. A submission goes to the
    /// officers who review that branch; a return, approval or reopening to the officers who write
    /// that province-branch's report. (Disabled accounts and the actor are left out by
    /// <see cref="NotificationAudience"/>.)
    /// </summary>
    public static bool IsToldOf(NotificationKind kind, Actor candidate, QuarterlyReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return kind switch
        {
            NotificationKind.ReportSubmitted or NotificationKind.ReportResubmitted => CanReviewBranchesOf(candidate, report.AgencyId),
            NotificationKind.ReportReturned or NotificationKind.ReportApproved or NotificationKind.ReportReopened => CanWriteReport(candidate, report),
            _ => false,
        };
    }

    /// <summary>
    /// Who is reminded of a province-branch's report that is not submitted (deadline approaching,
    /// due today, overdue): the officers who write it, whether or not a draft exists yet.
    /// </summary>
    public static bool IsRemindedOf(NotificationKind kind, Actor candidate, int provinceId, int agencyId) => kind switch
    {
        NotificationKind.DeadlineApproaching or NotificationKind.DueToday or NotificationKind.Overdue => CanWriteReportFor(candidate, provinceId, agencyId),
        _ => false,
    };

    /// <summary>Whose branches a digest reader's figures cover: a central officer's agency; leadership, both (null).</summary>
    public static int? DigestAgencyOf(Actor actor) => actor?.Role == PortalRole.CentralOfficer ? actor.AgencyId : null;

    /// <summary>Deadline reminders go to those who write reports: a province-branch's officers.</summary>
    public static bool GetsReminders(Actor actor) => HasOwnReports(actor);

    /// <summary>The Monday digest goes to those who follow every province: leadership and central officers.</summary>
    public static bool GetsDigest(Actor actor) => actor?.Role is PortalRole.Leadership or PortalRole.CentralOfficer;

    /// <summary>An extension is asked for by an officer of the province-branch that writes the report.</summary>
    public static bool CanAskExtension(Actor actor, int provinceId, int agencyId) => CanWriteReportFor(actor, provinceId, agencyId);

    /// <summary>An extension is granted or declined by the central officers who review that branch's reports.</summary>
    public static bool CanDecideExtension(Actor actor, ExtensionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return CanReviewBranchesOf(actor, request.AgencyId);
    }

    /// <summary>The rule of <see cref="ExtensionScope.ReadableBy"/>, asked of one request.</summary>
    public static bool CanReadExtension(Actor actor, ExtensionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return actor is not null && ExtensionScope.Allows(actor, request);
    }

    /// <summary>The list of requests: every role that reads some (its scope decides which).</summary>
    public static bool CanListExtensions(Actor actor) => actor?.Role is PortalRole.Administrator or PortalRole.CentralOfficer or PortalRole.ProvincialOfficer or PortalRole.Leadership;

    /// <summary>Who is told of an extension event: a request goes to those who may decide it, a decision to the branch that asked.</summary>
    public static bool IsToldOf(NotificationKind kind, Actor candidate, ExtensionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return kind switch
        {
            NotificationKind.ExtensionRequested => CanDecideExtension(candidate, request),
            NotificationKind.ExtensionGranted or NotificationKind.ExtensionDeclined => CanAskExtension(candidate, request.ProvinceId, request.AgencyId),
            _ => false,
        };
    }

    /// <summary>The review queue is for central officers.</summary>
    public static bool CanReview(Actor actor) => actor?.Role == PortalRole.CentralOfficer;

    /// <summary>The branch whose quarter workbook (every province's reports) the report list offers the caller: a central officer's own agency; none for others.</summary>
    public static int? QuarterWorkbookAgencyOf(Actor actor) => actor?.Role == PortalRole.CentralOfficer ? actor.AgencyId : null;

    /// <summary>Which reports a role may list: all but drafts, except administrators (all) and provinces (their own).</summary>
    public static bool CanListReports(Actor actor) => actor is not null;

    /// <summary>A provincial branch has reports of its own to write ("Báo cáo của đơn vị", starting a quarter).</summary>
    public static bool HasOwnReports(Actor actor) => actor?.Role == PortalRole.ProvincialOfficer;

    /// <summary>
    /// The national dashboard and its exports (every province, the year-end report); a province
    /// sees its own view instead.
    /// </summary>
    public static bool CanSeeAllProvinces(Actor actor) => actor?.Role is PortalRole.Administrator or PortalRole.CentralOfficer or PortalRole.Leadership;

    /// <summary>Leadership follows the programme by its headline figures (on track, late, reports received): their home page shows those first.</summary>
    public static bool WatchesHeadlineFigures(Actor actor) => actor?.Role == PortalRole.Leadership;

    /// <summary>The agency whose waiting reports a caller is shown: a central officer's own, otherwise the one asked for (or all).</summary>
    public static int? ReviewAgencyOf(Actor actor, int? requested) => actor?.Role == PortalRole.CentralOfficer ? actor.AgencyId : requested;

    /// <summary>Roles that must sign in with a second factor (an authenticator app).</summary>
    public static bool RequiresTwoFactor(PortalRole role) => role == PortalRole.Administrator;

    /// <summary>The role that administers the portal; there is always at least one active account with it.</summary>
    public static PortalRole AdministratorRole => PortalRole.Administrator;

    /// <summary>The agency and province an account of <paramref name="role"/> keeps; the others are dropped.</summary>
    public static (int? AgencyId, int? ProvinceId) ScopeOf(PortalRole role, int? agencyId, int? provinceId) =>
        (role is PortalRole.CentralOfficer or PortalRole.ProvincialOfficer ? agencyId : null, role == PortalRole.ProvincialOfficer ? provinceId : null);
}
