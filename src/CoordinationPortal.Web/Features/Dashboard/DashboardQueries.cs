using CoordinationPortal.Data;
using CoordinationPortal.Domain.Access;
using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Domain.Indicators;
using CoordinationPortal.Domain.Plans;
using CoordinationPortal.Domain.Provinces;
using CoordinationPortal.Domain.Reporting;
using CoordinationPortal.Web.Features.Plans;
using CoordinationPortal.Web.Features.Provinces;
using CoordinationPortal.Web.Features.Progress;
using CoordinationPortal.Web.Features.Reports;
using Microsoft.EntityFrameworkCore;

namespace CoordinationPortal.Web.Features.Dashboard;

/// <summary>
/// The dashboard's numbers. A fixed number of queries whatever the amount of data: each one reads
/// a whole plan's worth at once (report states, grouped indicator sums), and the rest is counted in
/// memory. The plan's reference data (activities, periods, indicators, agencies, published plans)
/// comes from the copy this process keeps (<see cref="PlanReference"/>, ADR 0061). A test holds the
/// number of SQL commands to that.
/// </summary>
public sealed class DashboardQueries(PortalDbContext db, ProgressQueries progress, ProvinceDirectory directory, PlanChoices planChoices, PlanReference reference, TimeProvider clock)
{
    /// <summary>The dashboard as the caller sees it: the plan's figures, and the reports waiting for the caller's review.</summary>
    public async Task<DashboardPage?> GetAsync(Actor actor, DashboardFilter filter, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var figures = await ComputeAsync(filter, ct);
        if (figures is null)
        {
            return null;
        }

        var (page, reports, periods, catalog) = figures.Value;
        var waiting = Waiting(reports, periods, catalog, Permissions.ReviewAgencyOf(actor, filter.AgencyId));
        return page with { Waiting = waiting, CanDraftPlans = Permissions.CanDraftPlans(actor) };
    }

    /// <summary>
    /// A plan's figures (activities, reporting, the province grid, indicator totals), the same for
    /// everyone who may see all provinces; the year-end report reads them too.
    /// </summary>
    public async Task<DashboardPage?> FiguresAsync(DashboardFilter filter, CancellationToken ct) =>
        await ComputeAsync(filter, ct) is { } figures ? figures.Page : null;

