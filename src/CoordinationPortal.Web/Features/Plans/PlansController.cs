using CoordinationPortal.Web.Infrastructure.Caching;
using CoordinationPortal.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc;

namespace CoordinationPortal.Web.Features.Plans;

/// <summary>
/// The plans and their activities, each read among the plans the caller may see: a draft is
/// "not found" for a province. Editing lives in <see cref="PlanEditing.PlanEditingController"/>.
/// </summary>
public sealed class PlansController(PlanQueries queries, FragmentCache cache, TimeProvider clock) : Controller
{
    [HttpGet("/plans", Name = RouteNames.Plans)]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View(await queries.ListAsync(User.ToActor()!, cancellationToken));

    [HttpGet("/plans/{id:int}", Name = RouteNames.Plan)]
    public async Task<IActionResult> Show([FromRoute] int id, CancellationToken cancellationToken)
    {
        var actor = User.ToActor()!;
        var head = await queries.HeadAsync(id, actor, cancellationToken);
        if (head is null)
        {
            return NotFound(); // no such plan, or a draft the caller may not see: asked before the cache
        }

        // The document is the same for everyone with the same rights (ADR 0050).
        var lookup = await cache.LookupAsync(CacheTags.Plans, generation => PlanFragment.Key(actor, id, clock.GetUtcNow(), generation), cancellationToken);
        if (lookup.Hit is { } html)
        {
            return View("ShowCached", new CachedPlan(head, html));
        }

        var page = await queries.GetPlanPageAsync(id, actor, cancellationToken);
        ViewData[FragmentKey.ViewDataKey] = lookup.Key;
        return page is null ? NotFound() : View("Show", page);
    }

    [HttpGet("/activities/{id:int}", Name = RouteNames.Activity)]
    public async Task<IActionResult> Activity([FromRoute] int id, CancellationToken cancellationToken)
    {
        var page = await queries.GetActivityPageAsync(id, User.ToActor()!, cancellationToken);
        return page is null ? NotFound() : View(page);
    }
}
