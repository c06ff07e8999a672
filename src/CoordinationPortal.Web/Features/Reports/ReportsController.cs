using CoordinationPortal.Domain.Access;
using CoordinationPortal.Domain.Reporting;
using CoordinationPortal.Web.Features.Evidence;
using CoordinationPortal.Web.Infrastructure;
using CoordinationPortal.Web.Infrastructure.Caching;
using CoordinationPortal.Web.Infrastructure.Commands;
using CoordinationPortal.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace CoordinationPortal.Web.Features.Reports;

/// <summary>
/// Quarterly reports: provinces write and submit their own; the branch's central agency approves,
/// returns or reopens them. Reads go to <see cref="ReportQueries"/>, writes to
/// <see cref="ReportCommands"/>; this class only turns their answers into pages.
/// </summary>
public sealed class ReportsController(
    ReportQueries queries,
    ReportCommands commands,
    EvidenceCommands evidence,
    Extensions.ExtensionQueries extensions,
    Notifier notifier,
    IStringLocalizer<SharedResource> localizer) : Controller
{
    [HttpGet("/reports/mine", Name = RouteNames.MyReports)]
    public async Task<IActionResult> Mine([FromQuery] int? planId)
    {
        var actor = User.ToActor();
        if (actor is null || !Permissions.HasOwnReports(actor))
        {
            return Forbid();
        }

        var page = await queries.MineAsync(actor, planId, HttpContext.RequestAborted);
        return View("Mine", page.PlanId is { } shown ? page with { Extensions = await extensions.ForBranchAsync(actor, shown, HttpContext.RequestAborted) } : page);
    }

    [HttpPost("/reports/start")]
    public async Task<IActionResult> Start([FromForm] StartReportForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var result = await commands.StartAsync(Caller(), form.PlanId, form.Quarter!.Value, form.FromReportId, HttpContext.RequestAborted);
        if (result.Succeeded)
        {
            return Redirect(Url.ReportEdit(result.Value));
        }

        return Refused(result.Refusal!, Url.MyReports(form.PlanId));
    }

    [HttpGet("/reports/review", Name = RouteNames.ReviewQueue)]
    public async Task<IActionResult> Review([FromQuery] QueueFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var actor = User.ToActor();
        if (actor is null || !Permissions.CanReview(actor))
        {
            return Forbid();
        }

        if (BadFilter(filter) is { } bad)
        {
            return bad;
        }

        return View("Queue", await queries.QueueAsync(actor, filter, HttpContext.RequestAborted));
    }

    /// <summary>The confirmation of a bulk approval: the chosen reports, and what will happen to each. Nothing is written.</summary>
    [HttpGet("/reports/review/approve", Name = RouteNames.BulkApprove)]
    public async Task<IActionResult> BulkApprove([FromQuery(Name = "r")] List<string>? chosen, [FromQuery] QueueFilter filter)
    {
        if (BulkChoice(chosen, filter, out var actor, out var reports) is { } answer)
        {
            return answer;
        }

        var items = await queries.BulkItemsAsync(actor, reports, HttpContext.RequestAborted);
        return View("BulkApprove", new BulkApprovePage(filter, items, Done: false));
    }

    /// <summary>
    /// What both steps of a bulk approval check first: a reviewer, a valid filter and choice, and at
    /// least one report chosen. Null when the step may go on.
    /// </summary>
    private IActionResult? BulkChoice(List<string>? chosen, QueueFilter filter, out Actor actor, out List<ReportVersion> reports)
    {
        ArgumentNullException.ThrowIfNull(filter);
        actor = User.ToActor()!;
        reports = [];
        if (actor is null || !Permissions.CanReview(actor))
        {
            return Forbid();
        }

        var badChoice = BadChoice(chosen, out var read);
        reports = read;
        if ((BadFilter(filter) ?? badChoice) is { } bad)
        {
            return bad;
        }

        if (read.Count == 0)
        {
            notifier.Error("Bulk.NoneChosen");
            return Redirect(Url.ReviewQueue(filter));
        }

        return null;
    }

    /// <summary>Approves the confirmed reports one by one through the single approval's path, then says which were approved and which refused, and why.</summary>
    [HttpPost("/reports/review/approve")]
    public async Task<IActionResult> BulkApprove([FromForm(Name = "r")] List<string>? chosen, [FromForm] QueueFilter filter, CancellationToken cancellationToken = default)
    {
        if (BulkChoice(chosen, filter, out var actor, out var reports) is { } answer)
        {
            return answer;
        }

        var outcomes = await commands.ApproveManyAsync(Caller(), reports, HttpContext.RequestAborted);
        var named = await queries.BulkItemsAsync(actor, reports, HttpContext.RequestAborted);
        var items = named.Zip(outcomes, (item, outcome) => item with { RefusalKey = outcome.RefusalKey }).ToList();
        return View("BulkApprove", new BulkApprovePage(filter, items, Done: true));
    }

    [HttpGet("/reports")]
    public async Task<IActionResult> Index([FromQuery] ReportFilter filter, [FromServices] FragmentCache cache)
    {
        ArgumentNullException.ThrowIfNull(cache);
        var actor = User.ToActor()!;
        filter ??= new ReportFilter();

        // The list is the same for everyone with the same read scope and filter (ADR 0055).
        var lookup = await cache.LookupAsync(CacheTags.Reports, generation => ReportListFragment.Key(actor, filter, generation), HttpContext.RequestAborted);
        if (lookup.Hit is { } html)
        {
            return View("ListCached", html);
        }

        ViewData[FragmentKey.ViewDataKey] = lookup.Key;
        return View("List", await queries.ListAsync(actor, filter, HttpContext.RequestAborted));
    }

    /// <summary>The report; opened from the review queue (<c>from=queue</c> and the queue's filters), it links to its neighbours there.</summary>
    [HttpGet("/reports/{id:int}", Name = RouteNames.Report)]
    public async Task<IActionResult> Show([FromRoute] int id, [FromQuery] string? from, [FromQuery] QueueFilter queue)
    {
        ArgumentNullException.ThrowIfNull(queue);
        var actor = User.ToActor()!;
        var page = await queries.PageAsync(actor, id, HttpContext.RequestAborted);
        if (!page.Succeeded)
        {
            return Refused(page.Refusal!, Url.Content("~/"));
        }

        var shown = page.Value! with { Extensions = await extensions.ForReportAsync(actor, id, HttpContext.RequestAborted) };
        if (from == QueueLinks.FromQueue && Permissions.CanReview(actor))
        {
            if (BadFilter(queue) is { } bad)
            {
                return bad;
            }

            return View("Show", shown with { Queue = await queries.PositionAsync(actor, id, queue, HttpContext.RequestAborted) ?? new QueuePosition(queue, 0, 0, null, null) });
        }

        return View("Show", shown);
    }

    [HttpGet("/reports/{id:int}/edit", Name = RouteNames.ReportEdit)]
    public async Task<IActionResult> Edit([FromRoute] int id)
    {
        var page = await queries.EditPageAsync(User.ToActor()!, id, form: null, conflict: null, HttpContext.RequestAborted);
        return page.Refusal is { } refusal ? Refused(refusal, Url.Report(id)) : View("Edit", page.Page);
    }

    [HttpPost("/reports/{id:int}/edit")]
    [ShowsFormErrors]
    public async Task<IActionResult> Edit([FromRoute] int id, [FromForm] ReportForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (Request.IsBackground())
        {
            return await AutosaveAsync(id, form);
        }

        if (form.Intent == ReportForm.SubmitIntent && !form.Confirmed)
        {
            // Asked only of someone who may write it now; anyone else gets the command's own refusal.
            var editing = await queries.EditPageAsync(User.ToActor()!, id, form: null, conflict: null, HttpContext.RequestAborted);
            if (editing.Page is { } editable)
            {
                return this.AskFirst(ReportQuestions.Submit(localizer, editable.Header), localizer["Report.Submit"], Url.ReportEdit(id));
            }
        }

        var result = await commands.SaveAsync(Caller(), id, form, FieldErrors.From(ModelState), HttpContext.RequestAborted);
        if (result.Refusal is { } refusal)
        {
            return await FormRefusedAsync(id, form, refusal);
        }

        switch (result.Value!.Outcome)
        {
            case SaveOutcome.SavedNotSubmitted:
                // Saved, so nothing typed is lost; but a report goes out only with every status given,
                // and every line saying what was done or why nothing was.
                foreach (var activityId in result.Value.ActivitiesMissingStatus)
                {
                    ModelState.AddModelError($"Lines[{activityId}].Status", localizer["Report.StatusNeeded"]);
                }

                foreach (var activityId in result.Value.ActivitiesMissingResults)
                {
                    ModelState.AddModelError($"Lines[{activityId}].Results", localizer["Report.ResultsOrReasonNeeded"]);
                }

                ModelState.AddModelError(string.Empty, localizer["Report.SavedNotSubmitted"]);
                var page = await queries.EditPageAsync(User.ToActor()!, id, form, conflict: null, HttpContext.RequestAborted);
                page.Page!.Form.Version = page.Page.Header.Version;
                return View("Edit", page.Page);
            case SaveOutcome.Submitted:
                notifier.Success("Report.Submitted");
                return Redirect(Url.Report(id));
            case SaveOutcome.Unchanged:
                notifier.Success("Report.Unchanged");
                return Redirect(Url.ReportEdit(id));
            default:
                notifier.Success("Report.Saved");
                return Redirect(Url.ReportEdit(id));
        }
    }

    /// <summary>
    /// A draft saved by js/autosave.js while the person types: the same guarded save as "Lưu nháp",
    /// answered with the new version (which the script puts in the form, so the next save is not a
    /// false conflict) and the time. It never submits: an autosave cannot send a report for review.
    /// </summary>
    private async Task<IActionResult> AutosaveAsync(int id, ReportForm form)
    {
        if (form.Intent == ReportForm.SubmitIntent)
        {
            return PlainText(StatusCodes.Status400BadRequest, localizer["Autosave.Failed"]);
        }

        var result = await commands.SaveAsync(Caller(), id, form, FieldErrors.From(ModelState), HttpContext.RequestAborted);
        if (result.Refusal is { } refusal)
        {
            return refusal.Kind switch
            {
                RefusalKind.Invalid => PlainText(StatusCodes.Status400BadRequest, localizer["Autosave.Invalid"]),
                RefusalKind.Conflict => PlainText(StatusCodes.Status409Conflict, localizer["Autosave.Conflict"]),
                RefusalKind.NotFound => PlainText(StatusCodes.Status404NotFound, localizer["Autosave.Failed"]),
                RefusalKind.Forbidden => PlainText(StatusCodes.Status403Forbidden, localizer["Autosave.Failed"]),
                _ => PlainText(StatusCodes.Status409Conflict, localizer[refusal.MessageKey ?? "Autosave.Failed", refusal.Arguments ?? []]),
            };
        }

        var savedAt = CoordinationPortal.Domain.Calendar.VietnamTime.FromUtc(DateTime.UtcNow).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        return Json(new { version = result.Value!.Version, message = localizer["Autosave.SavedAt", savedAt].Value });
    }

    private static ContentResult PlainText(int status, string message) =>
        new() { StatusCode = status, Content = message, ContentType = "text/plain; charset=utf-8" };

    [HttpPost("/reports/{id:int}/approve")]
    [ShowsFormErrors]
    public Task<IActionResult> Approve([FromRoute] int id, [FromForm] ReviewForm form) => ReviewAsync(id, ReportAction.Approve, form);

    [HttpPost("/reports/{id:int}/return")]
    [ShowsFormErrors]
    public Task<IActionResult> Return([FromRoute] int id, [FromForm] ReviewForm form) => ReviewAsync(id, ReportAction.Return, form);

    [HttpPost("/reports/{id:int}/reopen")]
    [ShowsFormErrors]
    public Task<IActionResult> Reopen([FromRoute] int id, [FromForm] ReviewForm form) => ReviewAsync(id, ReportAction.Reopen, form);

    [HttpPost("/reports/{id:int}/lines/{lineId:int}/evidence")]
    [RequestSizeLimit(11 * 1024 * 1024)]
    [RequestFormLimits(MultipartBodyLengthLimit = 11 * 1024 * 1024)]
    public async Task<IActionResult> AddEvidence([FromRoute] int id, [FromRoute] int lineId, IFormFile? file, [FromForm] Guid? formToken)
    {
        var result = await evidence.AddToReportLineAsync(Caller(), id, lineId, file, formToken, HttpContext.RequestAborted);
        if (Request.IsBackground())
        {
            return await BackgroundUploadAnswerAsync(id, lineId, result);
        }

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
            return Refused(result.Refusal, Url.Report(id));
        }

        return Redirect(Url.ReportEdit(id, $"line-{lineId}-evidence"));
    }

    /// <summary>
    /// The answer to an upload sent from the page without leaving it (js/evidence.js): the line's
    /// evidence block with the new file and a fresh form token, or a short message to show beside the
    /// form. The typed report text never leaves the browser, so nothing of it can be lost here.
    /// </summary>
    private async Task<IActionResult> BackgroundUploadAnswerAsync(int id, int lineId, Result<int> result)
    {
        if (result.Refusal is { } refusal)
        {
            var (status, message) = refusal.Kind switch
            {
                RefusalKind.Invalid => (StatusCodes.Status400BadRequest, localizer["Evidence.Refused", refusal.FieldErrors.Values.First()].Value),
                RefusalKind.NotFound => (StatusCodes.Status404NotFound, localizer["Evidence.UploadFailed"].Value),
                RefusalKind.Forbidden => (StatusCodes.Status403Forbidden, localizer["Evidence.UploadFailed"].Value),
                _ => (StatusCodes.Status409Conflict, localizer[refusal.MessageKey ?? "Evidence.UploadFailed", refusal.Arguments ?? []].Value),
            };
            return new ContentResult { StatusCode = status, Content = message, ContentType = "text/plain; charset=utf-8" };
        }

        var page = await queries.EditPageAsync(User.ToActor()!, id, form: null, conflict: null, HttpContext.RequestAborted);
        var line = page.Page?.Lines.FirstOrDefault(l => l.LineId == lineId);
        if (line is null)
        {
            return NotFound();
        }

        return PartialView("_LineEvidence", new LineEvidenceModel(id, [line], InBlocks: false));
    }

    private async Task<IActionResult> ReviewAsync(int id, ReportAction action, ReviewForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (!ModelState.IsValid)
        {
            // Only a tampered form gets here (a line key that is not a number): nothing of it can be shown in a box.
            var problems = ModelState.Where(e => e.Value!.Errors.Count > 0)
                .Select(e => e.Key.StartsWith(nameof(ReviewForm.LineComments), StringComparison.Ordinal) ? localizer["Review.NoSuchLine"].Value : e.Value!.Errors[0].ErrorMessage)
                .Distinct().ToList();
            return BadInputFilter.Page(HttpContext, problems, ControllerContext);
        }
        if (!form.Confirmed)
        {
            // Asked only of a reviewer of this report, for a step its state allows; anything else gets the command's own refusal.
            var current = await queries.PageAsync(User.ToActor()!, id, HttpContext.RequestAborted);
            if (current.Succeeded && current.Value!.CanReview && ReportWorkflow.IsAllowed(current.Value.Header.State, action))
            {
                return this.AskFirst(ReportQuestions.Review(localizer, current.Value.Header, action), ReportQuestions.Label(localizer, action), Url.Report(id), danger: action != ReportAction.Approve);
            }
        }

        var result = await commands.ReviewAsync(Caller(), id, action, form.Comment, form.LineComments, HttpContext.RequestAborted);
        if (result.Refusal is { Kind: RefusalKind.Invalid } invalid)
        {
            // The comments are kept and shown with what is wrong with them, on the report they belong to.
            invalid.FieldErrors.AddTo(ModelState);
            var page = await queries.PageAsync(User.ToActor()!, id, HttpContext.RequestAborted);
            return View("Show", page.Value! with { Review = new ReviewDraft(action, form.Comment, form.LineComments) });
        }

        if (result.Refusal is { } refusal)
        {
            return Refused(refusal, Url.Report(id));
        }

        notifier.Success("Report.Done." + action);
        return Redirect(action == ReportAction.Reopen ? Url.Report(id) : Url.ReviewQueue());
    }

    /// <summary>A save that was refused: the form again with its errors or the comparison, or back to the report saying why.</summary>
    private async Task<IActionResult> FormRefusedAsync(int id, ReportForm form, Refusal refusal)
    {
        switch (refusal.Kind)
        {
            case RefusalKind.Invalid:
                refusal.FieldErrors.AddTo(ModelState);
                var invalid = await queries.EditPageAsync(User.ToActor()!, id, form, conflict: null, HttpContext.RequestAborted);
                return View("Edit", invalid.Page);
            case RefusalKind.Conflict:
                ModelState.Clear();
                Response.StatusCode = StatusCodes.Status409Conflict;
                return View("Edit", await queries.ConflictPageAsync(User.ToActor()!, (QuarterlyReport)refusal.Current!, form, HttpContext.RequestAborted));
            default:
                return Refused(refusal, Url.Report(id));
        }
    }

    /// <summary>The 400 page for a queue filter binding let through but that names nothing.</summary>
    private ViewResult? BadFilter(QueueFilter filter)
    {
        var problems = filter.Problems().Select(key => localizer[key].Value).ToList();
        return problems.Count == 0 ? null : BadInputFilter.Page(HttpContext, problems, ControllerContext);
    }

    /// <summary>The chosen reports ("id-version"), at most <see cref="MaxBulk"/>; anything else is a 400 page.</summary>
    private ViewResult? BadChoice(List<string>? chosen, out List<ReportVersion> reports)
    {
        reports = [];
        foreach (var text in chosen ?? [])
        {
            if (!ReportVersion.TryParse(text, out var report))
            {
                return BadInputFilter.Page(HttpContext, [localizer["Bulk.BadChoice"].Value], ControllerContext);
            }

            if (!reports.Exists(r => r.Id == report.Id))
            {
                reports.Add(report);
            }
        }

        return reports.Count > MaxBulk ? BadInputFilter.Page(HttpContext, [localizer["Bulk.TooMany", MaxBulk].Value], ControllerContext) : null;
    }

    /// <summary>A queue page holds at most this many reports; a bulk approval is never larger.</summary>
    public const int MaxBulk = ReportQueries.PageSize;

    private IActionResult Refused(Refusal refusal, string returnTo) => this.Answer(refusal, notifier, returnTo);

    private Caller Caller() => new(User.ToActor()!, User.UserId()!, User.DisplayName());
}