    /// <summary>The figures, with the rows they were made of, which the waiting list reads again rather than querying twice.</summary>
    private async Task<(DashboardPage Page, List<ReportStatusRow> Reports, IReadOnlyList<PlanPeriod> Periods, ProvinceCatalog Catalog)?> ComputeAsync(DashboardFilter filter, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var plans = await planChoices.PublishedAsync(ct);
        var plan = planChoices.Chosen(plans, filter.PlanId);
        if (plan is null)
        {
            return null;
        }

        filter.PlanId = plan.Id;
        var data = await reference.PlanAsync(plan.Id, ct);
        var activities = data.Activities;
        var agencies = await reference.AgenciesAsync(ct);
        var codes = agencies.ToDictionary(a => a.Id, a => a.Code);
        var branches = filter.AgencyId is { } only ? [.. agencies.Where(a => a.Id == only)] : agencies;
        var periods = data.Periods;
        var catalog = await directory.LoadAsync(ct);
        var boundaries = filter.Boundaries ?? ProvinceBoundaries.Current;
        var reports = await ListAsync(ReportStates(db, plan.Id), ct);

        var now = clock.GetUtcNow();
        var today = VietnamTime.Today(now);
        // Quarters that expect provincial reports: those in which a provincial activity runs.
        var quarters = periods.Select(p => p.Quarter).Where(q => activities.Any(a => a.ProvincesReport && a.Window.Contains(q))).ToList();
        var shown = filter.Quarter is { } asked && quarters.Contains(asked) ? [asked] : quarters;
        var todayQuarter = Quarter.Of(today) is var tq && tq.Year == plan.Year ? tq : (Quarter?)null;

        // The quarter in focus for "still missing": the chosen one, or the latest whose due date has passed.
        var focus = filter.Quarter is { } chosen && quarters.Contains(chosen)
            ? chosen
            : periods.Where(p => quarters.Contains(p.Quarter) && p.DueOn <= today).Select(p => p.Quarter).DefaultIfEmpty(quarters.Count > 0 ? quarters[0] : new Quarter(plan.Year, 1)).Max();

        var byBranch = reports.ToDictionary(r => (r.ProvinceId, r.AgencyId, r.Quarter));
        CellState StateOf(ReportStatusRow? report, PlanPeriod period) => report switch
        {
            null => CellState.NotSubmitted,
            { State: ReportState.Draft } => CellState.Draft,
            { State: ReportState.Returned } when QuarterlyReport.IsReopenedAfter(report.State, report.LastAction) => CellState.Reopened,
            { State: ReportState.Returned } => CellState.Returned,
            { State: ReportState.Approved } => CellState.Approved,
            _ => period.IsOnTime(report.FirstSubmittedAtUtc!.Value) ? CellState.SubmittedOnTime : CellState.SubmittedLate,
        };

        // Expected reports come from the units that exist in each quarter: 63 per branch until Q2/2025, 34 after.
        var reporting = new List<ReportingNumbers>();
        var shownPeriods = periods.Where(p => shown.Contains(p.Quarter)).ToList();
        foreach (var period in shownPeriods)
        {
            var expected = catalog.CountingIn(period.Quarter);
            foreach (var branch in branches)
            {
                var received = expected.Select(p => byBranch.GetValueOrDefault((p.Id, branch.Id, period.Quarter))).Where(r => r?.FirstSubmittedAtUtc is not null).ToList();
                var onTime = received.Count(r => period.IsOnTime(r!.FirstSubmittedAtUtc!.Value));
                reporting.Add(new ReportingNumbers(period.Quarter, branch.Id, branch.Code, expected.Count, received.Count, onTime, received.Count - onTime, received.Count(r => r!.State == ReportState.Approved)));
            }
        }

        var byQuarter = reporting.GroupBy(r => r.Quarter)
            .Select(g => new ReportingNumbers(g.Key, null, null, g.Sum(r => r.Expected), g.Sum(r => r.Received), g.Sum(r => r.OnTime), g.Sum(r => r.Late), g.Sum(r => r.Approved)))
            .ToList();

        // One row per unit that existed in a shown quarter, a cell per quarter and branch ("not in the
        // list" where the unit did not exist then), grouped under today's unit when asked.
        var lastShown = shownPeriods.Count > 0 ? shownPeriods[^1].Quarter : new Quarter(plan.Year, 4);
        var gridRows = catalog.All
            .Where(p => shownPeriods.Exists(period => p.CountsIn(period.Quarter)))
            .Select(p =>
            {
                var group = catalog.PlacedUnder(p.Id, boundaries);
                var shownAs = shownPeriods.Where(period => p.CountsIn(period.Quarter)).Select(period => period.Quarter).Max();
                return new GridRow(
                    p.Id,
                    p.Code,
                    p.NameOn(shownAs.LastDay),
                    p.Region,
                    [.. shownPeriods.SelectMany(period => branches.Select(branch =>
                    {
                        var report = byBranch.GetValueOrDefault((p.Id, branch.Id, period.Quarter));
                        return p.CountsIn(period.Quarter)
                            ? new GridCell(period.Quarter, branch.Id, branch.Code, StateOf(report, period), report?.Id)
                            : new GridCell(period.Quarter, branch.Id, branch.Code, CellState.NotExpected, null);
                    }))])
                {
                    GroupId = group.Id,
                    GroupName = group.NameOn(VietnamTime.Today(now)),
                };
            })
            .OrderBy(r => r.GroupName, VietnameseOrder.Names)
            .ThenBy(r => r.GroupId == r.ProvinceId ? 0 : 1)
            .ThenBy(r => r.Province, VietnameseOrder.Names)
            .ToList();
        var missing = gridRows
            .SelectMany(r => r.Cells.Where(c => c.Quarter == focus && c.State is CellState.NotSubmitted or CellState.Draft)
                .Select(c => new MissingBranch(r.ProvinceId, r.Province, c.AgencyId, c.AgencyCode)))
            .ToList();

        var (indicators, chartIndicator, byRegion, funds) = await ResultsAsync(activities, data.Indicators, shown, filter, catalog, boundaries, ct);
        var summaries = await progress.SummariesAsync([.. activities.Select(a => a.Roles(plan.Id))], ct);

        var page = new DashboardPage(
            filter,
            plan.Id,
            plan.Number,
            plan.Year,
            plans,
            agencies,
            quarters,
            todayQuarter,
            focus,
            [.. activities.Select(a => new DashboardActivity(
                a.Id,
                a.Number,
                a.ProvincesReport,
                a.Title,
                a.EnglishTitle,
                a.Window,
                a.HasLeadsPerTask ? RoleSummaryKind.PerTask : a.IsJoint ? RoleSummaryKind.Joint : RoleSummaryKind.LeadAndSupporting,
                a.LeadAgencyId is { } lead ? codes[lead] : null,
                [.. a.OwnRoles.Where(x => x.Role == AssignmentRole.Supporting).Select(x => codes[x.AgencyId])],
                summaries[a.Id]))],
            reporting,
            byQuarter,
            gridRows,
            missing,
            indicators,
            chartIndicator,
            byRegion,
            funds,
            [],
            today);
        return (page, reports, periods, catalog);
    }

