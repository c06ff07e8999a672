using CoordinationPortal.Data;
using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Domain.Common;
using CoordinationPortal.Domain.Evidence;
using CoordinationPortal.Domain.Indicators;
using CoordinationPortal.Domain.Plans;
using CoordinationPortal.Domain.Progress;
using CoordinationPortal.Web.Features.Evidence;
using CoordinationPortal.Web.Infrastructure;
using CoordinationPortal.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CoordinationPortal.Web.Features.Progress;

/// <summary>Central officers' progress entries: add to an activity's journal, correct one, attach evidence.</summary>
public sealed class ProgressController(
    PortalDbContext db,
    ProgressQueries queries,
    EvidenceService evidence,
    IAuthorizationService authorization,
    IStringLocalizer<SharedResource> localizer,
    TimeProvider clock) : Controller
{
    [HttpGet("/activities/{id:int}/progress/new")]
    public async Task<IActionResult> New([FromRoute] int id)
    {
        var activity = await LoadActivityAsync(id);
        if (activity is null)
        {
            return NotFound();
        }

        if (!(await authorization.AuthorizeAsync(User, activity, ActivityOperations.LogProgress)).Succeeded)
        {
            return Forbid();
        }

        var form = new ProgressForm { ReportedOn = VietnamTime.Today(clock.GetUtcNow()) };
        return View("ProgressForm", await PageAsync(activity, null, form, [], null));
    }

    [HttpPost("/activities/{id:int}/progress/new")]
    public async Task<IActionResult> New([FromRoute] int id, [FromForm] ProgressForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var activity = await LoadActivityAsync(id);
        if (activity is null)
        {
            return NotFound();
        }

        if (!(await authorization.AuthorizeAsync(User, activity, ActivityOperations.LogProgress)).Succeeded)
        {
            return Forbid();
        }

        var content = await ReadAsync(activity, form, []);
        if (content is null)
        {
            return View("ProgressForm", await PageAsync(activity, null, form, [], null));
        }

        var actor = User.ToActor()!;
        var entry = new ProgressEntry(activity.Id, form.TaskId, actor.AgencyId!.Value, User.UserId()!, User.DisplayName(), clock.GetUtcNow().UtcDateTime, content);
        db.ProgressEntries.Add(entry);
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        TempData["Message"] = localizer["Progress.Added"].Value;
        return Redirect($"/activities/{activity.Id}#journal");
    }

    [HttpGet("/progress/{id:int}/edit")]
    public async Task<IActionResult> Edit([FromRoute] int id)
    {
        var entry = await db.ProgressEntries.SingleOrDefaultAsync(e => e.Id == id, HttpContext.RequestAborted);
        if (entry is null)
        {
            return NotFound();
        }

        if (!(await authorization.AuthorizeAsync(User, entry, ProgressOperations.Correct)).Succeeded)
        {
            return Forbid();
        }

        var activity = (await LoadActivityAsync(entry.ActivityId))!;
        return View("ProgressForm", await PageAsync(activity, entry, FormOf(entry), entry.Values.Select(v => v.IndicatorId).ToList(), null));
    }

    [HttpPost("/progress/{id:int}/edit")]
    public async Task<IActionResult> Edit([FromRoute] int id, [FromForm] ProgressForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var entry = await db.ProgressEntries.SingleOrDefaultAsync(e => e.Id == id, HttpContext.RequestAborted);
        if (entry is null)
        {
            return NotFound();
        }

        if (!(await authorization.AuthorizeAsync(User, entry, ProgressOperations.Correct)).Succeeded)
        {
            return Forbid();
        }

        var activity = (await LoadActivityAsync(entry.ActivityId))!;
        var withValues = entry.Values.Select(v => v.IndicatorId).ToList();
        if (form.Version != entry.Version)
        {
            return await ConflictAsync(activity, entry, form, withValues);
        }

        var content = await ReadAsync(activity, form, withValues);
        if (content is null)
        {
            return View("ProgressForm", await PageAsync(activity, entry, form, withValues, null));
        }

        entry.Correct(User.ToActor()!.AgencyId!.Value, User.DisplayName(), clock.GetUtcNow().UtcDateTime, content);
        try
        {
            await db.SaveChangesAsync(HttpContext.RequestAborted);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Someone saved between our read and our write: show them what they saved.
            db.ChangeTracker.Clear();
            var current = await db.ProgressEntries.SingleAsync(e => e.Id == id, HttpContext.RequestAborted);
            return await ConflictAsync(activity, current, form, withValues);
        }

        TempData["Message"] = localizer["Progress.Corrected"].Value;
        return Redirect($"/activities/{activity.Id}#entry-{entry.Id}");
    }

    [HttpPost("/progress/{id:int}/evidence")]
    [RequestSizeLimit(11 * 1024 * 1024)]
    [RequestFormLimits(MultipartBodyLengthLimit = 11 * 1024 * 1024)]
    public async Task<IActionResult> AddEvidence([FromRoute] int id, IFormFile? file)
    {
        var entry = await db.ProgressEntries.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, HttpContext.RequestAborted);
        if (entry is null)
        {
            return NotFound();
        }

        if (!(await authorization.AuthorizeAsync(User, entry, ProgressOperations.Correct)).Succeeded)
        {
            return Forbid();
        }

        var refusal = await evidence.AddAsync(EvidenceOwner.ProgressEntry, entry.Id, file, User.UserId()!, User.DisplayName(), HttpContext.RequestAborted);
        if (refusal is null)
        {
            TempData["Message"] = localizer["Evidence.Added", file!.FileName].Value;
        }
        else
        {
            TempData["Error"] = localizer[refusal, file?.FileName ?? string.Empty].Value;
        }

        return Redirect($"/progress/{entry.Id}/edit#evidence");
    }

    private async Task<IActionResult> ConflictAsync(Activity activity, ProgressEntry current, ProgressForm yours, IReadOnlyCollection<int> withValues)
    {
        var saved = FormOf(current);
        var conflict = new ConflictView(current.UpdatedByName ?? current.AuthorName, current.UpdatedAtUtc, Differences(saved, yours));
        yours.Version = current.Version; // saving again now overwrites, knowingly
        ModelState.Remove(nameof(ProgressForm.Version));
        Response.StatusCode = StatusCodes.Status409Conflict;
        return View("ProgressForm", await PageAsync(activity, current, yours, withValues, conflict));
    }

    private List<ConflictField> Differences(ProgressForm saved, ProgressForm yours)
    {
        var fields = new List<ConflictField>();
        void Compare(string key, string? a, string? b)
        {
            if (!string.Equals(a?.Trim() ?? string.Empty, b?.Trim() ?? string.Empty, StringComparison.Ordinal))
            {
                fields.Add(new ConflictField(localizer[key], a, b));
            }
        }

        Compare("Progress.ReportedOn", saved.ReportedOn is { } d1 ? Display.Date(d1) : null, yours.ReportedOn is { } d2 ? Display.Date(d2) : null);
        Compare("Progress.Status", saved.Status is { } s1 ? localizer["Status." + s1].Value : null, yours.Status is { } s2 ? localizer["Status." + s2].Value : null);
        Compare("Progress.Percent", saved.PercentComplete?.ToString(System.Globalization.CultureInfo.InvariantCulture), yours.PercentComplete?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Compare("Progress.Done", saved.Done, yours.Done);
        Compare("Progress.Difficulties", saved.Difficulties, yours.Difficulties);
        Compare("Progress.NextSteps", saved.NextSteps, yours.NextSteps);
        foreach (var id in saved.Values.Keys.Union(yours.Values.Keys))
        {
            Compare("Progress.Indicators", saved.Values.GetValueOrDefault(id), yours.Values.GetValueOrDefault(id));
        }

        return fields;
    }

    private static ProgressForm FormOf(ProgressEntry entry) => new()
    {
        ReportedOn = entry.ReportedOn,
        TaskId = entry.TaskId,
        Status = entry.Status,
        PercentComplete = entry.PercentComplete,
        Done = entry.Done,
        Difficulties = entry.Difficulties,
        NextSteps = entry.NextSteps,
        Values = entry.Values.ToDictionary(v => v.IndicatorId, v => (string?)IndicatorInput.Format(v.Value)),
        Version = entry.Version,
    };

    /// <summary>The entry's content, or null with model-state errors when something must be fixed.</summary>
    private async Task<ProgressContent?> ReadAsync(Activity activity, ProgressForm form, IReadOnlyCollection<int> withValues)
    {
        if (form.TaskId is { } task && !activity.Tasks.Any(t => t.Id == task))
        {
            ModelState.AddModelError(nameof(ProgressForm.TaskId), localizer["Progress.UnknownTask"]);
        }

        var fields = await queries.IndicatorFieldsAsync(activity.Id, withValues, HttpContext.RequestAborted);
        var values = IndicatorInput.Read(form.Values, fields, nameof(ProgressForm.Values), ModelState, localizer);
        if (!ModelState.IsValid)
        {
            return null;
        }

        try
        {
            return new ProgressContent(form.ReportedOn!.Value, form.Status!.Value, form.PercentComplete!.Value, form.Done!, form.Difficulties, form.NextSteps, values);
        }
        catch (DomainRuleException)
        {
            ModelState.AddModelError(string.Empty, localizer["Identity.Other"]);
            return null;
        }
    }

    private async Task<ProgressFormPage> PageAsync(Activity activity, ProgressEntry? entry, ProgressForm form, IReadOnlyCollection<int> withValues, ConflictView? conflict)
    {
        var planNumber = await db.Plans.Where(p => p.Id == activity.PlanId).Select(p => p.Number).SingleAsync(HttpContext.RequestAborted);
        var files = entry is null ? [] : await evidence.ListAsync(EvidenceOwner.ProgressEntry, [entry.Id], HttpContext.RequestAborted);
        return new ProgressFormPage(
            activity.Id,
            activity.Number,
            activity.Title,
            planNumber,
            entry?.Id,
            form,
            [.. activity.Tasks.OrderBy(t => t.Number).Select(t => new TaskChoice(t.Id, t.Number, t.Text))],
            await queries.IndicatorFieldsAsync(activity.Id, withValues, HttpContext.RequestAborted),
            files,
            conflict);
    }

    private Task<Activity?> LoadActivityAsync(int id) =>
        db.Activities.AsNoTracking().Include(a => a.Tasks).SingleOrDefaultAsync(a => a.Id == id, HttpContext.RequestAborted);
}
