using CoordinationPortal.Data;
using CoordinationPortal.Domain.Access;
using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Domain.Evidence;
using CoordinationPortal.Domain.Plans;
using CoordinationPortal.Domain.Progress;
using CoordinationPortal.Web.Features.Evidence;
using CoordinationPortal.Web.Infrastructure;
using CoordinationPortal.Web.Infrastructure.Commands;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CoordinationPortal.Web.Features.Progress;

/// <summary>Reads of the progress journals: the latest word of each agency, whole journals, indicator lists.</summary>
public sealed class ProgressQueries(PortalDbContext db, EvidenceQueries evidence, IStringLocalizer<SharedResource> localizer, TimeProvider clock)
{
    /// <summary>
    /// Each agency's newest entry on each of the activities: the latest by the date reported on,
    /// the later-written one of two on the same day. The one definition of "an agency's latest word".
    /// </summary>
    public IQueryable<ProgressEntry> LatestPerAgency(IReadOnlyCollection<int> activityIds) =>
        db.ProgressEntries.AsNoTracking()
            .Where(e => activityIds.Contains(e.ActivityId))
            .Where(e => !db.ProgressEntries.Any(o => o.ActivityId == e.ActivityId && o.AgencyId == e.AgencyId
                && (o.ReportedOn > e.ReportedOn || (o.ReportedOn == e.ReportedOn && o.Id > e.Id))));

    /// <summary>Each agency's newest word on each activity of a plan, in one compiled query.</summary>
    public async Task<ILookup<int, AgencyProgress>> LatestWordsOfPlanAsync(int planId, CancellationToken cancellationToken) =>
        await LookupAsync(LatestWordsOfPlan(db, planId), cancellationToken);

    /// <summary>Each agency's newest word on one activity, in one compiled query.</summary>
    public async Task<ILookup<int, AgencyProgress>> LatestWordsOfActivityAsync(int activityId, CancellationToken cancellationToken) =>
        await LookupAsync(LatestWordsOfActivity(db, activityId), cancellationToken);

    private static async Task<ILookup<int, AgencyProgress>> LookupAsync(IAsyncEnumerable<LatestWord> rows, CancellationToken cancellationToken)
    {
        var latest = new List<LatestWord>();
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            latest.Add(row);
        }

