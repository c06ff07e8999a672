using CoordinationPortal.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc;

namespace CoordinationPortal.Web.Features.Plans;

/// <summary>The plan and its activities, as signed.</summary>
public sealed class PlansController(PlanQueries queries) : Controller
{
    /// <summary>The home page is the latest plan itself: one request on a slow link, not a redirect.</summary>
    [HttpGet("/")]
    public async Task<IActionResult> Current(CancellationToken cancellationToken)
    {
        var id = await queries.LatestPlanIdAsync(cancellationToken);
        if (id is null)
        {
            return View("Index", await queries.ListAsync(cancellationToken));
        }

        return await Show(id.Value, cancellationToken);
    }

    [HttpGet("/plans")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View(await queries.ListAsync(cancellationToken));

    [HttpGet("/plans/{id:int}")]
    public async Task<IActionResult> Show([FromRoute] int id, CancellationToken cancellationToken)
    {
        var page = await queries.GetPlanPageAsync(id, cancellationToken);
        return page is null ? NotFound() : View("Show", page);
    }

    [HttpGet("/activities/{id:int}", Name = RouteNames.Activity)]
    public async Task<IActionResult> Activity([FromRoute] int id, CancellationToken cancellationToken)
    {
        var page = await queries.GetActivityPageAsync(id, User.ToActor(), cancellationToken);
        return page is null ? NotFound() : View(page);
    }
}
