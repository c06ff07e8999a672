using CoordinationPortal.Data;
using CoordinationPortal.Domain.Access;
using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Domain.Plans;
using CoordinationPortal.Domain.Progress;
using CoordinationPortal.Web.Features.Evidence;
using CoordinationPortal.Web.Features.Reports;
using CoordinationPortal.Web.Infrastructure;
using CoordinationPortal.Web.Infrastructure.Commands;
using CoordinationPortal.Web.Infrastructure.Forms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CoordinationPortal.Web.Features.Progress;

/// <summary>
/// The one write path of progress entries: create (once per form) and correct. Each loads the
/// activity or entry, asks <see cref="Permissions"/>, checks what was typed (dates inside the
/// plan's year and not in the future), calls the entity and saves.
/// </summary>
public sealed class ProgressCommands(
    PortalDbContext db,
    ProgressQueries queries,
    FormTokens tokens,
    EvidenceCommands evidence,
    IStringLocalizer<SharedResource> localizer,
    TimeProvider clock)
{
    /// <summary>Why the caller may not correct (or add files to) the entry, or null when they may.</summary>
    public static Refusal? CorrectRefusal(Actor actor, ProgressEntry entry) =>
        Permissions.CanCorrectProgress(actor, entry) ? null : Refusal.Forbidden;

    public async Task<Result<int>> CreateAsync(Caller caller, int activityId, ProgressForm form, FieldErrors bindingErrors, CancellationToken cancellationToken, IReadOnlyList<IFormFile>? files = null)
    {
        files ??= [];
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(form);
        var activity = await LoadActivityAsync(activityId, cancellationToken);
        if (activity is null)
        {
            return Refusal.NotFound;
        }

        if (!Permissions.CanLogProgress(caller.Actor, activity))
        {
            return Refusal.Forbidden;
        }

        if (!await queries.PlanPublishedAsync(activity.PlanId, cancellationToken))
        {
            return Refusal.Because(ProgressQueries.PlanDraftKey);
        }

        var content = await ReadAsync(activity, form, [], bindingErrors, cancellationToken);
        await evidence.CheckAsync(files, "Files", content.Errors, cancellationToken);
        if (content.Errors.Any)
        {
            return Refusal.Invalid(content.Errors);
        }

        return await tokens.OnceAsync(form.FormToken, caller.UserId, async () =>
        {
            var entry = new ProgressEntry(activity.Id, form.TaskId, caller.Actor.AgencyId!.Value, caller.UserId, caller.Name, clock.GetUtcNow().UtcDateTime, content.Value!);
            db.ProgressEntries.Add(entry);
            await db.SaveChangesAsync(cancellationToken);
            if (await evidence.AddToNewEntryAsync(caller, entry.Id, files, cancellationToken) is { } refused)
            {
                return refused; // the transaction is not committed: no entry without the files it came with
            }

            return Result.Done(entry.Id);
        }, cancellationToken);
    }

    /// <summary>Corrects an entry; a form that started from an older version is a conflict unless it changes nothing.</summary>
    public async Task<Result<bool>> CorrectAsync(Caller caller, int entryId, ProgressForm form, FieldErrors bindingErrors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(form);
        var entry = await db.ProgressEntries.SingleOrDefaultAsync(e => e.Id == entryId, cancellationToken);
        if (entry is null)
        {
            return Refusal.NotFound;
        }

        if (CorrectRefusal(caller.Actor, entry) is { } refusal)
        {
            return refusal;
        }

        var activity = (await LoadActivityAsync(entry.ActivityId, cancellationToken))!;
        var content = await ReadAsync(activity, form, [.. entry.Values.Select(v => v.IndicatorId)], bindingErrors, cancellationToken);
        if (content.Errors.Any)
        {
            return Refusal.Invalid(content.Errors);
        }

        var stale = form.Version != entry.Version;
        var changed = entry.Correct(caller.Actor.AgencyId!.Value, caller.Name, clock.GetUtcNow().UtcDateTime, content.Value!);
        if (stale && changed)
        {
            db.ChangeTracker.Clear();
            return Refusal.Conflict(await db.ProgressEntries.AsNoTracking().SingleAsync(e => e.Id == entryId, cancellationToken));
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Someone saved between our read and our write: show them what they saved.
            db.ChangeTracker.Clear();
            return Refusal.Conflict(await db.ProgressEntries.AsNoTracking().SingleAsync(e => e.Id == entryId, cancellationToken));
        }

        return Result.Done(changed);
    }

    private sealed record Read(ProgressContent? Value, FieldErrors Errors);

    /// <summary>The entry's content, or the errors to show under the fields.</summary>
    private async Task<Read> ReadAsync(Activity activity, ProgressForm form, IReadOnlyCollection<int> withValues, FieldErrors errors, CancellationToken cancellationToken)
    {
        if (form.TaskId is { } task && !activity.Tasks.Any(t => t.Id == task))
        {
            errors.Add(nameof(ProgressForm.TaskId), localizer["Progress.UnknownTask"]);
        }

        if (form.Status is { } status && !Enum.IsDefined(status))
        {
            errors.Add(nameof(ProgressForm.Status), localizer["Rule.UnknownStatus"]);
        }

        var planYear = await db.Plans.Where(p => p.Id == activity.PlanId).Select(p => p.Year).SingleAsync(cancellationToken);
        var (from, to) = ProgressEntry.ReportableDays(planYear, VietnamTime.Today(clock.GetUtcNow()));
        if (form.ReportedOn is { } day && (day < from || day > to))
        {
            errors.Add(nameof(ProgressForm.ReportedOn), from > to
                ? localizer["Progress.YearNotStarted", planYear]
                : localizer["Progress.ReportedOnRange", Display.Date(from), Display.Date(to)]);
        }

        var fields = await queries.IndicatorFieldsAsync(activity.Id, withValues, cancellationToken);
        var values = IndicatorInput.Read(form.Values, fields, nameof(ProgressForm.Values), errors, localizer);
        return errors.Any
            ? new Read(null, errors)
            : new Read(new ProgressContent(form.ReportedOn!.Value, form.Status!.Value, form.PercentComplete!.Value, form.Done!, form.Difficulties, form.NextSteps, values), errors);
    }

    private Task<Activity?> LoadActivityAsync(int id, CancellationToken cancellationToken) =>
        // A draft's activity is loaded too and refused with its reason (queries.PlanPublishedAsync).
        db.Activities.AsNoTracking().Include(a => a.Tasks).SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
}
