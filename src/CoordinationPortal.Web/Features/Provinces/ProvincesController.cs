using CoordinationPortal.Web.Features.Reports;
using CoordinationPortal.Web.Infrastructure;
using CoordinationPortal.Web.Infrastructure.Commands;
using CoordinationPortal.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CoordinationPortal.Web.Features.Provinces;

/// <summary>
/// Provinces over time for administrators: the list with names, validity and lineage, and a unit's
/// region and the spelling of its current name.
/// </summary>
[Authorize(Policy = Policies.Administer)]
public sealed class ProvincesController(ProvinceQueries queries, ProvinceCommands commands, Notifier notifier) : Controller
{
    [HttpGet("/admin/provinces", Name = RouteNames.Provinces)]
    [ShowsFormErrors]
    public async Task<IActionResult> Index([FromQuery] ProvinceFilter filter) =>
        View("Provinces", await queries.ListAsync(ModelState.IsValid ? filter ?? new ProvinceFilter() : new ProvinceFilter(), HttpContext.RequestAborted));

    [HttpGet("/admin/provinces/{id:int}", Name = RouteNames.ProvinceEdit)]
    public async Task<IActionResult> Edit([FromRoute] int id)
    {
        var page = await queries.EditPageAsync(id, HttpContext.RequestAborted);
        return page is null ? NotFound() : View("ProvinceEdit", page);
    }

    [HttpPost("/admin/provinces/{id:int}")]
    [ShowsFormErrors]
    public async Task<IActionResult> Edit([FromRoute] int id, [FromForm] ProvinceForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var result = await commands.SaveAsync(Caller(), id, form, FieldErrors.From(ModelState), HttpContext.RequestAborted);
        switch (result.Refusal?.Kind)
        {
            case null:
                notifier.Success("Provinces.Saved", result.Value!.Name);
                return Redirect(Url.Provinces(result.Value.ValidToday ? null : ProvinceListShow.All, $"province-{id}"));
            case RefusalKind.Invalid:
                result.Refusal.FieldErrors.AddTo(ModelState);
                return View("ProvinceEdit", await queries.EditPageAsync(id, form, savedMeanwhile: null, HttpContext.RequestAborted));
            case RefusalKind.Conflict:
                Response.StatusCode = StatusCodes.Status409Conflict;
                return View("ProvinceEdit", await queries.EditPageAsync(id, form, (ProvinceState)result.Refusal.Current!, HttpContext.RequestAborted));
            default:
                return this.Answer(result.Refusal, notifier, Url.Provinces());
        }
    }

    private Caller Caller() => new(User.ToActor()!, User.UserId()!, User.DisplayName());
}
