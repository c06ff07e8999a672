using CoordinationPortal.Data;
using CoordinationPortal.Domain.Access;
using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Domain.Common;
using CoordinationPortal.Domain.Evidence;
using CoordinationPortal.Domain.Reporting;
using CoordinationPortal.Web.Features.Evidence;
using CoordinationPortal.Web.Features.Progress;
using CoordinationPortal.Web.Infrastructure;
using CoordinationPortal.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CoordinationPortal.Web.Features.Reports;

/// <summary>
/// Quarterly reports: provinces write and submit their own; the branch's central agency approves,
/// returns or reopens them. Every request loads the report and checks the caller against it.
/// </summary>
public sealed class ReportsController(
    PortalDbContext db,
    ReportQueries queries,
    ReportService service,
    ProgressQueries progress,
    EvidenceService evidence,
    IAuthorizationService authorization,
    IStringLocalizer<SharedResource> localizer,
    TimeProvider clock) : Controller
{
    [HttpGet("/reports/mine")]
    public async Task<IActionResult> Mine([FromQuery] int? planId)
    {
        var actor = User.ToActor();
        if (actor?.Role != PortalRole.ProvincialOfficer)
        {
            return Forbid();
        }

        return View("Mine", await queries.MineAsync(actor, planId, HttpContext.RequestAborted));
    }

    [HttpPost("/reports/start")]
    public async Task<IActionResult> Start([FromForm] StartReportForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var actor = User.ToActor();
        if (actor?.Role != PortalRole.ProvincialOfficer)
        {
            return Forbid();
        }

        Quarter quarter;
        try
        {
            quarter = Quarter.FromKey(form.Quarter);
        }
        catch (DomainRuleException)
        {
            return BadRequest();
        }

        var (reportId, refusal) = await service.StartAsync(actor, User.UserId()!, form.PlanId, quarter, HttpContext.RequestAborted);
        if (refusal is not null)
        {
            TempData["Error"] = localizer[refusal].Value;
            return Redirect($"/reports/mine?planId={form.PlanId}");
        }

        return Redirect($"/reports/{reportId}/edit");
    }

    [HttpGet("/reports/review")]
    public async Task<IActionResult> Review()
    {
        var actor = User.ToActor();
        if (actor is null || !Permissions.CanReview(actor))
        {
            return Forbid();
        }

        return View("Queue", await queries.QueueAsync(actor, HttpContext.RequestAborted));
    }

    [HttpGet("/reports")]
    public async Task<IActionResult> Index([FromQuery] ReportFilter filter) =>
        View("List", await queries.ListAsync(User.ToActor()!, filter ?? new ReportFilter(), HttpContext.RequestAborted));

    [HttpGet("/reports/{id:int}")]
    public async Task<IActionResult> Show([FromRoute] int id)
    {
        var report = await LoadAsync(id, tracked: false);
        if (report is null)
        {
            return NotFound();
        }

        if (!await IsAllowedAsync(report, ReportOperations.Read))
        {
            return Forbid();
        }

        var canEdit = report.IsEditable && await IsAllowedAsync(report, ReportOperations.Write) && await service.MayWriteNowAsync(report, HttpContext.RequestAborted);
        var canReview = await IsAllowedAsync(report, ReportOperations.Review);
        return View("Show", await queries.PageAsync(report, canEdit, canReview, HttpContext.RequestAborted));
    }

    [HttpGet("/reports/{id:int}/edit")]
    public async Task<IActionResult> Edit([FromRoute] int id)
    {
        var (report, refusal) = await WritableAsync(id, tracked: false);
        if (report is null)
        {
            return refusal!;
        }

        return View("Edit", await queries.EditPageAsync(report, ReportQueries.FormOf(report), null, HttpContext.RequestAborted));
    }

    [HttpPost("/reports/{id:int}/edit")]
    public async Task<IActionResult> Edit([FromRoute] int id, [FromForm] ReportForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var (report, refusal) = await WritableAsync(id, tracked: true);
        if (report is null)
        {
            return refusal!;
        }

        if (form.Version != report.Version)
        {
            return await ConflictAsync(report, form);
        }

        var content = await ReadAsync(report, form);
        if (content is null)
        {
            return View("Edit", await queries.EditPageAsync(report, form, null, HttpContext.RequestAborted));
        }

        var now = clock.GetUtcNow().UtcDateTime;
        report.Write(content, User.DisplayName(), now);
        var submit = form.Intent == "submit";
        var missing = report.ActivitiesMissingStatus;
        if (submit && missing.Count == 0)
        {
            report.Submit(User.UserId()!, User.DisplayName(), now);
        }

        try
        {
            await db.SaveChangesAsync(HttpContext.RequestAborted);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return await ConflictAsync((await LoadAsync(id, tracked: false))!, form);
        }

        if (submit && missing.Count > 0)
        {
            // Saved, so nothing typed is lost; but a report goes out only with every status given.
            foreach (var activityId in missing)
            {
                ModelState.AddModelError($"Lines[{activityId}].Status", localizer["Report.StatusNeeded"]);
            }

            ModelState.AddModelError(string.Empty, localizer["Report.SavedNotSubmitted"]);
            form.Version = report.Version;
            return View("Edit", await queries.EditPageAsync(report, form, null, HttpContext.RequestAborted));
        }

        TempData["Message"] = localizer[submit ? "Report.Submitted" : "Report.Saved"].Value;
        return Redirect(submit ? $"/reports/{id}" : $"/reports/{id}/edit");
    }

    [HttpPost("/reports/{id:int}/approve")]
    public Task<IActionResult> Approve([FromRoute] int id, [FromForm] ReviewForm form) => ReviewAsync(id, ReportAction.Approve, form);

    [HttpPost("/reports/{id:int}/return")]
    public Task<IActionResult> Return([FromRoute] int id, [FromForm] ReviewForm form) => ReviewAsync(id, ReportAction.Return, form);

    [HttpPost("/reports/{id:int}/reopen")]
    public Task<IActionResult> Reopen([FromRoute] int id, [FromForm] ReviewForm form) => ReviewAsync(id, ReportAction.Reopen, form);

    [HttpPost("/reports/{id:int}/lines/{lineId:int}/evidence")]
    [RequestSizeLimit(11 * 1024 * 1024)]
    [RequestFormLimits(MultipartBodyLengthLimit = 11 * 1024 * 1024)]
    public async Task<IActionResult> AddEvidence([FromRoute] int id, [FromRoute] int lineId, IFormFile? file)
    {
        var (report, denied) = await WritableAsync(id, tracked: false, lineId);
        if (report is null)
        {
            return denied!;
        }

        var refusal = await evidence.AddAsync(EvidenceOwner.ReportLine, lineId, file, User.UserId()!, User.DisplayName(), HttpContext.RequestAborted);
        if (refusal is null)
        {
            TempData["Message"] = localizer["Evidence.Added", file!.FileName].Value;
        }
        else
        {
            TempData["Error"] = localizer[refusal, file?.FileName ?? string.Empty].Value;
        }

        return Redirect($"/reports/{id}/edit#line-{lineId}-evidence");
    }

    private async Task<IActionResult> ReviewAsync(int id, ReportAction action, ReviewForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var report = await LoadAsync(id, tracked: true);
        if (report is null)
        {
            return NotFound();
        }

        if (!await IsAllowedAsync(report, ReportOperations.Review))
        {
            return Forbid();
        }

        if (!ReportWorkflow.IsAllowed(report.State, action))
        {
            TempData["Error"] = localizer["Report.WrongState", localizer["ReportState." + report.State]].Value;
            return Redirect($"/reports/{id}");
        }

        if (ReportWorkflow.RequiresComment(action) && string.IsNullOrWhiteSpace(form.Comment))
        {
            TempData["Error"] = localizer[action == ReportAction.Return ? "Report.ReturnNeedsComment" : "Report.ReopenNeedsReason"].Value;
            return Redirect($"/reports/{id}#review");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        switch (action)
        {
            case ReportAction.Approve:
                report.Approve(User.UserId()!, User.DisplayName(), now, form.Comment);
                break;
            case ReportAction.Return:
                report.Return(User.UserId()!, User.DisplayName(), now, form.Comment!);
                break;
            default:
                report.Reopen(User.UserId()!, User.DisplayName(), now, form.Comment!);
                break;
        }

        try
        {
            await db.SaveChangesAsync(HttpContext.RequestAborted);
        }
        catch (DbUpdateConcurrencyException)
        {
            TempData["Error"] = localizer["Report.ChangedMeanwhile"].Value;
            return Redirect($"/reports/{id}");
        }

        TempData["Message"] = localizer["Report.Done." + action].Value;
        return Redirect(action == ReportAction.Reopen ? $"/reports/{id}" : "/reports/review");
    }

    private async Task<IActionResult> ConflictAsync(QuarterlyReport current, ReportForm yours)
    {
        var saved = ReportQueries.FormOf(current);
        var activities = await db.Activities.AsNoTracking().Where(a => a.PlanId == current.PlanId).ToDictionaryAsync(a => a.Id, a => a.Number, HttpContext.RequestAborted);
        var fields = new List<ConflictField>();
        foreach (var (activityId, savedLine) in saved.Lines)
        {
            var yourLine = yours.Lines.GetValueOrDefault(activityId) ?? new LineForm();
            var label = localizer["Activity.Heading", activities[activityId]].Value;
            void Compare(string key, string? a, string? b)
            {
                if (!string.Equals(a?.Trim() ?? string.Empty, b?.Trim() ?? string.Empty, StringComparison.Ordinal))
                {
                    fields.Add(new ConflictField($"{label} – {localizer[key]}", a, b));
                }
            }

            Compare("Progress.Status", savedLine.Status is { } s1 ? localizer["Status." + s1].Value : null, yourLine.Status is { } s2 ? localizer["Status." + s2].Value : null);
            Compare("Report.Results", savedLine.Results, yourLine.Results);
            Compare("Report.Difficulties", savedLine.Difficulties, yourLine.Difficulties);
            Compare("Report.Proposals", savedLine.Proposals, yourLine.Proposals);
            foreach (var indicator in savedLine.Values.Keys.Union(yourLine.Values.Keys))
            {
                Compare("Progress.Indicators", savedLine.Values.GetValueOrDefault(indicator), yourLine.Values.GetValueOrDefault(indicator));
            }
        }

        yours.Version = current.Version; // saving again now overwrites, knowingly
        ModelState.Clear();
        Response.StatusCode = StatusCodes.Status409Conflict;
        var conflict = new ConflictView(current.UpdatedByName, current.UpdatedAtUtc, fields);
        return View("Edit", await queries.EditPageAsync(current, yours, conflict, HttpContext.RequestAborted));
    }

    /// <summary>The typed lines as content, or null with errors under the fields to fix.</summary>
    private async Task<Dictionary<int, LineContent>?> ReadAsync(QuarterlyReport report, ReportForm form)
    {
        var content = new Dictionary<int, LineContent>();
        foreach (var line in report.Lines)
        {
            var typed = form.Lines.GetValueOrDefault(line.ActivityId) ?? new LineForm();
            var fields = await progress.IndicatorFieldsAsync(line.ActivityId, [.. line.Values.Select(v => v.IndicatorId)], HttpContext.RequestAborted);
            var values = IndicatorInput.Read(typed.Values, fields, $"Lines[{line.ActivityId}].Values", ModelState, localizer);
            content[line.ActivityId] = new LineContent(typed.Status, typed.Results, typed.Difficulties, typed.Proposals, values);
        }

        return ModelState.IsValid ? content : null;
    }

    /// <summary>
    /// The report if the caller may write it now; otherwise the answer instead: 404 (no such report,
    /// or no such line in it), 403, or back to the report saying why it cannot be changed.
    /// </summary>
    private async Task<(QuarterlyReport? Report, IActionResult? Refusal)> WritableAsync(int id, bool tracked, int? lineId = null)
    {
        var report = await LoadAsync(id, tracked);
        if (report is null || (lineId is { } line && !report.Lines.Any(l => l.Id == line)))
        {
            return (null, NotFound());
        }

        if (!await IsAllowedAsync(report, ReportOperations.Write))
        {
            return (null, Forbid());
        }

        if (!report.IsEditable || !await service.MayWriteNowAsync(report, HttpContext.RequestAborted))
        {
            TempData["Error"] = localizer[report.IsEditable ? "Report.LockedForEdits" : "Report.ReadOnly"].Value;
            return (null, Redirect($"/reports/{id}"));
        }

        return (report, null);
    }

    private Task<QuarterlyReport?> LoadAsync(int id, bool tracked)
    {
        var query = tracked ? db.QuarterlyReports : db.QuarterlyReports.AsNoTracking();
        return query.SingleOrDefaultAsync(r => r.Id == id, HttpContext.RequestAborted);
    }

    private async Task<bool> IsAllowedAsync(QuarterlyReport report, Microsoft.AspNetCore.Authorization.Infrastructure.OperationAuthorizationRequirement operation) =>
        (await authorization.AuthorizeAsync(User, report, operation)).Succeeded;
}