    /// <summary>
    /// Indicator totals of the reports that count, read from the totals every save keeps by plan,
    /// quarter, agency and indicator (ADR 0057): at most a few hundred rows whatever the number of
    /// provinces and reports. Only
    /// provincial activities count provincial figures (lines stored before an activity became central
    /// only stay on their reports, uncounted); a central-only activity's figures are the central
    /// agencies' cumulative ones (<see cref="CentralFiguresAsync"/>). Beside the quarters shown, each
    /// indicator carries the year's actual to date and its yearly target.
    /// </summary>
    private async Task<(List<IndicatorTotals>, IndicatorTotals?, List<RegionTotal>, List<FundsByQuarter>)> ResultsAsync(
        IReadOnlyList<PlanActivity> activities, IReadOnlyList<PlanIndicator> indicators, IReadOnlyList<Quarter> shown, DashboardFilter filter, ProvinceCatalog catalog, ProvinceBoundaries boundaries, CancellationToken ct)
    {
        var central = activities.Where(a => !a.ProvincesReport).Select(a => a.Id).ToList();
        var numbers = activities.ToDictionary(a => a.Id, a => a.Number);
        var planId = filter.PlanId!.Value;
        var sums = await ListAsync(IndicatorSums(db, planId, filter.AgencyId), ct);
        var inView = sums.Where(s => shown.Contains(s.Quarter)).ToList();
        var yearToDate = sums.GroupBy(s => s.IndicatorId).ToDictionary(g => g.Key, g => g.Sum(s => s.Total));
        var centralFigures = await CentralFiguresAsync(planId, filter.AgencyId, ct);

        // One pass over the rows, not one per table cell.
        var cells = inView.GroupBy(s => (s.IndicatorId, s.Quarter)).ToDictionary(g => g.Key, g => g.Sum(s => s.Total));
        var centralOnly = central.ToHashSet();
        IndicatorTotals TotalsOf(PlanIndicator i) => centralOnly.Contains(i.ActivityId)
            ? new(i.Id, numbers[i.ActivityId], i.Name, i.EnglishName, i.Unit, new Dictionary<Quarter, long>())
            {
                Source = IndicatorSource.CentralOffices,
                YearToDate = centralFigures.GetValueOrDefault(i.Id),
                Target = i.Target,
            }
            : new(i.Id, numbers[i.ActivityId], i.Name, i.EnglishName, i.Unit, shown.ToDictionary(q => q, q => cells.GetValueOrDefault((i.Id, q))))
            {
                YearToDate = yearToDate.GetValueOrDefault(i.Id),
                Target = i.Target,
            };
        var totals = indicators
            .OrderBy(i => numbers[i.ActivityId]).ThenBy(i => i.SortOrder)
            .Select(i => (Indicator: i, Totals: TotalsOf(i)))
            .Where(x => x.Totals.YearToDate > 0 || x.Totals.Target is not null || !x.Indicator.IsRetired)
            .Select(x => x.Totals)
            .ToList();

        // The chart's indicator: the one asked for, else the first count of people (participants reached).
        // Its totals by unit are read for that one indicator, then placed in the region of the unit
        // that sent them, or of today's unit ("Chưa xác định vùng" while an administrator has not set it).
        // Central figures have no province, so they have no region either.
        var chartable = totals.Where(t => t.Source == IndicatorSource.Provinces).ToList();
        var chart = chartable.Find(t => t.IndicatorId == filter.IndicatorId) ?? chartable.Find(t => t.Unit == IndicatorUnit.People);
        var chartId = chart?.IndicatorId ?? 0;
        var byUnit = chart is null ? [] : await ListAsync(ChartSums(db, planId, filter.AgencyId, chartId), ct);
        var byRegion = Enum.GetValues<SocioEconomicRegion>().Select(r => (SocioEconomicRegion?)r).Append(null)
            .Select(region => new RegionTotal(region, byUnit.Where(s => shown.Contains(s.Quarter) && catalog.PlacedUnder(s.ProvinceId, boundaries).Region == region).Sum(s => s.Total)))
            .Where(r => r.Region is not null || r.Value > 0)
            .ToList();
        var state = indicators.Where(i => i.Code.EndsWith(".FUNDS.STATE", StringComparison.Ordinal)).Select(i => i.Id).ToHashSet();
        var mobilised = indicators.Where(i => i.Code.EndsWith(".FUNDS.MOBILISED", StringComparison.Ordinal)).Select(i => i.Id).ToHashSet();
        var funds = shown
            .Select(q => new FundsByQuarter(
                q,
                inView.Where(s => s.Quarter == q && state.Contains(s.IndicatorId)).Sum(s => s.Total),
                inView.Where(s => s.Quarter == q && mobilised.Contains(s.IndicatorId)).Sum(s => s.Total)))
            .ToList();
        return (totals, chart, byRegion, funds);
    }

