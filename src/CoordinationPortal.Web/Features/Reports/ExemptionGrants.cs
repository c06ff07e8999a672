using CoordinationPortal.Data;
using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Domain.Common;
using CoordinationPortal.Domain.Reporting;
using CoordinationPortal.Web.Infrastructure;
using CoordinationPortal.Web.Infrastructure.Commands;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CoordinationPortal.Web.Features.Reports;

/// <summary>Where a refused exemption's messages go on the form that asked for it.</summary>
public sealed record ExemptionFields(string Until, string Reason);

/// <summary>
/// The one way a lock exemption is made, whoever gives it: an administrator on the calendar page,
/// or the branch's central officers granting an extension request. It checks the quarter, province
/// and agency exist, lets <see cref="LockExemption"/> check its dates (today up to the grantor's
/// maximum), and adds it to the unit of work UNSAVED: the caller saves it with its own change.
/// Who may give one is the caller's question (Permissions).
/// </summary>
public sealed class ExemptionGrants(PortalDbContext db, IStringLocalizer<SharedResource> localizer, TimeProvider clock)
{
    public async Task<Result<LockExemption>> AddAsync(Caller caller, int planId, Quarter quarter, int provinceId, int agencyId, DateOnly until, string reason, int maxDays, ExemptionFields fields, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(fields);
        var known = await db.ReportingPeriods.AnyAsync(p => p.PlanId == planId && p.Quarter == quarter, cancellationToken)
            && await db.Provinces.AnyAsync(p => p.Id == provinceId, cancellationToken)
            && await db.Agencies.AnyAsync(a => a.Id == agencyId, cancellationToken);
        if (!known)
        {
            return Refusal.Invalid(new FieldErrors().Add(string.Empty, localizer["Identity.UnknownAgencyOrProvince"]));
        }

        LockExemption exemption;
        try
        {
            exemption = new LockExemption(planId, quarter, provinceId, agencyId, until, reason, caller.UserId, caller.Name, clock.GetUtcNow().UtcDateTime, maxDays);
        }
        catch (DomainRuleException rule)
        {
            return Refusal.Invalid(new FieldErrors().Add(rule.Code == "Rule.ExemptionUntil" ? fields.Until : fields.Reason, localizer.Describe(rule)));
        }

        db.LockExemptions.Add(exemption);
        return Result.Done(exemption);
    }
}
