using CoordinationPortal.Data;
using CoordinationPortal.Domain.Access;
using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Domain.Common;
using CoordinationPortal.Domain.Notifications;
using CoordinationPortal.Domain.Reporting;
using CoordinationPortal.Web.Features.Notifications;
using CoordinationPortal.Web.Features.Progress;
using CoordinationPortal.Web.Features.Provinces;
using CoordinationPortal.Web.Infrastructure;
using CoordinationPortal.Web.Infrastructure.Commands;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CoordinationPortal.Web.Features.Reports;

/// <summary>Who is acting: the domain's view of the caller, and the name the records keep.</summary>
public sealed record Caller(Actor Actor, string UserId, string Name);

/// <summary>What a save did.</summary>
public enum SaveOutcome
{
    Saved = 1,
    Submitted = 2,

    /// <summary>Nothing differed from the stored report: nothing was written.</summary>
    Unchanged = 3,

    /// <summary>Saved, but not sent: some lines still need a status, or results or a reason (listed in the result).</summary>
    SavedNotSubmitted = 4,
}

public sealed record SaveResult(SaveOutcome Outcome, IReadOnlyList<int> ActivitiesMissingStatus, int Version = 0)
{
    /// <summary>The lines that say neither their results nor why there are none.</summary>
    public IReadOnlyList<int> ActivitiesMissingResults { get; init; } = [];
}