    /// <summary>
    /// The central agencies' figures for central-only activities, by indicator, in one query: each
    /// agency logs its own cumulative figure, so each agency's latest value of an indicator counts
    /// (the latest by the date reported on, the later-written of two on one day), summed over the
    /// agencies. An entry that leaves an indicator empty does not erase the agency's earlier figure.
    /// </summary>
    private async Task<Dictionary<int, long>> CentralFiguresAsync(int planId, int? agencyId, CancellationToken ct) =>
        (await ListAsync(CentralFigures(db, planId, agencyId), ct)).ToDictionary(x => x.IndicatorId, x => x.Total);

    /// <summary>
    /// Reports of the plan waiting for a central agency (one agency, or all when null), longest first:
    /// taken from the report rows the grid already read, so the list costs no query of its own.
    /// </summary>
    private List<QueueRow> Waiting(List<ReportStatusRow> reports, IReadOnlyList<PlanPeriod> periods, ProvinceCatalog catalog, int? agency)
    {
        var today = VietnamTime.Today(clock.GetUtcNow());
        return [.. reports
            .Where(r => r.State == ReportState.Submitted && (agency == null || r.AgencyId == agency))
            .OrderBy(r => r.LastSubmittedAtUtc).ThenBy(r => r.Id)
            .Select(r => new QueueRow(
                r.Id,
                catalog.NameIn(r.ProvinceId, r.Quarter),
                r.Quarter,
                r.LastSubmittedAtUtc!.Value,
                today.DayNumber - DateOnly.FromDateTime(VietnamTime.FromUtc(r.LastSubmittedAtUtc!.Value)).DayNumber,
                r.FirstSubmittedAtUtc != r.LastSubmittedAtUtc,
                periods.FirstOrDefault(p => p.Quarter == r.Quarter)?.IsOnTime(r.FirstSubmittedAtUtc!.Value)))];
    }

