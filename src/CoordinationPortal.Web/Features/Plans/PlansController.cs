using CoordinationPortal.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc;

namespace CoordinationPortal.Web.Features.Plans;

/// <summary>
/// The plans and their activities, each read among the plans the caller may see: a draft is
/// "not found" for a province. Editing lives in <see cref="PlanEditing.PlanEditingController"/>.
/// </summary>
public sealed class PlansController(PlanQueries queries) : Controller
{
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
