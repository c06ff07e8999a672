using CoordinationPortal.Data;
using CoordinationPortal.Domain.Access;
using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Domain.Evidence;
using CoordinationPortal.Domain.Provinces;
using CoordinationPortal.Domain.Reporting;
using CoordinationPortal.Web.Features.Evidence;
using CoordinationPortal.Web.Features.Progress;
using CoordinationPortal.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CoordinationPortal.Web.Features.Reports;

/// <summary>Reads for the report pages.</summary>
public sealed class ReportQueries(PortalDbContext db, ReportService reports, EvidenceService evidence, ProgressQueries progress, TimeProvider clock)
{
    public const int PageSize = 50;

    public async Task<IReadOnlyList<PlanChoice>> PlansAsync(CancellationToken cancellationToken) =>
        await db.Plans.AsNoTracking().OrderByDescending(p => p.Year).Select(p => new PlanChoice(p.Id, p.Number, p.Year)).ToListAsync(cancellationToken);

    public async Task<ReportHeader> HeaderAsync(QuarterlyReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var planNumber = await db.Plans.Where(p => p.Id == report.PlanId).Select(p => p.Number).SingleAsync(cancellationToken);
        var province = await db.Provinces.Where(p => p.Id == report.ProvinceId).Select(p => p.Name).SingleAsync(cancellationToken);
        var agency = await db.Agencies.Where(a => a.Id == report.AgencyId).Select(a => a.Code).SingleAsync(cancellationToken);
        var period = await db.ReportingPeriods.AsNoTracking().SingleOrDefaultAsync(p => p.PlanId == report.PlanId && p.Quarter == report.Quarter, cancellationToken);
        bool? onTime = report.FirstSubmittedAtUtc is { } first && period is not null ? period.IsOnTime(first) : null;
        return new ReportHeader(report.Id, report.PlanId, planNumber, report.Quarter, province, agency, report.State, report.FirstSubmittedAtUtc, period?.DueOn, onTime, report.Version);
    }

    public async Task<ReportPage> PageAsync(QuarterlyReport report, bool canEdit, bool canReview, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var activities = await db.Activities.AsNoTracking().Where(a => a.PlanId == report.PlanId).ToDictionaryAsync(a => a.Id, cancellationToken);
        var indicators = await db.Indicators.AsNoTracking().Where(i => activities.Keys.Contains(i.ActivityId)).ToDictionaryAsync(i => i.Id, cancellationToken);
        var files = (await evidence.ListAsync(EvidenceOwner.ReportLine, [.. report.Lines.Select(l => l.Id)], cancellationToken)).ToLookup(f => f.OwnerId);
        var lines = report.Lines
            .OrderBy(l => activities[l.ActivityId].Number)
            .Select(l => new LineView(
                l.Id,
                l.ActivityId,
                activities[l.ActivityId].Number,
                activities[l.ActivityId].Title,
                l.Status,
                l.Results,
                l.Difficulties,
                l.Proposals,
                [.. l.Values.OrderBy(v => indicators[v.IndicatorId].SortOrder).Select(v => new ValueView(indicators[v.IndicatorId].Name, v.Value, indicators[v.IndicatorId].Unit))],
                [.. files[l.Id]]))
            .ToList();
        return new ReportPage(await HeaderAsync(report, cancellationToken), lines, [.. report.Transitions.OrderByDescending(t => t.Number)], canEdit, canReview);
    }

    public async Task<ReportEditPage> EditPageAsync(QuarterlyReport report, ReportForm form, ConflictView? conflict, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var activities = await db.Activities.AsNoTracking().Where(a => a.PlanId == report.PlanId).ToDictionaryAsync(a => a.Id, cancellationToken);
        var files = (await evidence.ListAsync(EvidenceOwner.ReportLine, [.. report.Lines.Select(l => l.Id)], cancellationToken)).ToLookup(f => f.OwnerId);
        var editors = new List<LineEditor>();
        foreach (var line in report.Lines.OrderBy(l => activities[l.ActivityId].Number))
        {
            var fields = await progress.IndicatorFieldsAsync(line.ActivityId, [.. line.Values.Select(v => v.IndicatorId)], cancellationToken);
            var activity = activities[line.ActivityId];
            editors.Add(new LineEditor(line.Id, activity.Id, activity.Number, activity.Title, fields, [.. files[line.Id]]));
        }

        return new ReportEditPage(await HeaderAsync(report, cancellationToken), editors, form, conflict, [.. report.Transitions.OrderByDescending(t => t.Number)]);
    }

