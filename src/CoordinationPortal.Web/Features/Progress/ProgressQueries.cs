using CoordinationPortal.Data;
using CoordinationPortal.Domain.Access;
using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Domain.Evidence;
using CoordinationPortal.Domain.Plans;
using CoordinationPortal.Domain.Progress;
using CoordinationPortal.Web.Features.Evidence;
using Microsoft.EntityFrameworkCore;

namespace CoordinationPortal.Web.Features.Progress;

/// <summary>Reads of the progress journals: the latest word of each agency, whole journals, indicator lists.</summary>
public sealed class ProgressQueries(PortalDbContext db, EvidenceService evidence, TimeProvider clock)
{
    /// <summary>Each agency's newest entry on each of the activities, in one query.</summary>
    public async Task<ILookup<int, AgencyProgress>> LatestWordsAsync(IReadOnlyCollection<int> activityIds, CancellationToken cancellationToken)
    {
        var latest = await db.ProgressEntries.AsNoTracking()
            .Where(e => activityIds.Contains(e.ActivityId))
            .Where(e => !db.ProgressEntries.Any(o => o.ActivityId == e.ActivityId && o.AgencyId == e.AgencyId
                && (o.ReportedOn > e.ReportedOn || (o.ReportedOn == e.ReportedOn && o.Id > e.Id))))
            .Select(e => new { e.ActivityId, Word = new AgencyProgress(e.AgencyId, e.Status, e.PercentComplete, e.ReportedOn) })
            .ToListAsync(cancellationToken);
        return latest.ToLookup(x => x.ActivityId, x => x.Word);
    }

    /// <summary>The derived status of each activity (design: ActivityProgress), flagged against today in Vietnam.</summary>
    public async Task<Dictionary<int, ProgressSummary>> SummariesAsync(IReadOnlyList<Activity> activities, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activities);
        var words = await LatestWordsAsync([.. activities.Select(a => a.Id)], cancellationToken);
        var today = VietnamTime.Today(clock.GetUtcNow());
        return activities.ToDictionary(a => a.Id, a =>
        {
            var derived = ActivityProgress.Derive(a, words[a.Id]);
            return new ProgressSummary(derived.Status, derived.PercentComplete, derived.LastReportedOn, derived.IsOverdue(a.Window, today));
        });
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
        await db.Indicators.AsNoTracking()
            .Where(i => i.ActivityId == activityId && (!i.IsRetired || withValues.Contains(i.Id)))
            .OrderBy(i => i.SortOrder)
            .ThenBy(i => i.Id)
            .Select(i => new IndicatorField(i.Id, i.Name, i.EnglishName, i.Unit, i.IsRetired))
            .ToListAsync(cancellationToken);
}