    /// <summary>
    /// A province's totals of what it reported (all its reports, whatever their state), by quarter,
    /// with the target the plan sets for the province, for the activities provinces report on.
    /// Indicators with a province target show even before anything is reported.
    /// </summary>
    public async Task<IReadOnlyList<IndicatorTotals>> ProvinceTotalsAsync(Actor actor, int planId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var province = actor.ProvinceId ?? 0;
        var indicators = await ListAsync(ProvincialIndicators(db, planId, province), ct);
        var sums = await ListAsync(ProvinceSums(db, planId, province, actor.AgencyId ?? 0), ct);
        var quarters = sums.Select(s => s.Quarter).Distinct().Order().ToList();
        return [.. indicators
            .Where(i => sums.Exists(s => s.IndicatorId == i.Id) || i.Target is not null)
            .OrderBy(i => i.ActivityNumber).ThenBy(i => i.SortOrder).ThenBy(i => i.Id)
            .Select(i => new IndicatorTotals(i.Id, i.ActivityNumber, i.Name, i.EnglishName, i.Unit,
                quarters.ToDictionary(q => q, q => sums.Where(s => s.IndicatorId == i.Id && s.Quarter == q).Sum(s => s.Total)))
            {
                YearToDate = sums.Where(s => s.IndicatorId == i.Id).Sum(s => s.Total),
                Target = i.Target,
            })];
    }

    private static async Task<List<T>> ListAsync<T>(IAsyncEnumerable<T> rows, CancellationToken ct)
    {
        var list = new List<T>();
        await foreach (var row in rows.WithCancellation(ct))
        {
            list.Add(row);
        }

        return list;
    }

    // The dashboard's queries, compiled once: every request runs the same shapes, so translating the
    // LINQ again each time (parameter extraction and the query cache's lookup) was work for nothing.
    // They select the plan's activities by joining on the plan, not by a list of activity ids: a list
    // parameter makes EF rewrite and regenerate the SQL on every execution (under a lock).
    // What each row is read for, and no more: the last transition only tells a returned report from a
    // reopened one, so its subquery runs for returned reports alone (a CASE in SQL); the last
    // submission only dates the waiting list, so it is read (and parsed from text) for submitted ones.
    private static readonly Func<PortalDbContext, int, IAsyncEnumerable<ReportStatusRow>> ReportStates = EF.CompileAsyncQuery(
        (PortalDbContext db, int planId) => db.QuarterlyReports.AsNoTracking()
            .Where(r => r.PlanId == planId)
            .Select(r => new ReportStatusRow(
                r.Id,
                r.ProvinceId,
                r.AgencyId,
                r.Quarter,
                r.State,
                r.FirstSubmittedAtUtc,
                r.State == ReportState.Submitted ? r.LastSubmittedAtUtc : null,
                r.State == ReportState.Returned ? r.Transitions.OrderByDescending(t => t.Number).Select(t => (ReportAction?)t.Action).FirstOrDefault() : null)));

    // The totals kept by every save that changes them (IndicatorTotals, ADR 0057): a few rows per
    // quarter and indicator instead of grouping every counted value of the plan on each request.
    private static readonly Func<PortalDbContext, int, int?, IAsyncEnumerable<QuarterSum>> IndicatorSums = EF.CompileAsyncQuery(
        (PortalDbContext db, int planId, int? agencyId) =>
            from total in db.IndicatorQuarterTotals
            where total.PlanId == planId && (agencyId == null || total.AgencyId == agencyId)
            group total by new { total.Quarter, total.IndicatorId } into g
            select new QuarterSum(g.Key.Quarter, g.Key.IndicatorId, g.Sum(t => t.Total)));

