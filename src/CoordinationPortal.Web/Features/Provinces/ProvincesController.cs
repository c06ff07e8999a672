using CoordinationPortal.Web.Features.Reports;
using CoordinationPortal.Web.Infrastructure;
using CoordinationPortal.Web.Infrastructure.Commands;
using CoordinationPortal.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CoordinationPortal.Web.Features.Provinces;

/// <summary>
/// Provinces over time for administrators: the list with names, validity and lineage; a unit's
/// region and the spelling of its current name; and moving the accounts of merged units to today's.
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

    [HttpGet("/admin/provinces/moves", Name = RouteNames.ProvinceMoves)]
    public async Task<IActionResult> Moves() =>
        View("ProvinceMoves", await queries.MovesAsync(HttpContext.RequestAborted));

    [HttpPost("/admin/provinces/moves")]
    public async Task<IActionResult> Moves([FromForm] MoveForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var result = await commands.MoveAccountsAsync(Caller(), form, HttpContext.RequestAborted);
        if (result.Refusal?.MessageKey == ProvinceCommands.NothingToMove)
        {
            // A repeated confirmation: what was asked for is done, so this is news, not an error.
            notifier.Success(ProvinceCommands.NothingToMove);
            return Redirect(Url.ProvinceMoves());
        }

        if (!result.Succeeded)
        {
            // A list that changed since the preview: the preview again, as it is now, with the reason.
            return this.Answer(result.Refusal!, notifier, Url.ProvinceMoves());
        }

        notifier.Success("Provinces.Moved", result.Value);
        return Redirect(Url.ProvinceMoves());
    }

    private Caller Caller() => new(User.ToActor()!, User.UserId()!, User.DisplayName());
}