    /// <summary>The form as stored: what the edit page starts from.</summary>
    public static ReportForm FormOf(QuarterlyReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new ReportForm
        {
            Version = report.Version,
            Lines = report.Lines.ToDictionary(l => l.ActivityId, l => new LineForm
            {
                Status = l.Status,
                Results = l.Results,
                Difficulties = l.Difficulties,
                Proposals = l.Proposals,
                Values = l.Values.ToDictionary(v => v.IndicatorId, v => (string?)IndicatorInput.Format(v.Value)),
            }),
        };
    }

    /// <summary>A provincial branch's quarters of a plan, with what to do next for each.</summary>
    public async Task<MyReportsPage> MineAsync(Actor actor, int? planId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var plans = await PlansAsync(cancellationToken);
        var chosen = plans.FirstOrDefault(p => p.Id == planId) ?? (plans.Count > 0 ? plans[0] : null);
        var province = await db.Provinces.Where(p => p.Id == actor.ProvinceId).Select(p => p.Name).SingleAsync(cancellationToken);
        var agency = await db.Agencies.Where(a => a.Id == actor.AgencyId).Select(a => a.Code).SingleAsync(cancellationToken);
        if (chosen is null)
        {
            return new MyReportsPage(plans, null, province, agency, []);
        }

        var windows = (await db.Activities.AsNoTracking().Where(a => a.PlanId == chosen.Id).ToListAsync(cancellationToken)).Select(a => a.Window).ToList();
        var periods = await db.ReportingPeriods.AsNoTracking().Where(p => p.PlanId == chosen.Id).OrderBy(p => p.Quarter).ToListAsync(cancellationToken);
        var mine = await db.QuarterlyReports.AsNoTracking()
            .Where(r => r.PlanId == chosen.Id && r.ProvinceId == actor.ProvinceId && r.AgencyId == actor.AgencyId)
            .Select(r => new { r.Id, r.Quarter, r.State, r.FirstSubmittedAtUtc })
            .ToListAsync(cancellationToken);
        var rows = new List<MyQuarterRow>();
        foreach (var period in periods.Where(p => windows.Exists(w => w.Contains(p.Quarter))))
        {
            var report = mine.Find(r => r.Quarter == period.Quarter);
            var window = await reports.WindowAsync(chosen.Id, period.Quarter, actor.ProvinceId!.Value, actor.AgencyId!.Value, cancellationToken);
            bool? onTime = report?.FirstSubmittedAtUtc is { } first ? period.IsOnTime(first) : null;
            var next = report?.State switch
            {
                null => window.IsOpen ? "NextStep.Start" : "NextStep.LockedAskAdmin",
                ReportState.Draft => window.IsOpen ? "NextStep.ContinueAndSubmit" : "NextStep.LockedAskAdmin",
                ReportState.Returned => "NextStep.FixAndResubmit",
                ReportState.Submitted => "NextStep.WaitForReview",
                _ => "NextStep.Done",
            };
            rows.Add(new MyQuarterRow(period.Quarter, period.DataFrom, period.DataTo, period.DueOn, period.LocksOn, window.Locked, window.Exemption?.Until, report?.Id, report?.State, onTime, next));
        }

        return new MyReportsPage(plans, chosen.Id, province, agency, rows);
    }

    /// <summary>Reports submitted by the branches of the officer's agency, waiting longest first.</summary>
    public async Task<ReviewQueuePage> QueueAsync(Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var agency = await db.Agencies.Where(a => a.Id == actor.AgencyId).Select(a => a.Code).SingleAsync(cancellationToken);
        var submitted = await db.QuarterlyReports.AsNoTracking()
            .Where(r => r.State == ReportState.Submitted && r.AgencyId == actor.AgencyId)
            .Select(r => new
            {
                r.Id,
                r.PlanId,
                r.Quarter,
                Province = db.Provinces.Where(p => p.Id == r.ProvinceId).Select(p => p.Name).First(),
                r.FirstSubmittedAtUtc,
                r.LastSubmittedAtUtc,
            })
            .ToListAsync(cancellationToken);
        var periods = await db.ReportingPeriods.AsNoTracking().ToListAsync(cancellationToken);
        var today = VietnamTime.Today(clock.GetUtcNow());
        var rows = submitted
            .OrderBy(r => r.LastSubmittedAtUtc)
            .Select(r =>
            {
                var period = periods.Find(p => p.PlanId == r.PlanId && p.Quarter == r.Quarter);
                var waiting = today.DayNumber - DateOnly.FromDateTime(VietnamTime.FromUtc(r.LastSubmittedAtUtc!.Value)).DayNumber;
                return new QueueRow(r.Id, r.Province, r.Quarter, r.LastSubmittedAtUtc!.Value, waiting, r.FirstSubmittedAtUtc != r.LastSubmittedAtUtc, period?.IsOnTime(r.FirstSubmittedAtUtc!.Value));
            })
            .ToList();
        return new ReviewQueuePage(agency, rows);
    }

