using System.Globalization;
using CoordinationPortal.Data;
using CoordinationPortal.Domain.Access;
using CoordinationPortal.Domain.Common;
using CoordinationPortal.Domain.Indicators;
using CoordinationPortal.Web.Features.Reports;
using CoordinationPortal.Web.Infrastructure;
using CoordinationPortal.Web.Infrastructure.Commands;
using CoordinationPortal.Web.Infrastructure.Forms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CoordinationPortal.Web.Features.Admin;

/// <summary>The one write path of the indicator catalogue: add (once per form), rename, retire, restore.</summary>
public sealed class IndicatorCommands(PortalDbContext db, FormTokens tokens, IStringLocalizer<SharedResource> localizer)
{
    /// <summary>Adds an indicator to an activity; returns the new indicator's id.</summary>
    public async Task<Result<int>> AddAsync(Caller caller, IndicatorForm form, FieldErrors errors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(errors);
        if (!Permissions.CanAdminister(caller.Actor))
        {
            return Refusal.Forbidden;
        }

        var activity = await db.Activities.AsNoTracking().SingleOrDefaultAsync(a => a.Id == form.ActivityId, cancellationToken);
        if (activity is null)
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
            var indicator = new Indicator(activity.Id, code, form.Name!, form.EnglishName, form.Unit, count + 1);
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

    public Task<Result<IndicatorChange>> RenameAsync(Caller caller, int id, IndicatorForm form, FieldErrors errors, CancellationToken cancellationToken) =>
        ChangeAsync(caller, id, indicator =>
        {
            ArgumentNullException.ThrowIfNull(form);
            if (errors.Any)
            {
                return errors;
            }

            try
            {
                indicator.Rename(form.Name!, form.EnglishName);
                return null;
            }
            catch (DomainRuleException rule)
            {
                return errors.Add(nameof(IndicatorForm.Name), localizer.Describe(rule));
            }
        }, cancellationToken);

    public Task<Result<IndicatorChange>> RetireAsync(Caller caller, int id, CancellationToken cancellationToken) =>
        ChangeAsync(caller, id, indicator =>
        {
            indicator.Retire();
            return null;
        }, cancellationToken);

    public Task<Result<IndicatorChange>> RestoreAsync(Caller caller, int id, CancellationToken cancellationToken) =>
        ChangeAsync(caller, id, indicator =>
        {
            indicator.Restore();
            return null;
        }, cancellationToken);

    private async Task<Result<IndicatorChange>> ChangeAsync(Caller caller, int id, Func<Indicator, FieldErrors?> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!Permissions.CanAdminister(caller.Actor))
        {
            return Refusal.Forbidden;
        }

        var indicator = await db.Indicators.SingleOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (indicator is null)
        {
            return Refusal.NotFound;
        }

        var activity = await db.Activities.AsNoTracking().Where(a => a.Id == indicator.ActivityId).Select(a => new { a.PlanId, a.Number }).SingleAsync(cancellationToken);
        if (change(indicator) is { Any: true } errors)
        {
            return Refusal.Invalid(errors) with { Current = new IndicatorChange(activity.PlanId, activity.Number, indicator.Name) };
        }

        await db.SaveChangesAsync(cancellationToken);
        return Result.Done(new IndicatorChange(activity.PlanId, activity.Number, indicator.Name));
    }
}

/// <summary>Which indicator changed, for the page that follows: its plan, its activity, its name.</summary>
public sealed record IndicatorChange(int PlanId, int ActivityNumber, string Name);