    private static readonly Func<PortalDbContext, int, int?, int, IAsyncEnumerable<UnitSum>> ChartSums = EF.CompileAsyncQuery(
        (PortalDbContext db, int planId, int? agencyId, int indicatorId) =>
            from report in db.QuarterlyReports.Where(ReportScope.CountedInResults)
            where report.PlanId == planId && (agencyId == null || report.AgencyId == agencyId)
            from line in report.Lines
            from value in line.Values
            where value.IndicatorId == indicatorId
            group value by new { report.Quarter, report.ProvinceId } into g
            select new UnitSum(g.Key.Quarter, g.Key.ProvinceId, g.Sum(v => v.Value)));

    private static readonly Func<PortalDbContext, int, int?, IAsyncEnumerable<IndicatorSum>> CentralFigures = EF.CompileAsyncQuery(
        (PortalDbContext db, int planId, int? agencyId) =>
            from entry in db.ProgressEntries
            join activity in db.Activities on entry.ActivityId equals activity.Id
            where activity.PlanId == planId && !activity.ProvincesReport && (agencyId == null || entry.AgencyId == agencyId)
            from value in entry.Values
            where !db.ProgressEntries.Any(later => later.ActivityId == entry.ActivityId && later.AgencyId == entry.AgencyId
                && (later.ReportedOn > entry.ReportedOn || (later.ReportedOn == entry.ReportedOn && later.Id > entry.Id))
                && later.Values.Any(v => v.IndicatorId == value.IndicatorId))
            group value by value.IndicatorId into g
            select new IndicatorSum(g.Key, g.Sum(v => v.Value)));

    // The province dashboard's two queries, compiled, joined on the plan's provincial activities
    // rather than a list of their ids (a list parameter makes EF rebuild the SQL on every request),
    // and reading of each indicator only what is shown and the caller's own province target, not the
    // indicator entities with a target row for every province (a second, split command).
    private static readonly Func<PortalDbContext, int, int, IAsyncEnumerable<ProvinceIndicatorRow>> ProvincialIndicators = EF.CompileAsyncQuery(
        (PortalDbContext db, int planId, int provinceId) =>
            from i in db.Indicators
            join activity in db.Activities on i.ActivityId equals activity.Id
            where activity.PlanId == planId && activity.ProvincesReport
            select new ProvinceIndicatorRow(
                i.Id,
                activity.Number,
                i.Name,
                i.EnglishName,
                i.Unit,
                i.SortOrder,
                i.ProvinceTargets.Where(t => t.ProvinceId == provinceId).Select(t => (long?)t.Value).FirstOrDefault()));

    // All the unit's own reports of the plan, whatever their state.
    private static readonly Func<PortalDbContext, int, int, int, IAsyncEnumerable<QuarterSum>> ProvinceSums = EF.CompileAsyncQuery(
        (PortalDbContext db, int planId, int provinceId, int agencyId) =>
            from report in db.QuarterlyReports
            where report.PlanId == planId && report.ProvinceId == provinceId && report.AgencyId == agencyId
            from line in report.Lines
            join activity in db.Activities on line.ActivityId equals activity.Id
            where activity.PlanId == planId && activity.ProvincesReport
            from value in line.Values
            group value by new { report.Quarter, value.IndicatorId } into g
            select new QuarterSum(g.Key.Quarter, g.Key.IndicatorId, g.Sum(v => v.Value)));

    private sealed record ProvinceIndicatorRow(int Id, int ActivityNumber, string Name, string? EnglishName, IndicatorUnit Unit, int SortOrder, long? Target);

    /// <summary>A report's state as the grid and the waiting list need it: <see cref="LastSubmittedAtUtc"/> only for a submitted report, <see cref="LastAction"/> only for a returned one.</summary>
    private sealed record ReportStatusRow(int Id, int ProvinceId, int AgencyId, Quarter Quarter, ReportState State, DateTime? FirstSubmittedAtUtc, DateTime? LastSubmittedAtUtc, ReportAction? LastAction);

    private sealed record QuarterSum(Quarter Quarter, int IndicatorId, long Total);

    private sealed record UnitSum(Quarter Quarter, int ProvinceId, long Total);

    private sealed record IndicatorSum(int IndicatorId, long Total);
}
