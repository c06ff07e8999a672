using CoordinationPortal.Data;
using CoordinationPortal.Domain.Access;
using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Domain.Common;
using CoordinationPortal.Domain.Reporting;
using CoordinationPortal.Web.Features.Reports;
using CoordinationPortal.Web.Infrastructure;
using CoordinationPortal.Web.Infrastructure.Commands;
using CoordinationPortal.Web.Infrastructure.Forms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CoordinationPortal.Web.Features.Admin;

/// <summary>The one write path of the reporting calendar and of lock exemptions.</summary>
public sealed class CalendarCommands(PortalDbContext db, FormTokens tokens, ExemptionGrants exemptions, IStringLocalizer<SharedResource> localizer, TimeProvider clock)
{
    /// <summary>Sets every quarter's dates at once; nothing is saved unless every quarter is valid.</summary>
    public async Task<Result<int>> SaveAsync(Caller caller, int planId, CalendarForm form, FieldErrors errors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(errors);
        if (!Permissions.CanAdminister(caller.Actor))
        {
            return Refusal.Forbidden;
        }

        var periods = await db.ReportingPeriods.Where(p => p.PlanId == planId).ToListAsync(cancellationToken);
        if (periods.Count == 0)
        {
            return Refusal.NotFound;
        }

        foreach (var period in periods)
        {
            var key = $"Periods[{period.Quarter.Key}]";
            var typed = form.Periods.GetValueOrDefault(period.Quarter.Key);
            if (typed?.DataFrom is not { } from || typed.DataTo is not { } to || typed.DueOn is not { } due || typed.LockAfterDays is not { } days)
            {
                errors.Add(key, localizer["Calendar.AllFields", localizer.Quarter(period.Quarter)]);
                continue;
            }

            try
            {
                period.Set(from, to, due, days);
            }
            catch (DomainRuleException rule)
            {
                errors.Add(key, $"{localizer.Quarter(period.Quarter)}: {localizer.Describe(rule)}");
            }
        }

        if (errors.Any)
        {
            return Refusal.Invalid(errors);
        }

        await db.SaveChangesAsync(cancellationToken);
        return Result.Done(planId);
    }

    /// <summary>
    /// Gives every quarter of the plan's year that has no reporting period the default one (Decree
    /// 09/2019/NĐ-CP), to adjust afterwards: publishing a plan needs a period for every quarter in
    /// which provinces report. Returns how many were added; a repeat adds none.
    /// </summary>
    public async Task<Result<int>> AddMissingAsync(Caller caller, int planId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!Permissions.CanAdminister(caller.Actor))
        {
            return Refusal.Forbidden;
        }

        var year = await db.Plans.Where(p => p.Id == planId).Select(p => (int?)p.Year).SingleOrDefaultAsync(cancellationToken);
        if (year is null)
        {
            return Refusal.NotFound;
        }

        var existing = (await db.ReportingPeriods.Where(p => p.PlanId == planId).Select(p => p.Quarter).ToListAsync(cancellationToken)).ToHashSet();
        var missing = Quarter.OfYear(year.Value).Where(q => !existing.Contains(q)).ToList();
        foreach (var quarter in missing)
        {
            db.ReportingPeriods.Add(ReportingPeriod.Default(planId, quarter));
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another administrator added them at the same moment (a unique index): they are there either way.
            db.ChangeTracker.Clear();
            return Result.Done(0);
        }

        return Result.Done(missing.Count);
    }

    /// <summary>Lets one branch write a locked quarter until a date (once per form), by the rule every exemption follows.</summary>
    public async Task<Result<int>> GrantAsync(Caller caller, int planId, ExemptionForm form, FieldErrors errors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(errors);
        if (!Permissions.CanAdminister(caller.Actor))
        {
            return Refusal.Forbidden;
        }

        if (!await db.ReportingPeriods.AnyAsync(p => p.PlanId == planId, cancellationToken))
        {
            return Refusal.NotFound;
        }

        if (errors.Any)
        {
            return Refusal.Invalid(errors);
        }

        return await tokens.OnceAsync(form.FormToken, caller.UserId, async () =>
        {
            var granted = await exemptions.AddAsync(caller, planId, form.Quarter!.Value, form.ProvinceId!.Value, form.AgencyId!.Value, form.Until!.Value, form.Reason!, LockExemption.MaxDays, new ExemptionFields(nameof(ExemptionForm.Until), nameof(ExemptionForm.Reason)), cancellationToken);
            if (!granted.Succeeded)
            {
                return granted.Refusal!;
            }

            await db.SaveChangesAsync(cancellationToken);
            return Result.Done(granted.Value!.Id);
        }, cancellationToken);
    }

    /// <summary>Ends an exemption now; returns the plan it belongs to.</summary>
    public async Task<Result<int>> RevokeAsync(Caller caller, int exemptionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!Permissions.CanAdminister(caller.Actor))
        {
            return Refusal.Forbidden;
        }

        var exemption = await db.LockExemptions.SingleOrDefaultAsync(e => e.Id == exemptionId, cancellationToken);
        if (exemption is null)
        {
            return Refusal.NotFound;
        }

        exemption.Revoke(clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
        return Result.Done(exemption.PlanId);
    }
}
