using CoordinationPortal.Data;
using CoordinationPortal.Domain.Access;
using CoordinationPortal.Domain.Provinces;
using CoordinationPortal.Web.Features.Provinces;
using Microsoft.EntityFrameworkCore;

namespace CoordinationPortal.Web.Features.Dashboard;

/// <summary>Reports received against those expected, for one unit (or region) and one plan year.</summary>
public sealed record YearCount(int Received, int Expected)
{
    public double Completeness => Expected == 0 ? 0 : (double)Received / Expected;

    public static YearCount operator +(YearCount left, YearCount right) =>
        new(left.Received + right.Received, left.Expected + right.Expected);

    public static YearCount Add(YearCount left, YearCount right) => left + right;
}

public sealed record YearColumn(int PlanId, string PlanNumber, int Year);

public sealed record YearsRow(int ProvinceId, string ProvinceCode, string Province, string? FormerUnits, IReadOnlyDictionary<int, YearCount> ByPlan)
{
    public YearCount Total => ByPlan.Values.Aggregate(new YearCount(0, 0), (a, b) => a + b);
}

public sealed record YearsRegionRow(SocioEconomicRegion? Region, IReadOnlyDictionary<int, YearCount> ByPlan);

/// <summary>The programme across its years: each unit's reports received against expected, plan by plan.</summary>
public sealed record YearsPage(ProvinceBoundaries Boundaries, IReadOnlyList<YearColumn> Plans, IReadOnlyList<YearsRow> Rows, IReadOnlyList<YearsRegionRow> Regions);

/// <summary>
/// Reporting across every plan year, placed under today's units ("theo địa giới hiện nay": Hà
/// Giang's 2024 reports count for Tuyên Quang) or under the units that sent them. Expected reports
/// are counted per quarter from the units that existed in that quarter, so a unit is never expected
/// when it did not exist and a report is never counted twice. Four queries, whatever the years.
/// </summary>
public sealed class YearsQueries(PortalDbContext db, ProvinceDirectory directory)
{
    public async Task<YearsPage> GetAsync(ProvinceBoundaries boundaries, CancellationToken ct)
    {
        var catalog = await directory.LoadAsync(ct);
        var plans = await db.Plans.AsNoTracking().Where(PlanScope.Published).OrderBy(p => p.Year).ThenBy(p => p.Id).Select(p => new YearColumn(p.Id, p.Number, p.Year)).ToListAsync(ct);
        var branches = await db.Agencies.CountAsync(ct);
        // Quarters expect reports where a provincial activity of a published plan runs.
        var windows = (await db.Activities.AsNoTracking().Where(a => a.ProvincesReport).Select(a => new { a.PlanId, a.Window }).ToListAsync(ct)).ToLookup(a => a.PlanId, a => a.Window);
        var published = plans.Select(p => p.PlanId).ToHashSet();
        var periods = (await db.ReportingPeriods.AsNoTracking().Select(p => new { p.PlanId, p.Quarter }).ToListAsync(ct)).Where(p => published.Contains(p.PlanId)).ToList();
        var received = (await db.QuarterlyReports.AsNoTracking()
                .Where(r => r.FirstSubmittedAtUtc != null)
                .GroupBy(r => new { r.PlanId, r.Quarter, r.ProvinceId })
                .Select(g => new { g.Key.PlanId, g.Key.Quarter, g.Key.ProvinceId, Count = g.Count() })
                .ToListAsync(ct))
            .ToDictionary(r => (r.PlanId, r.Quarter, r.ProvinceId), r => r.Count);

        // Counted per unit as it was, then placed under the unit the view rolls it up to.
        var counts = new Dictionary<(int Unit, int Plan), YearCount>();
        foreach (var period in periods.Where(p => windows[p.PlanId].Any(w => w.Contains(p.Quarter))))
        {
            foreach (var unit in catalog.CountingIn(period.Quarter))
            {
                var placed = catalog.PlacedUnder(unit.Id, boundaries).Id;
                var count = new YearCount(received.GetValueOrDefault((period.PlanId, period.Quarter, unit.Id)), branches);
                counts[(placed, period.PlanId)] = counts.GetValueOrDefault((placed, period.PlanId), new YearCount(0, 0)) + count;
            }
        }

        var rows = counts.Keys.Select(k => k.Unit).Distinct()
            .Select(id => catalog[id])
            .Select(unit =>
            {
                var former = boundaries == ProvinceBoundaries.Current ? catalog.Lineage.AllPredecessorsOf(unit.Id).Select(p => catalog[p].Name).OrderBy(n => n, VietnameseOrder.Names).ToList() : [];
                var name = unit.ValidTo is { } end ? unit.NameOn(end) : unit.Name;
                return new YearsRow(unit.Id, unit.Code, name, former.Count > 0 ? string.Join(", ", former) : null, plans.ToDictionary(p => p.PlanId, p => counts.GetValueOrDefault((unit.Id, p.PlanId), new YearCount(0, 0))));
            })
            .OrderBy(r => r.Province, VietnameseOrder.Names)
            .ThenBy(r => r.ProvinceCode, StringComparer.Ordinal)
            .ToList();
        var regions = rows
            .GroupBy(r => catalog[r.ProvinceId].Region)
            .OrderBy(g => g.Key is null ? int.MaxValue : (int)g.Key)
            .Select(g => new YearsRegionRow(g.Key, plans.ToDictionary(p => p.PlanId, p => g.Select(r => r.ByPlan[p.PlanId]).Aggregate(new YearCount(0, 0), YearCount.Add))))
            .ToList();
        return new YearsPage(boundaries, plans, rows, regions);
    }
}
