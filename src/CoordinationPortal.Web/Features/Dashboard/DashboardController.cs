using CoordinationPortal.Domain.Access;
using CoordinationPortal.Web.Features.Provinces;
using CoordinationPortal.Web.Features.Reports;
using CoordinationPortal.Web.Infrastructure.Caching;
using CoordinationPortal.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc;

namespace CoordinationPortal.Web.Features.Dashboard;

/// <summary>What is on track, late or missing: for leadership, administrators and central officers; a province sees its own.</summary>
public sealed class DashboardController(DashboardQueries queries, YearsQueries years, ReportQueries reports, FragmentCache cache, TimeProvider clock) : Controller
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

        // The same for everyone who may see all provinces (ADR 0048): looked up before any query runs.
        filter ??= new DashboardFilter();
        var lookup = await cache.LookupAsync(CacheTags.Dashboard, generation => DashboardFragment.Key(actor, filter, clock.GetUtcNow(), generation), HttpContext.RequestAborted);
        if (lookup.Hit is { } html)
        {
            return View("DashboardCached", html);
        }

        var page = await queries.GetAsync(actor, filter, HttpContext.RequestAborted);
        ViewData[FragmentKey.ViewDataKey] = lookup.Key;
        return page is null ? NotFound() : View("Dashboard", page);
    }
}
