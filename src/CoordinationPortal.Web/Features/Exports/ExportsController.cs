using CoordinationPortal.Data;
using CoordinationPortal.Domain.Access;
using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Domain.Provinces;
using CoordinationPortal.Domain.Reporting;
using CoordinationPortal.Web.Features.Audit;
using CoordinationPortal.Web.Features.Dashboard;
using CoordinationPortal.Web.Features.Plans;
using CoordinationPortal.Web.Features.Provinces;
using CoordinationPortal.Web.Features.Reports;
using CoordinationPortal.Web.Infrastructure;
using CoordinationPortal.Web.Infrastructure.Security;
using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CoordinationPortal.Web.Features.Exports;

/// <summary>
/// Excel and Word downloads. Each one shows exactly what its caller may read: a province only its
/// own reports, central offices and leadership never drafts. Each one is written to the audit trail
/// (who, which export, with which filters) before it is sent, or not sent at all (docs/decisions/0028).
/// </summary>
public sealed class ExportsController(
    PortalDbContext db,
    DashboardQueries dashboard,
    YearsQueries years,
    ResultsReportQueries results,
    ProvinceDirectory provinces,
    PlanChoices planChoices,
    DownloadAudit audit,
    IStringLocalizer<SharedResource> localizer) : Controller
{
    private const string XlsxType = XlsxBuilder.ContentType;
    private const string DocxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    /// <summary>Widths of a year's "received" and "expected" columns.</summary>
    private static readonly double[] TwoNumberColumns = [12, 12];

    [HttpGet("/exports/dashboard.xlsx")]
    public async Task<IActionResult> Dashboard([FromQuery] DashboardFilter filter)
    {
        var actor = User.ToActor()!;
        if (!Permissions.CanSeeAllProvinces(actor))
        {
            return Forbid();
        }

        var page = await dashboard.GetAsync(actor, filter ?? new DashboardFilter(), HttpContext.RequestAborted);
        if (page is null)
        {
            return NotFound();
        }

        var xlsx = new XlsxBuilder();
        var activities = xlsx.AddSheet("Hoạt động", $"Tình hình thực hiện các hoạt động – Kế hoạch {page.PlanNumber}", ["TT", "Hoạt động", "Thời gian", "Chủ trì", "Tình trạng", "Hoàn thành (%)", "Cần chú ý"], [6, 70, 22, 22, 20, 14, 12]);
        foreach (var a in page.Activities)
        {
            activities.Add(a.Number, a.Title, localizer.Window(a.Window), a.LeadCode is null ? localizer[a.RoleSummary == Plans.RoleSummaryKind.PerTask ? "Role.PerTask" : "Role.Joint"].Value : localizer["Agency." + a.LeadCode].Value, localizer["Status." + a.Progress.Status].Value, a.Progress.PercentComplete, a.Progress.Flagged ? "Có" : string.Empty);
        }

        var reporting = xlsx.AddSheet("Báo cáo", "Tình hình báo cáo quý: đầy đủ và đúng hạn", ["Quý", "Đơn vị", "Phải nộp", "Đã nhận", "Đúng hạn", "Muộn", "Đã duyệt", "Tỷ lệ đầy đủ", "Tỷ lệ đúng hạn"], [14, 30, 12, 12, 12, 10, 12, 14, 14]);
        foreach (var r in page.Reporting)
        {
            reporting.Add(localizer.Quarter(r.Quarter), localizer["Branch." + r.AgencyCode].Value, r.Expected, r.Received, r.OnTime, r.Late, r.Approved, new XlsxBuilder.Percent(r.Completeness), new XlsxBuilder.Percent(r.Timeliness));
        }

        var cells = page.Grid.Count > 0 ? page.Grid[0].Cells : [];
        var grid = xlsx.AddSheet("Tỉnh theo quý", "Trạng thái báo cáo của từng tỉnh theo quý", ["Mã", "Tỉnh, thành phố", "Thuộc đơn vị hiện nay", .. cells.Select(c => $"{localizer.Quarter(c.Quarter)} – {localizer["BranchShort." + c.AgencyCode].Value}")], [8, 24, 24, .. cells.Select(_ => 16.0)]);
        foreach (var row in page.Grid)
        {
            grid.Add([row.ProvinceCode, row.Province, row.GroupName, .. row.Cells.Select(c => (object)localizer["Cell." + c.State].Value)]);
        }

        // Targets are for the year: in a quarter's export the quarter stands beside the year to date,
        // and the share reached compares the year to date with the year's target, as on the page.
        var quarters = page.Funds.Select(f => f.Quarter).ToList();
        var quarterView = filter?.Quarter is { } viewed && quarters.Contains(viewed);
        var indicatorTitle = quarterView
            ? $"Chỉ tiêu {localizer.Quarter(quarters[0])}; tỷ lệ đạt: số lũy kế năm {page.PlanYear} đến nay so với mục tiêu năm"
            : $"Chỉ tiêu năm {page.PlanYear}: số thực hiện so với mục tiêu năm";
        var indicators = xlsx.AddSheet(
            "Chỉ tiêu",
            indicatorTitle,
            ["HĐ", "Chỉ tiêu", "Nguồn số liệu", .. quarters.Select(q => localizer.Quarter(q)), quarterView ? $"Lũy kế năm {page.PlanYear}" : "Cả năm", "Mục tiêu", "% đạt"],
            [6, 60, 22, .. quarters.Select(_ => 16.0), 18, 18, 14]);
        foreach (var t in page.Indicators)
        {
            var central = t.Source == IndicatorSource.CentralOffices;
            indicators.Add([
                t.ActivityNumber,
                t.Name,
                central ? "Cơ quan trung ương (lũy kế)" : "Báo cáo các tỉnh",
                .. quarters.Select(q => central ? null : (object)t.ByQuarter.GetValueOrDefault(q)),
                t.YearToDate,
                t.Target,
                t.PercentReached is { } percent ? new XlsxBuilder.Percent(percent / 100.0) : t.Target is null ? "Chưa đặt mục tiêu" : null]);
        }

        var funds = xlsx.AddSheet("Kinh phí", "Kinh phí đã chi theo nguồn (đồng)", ["Quý", "Ngân sách nhà nước", "Nguồn vận động hợp pháp", "Cộng"], [14, 24, 24, 24]);
        foreach (var f in page.Funds)
        {
            funds.Add(localizer.Quarter(f.Quarter), f.StateBudget, f.Mobilised, f.StateBudget + f.Mobilised);
        }

        if (page.ChartIndicator is { } chart)
        {
            var byRegion = xlsx.AddSheet("Theo vùng", $"{chart.Name} theo vùng ({localizer["Boundaries." + (filter?.Boundaries ?? Provinces.ProvinceBoundaries.Current)].Value})", ["Vùng", "Tổng"], [40, 20]);
            foreach (var r in page.ChartByRegion)
            {
                byRegion.Add(localizer["Region." + (r.Region?.ToString() ?? "Unknown")].Value, r.Value);
            }
        }

        var bytes = xlsx.Build();
        await audit.ExportAsync("dashboard.xlsx", Filters(
            ("plan", PlanOf(page.PlanNumber, page.PlanYear, page.PlanId)),
            ("quarter", filter?.Quarter?.ToString() ?? "whole year"),
            ("agency", page.Agencies.FirstOrDefault(a => a.Id == filter?.AgencyId)?.Code ?? "all"),
            ("boundaries", (filter?.Boundaries ?? Provinces.ProvinceBoundaries.Current).ToString()),
            ("chart indicator", page.ChartIndicator?.Name ?? "none")), HttpContext.RequestAborted);
        return File(bytes, XlsxType, $"tong-hop-{page.PlanYear}{(filter?.Quarter is { } k ? "-q" + k.Number : string.Empty)}.xlsx");
    }

    /// <summary>All reports of a quarter (or of the year): one row per province and activity, one column per indicator.</summary>
    [HttpGet("/exports/reports.xlsx")]
    public async Task<IActionResult> Reports([FromQuery] int? planId, [FromQuery] Quarter? quarter, [FromQuery] int? agencyId)
    {
        var actor = User.ToActor()!;
        var plan = planChoices.Chosen(await planChoices.PublishedAsync(HttpContext.RequestAborted), planId);
        if (plan is null)
        {
            return NotFound();
        }

        var only = quarter;
        var reports = db.QuarterlyReports.AsNoTracking().Where(ReportScope.ReadableBy(actor)).Where(r => r.PlanId == plan.Id);
        if (only is { } q)
        {
            reports = reports.Where(r => r.Quarter == q);
        }

        if (agencyId is { } agency)
        {
            reports = reports.Where(r => r.AgencyId == agency);
        }

        var read = await (
                from report in reports
                from line in report.Lines
                join activity in db.Activities on line.ActivityId equals activity.Id
                join agencyRow in db.Agencies on report.AgencyId equals agencyRow.Id
                select new { report.Quarter, report.ProvinceId, Agency = agencyRow.Code, report.State, LastAction = report.Transitions.OrderByDescending(t => t.Number).Select(t => (ReportAction?)t.Action).FirstOrDefault(), report.FirstSubmittedAtUtc, activity.Number, line.Status, line.Results, line.NoResultsReason, line.Difficulties, line.Proposals, line.Values })
            .ToListAsync(HttpContext.RequestAborted);

        // Each report under the name its unit had in the quarter, and beside it the unit that carries it on today.
        var catalog = await provinces.LoadAsync(HttpContext.RequestAborted);
        var rows = read
            .Select(r => new { r.Quarter, catalog[r.ProvinceId].Code, Province = catalog.NameIn(r.ProvinceId, r.Quarter), Today = catalog.CurrentUnitOf(r.ProvinceId).Name, r.Agency, r.State, Reopened = QuarterlyReport.IsReopenedAfter(r.State, r.LastAction), r.FirstSubmittedAtUtc, r.Number, r.Status, r.Results, r.NoResultsReason, r.Difficulties, r.Proposals, r.Values })
            .OrderBy(r => r.Quarter).ThenBy(r => r.Province, VietnameseOrder.Names).ThenBy(r => r.Agency, StringComparer.Ordinal).ThenBy(r => r.Number)
            .ToList();
        var activityIds = await db.Activities.Where(a => a.PlanId == plan.Id).Select(a => a.Id).ToListAsync(HttpContext.RequestAborted);
        var indicators = await db.Indicators.AsNoTracking().Where(i => activityIds.Contains(i.ActivityId))
            .Join(db.Activities, i => i.ActivityId, a => a.Id, (i, a) => new { i.Id, i.Name, a.Number, i.SortOrder })
            .OrderBy(i => i.Number).ThenBy(i => i.SortOrder)
            .ToListAsync(HttpContext.RequestAborted);

        var xlsx = new XlsxBuilder();
        var title = $"Báo cáo quý – Kế hoạch {plan.Number}{(only is { } oq ? " – " + localizer.Quarter(oq) : string.Empty)}";
        var sheet = xlsx.AddSheet("Báo cáo quý", title,
            ["Quý", "Mã tỉnh", "Tỉnh, thành phố", "Đơn vị", "Trạng thái", "Gửi lần đầu", "Hoạt động", "Tình trạng", "Kết quả", "Lý do chưa có kết quả", "Khó khăn", "Đề xuất", .. indicators.Select(i => $"HĐ{i.Number}: {i.Name}"), "Thuộc đơn vị hiện nay"],
            [12, 8, 20, 16, 16, 18, 10, 16, 50, 35, 35, 35, .. indicators.Select(_ => 14.0), 20]);
        foreach (var row in rows)
        {
            sheet.Add([
                localizer.Quarter(row.Quarter),
                row.Code,
                row.Province,
                localizer["BranchShort." + row.Agency].Value,
                localizer.StateLabel(row.State, row.Reopened),
                row.FirstSubmittedAtUtc is { } at ? Display.DateTime(at) : null,
                row.Number,
                row.Status is { } status ? localizer["Status." + status].Value : null,
                row.Results,
                row.NoResultsReason,
                row.Difficulties,
                row.Proposals,
                .. indicators.Select(i => (object?)row.Values.FirstOrDefault(v => v.IndicatorId == i.Id)?.Value),
                row.Today]);
        }

        var bytes = xlsx.Build();
        var agencyCode = agencyId is { } askedAgency ? await db.Agencies.Where(a => a.Id == askedAgency).Select(a => a.Code).SingleOrDefaultAsync(HttpContext.RequestAborted) : null;
        await audit.ExportAsync("reports.xlsx", Filters(
            ("plan", PlanOf(plan.Number, plan.Year, plan.Id)),
            ("quarter", only?.ToString() ?? "whole year"),
            ("agency", agencyId is null ? "all" : agencyCode ?? $"unknown id {agencyId}"),
            ("rows", rows.Count.ToString(CultureInfo.InvariantCulture))), HttpContext.RequestAborted);
        return File(bytes, XlsxType, $"bao-cao-quy-{plan.Year}{(only is { } fq ? "-q" + fq.Number : string.Empty)}.xlsx");
    }

    /// <summary>The years table (reports received / expected per unit and plan year) as on /dashboard/years.</summary>
    [HttpGet("/exports/years.xlsx")]
    public async Task<IActionResult> Years([FromQuery] ProvinceBoundaries? boundaries)
    {
        if (!Permissions.CanSeeAllProvinces(User.ToActor()!))
        {
            return Forbid();
        }

        var page = await years.GetAsync(boundaries ?? ProvinceBoundaries.Current, HttpContext.RequestAborted);
        var xlsx = new XlsxBuilder();
        var title = $"Báo cáo đã nhận / phải nộp qua các năm ({localizer["Boundaries." + page.Boundaries].Value})";
        var sheet = xlsx.AddSheet("Theo tỉnh", title, ["Mã", "Tỉnh, thành phố", "Gồm cả", .. page.Plans.SelectMany(p => new[] { $"{p.Year}: đã nhận", $"{p.Year}: phải nộp" })], [8, 24, 30, .. page.Plans.SelectMany(_ => TwoNumberColumns)]);
        foreach (var row in page.Rows)
        {
            sheet.Add([row.ProvinceCode, row.Province, row.FormerUnits, .. page.Plans.SelectMany(p => new object[] { row.ByPlan[p.PlanId].Received, row.ByPlan[p.PlanId].Expected })]);
        }

        var regions = xlsx.AddSheet("Theo vùng", title, ["Vùng", .. page.Plans.SelectMany(p => new[] { $"{p.Year}: đã nhận", $"{p.Year}: phải nộp" })], [40, .. page.Plans.SelectMany(_ => TwoNumberColumns)]);
        foreach (var region in page.Regions)
        {
            regions.Add([localizer["Region." + (region.Region?.ToString() ?? "Unknown")].Value, .. page.Plans.SelectMany(p => new object[] { region.ByPlan[p.PlanId].Received, region.ByPlan[p.PlanId].Expected })]);
        }

        var bytes = xlsx.Build();
        await audit.ExportAsync("years.xlsx", Filters(
            ("boundaries", page.Boundaries.ToString()),
            ("plan years", string.Join(", ", page.Plans.Select(p => p.Year.ToString(CultureInfo.InvariantCulture))))), HttpContext.RequestAborted);
        return File(bytes, XlsxType, $"bao-cao-qua-cac-nam-{(page.Boundaries == ProvinceBoundaries.Current ? "dia-gioi-hien-nay" : "dia-gioi-khi-bao-cao")}.xlsx");
    }

    [HttpGet("/exports/results.docx")]
    public async Task<IActionResult> Results([FromQuery] int? planId)
    {
        var actor = User.ToActor()!;
        if (!Permissions.CanSeeAllProvinces(actor))
        {
            return Forbid();
        }

        var data = await results.GetAsync(planId, HttpContext.RequestAborted);
        if (data is null)
        {
            return NotFound();
        }

        var bytes = ResultsDocument.Build(data);
        await audit.ExportAsync("results.docx", Filters(("plan", PlanOf(data.PlanNumber, data.Year, null))), HttpContext.RequestAborted);
        return File(bytes, DocxType, $"bao-cao-ket-qua-{data.Year}.docx");
    }

    /// <summary>The filters an export was made with, as the audit trail shows them: "plan: ...; quarter: Q2/2024".</summary>
    private static string Filters(params (string Name, string Value)[] parts) =>
        string.Join("; ", parts.Select(p => $"{p.Name}: {p.Value}"));

    private static string PlanOf(string number, int year, int? id) =>
        id is null ? string.Create(CultureInfo.InvariantCulture, $"{number} ({year})") : string.Create(CultureInfo.InvariantCulture, $"{number} ({year}, id {id})");
}
