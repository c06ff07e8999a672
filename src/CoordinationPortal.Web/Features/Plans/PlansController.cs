using CoordinationPortal.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc;

namespace CoordinationPortal.Web.Features.Plans;

/// <summary>
/// The plans and their activities, each read among the plans the caller may see: a draft is
/// "not found" for a province. Editing lives in <see cref="PlanEditing.PlanEditingController"/>.
/// </summary>
public sealed class PlansController(PlanQueries queries) : Controller
{
    /// <summary>The home page is this year's published plan itself (else the latest the caller may see): one request on a slow link, not a redirect.</summary>
    [HttpGet("/")]
    public async Task<IActionResult> Current(CancellationToken cancellationToken)
    {
        var id = await queries.HomePlanIdAsync(User.ToActor()!, cancellationToken);
        if (id is null)
        {
            return View("Index", await queries.ListAsync(User.ToActor()!, cancellationToken));
        }

        var page = await queries.GetPlanPageAsync(id.Value, User.ToActor()!, cancellationToken);
        return page is null
            ? NotFound()
            : View("Show", page with { ThisYear = await queries.ThisYearNoticeAsync(User.ToActor()!, cancellationToken) });
    }

    [HttpGet("/plans", Name = RouteNames.Plans)]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View(await queries.ListAsync(User.ToActor()!, cancellationToken));

    [HttpGet("/plans/{id:int}", Name = RouteNames.Plan)]
    public async Task<IActionResult> Show([FromRoute] int id, CancellationToken cancellationToken)
    {
        var page = await queries.GetPlanPageAsync(id, User.ToActor()!, cancellationToken);
        return page is null ? NotFound() : View("Show", page);
    }

    [HttpGet("/activities/{id:int}", Name = RouteNames.Activity)]
    public async Task<IActionResult> Activity([FromRoute] int id, CancellationToken cancellationToken)
    {
        var page = await queries.GetActivityPageAsync(id, User.ToActor()!, cancellationToken);
        return page is null ? NotFound() : View(page);
    }
}
