using System.Globalization;
using CoordinationPortal.Data;
using CoordinationPortal.Domain.Access;
using CoordinationPortal.Domain.Common;
using CoordinationPortal.Domain.Indicators;
using CoordinationPortal.Domain.Plans;
using CoordinationPortal.Web.Features.Provinces;
using CoordinationPortal.Web.Features.Reports;
using CoordinationPortal.Web.Infrastructure;
using CoordinationPortal.Web.Infrastructure.Commands;
using CoordinationPortal.Web.Infrastructure.Forms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CoordinationPortal.Web.Features.Admin;

/// <summary>
/// The one write path of a plan's indicators: add (once per form), names and the year's targets,
/// retire, restore. Those who draft plans (<see cref="Permissions.CanDraftPlans"/>) do it, in a
/// draft or a published plan alike: names and targets are not reported figures (docs/decisions/0021),
/// and a new indicator is offered by reports from then on. Values point at ids, so nothing
/// reported is lost; the audit interceptor records every change.
/// </summary>
public sealed class IndicatorCommands(PortalDbContext db, FormTokens tokens, ProvinceDirectory provinces, IStringLocalizer<SharedResource> localizer)
{
    /// <summary>Adds an indicator to an activity; returns the new indicator's id.</summary>
    public async Task<Result<int>> AddAsync(Caller caller, IndicatorForm form, FieldErrors errors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(errors);
        if (!Permissions.CanDraftPlans(caller.Actor))
        {
            return Refusal.Forbidden;
        }

        var activity = await db.Activities.AsNoTracking().SingleOrDefaultAsync(a => a.Id == form.ActivityId, cancellationToken);
        if (activity is null || !await PlanVisibleAsync(caller.Actor, activity.PlanId, cancellationToken))
        {
            return Refusal.NotFound;
        }

        if (!Enum.IsDefined(form.Unit))
        {
            errors.Add(nameof(IndicatorForm.Unit), localizer["Indicators.UnknownUnit"]);
        }

        if (errors.Any)
        {
            return Refusal.Invalid(errors);
        }

        return await tokens.OnceAsync(form.FormToken, caller.UserId, async () =>
        {
            // Codes and sort order follow the activity's count; two adds at once are kept apart by the unique code.
            var count = await db.Indicators.CountAsync(i => i.ActivityId == activity.Id, cancellationToken);
            var code = string.Create(CultureInfo.InvariantCulture, $"A{activity.Number}.X{count + 1}");
            Indicator indicator;
            try
            {
                indicator = new Indicator(activity.Id, code, form.Name!, form.EnglishName, form.Unit, count + 1);
            }
            catch (DomainRuleException rule)
            {
                return Refusal.Invalid(errors.Add(nameof(IndicatorForm.Name), localizer.Describe(rule)));
            }

            db.Indicators.Add(indicator);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                db.ChangeTracker.Clear();
                return Refusal.Because("Indicators.AddedMeanwhile");
            }

            return Result.Done(indicator.Id);
        }, cancellationToken);
    }

    /// <summary>
    /// Sets an indicator's names and its targets for the plan's year: national, and for the units
    /// that existed that year (provincial activities only). An empty target is no target; anything
    /// but a whole number from 0 is a field error. A form shown before someone else saved is a
    /// conflict, unless it asks for exactly what is stored now (a double click).
    /// </summary>
    public async Task<Result<IndicatorChange>> SaveAsync(Caller caller, int id, IndicatorEditForm form, FieldErrors errors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(errors);
        var (indicator, activity, refusal) = await LoadAsync(caller, id, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var change = new IndicatorChange(activity!.Id, indicator!.Id, indicator.Name);
        if (!TargetInput.TryParse(form.Target, out var national))
        {
            errors.Add(nameof(IndicatorEditForm.Target), localizer["Targets.NotWhole", localizer[activity.ProvincesReport ? "Targets.National" : "Targets.Year", activity.PlanYear]]);
        }

        var byProvince = new Dictionary<int, long>();
        if (activity.ProvincesReport)
        {
            var catalog = await provinces.LoadAsync(cancellationToken);
            var typed = form.ProvinceTargets ?? new Dictionary<int, string?>();
            foreach (var province in TargetProvinces.Of(catalog, activity.PlanYear))
            {
                if (!typed.TryGetValue(province.Id, out var text))
                {
                    continue;
                }

                if (!TargetInput.TryParse(text, out var value))
                {
                    errors.Add(TargetProvinces.FieldName(province.Id), localizer["Targets.NotWhole", province.Name]);
                }
                else if (value is { } v)
                {
                    byProvince[province.Id] = v;
                }
            }
        }

        var name = PlainText.Clean(form.Name)?.Trim() ?? string.Empty;
        var englishName = PlainText.Clean(form.EnglishName)?.Trim() is { Length: > 0 } en ? en : null;
        if (name.Length == 0)
        {
            // Only control characters: nothing is left once cleaned, so it is as if nothing was typed.
            errors.Add(nameof(IndicatorEditForm.Name), localizer["Validation.Required", localizer["Indicators.Name"]]);
        }

        if (errors.Any)
        {
            return Refusal.Invalid(errors) with { Current = change };
        }

        var asksForStored = string.Equals(name, indicator.Name, StringComparison.Ordinal)
            && string.Equals(englishName, indicator.EnglishName, StringComparison.Ordinal)
            && national == indicator.Target
            && byProvince.Count == indicator.ProvinceTargets.Count
            && indicator.ProvinceTargets.All(t => byProvince.TryGetValue(t.ProvinceId, out var v) && v == t.Value);
        if (form.Version != indicator.Version && !asksForStored)
        {
            return Refusal.Conflict(StateOf(indicator));
        }

        try
        {
            // Rename counts as a change (a new version) even with the same names: only when they differ.
            if (!string.Equals(name, indicator.Name, StringComparison.Ordinal) || !string.Equals(englishName, indicator.EnglishName, StringComparison.Ordinal))
            {
                indicator.Rename(name, englishName);
            }

            indicator.SetTargets(national, byProvince);
        }
        catch (DomainRuleException rule)
        {
            return Refusal.Invalid(errors.Add(rule.Code == "Rule.IndicatorValue" ? nameof(IndicatorEditForm.Target) : nameof(IndicatorEditForm.Name), localizer.Describe(rule))) with { Current = change };
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken); // nothing changed, nothing written (and nothing audited)
        }
        catch (DbUpdateConcurrencyException)
        {
            // Saved by someone else between reading and writing: the same answer as a stale form.
            db.ChangeTracker.Clear();
            return Refusal.Conflict(StateOf(await db.Indicators.AsNoTracking().SingleAsync(i => i.Id == id, cancellationToken)));
        }

        return Result.Done(change with { Name = indicator.Name });
    }

    public Task<Result<IndicatorChange>> RetireAsync(Caller caller, int id, CancellationToken cancellationToken) =>
        ChangeAsync(caller, id, indicator => indicator.Retire(), cancellationToken);

    public Task<Result<IndicatorChange>> RestoreAsync(Caller caller, int id, CancellationToken cancellationToken) =>
        ChangeAsync(caller, id, indicator => indicator.Restore(), cancellationToken);

    /// <summary>An indicator's names and targets as stored, for a conflict's comparison.</summary>
    public static IndicatorState StateOf(Indicator indicator)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        return new IndicatorState(indicator.Name, indicator.EnglishName, indicator.Target, indicator.ProvinceTargets.ToDictionary(t => t.ProvinceId, t => t.Value), indicator.Version);
    }

    private async Task<Result<IndicatorChange>> ChangeAsync(Caller caller, int id, Action<Indicator> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var (indicator, activity, refusal) = await LoadAsync(caller, id, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        change(indicator!);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Refusal.Because("Indicators.ChangedMeanwhile");
        }

        return Result.Done(new IndicatorChange(activity!.Id, indicator!.Id, indicator.Name));
    }

    /// <summary>The indicator (tracked) and its activity, if the caller drafts plans and may see the plan.</summary>
    private async Task<(Indicator?, ActivityFacts?, Refusal?)> LoadAsync(Caller caller, int id, CancellationToken cancellationToken)
    {
        if (!Permissions.CanDraftPlans(caller.Actor))
        {
            return (null, null, Refusal.Forbidden);
        }

        var indicator = await db.Indicators.SingleOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (indicator is null)
        {
            return (null, null, Refusal.NotFound);
        }

        var activity = await db.Activities.AsNoTracking()
            .Where(a => a.Id == indicator.ActivityId)
            .Join(db.Plans, a => a.PlanId, p => p.Id, (a, p) => new ActivityFacts(a.Id, a.PlanId, p.Year, a.ProvincesReport))
            .SingleAsync(cancellationToken);
        return await PlanVisibleAsync(caller.Actor, activity.PlanId, cancellationToken)
            ? (indicator, activity, null)
            : (null, null, Refusal.NotFound);
    }

    private Task<bool> PlanVisibleAsync(Actor actor, int planId, CancellationToken cancellationToken) =>
        db.Plans.Where(PlanScope.VisibleTo(actor)).AnyAsync(p => p.Id == planId, cancellationToken);

    private sealed record ActivityFacts(int Id, int PlanId, int PlanYear, bool ProvincesReport);
}

/// <summary>The units a plan's province targets are set for: those that existed on a day of its year, named as they were then.</summary>
public static class TargetProvinces
{
    /// <summary>The form field of a unit's target: "ProvinceTargets[12]".</summary>
    public static string FieldName(int provinceId) => string.Create(CultureInfo.InvariantCulture, $"{nameof(IndicatorEditForm.ProvinceTargets)}[{provinceId}]");

    /// <summary>
    /// In a 2025 plan both the 63 units (until 30/06) and the 34 (from 01/07) appear, each with its
    /// validity; a unit is named as it was on its last day in the year; Vietnamese alphabetical order.
    /// </summary>
    public static IReadOnlyList<TargetProvince> Of(ProvinceCatalog catalog, int year)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var first = new DateOnly(year, 1, 1);
        var last = new DateOnly(year, 12, 31);
        return [.. catalog.ExistingBetween(first, last)
            .Select(p => new TargetProvince(p.Id, p.Code, p.NameOn(p.ValidTo is { } to && to < last ? to : last), p.ValidFrom, p.ValidTo))
            .OrderBy(p => p.Name, Domain.Provinces.VietnameseOrder.Names)
            .ThenBy(p => p.ValidFrom ?? DateOnly.MinValue)];
    }
}
