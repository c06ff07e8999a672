using System.ComponentModel.DataAnnotations;
using CoordinationPortal.Data;
using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Domain.Reporting;
using CoordinationPortal.Web.Infrastructure;
using CoordinationPortal.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using CoordinationPortal.Web.Features.Reports;
using CoordinationPortal.Web.Infrastructure.Commands;

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
    [Display(Name = "Report.Quarter")]
    public Quarter? Quarter { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Field.Province")]
    public int? ProvinceId { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Field.Agency")]
    public int? AgencyId { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Exemption.Until")]
    public DateOnly? Until { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(LockExemption.MaxReasonLength, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Exemption.Reason")]
    public string? Reason { get; set; }

    /// <summary>The rendered form's token: sending it twice grants one exemption.</summary>
    public Guid? FormToken { get; set; }
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
    IReadOnlyList<Choice> Agencies)
{
    /// <summary>Quarters of the plan's year without a period (a new plan's calendar was changed, or an older database).</summary>
    public IReadOnlyList<Quarter> Missing { get; init; } = [];
}

/// <summary>The reporting calendar of a plan (data period, due date, lock) and exceptions to locks.</summary>
[Authorize(Policy = Policies.Administer)]
public sealed class CalendarController(PortalDbContext db, CalendarCommands commands, UserQueries users, Notifier notifier, TimeProvider clock) : Controller
{
    [HttpGet("/admin/calendar", Name = RouteNames.Calendar)]
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
    [ShowsFormErrors]
    public async Task<IActionResult> Save([FromRoute] int planId, [FromForm] CalendarForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var result = await commands.SaveAsync(Caller(), planId, form, FieldErrors.From(ModelState), HttpContext.RequestAborted);
        switch (result.Refusal?.Kind)
        {
            case null:
                notifier.Success("Calendar.Saved");
                return Redirect(Url.Calendar(planId));
            case RefusalKind.Invalid:
                result.Refusal.FieldErrors.AddTo(ModelState);
                return View("Calendar", await PageAsync(planId, form, new ExemptionForm()));
            case RefusalKind.NotFound:
                return NotFound();
            default:
                return Forbid();
        }
    }

    [HttpPost("/admin/calendar/{planId:int}/missing")]
    public async Task<IActionResult> AddMissing([FromRoute] int planId)
    {
        var result = await commands.AddMissingAsync(Caller(), planId, HttpContext.RequestAborted);
        if (!result.Succeeded)
        {
            return result.Refusal!.Kind == RefusalKind.NotFound ? NotFound() : Forbid();
        }

        notifier.Success("Calendar.MissingAdded", result.Value);
        return Redirect(Url.Calendar(planId));
    }

    [HttpPost("/admin/calendar/{planId:int}/exemptions")]
    [ShowsFormErrors]
    public async Task<IActionResult> Grant([FromRoute] int planId, [FromForm] ExemptionForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var result = await commands.GrantAsync(Caller(), planId, form, FieldErrors.From(ModelState), HttpContext.RequestAborted);
        switch (result.Refusal?.Kind)
        {
            case null:
                notifier.Success("Exemption.Granted");
                return Redirect(Url.Calendar(planId, "exemptions"));
            case RefusalKind.Invalid:
                result.Refusal.FieldErrors.AddTo(ModelState);
                return View("Calendar", await PageAsync(planId, null, form));
            case RefusalKind.NotFound:
                return NotFound();
            case RefusalKind.Refused:
                notifier.Error(result.Refusal.MessageKey!);
                return Redirect(Url.Calendar(planId, "exemptions"));
            default:
                return Forbid();
        }
    }

    [HttpPost("/admin/calendar/exemptions/{id:int}/revoke")]
    public async Task<IActionResult> Revoke([FromRoute] int id)
    {
        var result = await commands.RevokeAsync(Caller(), id, HttpContext.RequestAborted);
        if (!result.Succeeded)
        {
            return result.Refusal!.Kind == RefusalKind.NotFound ? NotFound() : Forbid();
        }

        notifier.Success("Exemption.Revoked");
        return Redirect(Url.Calendar(result.Value, "exemptions"));
    }

    private Caller Caller() => new(User.ToActor()!, User.UserId()!, User.DisplayName());

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
                Agency = db.Agencies.Where(a => a.Id == e.AgencyId).Select(a => a.Code).First(),
            })
            .ToListAsync(HttpContext.RequestAborted);
        var options = await users.OptionsAsync(HttpContext.RequestAborted);
        var provinces = await users.ProvincesOfYearAsync(plan.Year, HttpContext.RequestAborted);
        return new CalendarPage(
            planId,
            plan.Number,
            periods,
            form,
            [.. exemptions.Select(x => new ExemptionRow(x.Exemption.Id, x.Exemption.Quarter, provinces.FirstOrDefault(p => p.Id == x.Exemption.ProvinceId)?.Name ?? "?", x.Agency, x.Exemption.Until, x.Exemption.Reason, x.Exemption.GrantedByName, x.Exemption.GrantedAtUtc, x.Exemption.IsActive(now)))],
            exemption,
            provinces,
            options.Agencies)
        {
            Missing = [.. Quarter.OfYear(plan.Year).Where(q => !periods.Exists(p => p.Quarter == q))],
        };
    }
}
