using CoordinationPortal.Data;
using CoordinationPortal.Domain.Access;
using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Domain.Reporting;
using CoordinationPortal.Web.Infrastructure.Commands;
using Microsoft.EntityFrameworkCore;

namespace CoordinationPortal.Web.Features.Reports;

/// <summary>Whether a branch may write drafts for a quarter, and why not.</summary>
public sealed record WritingWindow(ReportingPeriod? Period, LockExemption? Exemption, bool Locked)
{
    /// <summary>New drafts, and edits of drafts, need an open quarter or a current exemption.</summary>
    public bool IsOpen => Period is not null && (!Locked || Exemption is not null);
}

/// <summary>The reporting calendar as it stands for one branch today: the quarter's period, its lock and any exemption.</summary>
public sealed class ReportingWindows(PortalDbContext db, TimeProvider clock)
{
    public async Task<WritingWindow> ForAsync(int planId, Quarter quarter, int provinceId, int agencyId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var period = await db.ReportingPeriods.AsNoTracking().SingleOrDefaultAsync(p => p.PlanId == planId && p.Quarter == quarter, cancellationToken);
        var exemptions = await db.LockExemptions.AsNoTracking()
            .Where(e => e.PlanId == planId && e.Quarter == quarter && e.ProvinceId == provinceId && e.AgencyId == agencyId && e.RevokedAtUtc == null)
            .ToListAsync(cancellationToken);
        return Of(period, exemptions, now);
    }

    /// <summary>The window from rows already read (pages that show many quarters read them all at once).</summary>
    public static WritingWindow Of(ReportingPeriod? period, IEnumerable<LockExemption> exemptionsOfBranch, DateTimeOffset now)
    {
        var exemption = exemptionsOfBranch.Where(e => e.IsActive(now)).MaxBy(e => e.Until);
        return new WritingWindow(period, exemption, period?.IsLocked(now) ?? true);
    }
}

/// <summary>
/// May the caller write this report now? Their own branch's, while it is a draft in an open quarter
/// (or under an exemption), or returned (its central agency asked for the correction). Saving,
/// adding and removing evidence all ask this one rule, and pages ask it to offer the edit button.
/// </summary>
public sealed class ReportWriteGuard(ReportingWindows windows)
{
    /// <returns>Why not, or null when the caller may write.</returns>
    public Task<Refusal?> RefusalAsync(Actor actor, QuarterlyReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        return RefusalAsync(actor, new ReportWriteSubject(report.PlanId, report.Quarter, report.ProvinceId, report.AgencyId, report.State), cancellationToken);
    }

    /// <summary>The same rule, asked of the few facts it needs (the report form reads those, not the whole report).</summary>
    public async Task<Refusal?> RefusalAsync(Actor actor, ReportWriteSubject report, CancellationToken cancellationToken)
    {
        if (!Permissions.CanWriteReportFor(actor, report.ProvinceId, report.AgencyId))
        {
            return Refusal.Forbidden;
        }

        if (!ReportWorkflow.IsEditable(report.State))
        {
            return Refusal.Because("Report.ReadOnly");
        }

        if (report.State == ReportState.Draft && !(await windows.ForAsync(report.PlanId, report.Quarter, report.ProvinceId, report.AgencyId, cancellationToken)).IsOpen)
        {
            return Refusal.Because("Report.LockedForEdits");
        }

        return null;
    }
}

/// <summary>What <see cref="ReportWriteGuard"/> asks of a report: whose it is, for which quarter, and where it stands.</summary>
public readonly record struct ReportWriteSubject(int PlanId, Quarter Quarter, int ProvinceId, int AgencyId, ReportState State);