/// <summary>
/// The one write path of quarterly reports: start, save (and submit), review. Each command loads
/// the report, asks <see cref="Permissions"/> and the writing window, calls the entity and saves;
/// the controller only turns the result into a page.
/// </summary>
public sealed class ReportCommands(
    PortalDbContext db,
    ReportingWindows windows,
    ReportWriteGuard guard,
    ProgressQueries progress,
    ProvinceDirectory provinces,
    ReportNotifications notifications,
    IStringLocalizer<SharedResource> localizer,
    TimeProvider clock)
{
    /// <summary>
    /// Starts the branch's report for a quarter, or finds the one it already has. With
    /// <paramref name="fromReportId"/>, the new report starts from that earlier report of the same
    /// branch and plan (its text carried over for review); any other report is refused.
    /// </summary>
    public async Task<Result<int>> StartAsync(Caller caller, int planId, Quarter quarter, int? fromReportId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var actor = caller.Actor;
        if (!Permissions.HasOwnReports(actor) || actor.ProvinceId is not { } province || actor.AgencyId is not { } agency)
        {
            return Refusal.Forbidden;
        }

        var existing = await FindAsync(planId, quarter, province, agency, cancellationToken);
        if (existing is not null)
        {
            return Result.Done(existing.Value);
        }

        // A unit reports only for the quarters it exists in: Hà Giang up to Q2/2025, Tuyên Quang's new unit from Q3/2025.
        var catalog = await provinces.LoadAsync(cancellationToken);
        var unit = catalog[province];
        if (!unit.CountsIn(quarter))
        {
            return unit.ValidTo is { } end && quarter.LastDay > end
                ? Refusal.Because("Report.ProvinceEnded", unit.NameOn(end), Display.Date(end), catalog.CurrentUnitOf(province).Name, localizer.Quarter(quarter))
                : Refusal.Because("Report.ProvinceNotYet", unit.Name, Display.Date(unit.ValidFrom ?? quarter.FirstDay), localizer.Quarter(quarter));
        }

        var plan = await db.Plans.Include(p => p.Activities).SingleOrDefaultAsync(p => p.Id == planId, cancellationToken);
        if (plan is null || plan.IsDraft)
        {
            return Refusal.NotFound; // a draft receives no reports, and provinces do not see it
        }

        if (QuarterlyReport.ProvincialActivities(plan, quarter).Count == 0)
        {
            return Refusal.Because("Report.NothingToReport");
        }

        var window = await windows.ForAsync(planId, quarter, province, agency, cancellationToken);
        if (window.Period is null)
        {
            return Refusal.Because("Report.NotInCalendar");
        }

        if (!window.IsOpen)
        {
            return Refusal.Because("Report.Locked");
        }

        QuarterlyReport? previous = null;
        if (fromReportId is { } fromId)
        {
            previous = await db.QuarterlyReports.AsNoTracking().SingleOrDefaultAsync(r => r.Id == fromId, cancellationToken);
            if (previous is null)
            {
                return Refusal.NotFound;
            }

            // Only the branch's own earlier report: one it may read is not enough (a merged unit's history is another branch's text).
            if (!Permissions.CanReadReport(actor, previous) || !QuarterlyReport.IsPreviousOf(previous, planId, quarter, province, agency))
            {
                return Refusal.Forbidden;
            }
        }

        var report = QuarterlyReport.Start(plan, quarter, province, agency, caller.UserId, clock.GetUtcNow().UtcDateTime, previous);
        db.QuarterlyReports.Add(report);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Two officers of the branch pressed "start" together; the unique index kept one report.
            db.ChangeTracker.Clear();
            return Result.Done((await FindAsync(planId, quarter, province, agency, cancellationToken))!.Value);
        }

        return Result.Done(report.Id);
    }

    /// <summary>
    /// Saves what the province typed, and submits it when asked and every line has a status and its
    /// results or a reason there are none (otherwise the draft is kept and the lines named). A form
    /// that started from an older version is a conflict, unless it says exactly what is stored (a
    /// double click): then nothing is written and the save counts as done.
    /// </summary>
    public async Task<Result<SaveResult>> SaveAsync(Caller caller, int reportId, ReportForm form, FieldErrors bindingErrors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(bindingErrors);
        var report = await db.QuarterlyReports.SingleOrDefaultAsync(r => r.Id == reportId, cancellationToken);
        if (report is null)
        {
            return Refusal.NotFound;
        }

        if (await guard.RefusalAsync(caller.Actor, report, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        var (content, errors) = await ReadAsync(report, form, bindingErrors, cancellationToken);
        if (errors.Any)
        {
            return Refusal.Invalid(errors);
        }

        // Answers are read only while the report is handed back; elsewhere the form has no such boxes.
        var reply = report.HandedBackBy is null && form.Reply is null && form.LineReplies.Count == 0 ? null : new ProvinceReply(form.Reply, form.LineReplies);
        var submit = form.Intent == ReportForm.SubmitIntent;
        if (form.Version != report.Version && !(report.Holds(content, reply) && !submit))
        {
            return Refusal.Conflict(report);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var changed = report.Write(content, caller.Name, now, reply);
        var missing = report.ActivitiesMissingStatus;
        var ready = report.IsReadyToSubmit;
        if (submit && ready)
        {
            var kind = report.FirstSubmittedAtUtc is null ? NotificationKind.ReportSubmitted : NotificationKind.ReportResubmitted;
            report.Submit(caller.UserId, caller.Name, now);
            await notifications.AddAsync(report, kind, caller.UserId, comment: null, cancellationToken);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Refusal.Conflict((await db.QuarterlyReports.AsNoTracking().SingleAsync(r => r.Id == reportId, cancellationToken)));
        }

        var outcome = submit
            ? ready ? SaveOutcome.Submitted : SaveOutcome.SavedNotSubmitted
            : changed ? SaveOutcome.Saved : SaveOutcome.Unchanged;
        return Result.Done(new SaveResult(outcome, missing, report.Version) { ActivitiesMissingResults = report.ActivitiesMissingResults });
    }

    /// <summary>
    /// Approves, returns or reopens a submitted report, with an overall comment and comments on single
    /// lines (by activity id); the entity refuses what its workflow does not allow, a return without
    /// any comment, a comment too long, and a comment on a line it does not have (a 400).
    /// </summary>
    public async Task<Result<ReportState>> ReviewAsync(Caller caller, int reportId, ReportAction action, string? comment, IReadOnlyDictionary<int, string?>? lineComments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var report = await db.QuarterlyReports.SingleOrDefaultAsync(r => r.Id == reportId, cancellationToken);
        if (report is null)
        {
            return Refusal.NotFound;
        }

        return await ReviewAsync(caller, report, action, comment, lineComments, cancellationToken);
    }

    private async Task<Result<ReportState>> ReviewAsync(Caller caller, QuarterlyReport report, ReportAction action, string? comment, IReadOnlyDictionary<int, string?>? lineComments, CancellationToken cancellationToken)
    {
        if (!Permissions.CanReviewReport(caller.Actor, report))
        {
            return Refusal.Forbidden;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        try
        {
            switch (action)
            {
                case ReportAction.Approve:
                    report.Approve(caller.UserId, caller.Name, now, comment, lineComments);
                    break;
                case ReportAction.Return:
                    report.Return(caller.UserId, caller.Name, now, comment, lineComments);
                    break;
                case ReportAction.Reopen:
                    report.Reopen(caller.UserId, caller.Name, now, comment ?? string.Empty);
                    break;
                default:
                    return Refusal.NotFound;
            }
        }
        catch (DomainRuleException rule) when (rule.Code == "Rule.WrongState")
        {
            return Refusal.Because("Report.WrongState", localizer.StateLabel(report.State, report.IsReopened));
        }
        catch (DomainRuleException rule) when (rule.Code is "Rule.CommentNeeded" or "Rule.TooLong")
        {
            var key = rule.Code == "Rule.TooLong" ? "Review.CommentTooLong"
                : action == ReportAction.Return ? "Report.ReturnNeedsComment" : "Report.ReopenNeedsReason";
            return Refusal.Invalid(new FieldErrors().Add(nameof(ReviewForm.Comment), localizer[key, QuarterlyReport.MaxCommentLength]));
        }
        catch (DomainRuleException rule) when (rule.Code == "Rule.LineCommentTooLong")
        {
            // Shown in the box of the line it was typed for.
            return Refusal.Invalid(new FieldErrors().Add($"{nameof(ReviewForm.LineComments)}[{rule.Arguments[0]}]", localizer["Review.CommentTooLong", QuarterlyReport.MaxCommentLength]));
        }

        var told = action switch
        {
            ReportAction.Approve => NotificationKind.ReportApproved,
            ReportAction.Return => NotificationKind.ReportReturned,
            _ => NotificationKind.ReportReopened,
        };
        await notifications.AddAsync(report, told, caller.UserId, comment, cancellationToken);

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Refusal.Because("Report.ChangedMeanwhile");
        }

        return Result.Done(report.State);
    }

    /// <summary>
    /// Approves each chosen report on its own, by the same rules and with the same audit as a single
    /// approval; a report the caller may not review, or that changed since the queue showed it, or
    /// that no longer waits, is refused and named with why. One refusal does not stop the others.
    /// </summary>
    public async Task<IReadOnlyList<(ReportVersion Report, string? RefusalKey)>> ApproveManyAsync(Caller caller, IReadOnlyList<ReportVersion> chosen, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(chosen);
        var outcomes = new List<(ReportVersion, string?)>();
        foreach (var item in chosen)
        {
            db.ChangeTracker.Clear();
            var report = await db.QuarterlyReports.SingleOrDefaultAsync(r => r.Id == item.Id, cancellationToken);
            if (report is null || !Permissions.CanReadReport(caller.Actor, report))
            {
                outcomes.Add((item, BulkRefusals.NotFound));
                continue;
            }

            if (BulkRefusals.Of(caller.Actor, report.AgencyId, report.State, report.Version, item.Version) is { } refusal)
            {
                outcomes.Add((item, refusal));
                continue;
            }

            var result = await ReviewAsync(caller, report, ReportAction.Approve, comment: null, lineComments: null, cancellationToken);
            outcomes.Add((item, result.Succeeded ? null : BulkRefusals.Changed));
        }

        db.ChangeTracker.Clear();
        return outcomes;
    }

    /// <summary>The typed lines as content; what cannot be read is a field error under its field.</summary>
    private async Task<(Dictionary<int, LineContent> Content, FieldErrors Errors)> ReadAsync(QuarterlyReport report, ReportForm form, FieldErrors errors, CancellationToken cancellationToken)
    {
        var content = new Dictionary<int, LineContent>();
        var fieldsByActivity = await progress.IndicatorFieldsAsync([.. report.Lines.Select(l => l.ActivityId)], [.. report.Lines.SelectMany(l => l.Values).Select(v => v.IndicatorId)], cancellationToken);
        foreach (var line in report.Lines)
        {
            var typed = form.Lines.GetValueOrDefault(line.ActivityId) ?? new LineForm();
            var prefix = $"Lines[{line.ActivityId}]";
            if (typed.Status is { } status && !Enum.IsDefined(status))
            {
                errors.Add($"{prefix}.Status", localizer["Rule.UnknownStatus"]);
            }

            var values = IndicatorInput.Read(typed.Values, fieldsByActivity[line.ActivityId], $"{prefix}.Values", errors, localizer);
            content[line.ActivityId] = new LineContent(typed.Status, typed.Results, typed.Difficulties, typed.Proposals, values, typed.NoResultsReason);
        }

        // An answer too long is said under its box, with what was typed kept; the report checks the rest.
        foreach (var (field, text) in form.LineReplies.Select(p => ($"{nameof(ReportForm.LineReplies)}[{p.Key}]", p.Value)).Prepend((nameof(ReportForm.Reply), form.Reply)))
        {
            if (PlainText.Clean(text)?.Trim().Length > QuarterlyReport.MaxCommentLength)
            {
                errors.Add(field, localizer["Report.ReplyTooLong", QuarterlyReport.MaxCommentLength]);
            }
        }

        return (content, errors);
    }

    private Task<int?> FindAsync(int planId, Quarter quarter, int provinceId, int agencyId, CancellationToken cancellationToken) =>
        db.QuarterlyReports.Where(r => r.PlanId == planId && r.Quarter == quarter && r.ProvinceId == provinceId && r.AgencyId == agencyId)
            .Select(r => (int?)r.Id).SingleOrDefaultAsync(cancellationToken);
}
