using CoordinationPortal.Data;
using CoordinationPortal.Domain.Access;
using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Domain.Reporting;
using CoordinationPortal.Web.Features.Provinces;
using CoordinationPortal.Web.Features.Reports;
using CoordinationPortal.Web.Infrastructure;
using CoordinationPortal.Web.Infrastructure.Commands;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CoordinationPortal.Web.Features.Extensions;

/// <summary>
/// Reads of extension requests, always through <see cref="ExtensionScope"/>: the branch's officers,
/// the central officers of its agency, leadership and administrators (read-only).
/// </summary>
public sealed class ExtensionQueries(PortalDbContext db, ReportingWindows windows, ProvinceDirectory provinces, IOptions<ExtensionOptions> options, TimeProvider clock)
{
    /// <summary>Decided requests the list shows, newest first; older ones stay on their report's page.</summary>
    public const int DecidedShown = 50;

    public async Task<ExtensionListPage> ListAsync(Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var readable = db.ExtensionRequests.AsNoTracking().Where(ExtensionScope.ReadableBy(actor));
        var pending = await readable.Where(r => r.State == ExtensionState.Pending).OrderBy(r => r.CreatedAtUtc).ToListAsync(cancellationToken);
        var decided = await readable.Where(r => r.State != ExtensionState.Pending).OrderByDescending(r => r.DecidedAtUtc).Take(DecidedShown).ToListAsync(cancellationToken);
        var views = await ViewsAsync([.. pending, .. decided], cancellationToken);
        return new ExtensionListPage([.. views.Take(pending.Count)], [.. views.Skip(pending.Count)], Permissions.CanReview(actor));
    }

    public async Task<Result<ExtensionPage>> PageAsync(Actor actor, int id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var request = await db.ExtensionRequests.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (request is null || !Permissions.CanReadExtension(actor, request))
        {
            return Refusal.NotFound;
        }

        var today = VietnamTime.Today(clock.GetUtcNow());
        var view = (await ViewsAsync([request], cancellationToken))[0];
        var canDecide = request.State == ExtensionState.Pending && Permissions.CanDecideExtension(actor, request);
        return Result.Done(new ExtensionPage(view, canDecide, today, today.AddDays(options.Value.MaxDays))
        {
            Grant = new GrantExtensionForm { Until = request.ProposedUntil <= today.AddDays(options.Value.MaxDays) && request.ProposedUntil >= today ? request.ProposedUntil : null },
        });
    }

    /// <summary>The ask form for the caller's branch, or why it may not ask (a pending request is shown, not refused).</summary>
    public async Task<Result<AskExtensionPage>> AskPageAsync(Actor actor, int planId, Quarter quarter, AskExtensionForm? typed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!Permissions.HasOwnReports(actor) || actor.ProvinceId is not { } province || actor.AgencyId is not { } agency)
        {
            return Refusal.Forbidden;
        }