    /// <summary>Reports the caller may read, filtered: never drafts, except an administrator's view or a province's own.</summary>
    public async Task<ReportListPage> ListAsync(Actor actor, ReportFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(filter);
        var query = db.QuarterlyReports.AsNoTracking();
        query = actor.Role switch
        {
            PortalRole.Administrator => query,
            PortalRole.ProvincialOfficer => query.Where(r => r.ProvinceId == actor.ProvinceId && r.AgencyId == actor.AgencyId),
            _ => query.Where(r => r.State != ReportState.Draft),
        };
        if (filter.PlanId is { } plan)
        {
            query = query.Where(r => r.PlanId == plan);
        }

        if (filter.Quarter is { } key)
        {
            var quarter = Quarter.FromKey(key);
            query = query.Where(r => r.Quarter == quarter);

            // On time means first sent before the due date ended (Vietnam midnight), as the dashboard counts.
            var period = filter.PlanId is { } planId
                ? await db.ReportingPeriods.AsNoTracking().SingleOrDefaultAsync(p => p.PlanId == planId && p.Quarter == quarter, cancellationToken)
                : null;
            if (period is not null && filter.Timeliness is "OnTime" or "Late")
            {
                var dueEnd = period.DueEndUtc;
                query = filter.Timeliness == "OnTime"
                    ? query.Where(r => r.FirstSubmittedAtUtc != null && r.FirstSubmittedAtUtc < dueEnd)
                    : query.Where(r => r.FirstSubmittedAtUtc != null && r.FirstSubmittedAtUtc >= dueEnd);
            }
        }

        if (filter.Received == true)
        {
            query = query.Where(r => r.FirstSubmittedAtUtc != null);
        }

        if (filter.AgencyId is { } agencyId)
        {
            query = query.Where(r => r.AgencyId == agencyId);
        }

        if (filter.ProvinceId is { } provinceId)
        {
            query = query.Where(r => r.ProvinceId == provinceId);
        }

        if (filter.State is { } state)
        {
            query = query.Where(r => r.State == state);
        }

        var page = await query
            .OrderByDescending(r => r.Quarter)
            .ThenBy(r => r.ProvinceId)
            .ThenBy(r => r.AgencyId)
            .Select(r => new
            {
                r.Id,
                r.PlanId,
                r.Quarter,
                Province = db.Provinces.Where(p => p.Id == r.ProvinceId).Select(p => p.Name).First(),
                Agency = db.Agencies.Where(a => a.Id == r.AgencyId).Select(a => a.Code).First(),
                r.State,
                r.FirstSubmittedAtUtc,
            })
            .ToPageAsync(filter.Page, PageSize, cancellationToken);
        filter.Page = page.Page;
        var periods = await db.ReportingPeriods.AsNoTracking().ToListAsync(cancellationToken);
        var rows = page.Rows.Select(r => new ReportListRow(
            r.Id,
            r.Quarter,
            r.Province,
            r.Agency,
            r.State,
            r.FirstSubmittedAtUtc,
            r.FirstSubmittedAtUtc is { } first ? periods.Find(p => p.PlanId == r.PlanId && p.Quarter == r.Quarter)?.IsOnTime(first) : null)).ToList();
        var provinces = (await db.Provinces.AsNoTracking().Select(p => new { p.Id, p.Name }).ToListAsync(cancellationToken)).OrderBy(p => p.Name, VietnameseOrder.Names).Select(p => (p.Id, p.Name)).ToList();
        var agencies = (await db.Agencies.AsNoTracking().OrderBy(a => a.Code).Select(a => new { a.Id, a.Code }).ToListAsync(cancellationToken)).Select(a => (a.Id, a.Code)).ToList();
        return new ReportListPage(filter, rows, page.Total, page.PageCount, await PlansAsync(cancellationToken), provinces, agencies);
    }
}
