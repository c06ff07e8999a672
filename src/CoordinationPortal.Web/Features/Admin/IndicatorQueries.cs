using System.Globalization;
using CoordinationPortal.Data;
using CoordinationPortal.Domain.Access;
using CoordinationPortal.Domain.Indicators;
using CoordinationPortal.Domain.Plans;
using CoordinationPortal.Web.Features.Provinces;
using CoordinationPortal.Web.Infrastructure;
using CoordinationPortal.Web.Infrastructure.Commands;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CoordinationPortal.Web.Features.Admin;

/// <summary>Reads for the indicator pages: a plan's catalogue, and one activity's indicators with their targets.</summary>
public sealed class IndicatorQueries(PortalDbContext db, ProvinceDirectory provinces, IStringLocalizer<SharedResource> localizer, TimeProvider clock)
{
    /// <summary>
    /// The catalogue of the plan asked for (the newest when none is), among the plans the caller may
    /// see, drafts included for those who see drafts; null when there is no such plan.
    /// </summary>
    public async Task<IndicatorsPage?> OverviewAsync(Actor actor, int? planId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var plans = await db.Plans.AsNoTracking()
            .Where(PlanScope.VisibleTo(actor))
            .OrderByDescending(p => p.Year).ThenByDescending(p => p.IssuedOn)
            .Select(p => new IndicatorPlanChoice(p.Id, p.Number, p.Year, p.State == PlanState.Draft))
            .ToListAsync(cancellationToken);
        var plan = planId is { } asked ? plans.Find(p => p.Id == asked) : plans.FirstOrDefault();
        if (plan is null)
        {
            return null;
        }

        var activities = await db.Activities.AsNoTracking().Where(a => a.PlanId == plan.Id).OrderBy(a => a.Number).ToListAsync(cancellationToken);
        var ids = activities.Select(a => a.Id).ToList();
        var indicators = await db.Indicators.AsNoTracking()
            .Where(i => ids.Contains(i.ActivityId))
            .OrderBy(i => i.SortOrder).ThenBy(i => i.Id)
            .Select(i => new
            {
                i.ActivityId,
                Row = new IndicatorRow(
                    i.Id,
                    i.Code,
                    i.Name,
                    i.EnglishName,
                    i.Unit,
                    i.IsRetired,
                    db.ReportLines.SelectMany(l => l.Values).Count(v => v.IndicatorId == i.Id) + db.ProgressEntries.SelectMany(e => e.Values).Count(v => v.IndicatorId == i.Id),
                    i.Target,
                    i.ProvinceTargets.Count),
            })
            .ToListAsync(cancellationToken);
        var byActivity = indicators.ToLookup(i => i.ActivityId, i => i.Row);
        return new IndicatorsPage(plan, plans, [.. activities.Select(a => new ActivityIndicators(a.Id, a.Number, a.Title, a.ProvincesReport, [.. byActivity[a.Id]]))]);
    }

    /// <summary>
    /// An activity's screen: each indicator with its form as stored, except the one a refused save
    /// names (<paramref name="refused"/>: its form as typed, and after a conflict the comparison,
    /// starting from what is stored now so that saving again is a deliberate overwrite); and the
    /// add form, as typed when it was refused.
    /// </summary>
    public async Task<Result<ActivityIndicatorsPage>> ActivityPageAsync(Actor actor, int activityId, RefusedIndicator? refused, IndicatorForm? adding, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!Permissions.CanDraftPlans(actor))
        {
            return Refusal.Forbidden;
        }

        var activity = await db.Activities.AsNoTracking()
            .Where(a => a.Id == activityId)
            .Join(db.Plans.Where(PlanScope.VisibleTo(actor)), a => a.PlanId, p => p.Id, (a, p) => new { a.Id, ActivityNumber = a.Number, a.Title, a.ProvincesReport, PlanId = p.Id, PlanNumber = p.Number, p.Year, p.State })
            .SingleOrDefaultAsync(cancellationToken);
        if (activity is null)
        {
            return Refusal.NotFound;
        }