        var pending = await db.ExtensionRequests.AsNoTracking()
            .Where(r => r.PlanId == planId && r.Quarter == quarter && r.ProvinceId == province && r.AgencyId == agency && r.State == ExtensionState.Pending)
            .SingleOrDefaultAsync(cancellationToken);
        if (pending is null && await RefusalToAskAsync(planId, quarter, province, agency, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        var plan = await db.Plans.AsNoTracking().Where(p => p.Id == planId).Select(p => p.Number).SingleAsync(cancellationToken);
        var window = await windows.ForAsync(planId, quarter, province, agency, cancellationToken);
        var catalog = await provinces.LoadAsync(cancellationToken);
        var agencyCode = await db.Agencies.AsNoTracking().Where(a => a.Id == agency).Select(a => a.Code).SingleAsync(cancellationToken);
        var today = VietnamTime.Today(clock.GetUtcNow());
        var form = typed ?? new AskExtensionForm { PlanId = planId, Quarter = quarter };
        return Result.Done(new AskExtensionPage(form, plan, catalog.NameIn(province, quarter), agencyCode, window.Period!.DueOn, window.Period.LocksOn, !window.IsOpen, today, today.AddDays(options.Value.MaxDays), options.Value.MaxDays)
        {
            Pending = pending is null ? null : (await ViewsAsync([pending], cancellationToken))[0],
        });
    }

    /// <summary>
    /// Why a branch may not ask for more time on this quarter now, or null when it may: the plan is
    /// published, the quarter in its calendar, the report not sent, the quarter locked for the branch
    /// or locking within the notice days, and no request of it pending.
    /// </summary>
    public async Task<Refusal?> RefusalToAskAsync(int planId, Quarter quarter, int provinceId, int agencyId, CancellationToken cancellationToken)
    {
        var published = await db.Plans.AsNoTracking().AnyAsync(p => p.Id == planId && p.State == Domain.Plans.PlanState.Published, cancellationToken);
        if (!published)
        {
            return Refusal.NotFound; // a draft receives no reports, and provinces do not see it
        }

        var window = await windows.ForAsync(planId, quarter, provinceId, agencyId, cancellationToken);
        if (window.Period is not { } period)
        {
            return Refusal.Because("Report.NotInCalendar");
        }

        var state = await db.QuarterlyReports.AsNoTracking()
            .Where(r => r.PlanId == planId && r.Quarter == quarter && r.ProvinceId == provinceId && r.AgencyId == agencyId)
            .Select(r => (ReportState?)r.State).SingleOrDefaultAsync(cancellationToken);
        var today = VietnamTime.Today(clock.GetUtcNow());
        if (!ExtensionWorkflow.MayAsk(state, window.IsOpen, period.LocksOn, today, options.Value.NoticeDays))
        {
            return state is ReportState.Submitted or ReportState.Approved or ReportState.Returned
                ? Refusal.Because("Extension.ReportSent")
                : Refusal.Because("Extension.NotNeeded", Display.Date(period.LocksOn), options.Value.NoticeDays);
        }

        if (await db.ExtensionRequests.AnyAsync(r => r.PlanId == planId && r.Quarter == quarter && r.ProvinceId == provinceId && r.AgencyId == agencyId && r.State == ExtensionState.Pending, cancellationToken))
        {
            return Refusal.Because("Extension.AlreadyPending");
        }

        return null;
    }

    /// <summary>The requests of a report's branch and quarter, for the report page (the caller may read the report).</summary>
    public async Task<QuarterExtensions?> ForReportAsync(Actor actor, int reportId, CancellationToken cancellationToken)
    {
        var report = await db.QuarterlyReports.AsNoTracking().Where(r => r.Id == reportId)
            .Select(r => new { r.PlanId, r.Quarter, r.ProvinceId, r.AgencyId }).SingleOrDefaultAsync(cancellationToken);
        return report is null ? null : await ForReportAsync(actor, report.PlanId, report.Quarter, report.ProvinceId, report.AgencyId, cancellationToken);
    }

    /// <summary>A report's branch's requests for its quarter (its history), and whether the caller may ask now.</summary>
    public async Task<QuarterExtensions> ForReportAsync(Actor actor, int planId, Quarter quarter, int provinceId, int agencyId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var requests = await db.ExtensionRequests.AsNoTracking().Where(ExtensionScope.ReadableBy(actor))
            .Where(r => r.PlanId == planId && r.Quarter == quarter && r.ProvinceId == provinceId && r.AgencyId == agencyId)
            .OrderByDescending(r => r.CreatedAtUtc)
            .ToListAsync(cancellationToken);
        var mayAsk = Permissions.CanAskExtension(actor, provinceId, agencyId) && await RefusalToAskAsync(planId, quarter, provinceId, agencyId, cancellationToken) is null;
        return new QuarterExtensions(planId, quarter, await ViewsAsync(requests, cancellationToken), mayAsk);
    }

    /// <summary>For "my reports": each quarter's latest requests and whether the branch may ask, read at once for the plan.</summary>
    public async Task<IReadOnlyDictionary<Quarter, QuarterExtensions>> ForBranchAsync(Actor actor, int planId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!Permissions.HasOwnReports(actor) || actor.ProvinceId is not { } province || actor.AgencyId is not { } agency)
        {
            return new Dictionary<Quarter, QuarterExtensions>();
        }

        var now = clock.GetUtcNow();
        var today = VietnamTime.Today(now);
        var periods = await db.ReportingPeriods.AsNoTracking().Where(p => p.PlanId == planId).ToListAsync(cancellationToken);
        var exemptionsOfBranch = await db.LockExemptions.AsNoTracking()
            .Where(e => e.PlanId == planId && e.ProvinceId == province && e.AgencyId == agency && e.RevokedAtUtc == null)
            .ToListAsync(cancellationToken);
        var states = await db.QuarterlyReports.AsNoTracking()
            .Where(r => r.PlanId == planId && r.ProvinceId == province && r.AgencyId == agency)
            .Select(r => new { r.Quarter, r.State })
            .ToListAsync(cancellationToken);
        var requests = await db.ExtensionRequests.AsNoTracking()
            .Where(r => r.PlanId == planId && r.ProvinceId == province && r.AgencyId == agency)
            .OrderByDescending(r => r.CreatedAtUtc)
            .ToListAsync(cancellationToken);
        var views = await ViewsAsync(requests, cancellationToken);
        var published = await db.Plans.AsNoTracking().AnyAsync(p => p.Id == planId && p.State == Domain.Plans.PlanState.Published, cancellationToken);
        var result = new Dictionary<Quarter, QuarterExtensions>();
        foreach (var period in periods)
        {
            var window = ReportingWindows.Of(period, exemptionsOfBranch.Where(e => e.Quarter == period.Quarter), now);
            var history = views.Where(v => v.Quarter == period.Quarter).ToList();
            var state = states.Find(s => s.Quarter == period.Quarter)?.State;
            var mayAsk = published
                && !history.Exists(v => v.State == ExtensionState.Pending)
                && ExtensionWorkflow.MayAsk(state, window.IsOpen, period.LocksOn, today, options.Value.NoticeDays);
            result[period.Quarter] = new QuarterExtensions(planId, period.Quarter, history, mayAsk);
        }

        return result;
    }

    /// <summary>Requests as shown: province names as of their quarter, agency codes; two queries whatever the count.</summary>
    private async Task<List<ExtensionView>> ViewsAsync(List<ExtensionRequest> requests, CancellationToken cancellationToken)
    {
        if (requests.Count == 0)
        {
            return [];
        }

        var catalog = await provinces.LoadAsync(cancellationToken);
        var agencyIds = requests.Select(r => r.AgencyId).Distinct().ToList();
        var agencies = await db.Agencies.AsNoTracking().Where(a => agencyIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Code, cancellationToken);
        return [.. requests.Select(r => new ExtensionView(
            r.Id, r.PlanId, r.Quarter, catalog.NameIn(r.ProvinceId, r.Quarter), agencies[r.AgencyId], r.ReportId, r.Reason, r.ProposedUntil,
            r.RequestedByName, r.CreatedAtUtc, r.State, r.DecidedByName, r.DecidedAtUtc, r.GrantedUntil, r.DecisionComment))];
    }
}
