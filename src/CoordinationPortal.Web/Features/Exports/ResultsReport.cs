using CoordinationPortal.Data;
using CoordinationPortal.Domain.Access;
using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Domain.Reporting;
using CoordinationPortal.Web.Features.Dashboard;
using CoordinationPortal.Web.Features.Progress;
using CoordinationPortal.Web.Features.Provinces;
using Microsoft.EntityFrameworkCore;

namespace CoordinationPortal.Web.Features.Exports;

/// <summary>Everything the year-end results report says, gathered from the data.</summary>
public sealed record ResultsReportData(
    int Year,
    string PlanNumber,
    DateOnly PlanIssuedOn,
    string ProgrammeNumber,
    DateOnly ProgrammeSignedOn,
    string VwuName,
    string CemaName,
    DateOnly Today,
    IReadOnlyList<ResultsActivity> Activities,
    IReadOnlyList<ReportingNumbers> Reporting);

public sealed record ResultsActivity(
    DashboardActivity Activity,
    IReadOnlyList<(string Agency, string Done, string? Difficulties, string? NextSteps)> Central,
    IReadOnlyList<IndicatorTotals> Totals,
    int ProvincesReporting,
    IReadOnlyList<(string Province, string Results)> Examples,
    IReadOnlyList<string> Difficulties,
    IReadOnlyList<string> Proposals);

public sealed class ResultsReportQueries(PortalDbContext db, DashboardQueries dashboard, ProgressQueries progress, ProvinceDirectory provinces, TimeProvider clock)
{
    private const int ExamplesPerActivity = 3;
    private const int NotesPerActivity = 4;

    public async Task<ResultsReportData?> GetAsync(int? planId, CancellationToken ct)
    {
        var numbers = await dashboard.FiguresAsync(new DashboardFilter { PlanId = planId }, ct);
        if (numbers is null)
        {
            return null;
        }

        var plan = await db.Plans.AsNoTracking().Include(p => p.Programme).SingleAsync(p => p.Id == numbers.PlanId, ct);
        var today = VietnamTime.Today(clock.GetUtcNow());
        var agencies = await db.Agencies.AsNoTracking().ToListAsync(ct);
        // The report speaks for the plan's year: agencies are named as they were at its end.
        var yearEnd = new DateOnly(plan.Year, 12, 31);
        string NameOf(string code) => agencies.Single(a => a.Code == code).NameOn(yearEnd).FullName;
        var agencyCodes = agencies.ToDictionary(a => a.Id, a => a.Code);
        var activityIds = numbers.Activities.Select(a => a.Id).ToList();

        var latest = await progress.LatestPerAgency(activityIds)
            .Select(e => new { e.ActivityId, e.AgencyId, e.Done, e.Difficulties, e.NextSteps })
            .ToListAsync(ct);
        // Provinces' words count only for activities they report on: lines stored for an activity
        // before it became central only stay on their reports, but are not the year's results.
        var provincial = numbers.Activities.Where(a => a.ProvincesReport).Select(a => a.Id).ToList();
        var lines = await (
                from report in db.QuarterlyReports.Where(ReportScope.CountedInResults)
                where report.PlanId == plan.Id
                from line in report.Lines
                where provincial.Contains(line.ActivityId)
                select new
                {
                    line.ActivityId,
                    report.ProvinceId,
                    report.Quarter,
                    line.Results,
                    line.Difficulties,
                    line.Proposals,
                })
            .ToListAsync(ct);

        var catalog = await provinces.LoadAsync(ct);
        var activities = numbers.Activities.Select(a =>
        {
            var own = lines.Where(l => l.ActivityId == a.Id).ToList();
            return new ResultsActivity(
                a,
                [.. latest.Where(e => e.ActivityId == a.Id).OrderBy(e => agencyCodes[e.AgencyId])
                    .Select(e => (NameOf(agencyCodes[e.AgencyId]), e.Done, e.Difficulties, e.NextSteps))],
                [.. numbers.Indicators.Where(t => t.ActivityNumber == a.Number && (t.YearToDate > 0 || t.Target is not null))],
                own.Where(l => !string.IsNullOrWhiteSpace(l.Results)).Select(l => l.ProvinceId).Distinct().Count(),
                [.. own.Where(l => !string.IsNullOrWhiteSpace(l.Results)).GroupBy(l => l.Results).Select(g => g.First())
                    .Take(ExamplesPerActivity).Select(l => (catalog.NameIn(l.ProvinceId, l.Quarter), l.Results!))],
                [.. own.Select(l => l.Difficulties).OfType<string>().Distinct().Take(NotesPerActivity)],
                [.. own.Select(l => l.Proposals).OfType<string>().Distinct().Take(NotesPerActivity)]);
        }).ToList();

        return new ResultsReportData(
            plan.Year,
            plan.Number,
            plan.IssuedOn,
            plan.Programme.Number,
            plan.Programme.SignedOn,
            NameOf("VWU"),
            NameOf("CEMA"),
            today,
            activities,
            numbers.ReportingByQuarter);
    }
}
