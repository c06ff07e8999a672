using System.ComponentModel.DataAnnotations;
using CoordinationPortal.Data;
using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Domain.Common;
using CoordinationPortal.Domain.Reporting;
using CoordinationPortal.Web.Infrastructure;
using CoordinationPortal.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CoordinationPortal.Web.Features.Admin;

public sealed class PeriodForm
{
    public DateOnly? DataFrom { get; set; }

    public DateOnly? DataTo { get; set; }

    public DateOnly? DueOn { get; set; }

    public int? LockAfterDays { get; set; }
}

public sealed class CalendarForm
{
    /// <summary>Quarter key (20242) -> that quarter's dates.</summary>
    public Dictionary<int, PeriodForm> Periods { get; set; } = [];
}

public sealed class ExemptionForm
{
    [Required(ErrorMessage = "Validation.Required")]
    public int? Quarter { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    public int? ProvinceId { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    public int? AgencyId { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    public DateOnly? Until { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(LockExemption.MaxReasonLength, ErrorMessage = "Validation.TooLong")]
    public string? Reason { get; set; }
}

public sealed record ExemptionRow(int Id, Quarter Quarter, string Province, string AgencyCode, DateOnly Until, string Reason, string GrantedBy, DateTime GrantedAtUtc, bool Active);

public sealed record CalendarPage(
    int PlanId,
    string PlanNumber,
    IReadOnlyList<ReportingPeriod> Periods,
    CalendarForm Form,
    IReadOnlyList<ExemptionRow> Exemptions,
    ExemptionForm NewExemption,
    IReadOnlyList<ProvinceOption> Provinces,
    IReadOnlyList<Choice> Agencies);

/// <summary>The reporting calendar of a plan (data period, due date, lock) and exceptions to locks.</summary>
[Authorize(Policy = Policies.Administer)]
public sealed class CalendarController(PortalDbContext db, UserQueries users, IStringLocalizer<SharedResource> localizer, TimeProvider clock) : Controller
{
    [HttpGet("/admin/calendar")]
    public async Task<IActionResult> Index([FromQuery] int? planId)
    {
        var plan = await db.Plans.AsNoTracking().OrderByDescending(p => p.Year).FirstOrDefaultAsync(p => planId == null || p.Id == planId, HttpContext.RequestAborted);
        if (plan is null)
        {
            return NotFound();
        }

        return View("Calendar", await PageAsync(plan.Id, null, new ExemptionForm()));
    }

    [HttpPost("/admin/calendar/{planId:int}")]
    public async Task<IActionResult> Save([FromRoute] int planId, [FromForm] CalendarForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var periods = await db.ReportingPeriods.Where(p => p.PlanId == planId).ToListAsync(HttpContext.RequestAborted);
        if (periods.Count == 0)
        {
            return NotFound();
        }

        foreach (var period in periods)
        {
            var key = $"Periods[{period.Quarter.Key}]";
            var typed = form.Periods.GetValueOrDefault(period.Quarter.Key);
            if (typed?.DataFrom is not { } from || typed.DataTo is not { } to || typed.DueOn is not { } due || typed.LockAfterDays is not { } days)
            {
                ModelState.AddModelError(key, localizer["Calendar.AllFields", L(period.Quarter)]);
                continue;
            }

            try
            {
                period.Set(from, to, due, days);
            }
            catch (DomainRuleException)
            {
                ModelState.AddModelError(key, localizer["Calendar.Invalid", L(period.Quarter)]);
            }
        }

        if (!ModelState.IsValid)
        {
            return View("Calendar", await PageAsync(planId, form, new ExemptionForm()));
        }

        await db.SaveChangesAsync(HttpContext.RequestAborted);
        TempData["Message"] = localizer["Calendar.Saved"].Value;
        return Redirect($"/admin/calendar?planId={planId}");
    }

    [HttpPost("/admin/calendar/{planId:int}/exemptions")]
    public async Task<IActionResult> Grant([FromRoute] int planId, [FromForm] ExemptionForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (!await db.ReportingPeriods.AnyAsync(p => p.PlanId == planId, HttpContext.RequestAborted))
        {
            return NotFound();
        }

        if (ModelState.IsValid)
        {
            var quarter = Quarter.FromKey(form.Quarter!.Value);
            var known = await db.ReportingPeriods.AnyAsync(p => p.PlanId == planId && p.Quarter == quarter, HttpContext.RequestAborted)
                && await db.Provinces.AnyAsync(p => p.Id == form.ProvinceId, HttpContext.RequestAborted)
                && await db.Agencies.AnyAsync(a => a.Id == form.AgencyId, HttpContext.RequestAborted);
            if (!known)
            {
                ModelState.AddModelError(string.Empty, localizer["Identity.UnknownAgencyOrProvince"]);
            }
            else
            {
                db.LockExemptions.Add(new LockExemption(planId, quarter, form.ProvinceId!.Value, form.AgencyId!.Value, form.Until!.Value, form.Reason!, User.UserId()!, User.DisplayName(), clock.GetUtcNow().UtcDateTime));
                await db.SaveChangesAsync(HttpContext.RequestAborted);
                TempData["Message"] = localizer["Exemption.Granted"].Value;
                return Redirect($"/admin/calendar?planId={planId}#exemptions");
            }
        }

        return View("Calendar", await PageAsync(planId, null, form));
    }

    [HttpPost("/admin/calendar/exemptions/{id:int}/revoke")]
    public async Task<IActionResult> Revoke([FromRoute] int id)
    {
        var exemption = await db.LockExemptions.SingleOrDefaultAsync(e => e.Id == id, HttpContext.RequestAborted);
        if (exemption is null)
        {
            return NotFound();
        }

        exemption.Revoke(clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        TempData["Message"] = localizer["Exemption.Revoked"].Value;
        return Redirect($"/admin/calendar?planId={exemption.PlanId}#exemptions");
    }

    private string L(Quarter quarter) => localizer.Quarter(quarter);

    private async Task<CalendarPage> PageAsync(int planId, CalendarForm? typed, ExemptionForm exemption)
    {
        var plan = await db.Plans.AsNoTracking().SingleAsync(p => p.Id == planId, HttpContext.RequestAborted);
        var periods = await db.ReportingPeriods.AsNoTracking().Where(p => p.PlanId == planId).OrderBy(p => p.Quarter).ToListAsync(HttpContext.RequestAborted);
        var form = typed ?? new CalendarForm
        {
            Periods = periods.ToDictionary(p => p.Quarter.Key, p => new PeriodForm { DataFrom = p.DataFrom, DataTo = p.DataTo, DueOn = p.DueOn, LockAfterDays = p.LockAfterDays }),
        };
        var now = clock.GetUtcNow();
        var exemptions = await db.LockExemptions.AsNoTracking()
            .Where(e => e.PlanId == planId)
            .OrderByDescending(e => e.GrantedAtUtc)
            .Select(e => new
            {
                Exemption = e,
                Province = db.Provinces.Where(p => p.Id == e.ProvinceId).Select(p => p.Name).First(),
                Agency = db.Agencies.Where(a => a.Id == e.AgencyId).Select(a => a.Code).First(),
            })
            .ToListAsync(HttpContext.RequestAborted);
        var options = await users.OptionsAsync(HttpContext.RequestAborted);
        return new CalendarPage(
            planId,
            plan.Number,
            periods,
            form,
            [.. exemptions.Select(x => new ExemptionRow(x.Exemption.Id, x.Exemption.Quarter, x.Province, x.Agency, x.Exemption.Until, x.Exemption.Reason, x.Exemption.GrantedByName, x.Exemption.GrantedAtUtc, x.Exemption.IsActive(now)))],
            exemption,
            options.Provinces,
            options.Agencies);
    }
}
