using CoordinationPortal.Domain.Access;
using CoordinationPortal.Web.Features.Provinces;
using CoordinationPortal.Web.Features.Reports;
using CoordinationPortal.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc;

namespace CoordinationPortal.Web.Features.Dashboard;

/// <summary>What is on track, late or missing: for leadership, administrators and central officers; a province sees its own.</summary>
public sealed class DashboardController(DashboardQueries queries, YearsQueries years, ReportQueries reports) : Controller
{
    /// <summary>The programme across its years, by province: for those who see every province.</summary>
    [HttpGet("/dashboard/years")]
    public async Task<IActionResult> Years([FromQuery] ProvinceBoundaries? boundaries)
    {
        if (!Permissions.CanSeeAllProvinces(User.ToActor()!))
        {
            return Forbid();
        }

        return View("Years", await years.GetAsync(boundaries ?? ProvinceBoundaries.Current, HttpContext.RequestAborted));
    }

    [HttpGet("/dashboard", Name = RouteNames.Dashboard)]
    public async Task<IActionResult> Index([FromQuery] DashboardFilter filter)
    {
        var actor = User.ToActor()!;
        if (!Permissions.CanSeeAllProvinces(actor))
        {
            var mine = await reports.MineAsync(actor, filter?.PlanId, HttpContext.RequestAborted);
            var totals = mine.PlanId is { } planId ? await queries.ProvinceTotalsAsync(actor, planId, HttpContext.RequestAborted) : [];
            return View("Province", new ProvinceDashboardPage(mine, totals));
        }

        var page = await queries.GetAsync(actor, filter ?? new DashboardFilter(), HttpContext.RequestAborted);
        return page is null ? NotFound() : View("Dashboard", page);
    }
}
