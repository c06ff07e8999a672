using CoordinationPortal.Data;
using CoordinationPortal.Domain.Access;
using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Domain.Reporting;
using Microsoft.EntityFrameworkCore;

namespace CoordinationPortal.Web.Features.Reports;

/// <summary>Whether a branch may write drafts for a quarter, and why not.</summary>
public sealed record WritingWindow(ReportingPeriod? Period, LockExemption? Exemption, bool Locked)
{
    /// <summary>New drafts, and edits of drafts, need an open quarter or a current exemption.</summary>
    public bool IsOpen => Period is not null && (!Locked || Exemption is not null);
}

/// <summary>The rules around reports that need the database: the calendar, locks and exemptions, one report per branch.</summary>
public sealed class ReportService(PortalDbContext db, TimeProvider clock)
{
    public async Task<WritingWindow> WindowAsync(int planId, Quarter quarter, int provinceId, int agencyId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var period = await db.ReportingPeriods.AsNoTracking().SingleOrDefaultAsync(p => p.PlanId == planId && p.Quarter == quarter, cancellationToken);
        var exemptions = await db.LockExemptions.AsNoTracking()
            .Where(e => e.PlanId == planId && e.Quarter == quarter && e.ProvinceId == provinceId && e.AgencyId == agencyId && e.RevokedAtUtc == null)
            .ToListAsync(cancellationToken);
        var exemption = exemptions.Where(e => e.IsActive(now)).MaxBy(e => e.Until);
        return new WritingWindow(period, exemption, period?.IsLocked(now) ?? true);
    }

    /// <summary>
    /// Whether the report may be written now: drafts need an open quarter; a returned report may
    /// always be corrected, because its central agency asked for the correction.
    /// </summary>
    public async Task<bool> MayWriteNowAsync(QuarterlyReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        return report.State == ReportState.Returned
            || (report.State == ReportState.Draft && (await WindowAsync(report.PlanId, report.Quarter, report.ProvinceId, report.AgencyId, cancellationToken)).IsOpen);
    }

    /// <summary>Starts the branch's report for a quarter, or finds the one it already has.</summary>
    public async Task<(int? ReportId, string? Refusal)> StartAsync(Actor actor, string userId, int planId, Quarter quarter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor.Role != PortalRole.ProvincialOfficer || actor.ProvinceId is not { } province || actor.AgencyId is not { } agency)
        {
            return (null, "Report.OnlyProvinces");
        }

        var existing = await db.QuarterlyReports.Where(r => r.PlanId == planId && r.Quarter == quarter && r.ProvinceId == province && r.AgencyId == agency)
            .Select(r => (int?)r.Id).SingleOrDefaultAsync(cancellationToken);
        if (existing is not null)
        {
            return (existing, null);
        }

        var plan = await db.Plans.Include(p => p.Activities).SingleOrDefaultAsync(p => p.Id == planId, cancellationToken);
        if (plan is null || !plan.Activities.Any(a => a.Window.Contains(quarter)))
        {
            return (null, "Report.NothingToReport");
        }

        var window = await WindowAsync(planId, quarter, province, agency, cancellationToken);
        if (window.Period is null)
        {
            return (null, "Report.NotInCalendar");
        }

        if (!window.IsOpen)
        {
            return (null, "Report.Locked");
        }

        var report = QuarterlyReport.Start(plan, quarter, province, agency, userId, clock.GetUtcNow().UtcDateTime);
        db.QuarterlyReports.Add(report);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Two officers of the branch pressed "start" together; the unique index kept one report.
            db.ChangeTracker.Clear();
            var winner = await db.QuarterlyReports.Where(r => r.PlanId == planId && r.Quarter == quarter && r.ProvinceId == province && r.AgencyId == agency)
                .Select(r => r.Id).SingleAsync(cancellationToken);
            return (winner, null);
        }

        return (report.Id, null);
    }
}
