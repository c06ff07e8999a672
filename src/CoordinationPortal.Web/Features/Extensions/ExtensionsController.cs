using CoordinationPortal.Domain.Access;
using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Web.Features.Reports;
using CoordinationPortal.Web.Infrastructure;
using CoordinationPortal.Web.Infrastructure.Commands;
using CoordinationPortal.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc;

namespace CoordinationPortal.Web.Features.Extensions;

/// <summary>
/// Extension requests: a province-branch asks for more time on a locked (or nearly locked) quarter,
/// the branch's central officers grant or decline. Reads go to <see cref="ExtensionQueries"/>, writes
/// to <see cref="ExtensionCommands"/>; this class turns their answers into pages.
/// </summary>
public sealed class ExtensionsController(ExtensionQueries queries, ExtensionCommands commands, Notifier notifier) : Controller
{
    [HttpGet("/extensions", Name = RouteNames.Extensions)]
    public async Task<IActionResult> Index()
    {
        var actor = User.ToActor();
        if (actor is null || !Permissions.CanListExtensions(actor))
        {
            return Forbid();
        }

        return View("Index", await queries.ListAsync(actor, HttpContext.RequestAborted));
    }

    [HttpGet("/extensions/{id:int}", Name = RouteNames.Extension)]
    public async Task<IActionResult> Show([FromRoute] int id)
    {
        var page = await queries.PageAsync(User.ToActor()!, id, HttpContext.RequestAborted);
        return page.Succeeded ? View("Show", page.Value) : NotFound();
    }

    [HttpGet("/extensions/new", Name = RouteNames.ExtensionAsk)]
    public async Task<IActionResult> Ask([FromQuery] int planId, [FromQuery] Quarter? quarter)
    {
        if (quarter is not { } asked)
        {
            return BadInputFilter.Page(HttpContext, [], ControllerContext);
        }

        var page = await queries.AskPageAsync(User.ToActor()!, planId, asked, typed: null, HttpContext.RequestAborted);
        return page.Succeeded ? View("Ask", page.Value) : this.Answer(page.Refusal!, notifier, Url.MyReports(planId));
    }

    [HttpPost("/extensions")]
    [ShowsFormErrors]
    public async Task<IActionResult> Ask([FromForm] AskExtensionForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var result = await commands.AskAsync(Caller(), form, FieldErrors.From(ModelState), HttpContext.RequestAborted);
        switch (result.Refusal?.Kind)
        {
            case null:
                notifier.Success("Extension.Asked");
                return Redirect(Url.Extension(result.Value));
            case RefusalKind.Invalid when form.Quarter is { } quarter:
                result.Refusal.FieldErrors.AddTo(ModelState);
                var page = await queries.AskPageAsync(User.ToActor()!, form.PlanId, quarter, form, HttpContext.RequestAborted);
                if (!page.Succeeded)
                {
                    return this.Answer(page.Refusal!, notifier, Url.MyReports(form.PlanId));
                }

                // The form again, with each problem beside its field; the status says the request was bad.
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return View("Ask", page.Value);
            case RefusalKind.Invalid:
                return BadInputFilter.Page(HttpContext, result.Refusal.FieldErrors.Values, ControllerContext);
            default:
                return this.Answer(result.Refusal, notifier, Url.MyReports(form.PlanId));
        }
    }

    [HttpPost("/extensions/{id:int}/grant")]
    [ShowsFormErrors]
    public async Task<IActionResult> Grant([FromRoute] int id, [FromForm] GrantExtensionForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var result = await commands.GrantAsync(Caller(), id, form, FieldErrors.From(ModelState), HttpContext.RequestAborted);
        return await DecidedAsync(id, result, "Extension.GrantedNotice", page => page with { Grant = form });
    }

    [HttpPost("/extensions/{id:int}/decline")]
    [ShowsFormErrors]
    public async Task<IActionResult> Decline([FromRoute] int id, [FromForm] DeclineExtensionForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var result = await commands.DeclineAsync(Caller(), id, form, FieldErrors.From(ModelState), HttpContext.RequestAborted);
        return await DecidedAsync(id, result, "Extension.DeclinedNotice", page => page with { Decline = form });
    }

    private async Task<IActionResult> DecidedAsync(int id, Result<int> result, string doneKey, Func<ExtensionPage, ExtensionPage> keepTyping)
    {
        if (result.Succeeded)
        {
            notifier.Success(doneKey);
            return Redirect(Url.Extension(id));
        }

        if (result.Refusal!.Kind != RefusalKind.Invalid)
        {
            return this.Answer(result.Refusal, notifier, Url.Extension(id));
        }

        result.Refusal.FieldErrors.AddTo(ModelState);
        var page = await queries.PageAsync(User.ToActor()!, id, HttpContext.RequestAborted);
        if (!page.Succeeded)
        {
            return NotFound();
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View("Show", keepTyping(page.Value!));
    }

    private Caller Caller() => new(User.ToActor()!, User.UserId()!, User.DisplayName());
}
