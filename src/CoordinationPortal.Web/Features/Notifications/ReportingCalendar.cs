using CoordinationPortal.Data;
using CoordinationPortal.Domain.Access;
using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Domain.Reporting;
using Microsoft.EntityFrameworkCore;

namespace CoordinationPortal.Web.Features.Notifications;

/// <summary>A quarter of a published plan that expects provincial reports, with its calendar.</summary>
public sealed record ExpectedQuarter(int PlanId, ReportingPeriod Period)
{
    public Quarter Quarter => Period.Quarter;
}

/// <summary>
/// The quarters scheduled notifications talk about, chosen as the dashboard chooses them: quarters
/// of published plans that have a calendar and in which a provincial activity runs.
/// </summary>
public static class ReportingCalendar
{
    public static async Task<List<ExpectedQuarter>> ExpectedQuartersAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var planIds = await db.Plans.AsNoTracking().Where(PlanScope.Published).Select(p => p.Id).ToListAsync(cancellationToken);
        var periods = await db.ReportingPeriods.AsNoTracking().Where(p => planIds.Contains(p.PlanId)).ToListAsync(cancellationToken);
        var windows = await db.Activities.AsNoTracking()
            .Where(a => planIds.Contains(a.PlanId) && a.ProvincesReport)
            .Select(a => new { a.PlanId, a.Window })
            .ToListAsync(cancellationToken);
        return [.. periods
            .Where(p => windows.Exists(w => w.PlanId == p.PlanId && w.Window.Contains(p.Quarter)))
            .OrderBy(p => p.DueOn)
            .Select(p => new ExpectedQuarter(p.PlanId, p))];
    }
}
