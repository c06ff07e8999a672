using CoordinationPortal.Data;
using CoordinationPortal.Domain.Access;
using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Domain.Progress;
using CoordinationPortal.Domain.Reporting;
using CoordinationPortal.Web.Features.Dashboard;
using CoordinationPortal.Web.Features.Plans;
using CoordinationPortal.Web.Features.Reports;
using Microsoft.EntityFrameworkCore;

namespace CoordinationPortal.Web.Features.Home;

/// <summary>
/// Reads for the home page ("Việc cần làm"). Each part reuses the page it summarises ("Báo cáo của
/// đơn vị", the review queue, the dashboard's figures), so a number here is the number behind its
/// link; who sees which rows stays <see cref="ReportScope"/>'s and <see cref="PlanScope"/>'s rule. Every
/// read is a whole set at once: the page sends a fixed number of SQL commands whatever the data
/// (a test holds it to that).
/// </summary>
public sealed class HomeQueries(
    PortalDbContext db,
    PlanQueries plans,
    PlanChoices planChoices,
    ReportQueries reports,
    DashboardQueries dashboard,
    TimeProvider clock)
{
    /// <summary>How many accounts of each kind the page names; the rest are a count and a link to the users page.</summary>
    public const int AccountsShown = 10;

    /// <summary>How many waiting reports the central officer's home lists before "see the queue".</summary>
    public const int WaitingShown = 5;

    public async Task<HomePage> GetAsync(Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var today = VietnamTime.Today(clock.GetUtcNow());
        var planId = await plans.HomePlanIdAsync(actor, ct);
        var plan = planId is null ? null : await db.Plans.AsNoTracking().Where(p => p.Id == planId).Select(p => new { p.Number, p.Year }).SingleAsync(ct);
        return new HomePage(today, planId, plan?.Number, plan?.Year, await plans.ThisYearNoticeAsync(actor, ct))
        {
            Province = Permissions.HasOwnReports(actor) ? await ProvinceAsync(actor, today, ct) : null,
            Central = Permissions.CanReview(actor) ? await CentralAsync(actor, today, ct) : null,
            Leadership = Permissions.WatchesHeadlineFigures(actor) ? await LeadershipAsync(actor, ct) : null,
            Admin = Permissions.CanAdminister(actor) ? await AdminAsync(planId, ct) : null,
        };
    }

    /// <summary>
    /// The branch's quarters it may write now (data period begun, not locked or under an exemption), its
    /// returned reports with the reviewer's words, and the nearest due date still to meet.
    /// </summary>
    private async Task<ProvinceHome> ProvinceAsync(Actor actor, DateOnly today, CancellationToken ct)
    {
        var mine = await reports.MineAsync(actor, planId: null, ct);
        var open = mine.Quarters
            .Where(q => (!q.Locked || q.ExemptUntil is not null) && q.DataFrom <= today && q.NextStep is not ("NextStep.ProvinceEnded" or "NextStep.ProvinceNotYet"))
            .Select(q => new OpenQuarter(q.Quarter, q.DueOn, q.DueOn.DayNumber - today.DayNumber, q.ReportId, q.State, q.NextStep) { Reopened = q.Reopened })
            .ToList();

        // The next date to meet: the earliest due date not yet past of a quarter not yet sent.
        var next = mine.Quarters
            .Where(q => q.DueOn >= today && (q.State is null or ReportState.Draft or ReportState.Returned) && q.NextStep is not ("NextStep.ProvinceEnded" or "NextStep.ProvinceNotYet"))
            .OrderBy(q => q.DueOn)
            .Select(q => new OpenQuarter(q.Quarter, q.DueOn, q.DueOn.DayNumber - today.DayNumber, q.ReportId, q.State, q.NextStep) { Reopened = q.Reopened })
            .FirstOrDefault();

        // Returned reports of the branch, any plan; the owned transitions come with them (one read).
        var returned = await db.QuarterlyReports.AsNoTracking()
            .Where(ReportScope.ReadableBy(actor))
            .Where(r => r.State == ReportState.Returned && r.ProvinceId == actor.ProvinceId && r.AgencyId == actor.AgencyId)
            .ToListAsync(ct);
        var returnedRows = returned
            .OrderBy(r => r.Quarter)
            .Select(r =>
            {
                // The step that handed it back: a return from review, or a reopening after approval (with its reason).
                var last = r.Transitions.Where(t => t.To == ReportState.Returned).MaxBy(t => t.Number);
                return new ReturnedReport(r.Id, r.Quarter, last?.ByName, last?.AtUtc, last?.Comment) { Reopened = r.IsReopened };
            })
            .ToList();
        return new ProvinceHome(mine.ProvinceName, mine.AgencyCode, open, returnedRows, next);
    }

    /// <summary>The agency's review queue (oldest first) and the activities it takes part in this quarter with no entry of its own yet.</summary>
    private async Task<CentralHome> CentralAsync(Actor actor, DateOnly today, CancellationToken ct)
    {
        var queue = await reports.QueueAsync(actor, new QueueFilter(), ct); // the queue's defaults: own agency, waiting, oldest first
        var quarter = Quarter.Of(today);
        var plan = planChoices.Chosen(await planChoices.PublishedAsync(ct), null);
        var quiet = new List<QuietActivity>();
        if (plan is not null && actor.AgencyId is { } agency)
        {
            var activities = (await db.Activities.AsNoTracking().Include(a => a.Tasks).Where(a => a.PlanId == plan.Id).OrderBy(a => a.Number).ToListAsync(ct))
                .Where(a => a.Window.Contains(quarter) && a.Involves(agency))
                .ToList();
            var ids = activities.Select(a => a.Id).ToList();
            var (from, to) = (quarter.FirstDay, quarter.LastDay);
            var logged = await db.ProgressEntries.AsNoTracking()
                .Where(e => e.AgencyId == agency && ids.Contains(e.ActivityId) && e.ReportedOn >= from && e.ReportedOn <= to)
                .Select(e => e.ActivityId)
                .Distinct()
                .ToListAsync(ct);
            quiet = [.. activities.Where(a => !logged.Contains(a.Id)).Select(a => new QuietActivity(a.Id, a.Number, a.Title))];
        }

        return new CentralHome(queue.AgencyCode, queue.Total, [.. queue.Rows.Take(WaitingShown)], quarter, quiet);
    }

    /// <summary>
    /// The dashboard's own figures for its default plan: activities on track and late, and the reports of
    /// this quarter (or, outside the plan's reporting quarters, of the quarter the dashboard focuses on).
    /// </summary>
    private async Task<LeadershipHome?> LeadershipAsync(Actor actor, CancellationToken ct)
    {
        var figures = await dashboard.FiguresAsync(new DashboardFilter(), ct);
        if (figures is null)
        {
            return null;
        }

        var quarter = figures.TodayQuarter is { } now && figures.Quarters.Contains(now) ? now : figures.Focus;
        var reporting = figures.ReportingByQuarter.FirstOrDefault(r => r.Quarter == quarter);
        var late = figures.Activities.Count(a => a.Progress.Flagged);
        var onTrack = figures.Activities.Count(a => !a.Progress.Flagged && a.Progress.Status is ActivityStatus.OnTrack or ActivityStatus.Completed);
        var waiting = await db.QuarterlyReports.Where(ReportScope.ReadableBy(actor)).CountAsync(r => r.PlanId == figures.PlanId && r.State == ReportState.Submitted, ct);
        return new LeadershipHome(figures.PlanId, quarter, onTrack, late, reporting?.Expected ?? 0, reporting?.Received ?? 0, reporting?.OnTime ?? 0, reporting?.Missing ?? 0, waiting);
    }

    /// <summary>The home plan's quarters that have activities but no reporting period, and accounts to look at.</summary>
    private async Task<AdminHome> AdminAsync(int? planId, CancellationToken ct)
    {
        var without = new List<Quarter>();
        string? number = null;
        if (planId is { } id)
        {
            var plan = await db.Plans.AsNoTracking().Where(p => p.Id == id).Select(p => new { p.Number, p.Year }).SingleAsync(ct);
            number = plan.Number;
            var windows = await db.Activities.AsNoTracking().Where(a => a.PlanId == id).Select(a => a.Window).ToListAsync(ct);
            var periods = await db.ReportingPeriods.AsNoTracking().Where(p => p.PlanId == id).Select(p => p.Quarter).ToListAsync(ct);
            without = [.. Quarter.OfYear(plan.Year).Where(q => windows.Exists(w => w.Contains(q)) && !periods.Contains(q))];
        }

        var nowUtc = clock.GetUtcNow().UtcDateTime;
        var locked = await db.Users.AsNoTracking()
            .Where(u => db.SignInThrottles.Any(t => t.AccountKey == u.NormalizedEmail && t.BlockedUntilUtc > nowUtc))
            .OrderBy(u => u.FullName).ThenBy(u => u.Email)
            .Select(u => new AccountFlag(u.Id, u.FullName, u.Email ?? string.Empty, u.Role))
            .Take(AccountsShown)
            .ToListAsync(ct);

        // Administrators first: they must have an authenticator to sign in at all (docs/decisions/0008).
        var administrator = Permissions.AdministratorRole;
        var noAuthenticator = db.Users.AsNoTracking().Where(u => u.IsActive && !u.TwoFactorEnabled);
        var withoutAuthenticator = await noAuthenticator
            .OrderBy(u => u.Role == administrator ? 0 : 1).ThenBy(u => u.FullName).ThenBy(u => u.Email)
            .Select(u => new AccountFlag(u.Id, u.FullName, u.Email ?? string.Empty, u.Role))
            .Take(AccountsShown)
            .ToListAsync(ct);
        var count = await noAuthenticator.CountAsync(ct);
        return new AdminHome(planId, number, without, locked, withoutAuthenticator, count);
    }
}