        return latest.ToLookup(x => x.ActivityId, x => new AgencyProgress(x.AgencyId, x.Status, x.PercentComplete, x.ReportedOn));
    }

    // The same "latest word" as LatestPerAgency, compiled and selected by the plan (a join) or by one
    // activity, not by a list of ids: a list parameter makes EF rewrite and regenerate the SQL on every
    // execution, and the dashboard and the plan page run this on every request.
    private static readonly Func<PortalDbContext, int, IAsyncEnumerable<LatestWord>> LatestWordsOfPlan = EF.CompileAsyncQuery(
        (PortalDbContext db, int planId) =>
            from e in db.ProgressEntries
            join activity in db.Activities on e.ActivityId equals activity.Id
            where activity.PlanId == planId
                && !db.ProgressEntries.Any(o => o.ActivityId == e.ActivityId && o.AgencyId == e.AgencyId
                    && (o.ReportedOn > e.ReportedOn || (o.ReportedOn == e.ReportedOn && o.Id > e.Id)))
            select new LatestWord(e.ActivityId, e.AgencyId, e.Status, e.PercentComplete, e.ReportedOn));

    private static readonly Func<PortalDbContext, int, IAsyncEnumerable<LatestWord>> LatestWordsOfActivity = EF.CompileAsyncQuery(
        (PortalDbContext db, int activityId) =>
            from e in db.ProgressEntries
            where e.ActivityId == activityId
                && !db.ProgressEntries.Any(o => o.ActivityId == e.ActivityId && o.AgencyId == e.AgencyId
                    && (o.ReportedOn > e.ReportedOn || (o.ReportedOn == e.ReportedOn && o.Id > e.Id)))
            select new LatestWord(e.ActivityId, e.AgencyId, e.Status, e.PercentComplete, e.ReportedOn));

    private sealed record LatestWord(int ActivityId, int AgencyId, ActivityStatus Status, int PercentComplete, DateOnly ReportedOn);

    /// <summary>The new-entry form of an activity, for an officer whose agency may log progress on it.</summary>
    public async Task<Result<ProgressFormPage>> NewFormPageAsync(Actor actor, int activityId, ProgressForm? form, CancellationToken cancellationToken)
    {
        var activity = await LoadActivityAsync(activityId, cancellationToken);
        if (activity is null)
        {
            return Refusal.NotFound;
        }

        if (!Permissions.CanLogProgress(actor, activity))
        {
            return Refusal.Forbidden;
        }

        if (!await PlanPublishedAsync(activity.PlanId, cancellationToken))
        {
            return Refusal.Because(PlanDraftKey);
        }

        form ??= new ProgressForm { ReportedOn = VietnamTime.Today(clock.GetUtcNow()) };
        return Result.Done(await FormPageAsync(activity, null, form, [], null, cancellationToken));
    }

    /// <summary>Why a draft's activity takes no entry: only a published plan receives progress (docs/decisions/0021).</summary>
    public const string PlanDraftKey = "Progress.PlanDraft";

    public Task<bool> PlanPublishedAsync(int planId, CancellationToken cancellationToken) =>
        db.Plans.AnyAsync(p => p.Id == planId && p.State == PlanState.Published, cancellationToken);

    /// <summary>The correction form of an entry, for an officer of the agency that wrote it.</summary>
    public async Task<Result<ProgressFormPage>> EditFormPageAsync(Actor actor, int entryId, ProgressForm? form, ConflictView? conflict, CancellationToken cancellationToken)
    {
        var entry = await db.ProgressEntries.AsNoTracking().SingleOrDefaultAsync(e => e.Id == entryId, cancellationToken);
        if (entry is null)
        {
            return Refusal.NotFound;
        }

        if (!Permissions.CanCorrectProgress(actor, entry))
        {
            return Refusal.Forbidden;
        }

        var activity = (await LoadActivityAsync(entry.ActivityId, cancellationToken))!;
        return Result.Done(await FormPageAsync(activity, entry, form ?? FormOf(entry), [.. entry.Values.Select(v => v.IndicatorId)], conflict, cancellationToken));
    }

    public Task<int> ActivityOfAsync(int entryId, CancellationToken cancellationToken) =>
        db.ProgressEntries.Where(e => e.Id == entryId).Select(e => e.ActivityId).SingleAsync(cancellationToken);

    /// <summary>What differs between the entry as saved meanwhile and the form the caller sent.</summary>
    public ConflictView Conflict(ProgressEntry current, ProgressForm yours)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(yours);
        var saved = FormOf(current);
        string? Status(ActivityStatus? s) => s is { } v ? localizer["Status." + v].Value : null;
        string? Number(int? n) => n?.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var comparison = new ConflictComparison()
            .Compare(localizer["Progress.ReportedOn"], saved.ReportedOn is { } d1 ? Display.Date(d1) : null, yours.ReportedOn is { } d2 ? Display.Date(d2) : null)
            .Compare(localizer["Progress.Status"], Status(saved.Status), Status(yours.Status))
            .Compare(localizer["Progress.Percent"], Number(saved.PercentComplete), Number(yours.PercentComplete))
            .Compare(localizer["Progress.Done"], saved.Done, yours.Done)
            .Compare(localizer["Progress.Difficulties"], saved.Difficulties, yours.Difficulties)
            .Compare(localizer["Progress.NextSteps"], saved.NextSteps, yours.NextSteps);
        foreach (var id in saved.Values.Keys.Union(yours.Values.Keys))
        {
            comparison.Compare(localizer["Progress.Indicators"], saved.Values.GetValueOrDefault(id), yours.Values.GetValueOrDefault(id));
        }

        return comparison.For(current.UpdatedByName ?? current.AuthorName, current.UpdatedAtUtc);
    }

    /// <summary>The form as stored: what a correction starts from.</summary>
    public static ProgressForm FormOf(ProgressEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new()
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
    }

    private async Task<ProgressFormPage> FormPageAsync(Activity activity, ProgressEntry? entry, ProgressForm form, IReadOnlyCollection<int> withValues, ConflictView? conflict, CancellationToken cancellationToken)
    {
        var plan = await db.Plans.Where(p => p.Id == activity.PlanId).Select(p => new { p.Number, p.Year }).SingleAsync(cancellationToken);
        var files = entry is null ? [] : await evidence.ListAsync(EvidenceOwner.ProgressEntry, [entry.Id], cancellationToken);
        var (from, to) = ProgressEntry.ReportableDays(plan.Year, VietnamTime.Today(clock.GetUtcNow()));
        return new ProgressFormPage(
            activity.Id,
            activity.Number,
            activity.Title,
            plan.Number,
            entry?.Id,
            form,
            [.. activity.Tasks.OrderBy(t => t.Number).Select(t => new TaskChoice(t.Id, t.Number, t.Text))],
            await IndicatorFieldsAsync(activity.Id, withValues, cancellationToken),
            files,
            conflict,
            from,
            to);
    }

    private Task<Activity?> LoadActivityAsync(int id, CancellationToken cancellationToken) =>
        // Whether the plan is published is asked apart (PlanPublishedAsync), so a draft is refused with its reason.
        db.Activities.AsNoTracking().Include(a => a.Tasks).SingleOrDefaultAsync(a => a.Id == id, cancellationToken);

    /// <summary>The derived status of each activity (design: ActivityProgress), flagged against today in Vietnam.</summary>
    public async Task<Dictionary<int, ProgressSummary>> SummariesAsync(IReadOnlyList<Activity> activities, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activities);
        var roles = activities.Select(a => new ActivityRoles(a.Id, a.PlanId, a.Window, a.LeadAgencyId, a.InvolvedAgencyIds)).ToList();
        return await SummariesAsync(roles, cancellationToken);
    }

    /// <summary>
    /// The same from the activities' roles alone (<see cref="ActivityRoles"/>), for a reader that does
    /// not load the activities with their tasks: the words of one activity, or of each plan concerned.
    /// </summary>
    public async Task<Dictionary<int, ProgressSummary>> SummariesAsync(IReadOnlyList<ActivityRoles> activities, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activities);
        var words = activities.Count == 1
            ? await LatestWordsOfActivityAsync(activities[0].Id, cancellationToken)
            : await WordsOfPlansAsync([.. activities.Select(a => a.PlanId).Distinct()], cancellationToken);
        var today = VietnamTime.Today(clock.GetUtcNow());
        return activities.ToDictionary(a => a.Id, a =>
        {
            var derived = ActivityProgress.Derive(a.LeadAgencyId, a.InvolvedAgencyIds, words[a.Id]);
            var deciders = ActivityProgress.DecidingAgencyIds(a.LeadAgencyId, a.InvolvedAgencyIds);
            return new ProgressSummary(derived.Status, derived.PercentComplete, derived.LastReportedOn, derived.IsOverdue(a.Window, today))
            {
                Words = [.. a.InvolvedAgencyIds.Select(id => new AgencyWord(id, deciders.Contains(id), words[a.Id].FirstOrDefault(w => w.AgencyId == id)))],
            };
        });
    }

    private async Task<ILookup<int, AgencyProgress>> WordsOfPlansAsync(List<int> planIds, CancellationToken cancellationToken)
    {
        // Always one plan in practice (a plan's activities); several are read one after the other.
        if (planIds.Count == 1)
        {
            return await LatestWordsOfPlanAsync(planIds[0], cancellationToken);
        }

        var all = new List<(int ActivityId, AgencyProgress Word)>();
        foreach (var planId in planIds)
        {
            foreach (var group in await LatestWordsOfPlanAsync(planId, cancellationToken))
            {
                all.AddRange(group.Select(w => (group.Key, w)));
            }
        }

        return all.ToLookup(x => x.ActivityId, x => x.Word);
    }

    /// <summary>An activity's journal, newest first.</summary>
    public async Task<IReadOnlyList<JournalEntry>> JournalAsync(Activity activity, Actor? actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var entries = await db.ProgressEntries.AsNoTracking()
            .Where(e => e.ActivityId == activity.Id)
            .OrderByDescending(e => e.ReportedOn)
            .ThenByDescending(e => e.Id)
            .ToListAsync(cancellationToken);
        var agencies = await db.Agencies.AsNoTracking().ToDictionaryAsync(a => a.Id, a => a.Code, cancellationToken);
        var indicators = await db.Indicators.AsNoTracking().Where(i => i.ActivityId == activity.Id).ToDictionaryAsync(i => i.Id, cancellationToken);
        var files = (await evidence.ListAsync(EvidenceOwner.ProgressEntry, [.. entries.Select(e => e.Id)], cancellationToken)).ToLookup(f => f.OwnerId);
        var tasks = activity.Tasks.ToDictionary(t => t.Id, t => t.Number);

        return [.. entries.Select(e => new JournalEntry(
            e.Id,
            e.ReportedOn,
            e.Status,
            e.PercentComplete,
            agencies[e.AgencyId],
            e.AuthorName,
            e.TaskId is { } task ? tasks.GetValueOrDefault(task) : null,
            e.Done,
            e.Difficulties,
            e.NextSteps,
            [.. e.Values.Where(v => indicators.ContainsKey(v.IndicatorId)).OrderBy(v => indicators[v.IndicatorId].SortOrder)
                .Select(v => new ValueView(indicators[v.IndicatorId].Name, v.Value, indicators[v.IndicatorId].Unit))],
            [.. files[e.Id]],
            e.CreatedAtUtc,
            e.UpdatedAtUtc,
            e.UpdatedByName,
            actor is not null && Permissions.CanCorrectProgress(actor, e)))];
    }

    /// <summary>The indicators a form offers: the active ones, plus retired ones that already have a value here.</summary>
    public async Task<IReadOnlyList<IndicatorField>> IndicatorFieldsAsync(int activityId, IReadOnlyCollection<int> withValues, CancellationToken cancellationToken) =>
        [.. (await IndicatorFieldsAsync([activityId], withValues, cancellationToken))[activityId]];

    /// <summary>The form's indicators of several activities (a report's lines) in one query, by activity.</summary>
    public async Task<ILookup<int, IndicatorField>> IndicatorFieldsAsync(IReadOnlyCollection<int> activityIds, IReadOnlyCollection<int> withValues, CancellationToken cancellationToken) =>
        (await db.Indicators.AsNoTracking()
            .Where(i => activityIds.Contains(i.ActivityId) && (!i.IsRetired || withValues.Contains(i.Id)))
            .OrderBy(i => i.SortOrder)
            .ThenBy(i => i.Id)
            .Select(i => new { i.ActivityId, Field = new IndicatorField(i.Id, i.Name, i.EnglishName, i.Unit, i.IsRetired) })
            .ToListAsync(cancellationToken))
        .ToLookup(x => x.ActivityId, x => x.Field);
}
