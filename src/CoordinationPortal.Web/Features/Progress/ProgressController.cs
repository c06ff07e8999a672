using CoordinationPortal.Domain.Progress;
using CoordinationPortal.Web.Features.Evidence;
using CoordinationPortal.Web.Features.Reports;
using CoordinationPortal.Web.Infrastructure;
using CoordinationPortal.Web.Infrastructure.Commands;
using CoordinationPortal.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc;

namespace CoordinationPortal.Web.Features.Progress;

/// <summary>
/// Central officers' progress entries: add to an activity's journal, correct one, attach evidence.
/// Reads go to <see cref="ProgressQueries"/>, writes to <see cref="ProgressCommands"/> and
/// <see cref="EvidenceCommands"/>; this class turns their answers into pages.
/// </summary>
public sealed class ProgressController(
    ProgressQueries queries,
    ProgressCommands commands,
    EvidenceCommands evidence,
    Notifier notifier) : Controller
{
    [HttpGet("/activities/{id:int}/progress/new", Name = RouteNames.ProgressNew)]
    public async Task<IActionResult> New([FromRoute] int id)
    {
        var page = await queries.NewFormPageAsync(User.ToActor()!, id, form: null, HttpContext.RequestAborted);
        return page.Succeeded ? View("ProgressForm", page.Value) : Refused(page.Refusal!);
    }

    [HttpPost("/activities/{id:int}/progress/new")]
    [ShowsFormErrors]
    [RequestSizeLimit((EvidenceCommands.MaxFilesWithEntry * 10 * 1024 * 1024) + (1024 * 1024))]
    [RequestFormLimits(MultipartBodyLengthLimit = (EvidenceCommands.MaxFilesWithEntry * 10 * 1024 * 1024) + (1024 * 1024))]
    public async Task<IActionResult> New([FromRoute] int id, [FromForm] ProgressForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        // The entry's text and its evidence come in one post (docs/decisions/0030).
        var files = Request.HasFormContentType ? Request.Form.Files.GetFiles("Files").Where(f => f.Length > 0 || f.FileName.Length > 0).ToList() : [];
        var result = await commands.CreateAsync(Caller(), id, form, FieldErrors.From(ModelState), HttpContext.RequestAborted, files);
        if (result.Succeeded)
        {
            notifier.Success("Progress.Added");
            return Redirect(Url.Activity(id, "journal"));
        }

        if (result.Refusal!.Kind != RefusalKind.Invalid)
        {
            return Refused(result.Refusal);
        }

        result.Refusal.FieldErrors.AddTo(ModelState);
        var page = await queries.NewFormPageAsync(User.ToActor()!, id, form, HttpContext.RequestAborted);
        return View("ProgressForm", page.Value);
    }

    [HttpGet("/progress/{id:int}/edit", Name = RouteNames.ProgressEdit)]
    public async Task<IActionResult> Edit([FromRoute] int id)
    {
        var page = await queries.EditFormPageAsync(User.ToActor()!, id, form: null, conflict: null, HttpContext.RequestAborted);
        return page.Succeeded ? View("ProgressForm", page.Value) : Refused(page.Refusal!);
    }

    [HttpPost("/progress/{id:int}/edit")]
    [ShowsFormErrors]
    public async Task<IActionResult> Edit([FromRoute] int id, [FromForm] ProgressForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var result = await commands.CorrectAsync(Caller(), id, form, FieldErrors.From(ModelState), HttpContext.RequestAborted);
        if (result.Succeeded)
        {
            notifier.Success(result.Value ? "Progress.Corrected" : "Progress.Unchanged");
            var activityId = await queries.ActivityOfAsync(id, HttpContext.RequestAborted);
            return Redirect(Url.Activity(activityId, $"entry-{id}"));
        }

        var refusal = result.Refusal!;
        switch (refusal.Kind)
        {
            case RefusalKind.Invalid:
                refusal.FieldErrors.AddTo(ModelState);
                return View("ProgressForm", (await queries.EditFormPageAsync(User.ToActor()!, id, form, conflict: null, HttpContext.RequestAborted)).Value);
            case RefusalKind.Conflict:
                var current = (ProgressEntry)refusal.Current!;
                var conflict = queries.Conflict(current, form);
                form.Version = current.Version; // saving again now overwrites, knowingly
                ModelState.Remove(nameof(ProgressForm.Version));
                Response.StatusCode = StatusCodes.Status409Conflict;
                return View("ProgressForm", (await queries.EditFormPageAsync(User.ToActor()!, id, form, conflict, HttpContext.RequestAborted)).Value);
            default:
                return Refused(refusal);
        }
    }

    [HttpPost("/progress/{id:int}/evidence")]
    [RequestSizeLimit(11 * 1024 * 1024)]
    [RequestFormLimits(MultipartBodyLengthLimit = 11 * 1024 * 1024)]
    public async Task<IActionResult> AddEvidence([FromRoute] int id, IFormFile? file, [FromForm] Guid? formToken)
    {
        var result = await evidence.AddToProgressEntryAsync(Caller(), id, file, formToken, HttpContext.RequestAborted);
        if (result.Succeeded)
        {
            notifier.Success("Evidence.Added", file!.FileName);
        }
        else if (result.Refusal!.Kind == RefusalKind.Invalid)
        {
            notifier.Error("Evidence.Refused", result.Refusal.FieldErrors.Values.First());
        }
        else
        {
            return Refused(result.Refusal);
        }

        return Redirect(Url.ProgressEdit(id, "evidence"));
    }

    private IActionResult Refused(Refusal refusal) => this.Answer(refusal, notifier, Url.Content("~/"));

    private Caller Caller() => new(User.ToActor()!, User.UserId()!, User.DisplayName());
}
