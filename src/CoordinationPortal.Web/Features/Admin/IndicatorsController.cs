using CoordinationPortal.Web.Features.Reports;
using CoordinationPortal.Web.Infrastructure;
using CoordinationPortal.Web.Infrastructure.Commands;
using CoordinationPortal.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CoordinationPortal.Web.Features.Admin;

/// <summary>
/// A plan's indicators and their yearly targets, for those who draft plans: the catalogue of a plan,
/// and one screen per activity to add, name, set targets, retire and restore. Values point at ids,
/// so past reports keep their numbers.
/// </summary>
[Authorize(Policy = Policies.DraftPlans)]
public sealed class IndicatorsController(IndicatorQueries queries, IndicatorCommands commands, Notifier notifier) : Controller
{
    [HttpGet("/admin/indicators", Name = RouteNames.Indicators)]
    public async Task<IActionResult> Index([FromQuery] int? planId)
    {
        var page = await queries.OverviewAsync(User.ToActor()!, planId, HttpContext.RequestAborted);
        return page is null ? NotFound() : View("Indicators", page);
    }

    [HttpGet("/admin/indicators/activities/{id:int}", Name = RouteNames.ActivityIndicators)]
    public async Task<IActionResult> Activity([FromRoute] int id) =>
        Page(await queries.ActivityPageAsync(User.ToActor()!, id, refused: null, adding: null, HttpContext.RequestAborted));

    [HttpPost("/admin/indicators")]
    [ShowsFormErrors]
    public async Task<IActionResult> Add([FromForm] IndicatorForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var result = await commands.AddAsync(Caller(), form, FieldErrors.From(ModelState), HttpContext.RequestAborted);
        switch (result.Refusal?.Kind)
        {
            case null:
                notifier.Success("Indicators.Added", form.Name!);
                return Redirect(Url.ActivityIndicators(form.ActivityId, $"indicator-{result.Value}"));
            case RefusalKind.Invalid:
                result.Refusal.FieldErrors.AddTo(ModelState);
                return Page(await queries.ActivityPageAsync(User.ToActor()!, form.ActivityId, refused: null, adding: form, HttpContext.RequestAborted));
            default:
                return this.Answer(result.Refusal, notifier, Url.ActivityIndicators(form.ActivityId, "add"));
        }
    }

    [HttpPost("/admin/indicators/{id:int}")]
    [ShowsFormErrors]
    public async Task<IActionResult> Save([FromRoute] int id, [FromForm] IndicatorEditForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var result = await commands.SaveAsync(Caller(), id, form, FieldErrors.From(ModelState), HttpContext.RequestAborted);
        switch (result.Refusal?.Kind)
        {
            case null:
                notifier.Success("Indicators.Saved", result.Value!.Name);
                return Redirect(Url.ActivityIndicators(result.Value.ActivityId, $"indicator-{id}"));
            case RefusalKind.Invalid:
                result.Refusal.FieldErrors.AddTo(ModelState);
                var change = (IndicatorChange)result.Refusal.Current!;
                return Page(await queries.ActivityPageAsync(User.ToActor()!, change.ActivityId, new RefusedIndicator(id, form, null), adding: null, HttpContext.RequestAborted));
            case RefusalKind.Conflict:
                // What this person typed stays in the form, beside what was saved meanwhile; saving again overwrites, knowingly.
                ModelState.Clear();
                Response.StatusCode = StatusCodes.Status409Conflict;
                var activityId = await queries.ActivityOfAsync(id, HttpContext.RequestAborted);
                return Page(await queries.ActivityPageAsync(User.ToActor()!, activityId, new RefusedIndicator(id, form, (IndicatorState)result.Refusal.Current!), adding: null, HttpContext.RequestAborted));
            default:
                return this.Answer(result.Refusal, notifier, Url.Indicators());
        }
    }

    [HttpPost("/admin/indicators/{id:int}/retire")]
    public async Task<IActionResult> Retire([FromRoute] int id) =>
        Changed(await commands.RetireAsync(Caller(), id, HttpContext.RequestAborted));

    [HttpPost("/admin/indicators/{id:int}/restore")]
    public async Task<IActionResult> Restore([FromRoute] int id) =>
        Changed(await commands.RestoreAsync(Caller(), id, HttpContext.RequestAborted));

    private IActionResult Changed(Result<IndicatorChange> result)
    {
        if (result.Refusal is { } refusal)
        {
            return this.Answer(refusal, notifier, Url.Indicators());
        }

        notifier.Success("Indicators.Saved", result.Value!.Name);
        return Redirect(Url.ActivityIndicators(result.Value.ActivityId, $"indicator-{result.Value.IndicatorId}"));
    }

    private IActionResult Page(Result<ActivityIndicatorsPage> page) => page.Refusal switch
    {
        null => View("ActivityIndicators", page.Value),
        { Kind: RefusalKind.Forbidden } => Forbid(),
        _ => NotFound(),
    };

    private Caller Caller() => new(User.ToActor()!, User.UserId()!, User.DisplayName());
}