        var catalog = await provinces.LoadAsync(cancellationToken);
        var units = activity.ProvincesReport ? TargetProvinces.Of(catalog, activity.Year) : [];
        var indicators = await db.Indicators.AsNoTracking().Where(i => i.ActivityId == activityId).OrderBy(i => i.SortOrder).ThenBy(i => i.Id).ToListAsync(cancellationToken);
        var ids = indicators.Select(i => i.Id).ToList();
        var used = await db.Indicators.AsNoTracking()
            .Where(i => ids.Contains(i.Id))
            .Select(i => new
            {
                i.Id,
                Count = db.ReportLines.SelectMany(l => l.Values).Count(v => v.IndicatorId == i.Id) + db.ProgressEntries.SelectMany(e => e.Values).Count(v => v.IndicatorId == i.Id),
            })
            .ToDictionaryAsync(x => x.Id, x => x.Count, cancellationToken);

        var editors = new List<IndicatorEditor>();
        foreach (var indicator in indicators)
        {
            var stored = FormOf(indicator);
            IndicatorEditForm form = stored;
            ConflictView? conflict = null;
            if (refused?.IndicatorId == indicator.Id)
            {
                form = refused.Form;
                if (refused.SavedMeanwhile is { } saved)
                {
                    conflict = await ConflictAsync(indicator.Id, saved, form, units, cancellationToken);
                    form.Version = saved.Version;
                }
            }

            editors.Add(new IndicatorEditor(indicator.Id, indicator.Code, indicator.Unit, indicator.IsRetired, used.GetValueOrDefault(indicator.Id), indicator.Target, indicator.ProvinceTargets.Count, form, conflict)
            {
                Refused = refused?.IndicatorId == indicator.Id,
            });
        }

        return Result.Done(new ActivityIndicatorsPage(
            activity.PlanId,
            activity.PlanNumber,
            activity.Year,
            activity.State,
            activity.Id,
            activity.ActivityNumber,
            activity.Title,
            activity.ProvincesReport,
            units,
            editors,
            adding ?? new IndicatorForm { ActivityId = activity.Id })
        {
            AddRefused = adding is not null,
        });
    }

    public Task<int> ActivityOfAsync(int indicatorId, CancellationToken cancellationToken) =>
        db.Indicators.Where(i => i.Id == indicatorId).Select(i => i.ActivityId).SingleAsync(cancellationToken);

    /// <summary>The form as stored: what the screen starts from.</summary>
    public static IndicatorEditForm FormOf(Indicator indicator)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        return new IndicatorEditForm
        {
            Name = indicator.Name,
            EnglishName = indicator.EnglishName,
            Target = TargetInput.Format(indicator.Target),
            ProvinceTargets = indicator.ProvinceTargets.ToDictionary(t => t.ProvinceId, t => (string?)TargetInput.Format(t.Value)),
            Version = indicator.Version,
        };
    }

    /// <summary>What differs between the indicator as saved meanwhile and the form the caller sent, who saved it and when.</summary>
    private async Task<ConflictView> ConflictAsync(int id, IndicatorState saved, IndicatorEditForm yours, IReadOnlyList<TargetProvince> units, CancellationToken cancellationToken)
    {
        var key = id.ToString(CultureInfo.InvariantCulture);
        var last = await db.AuditEntries.AsNoTracking()
            .Where(e => e.EntityType == nameof(Indicator) && e.EntityId == key)
            .OrderByDescending(e => e.Id)
            .Select(e => new { e.UserName, e.OccurredAtUtc })
            .FirstOrDefaultAsync(cancellationToken);
        var comparison = new ConflictComparison()
            .Compare(localizer["Indicators.Name"], saved.Name, yours.Name)
            .Compare(localizer["Indicators.EnglishName"], saved.EnglishName, yours.EnglishName)
            .Compare(localizer["Targets.NationalShort"], TargetInput.Format(saved.Target), yours.Target);
        foreach (var unit in units)
        {
            comparison.Compare(
                localizer["Targets.OfProvince", unit.Name],
                TargetInput.Format(saved.ProvinceTargets.TryGetValue(unit.Id, out var v) ? v : null),
                yours.ProvinceTargets?.GetValueOrDefault(unit.Id));
        }

        return comparison.For(last?.UserName, last?.OccurredAtUtc ?? clock.GetUtcNow().UtcDateTime);
    }
}

/// <summary>A save the screen shows again: which indicator, the form as typed, and what was saved meanwhile (a conflict).</summary>
public sealed record RefusedIndicator(int IndicatorId, IndicatorEditForm Form, IndicatorState? SavedMeanwhile);
