using CoordinationPortal.Web.Features.Reports;
using CoordinationPortal.Web.Infrastructure;
using CoordinationPortal.Web.Infrastructure.Commands;
using CoordinationPortal.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace CoordinationPortal.Web.Features.PlanEditing;

/// <summary>
/// Drafting plans (administrators and central officers) and publishing them (administrators): a new
/// plan or programme, and one screen per part of a plan, each saved on its own. Reads go to
/// <see cref="PlanEditingQueries"/>, writes to <see cref="PlanCommands"/> and <see cref="ActivityCommands"/>;
/// this class turns their answers into pages.
/// </summary>
public sealed class PlanEditingController(
    PlanEditingQueries queries,
    PlanCommands commands,
    ActivityCommands activities,
    Notifier notifier,
    IStringLocalizer<SharedResource> localizer) : Controller
{
    [HttpGet("/plans/new", Name = RouteNames.NewPlan)]
    public async Task<IActionResult> New([FromQuery] NewPlanQuery query) =>
        Page("New", await queries.NewPlanPageAsync(Actor(), query ?? new NewPlanQuery(), posted: null, HttpContext.RequestAborted));

    [HttpPost("/plans/new")]
    [ShowsFormErrors]
    public async Task<IActionResult> New([FromForm] NewPlanForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var result = await commands.CreateAsync(Caller(), form, FieldErrors.From(ModelState), HttpContext.RequestAborted);
        if (result.Succeeded)
        {
            notifier.Success(form.Start == PlanStart.Copy ? "PlanNew.Copied" : "PlanNew.Created", form.Year ?? 0);
            return Redirect(Url.Plan(result.Value));
        }

        if (result.Refusal!.Kind != RefusalKind.Invalid)
        {
            return this.Answer(result.Refusal, notifier, Url.Plans());
        }

        ShowErrors(result.Refusal);
        return Page("New", await queries.NewPlanPageAsync(Actor(), new NewPlanQuery(), form, HttpContext.RequestAborted));
    }

    [HttpGet("/programmes/new", Name = RouteNames.NewProgramme)]
    public IActionResult NewProgramme([FromQuery] int? forYear, [FromQuery] PlanStart? start, [FromQuery] int? sourcePlanId) =>
        Page("NewProgramme", PlanEditingQueries.NewProgrammePage(Actor(), form: null, forYear, start, sourcePlanId));

    [HttpPost("/programmes/new")]
    [ShowsFormErrors]
    public async Task<IActionResult> NewProgramme([FromForm] ProgrammeForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var result = await commands.CreateProgrammeAsync(Caller(), form, FieldErrors.From(ModelState), HttpContext.RequestAborted);
        if (result.Succeeded)
        {
            notifier.Success("Programme.Created", form.Number?.Trim() ?? string.Empty);
            return Redirect(form.ForYear is { } year ? Url.NewPlan(form.Start, form.SourcePlanId, year) : Url.Plans());
        }

        if (result.Refusal!.Kind != RefusalKind.Invalid)
        {
            return this.Answer(result.Refusal, notifier, Url.Plans());
        }

        ShowErrors(result.Refusal);
        return Page("NewProgramme", PlanEditingQueries.NewProgrammePage(Actor(), form, form.ForYear, form.Start, form.SourcePlanId));
    }

    [HttpGet("/plans/{id:int}/edit/header", Name = RouteNames.PlanEditHeader)]
    public async Task<IActionResult> Header([FromRoute] int id) =>
        Page("Header", await queries.HeaderPageAsync(Actor(), id, posted: null, conflict: null, HttpContext.RequestAborted));

    [HttpPost("/plans/{id:int}/edit/header")]
    [ShowsFormErrors]
    public async Task<IActionResult> Header([FromRoute] int id, [FromForm] HeaderForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var result = await commands.SaveHeaderAsync(Caller(), id, form, FieldErrors.From(ModelState), HttpContext.RequestAborted);
        return await PartAnswerAsync(result, "PlanEdit.Saved.Header", Url.Plan(id), (conflict) => queries.HeaderPageAsync(Actor(), id, form, conflict, HttpContext.RequestAborted), "Header");
    }

    [HttpGet("/plans/{id:int}/edit/text", Name = RouteNames.PlanEditText)]
    public async Task<IActionResult> Text([FromRoute] int id) =>
        Page("Text", await queries.TextPageAsync(Actor(), id, posted: null, conflict: null, HttpContext.RequestAborted));

    [HttpPost("/plans/{id:int}/edit/text")]
    [ShowsFormErrors]
    public async Task<IActionResult> Text([FromRoute] int id, [FromForm] TextForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var result = await commands.SaveTextAsync(Caller(), id, form, FieldErrors.From(ModelState), HttpContext.RequestAborted);
        return await PartAnswerAsync(result, "PlanEdit.Saved.Text", Url.Plan(id, "purposes"), (conflict) => queries.TextPageAsync(Actor(), id, form, conflict, HttpContext.RequestAborted), "Text");
    }

    [HttpGet("/plans/{id:int}/edit/organisation", Name = RouteNames.PlanEditOrganisation)]
    public async Task<IActionResult> Organisation([FromRoute] int id) =>
        Page("Organisation", await queries.OrganisationPageAsync(Actor(), id, posted: null, conflict: null, HttpContext.RequestAborted));

    [HttpPost("/plans/{id:int}/edit/organisation")]
    [ShowsFormErrors]
    public async Task<IActionResult> Organisation([FromRoute] int id, [FromForm] OrganisationForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var result = await commands.SaveOrganisationAsync(Caller(), id, form, FieldErrors.From(ModelState), HttpContext.RequestAborted);
        return await PartAnswerAsync(result, "PlanEdit.Saved.Organisation", Url.Plan(id, "organisation"), (conflict) => queries.OrganisationPageAsync(Actor(), id, form, conflict, HttpContext.RequestAborted), "Organisation");
    }

    [HttpGet("/plans/{id:int}/edit/activities", Name = RouteNames.PlanEditActivities)]
    public async Task<IActionResult> Activities([FromRoute] int id) =>
        Page("Activities", await queries.ActivitiesPageAsync(Actor(), id, add: null, conflict: null, HttpContext.RequestAborted));

    /// <summary>Adds an activity to a draft, then opens its own page to fill it in.</summary>
    [HttpPost("/plans/{id:int}/edit/activities")]
    [ShowsFormErrors]
    public async Task<IActionResult> AddActivity([FromRoute] int id, [FromForm] AddActivityForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var result = await activities.AddAsync(Caller(), id, form, FieldErrors.From(ModelState), HttpContext.RequestAborted);
        if (result.Succeeded)
        {
            notifier.Success("PlanEdit.ActivityAdded");
            return Redirect(Url.ActivityEdit(result.Value));
        }

        if (result.Refusal!.Kind != RefusalKind.Invalid)
        {
            return this.Answer(result.Refusal, notifier, Url.PlanEditActivities(id));
        }

        ShowErrors(result.Refusal);
        return Page("Activities", await queries.ActivitiesPageAsync(Actor(), id, form, conflict: null, HttpContext.RequestAborted));
    }

    [HttpPost("/activities/{id:int}/move")]
    public async Task<IActionResult> MoveActivity([FromRoute] int id, [FromForm] ActivityListForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        return await ListAnswerAsync(await activities.MoveAsync(Caller(), id, form, HttpContext.RequestAborted), id, "PlanEdit.ActivityMoved");
    }

    [HttpPost("/activities/{id:int}/remove")]
    public async Task<IActionResult> RemoveActivity([FromRoute] int id, [FromForm] ActivityListForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        return await ListAnswerAsync(await activities.RemoveAsync(Caller(), id, form, HttpContext.RequestAborted), id, "PlanEdit.ActivityRemoved");
    }

    [HttpGet("/activities/{id:int}/edit", Name = RouteNames.ActivityEdit)]
    public async Task<IActionResult> Activity([FromRoute] int id) =>
        Page("Activity", await queries.ActivityPageAsync(Actor(), id, posted: null, conflict: null, HttpContext.RequestAborted));

    [HttpPost("/activities/{id:int}/edit")]
    [ShowsFormErrors]
    public async Task<IActionResult> Activity([FromRoute] int id, [FromForm] ActivityForm posted)
    {
        // Not named "form": the activity has a field of that name (its "Hình thức"), which would confuse binding.
        ArgumentNullException.ThrowIfNull(posted);
        var result = await activities.SaveAsync(Caller(), id, posted, FieldErrors.From(ModelState), HttpContext.RequestAborted);
        return await PartAnswerAsync(result, "ActivityEdit.Saved", Url.ActivityEdit(id), (conflict) => queries.ActivityPageAsync(Actor(), id, posted, conflict, HttpContext.RequestAborted), "Activity");
    }

    [HttpGet("/plans/{id:int}/publish", Name = RouteNames.PlanPublish)]
    public async Task<IActionResult> Publish([FromRoute] int id) =>
        Page("Publish", await queries.PublishPageAsync(Actor(), id, HttpContext.RequestAborted));

    [HttpPost("/plans/{id:int}/publish")]
    public async Task<IActionResult> Publish([FromRoute] int id, [FromForm] PublishForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var result = await commands.PublishAsync(Caller(), id, form, HttpContext.RequestAborted);
        if (result.Succeeded)
        {
            var quarters = string.Join(", ", result.Value!.Quarters.Select(q => localizer.Quarter(q)));
            notifier.Success(quarters.Length == 0 ? "Publish.DoneNoQuarter" : "Publish.Done", result.Value.Number, quarters);
            return Redirect(Url.Plan(id));
        }

        if (result.Refusal!.Kind != RefusalKind.Refused)
        {
            return this.Answer(result.Refusal, notifier, Url.Plan(id));
        }

        // The check again, as the plan stands now, with why nothing was published.
        notifier.Error(result.Refusal.MessageKey!, result.Refusal.Arguments ?? []);
        return Redirect(Url.PlanPublish(id));
    }

    /// <summary>A part's save: back to where it shows with a notice; its form again with errors, or with the comparison (409).</summary>
    private async Task<IActionResult> PartAnswerAsync<TPage>(Result<bool> result, string savedKey, string savedUrl, Func<PartConflict?, Task<Result<TPage>>> page, string view)
    {
        switch (result.Refusal?.Kind)
        {
            case null:
                notifier.Success(result.Value ? savedKey : "PlanEdit.Unchanged");
                return Redirect(savedUrl);
            case RefusalKind.Invalid:
                ShowErrors(result.Refusal);
                return Page(view, await page(null));
            case RefusalKind.Conflict:
                Response.StatusCode = StatusCodes.Status409Conflict;
                return Page(view, await page((PartConflict)result.Refusal.Current!));
            default:
                return this.Answer(result.Refusal, notifier, Url.Plans());
        }
    }

    /// <summary>A move or removal: back to the list at the activity; the list with the comparison when it changed meanwhile.</summary>
    private async Task<IActionResult> ListAnswerAsync(Result<ActivityListChanged> result, int activityId, string doneKey)
    {
        if (result.Succeeded)
        {
            notifier.Success(doneKey, result.Value!.Number);
            return Redirect(Url.PlanEditActivities(result.Value.PlanId, $"activity-{result.Value.ActivityId}"));
        }

        var planId = await queries.PlanOfActivityAsync(activityId, HttpContext.RequestAborted);
        if (result.Refusal!.Kind == RefusalKind.Conflict && planId is { } id)
        {
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page("Activities", await queries.ActivitiesPageAsync(Actor(), id, add: null, (PartConflict)result.Refusal.Current!, HttpContext.RequestAborted));
        }

        return this.Answer(result.Refusal, notifier, planId is { } plan ? Url.PlanEditActivities(plan) : Url.Plans());
    }

    /// <summary>The refusal's messages beside their fields, and one line above the form saying that nothing was saved yet.</summary>
    private void ShowErrors(Refusal refusal)
    {
        refusal.FieldErrors.AddTo(ModelState);
        ModelState.AddModelError(string.Empty, localizer["Form.FixErrors"]);
    }

    private IActionResult Page<TPage>(string view, Result<TPage> page) =>
        page.Succeeded ? View(view, page.Value) : this.Answer(page.Refusal!, notifier, Url.Plans());

    private Domain.Access.Actor Actor() => User.ToActor()!;

    private Caller Caller() => new(Actor(), User.UserId()!, User.DisplayName());
}
