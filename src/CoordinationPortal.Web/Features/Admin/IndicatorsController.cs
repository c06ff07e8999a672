using System.ComponentModel.DataAnnotations;
using CoordinationPortal.Data;
using CoordinationPortal.Domain.Indicators;
using CoordinationPortal.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using CoordinationPortal.Web.Features.Reports;
using CoordinationPortal.Web.Infrastructure;
using CoordinationPortal.Web.Infrastructure.Commands;

namespace CoordinationPortal.Web.Features.Admin;

public sealed class IndicatorForm
{
    public int ActivityId { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(Indicator.MaxNameLength, ErrorMessage = "Validation.TooLongMax")]
    [Display(Name = "Indicators.Name")]
    public string? Name { get; set; }

    [StringLength(Indicator.MaxNameLength, ErrorMessage = "Validation.TooLongMax")]
    [Display(Name = "Indicators.EnglishName")]
    public string? EnglishName { get; set; }

    public IndicatorUnit Unit { get; set; } = IndicatorUnit.Count;

    /// <summary>The rendered form's token: sending it twice adds one indicator.</summary>
    public Guid? FormToken { get; set; }
}

public sealed record IndicatorRow(int Id, string Code, string Name, string? EnglishName, IndicatorUnit Unit, bool IsRetired, int ValuesRecorded);

public sealed record ActivityIndicators(int ActivityId, int Number, string Title, IReadOnlyList<IndicatorRow> Indicators);

/// <summary>The catalogue of a plan; after a refused add or rename, the form as typed and which one it was.</summary>
public sealed record IndicatorsPage(int PlanId, string PlanNumber, IReadOnlyList<ActivityIndicators> Activities)
{
    public IndicatorForm? Adding { get; init; }

    public int? RenamingId { get; init; }

    public IndicatorForm? Renaming { get; init; }
}

/// <summary>The indicator catalogue: add, rename, retire. Values point at ids, so past reports keep their numbers.</summary>
[Authorize(Policy = Policies.Administer)]
public sealed class IndicatorsController(PortalDbContext db, IndicatorCommands commands, Notifier notifier) : Controller
{
    [HttpGet("/admin/indicators", Name = RouteNames.Indicators)]
    public async Task<IActionResult> Index([FromQuery] int? planId)
    {
        var page = await PageAsync(planId);
        return page is null ? NotFound() : View("Indicators", page);
    }

    [HttpPost("/admin/indicators")]
    [ShowsFormErrors]
    public async Task<IActionResult> Add([FromForm] IndicatorForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var result = await commands.AddAsync(Caller(), form, FieldErrors.From(ModelState), HttpContext.RequestAborted);
        var activity = await db.Activities.AsNoTracking().Where(a => a.Id == form.ActivityId).Select(a => new { a.PlanId, a.Number }).SingleOrDefaultAsync(HttpContext.RequestAborted);
        switch (result.Refusal?.Kind)
        {
            case null:
                notifier.Success("Indicators.Added", form.Name!);
                return Redirect(Url.Indicators(activity!.PlanId, $"activity-{activity.Number}"));
            case RefusalKind.Invalid:
                result.Refusal.FieldErrors.AddTo(ModelState);
                return View("Indicators", (await PageAsync(activity!.PlanId))! with { Adding = form });
            case RefusalKind.Refused:
                notifier.Error(result.Refusal.MessageKey!);
                return Redirect(Url.Indicators(activity!.PlanId, $"activity-{activity.Number}"));
            case RefusalKind.NotFound:
                return NotFound();
            default:
                return Forbid();
        }
    }

    [HttpPost("/admin/indicators/{id:int}")]
    [ShowsFormErrors]
    public async Task<IActionResult> Rename([FromRoute] int id, [FromForm] IndicatorForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var result = await commands.RenameAsync(Caller(), id, form, FieldErrors.From(ModelState), HttpContext.RequestAborted);
        if (result.Refusal is { Kind: RefusalKind.Invalid } invalid)
        {
            invalid.FieldErrors.AddTo(ModelState);
            var change = (IndicatorChange)invalid.Current!;
            return View("Indicators", (await PageAsync(change.PlanId))! with { RenamingId = id, Renaming = form });
        }

        return Changed(result, "Indicators.Saved");
    }

    [HttpPost("/admin/indicators/{id:int}/retire")]
    public async Task<IActionResult> Retire([FromRoute] int id) =>
        Changed(await commands.RetireAsync(Caller(), id, HttpContext.RequestAborted), "Indicators.Saved");

    [HttpPost("/admin/indicators/{id:int}/restore")]
    public async Task<IActionResult> Restore([FromRoute] int id) =>
        Changed(await commands.RestoreAsync(Caller(), id, HttpContext.RequestAborted), "Indicators.Saved");

    private IActionResult Changed(Result<IndicatorChange> result, string messageKey)
    {
        switch (result.Refusal?.Kind)
        {
            case null:
                notifier.Success(messageKey, result.Value!.Name);
                return Redirect(Url.Indicators(result.Value.PlanId, $"activity-{result.Value.ActivityNumber}"));
            case RefusalKind.NotFound:
                return NotFound();
            default:
                return Forbid();
        }
    }

    private Caller Caller() => new(User.ToActor()!, User.UserId()!, User.DisplayName());

    private async Task<IndicatorsPage?> PageAsync(int? planId)
    {
        var plan = await db.Plans.AsNoTracking().OrderByDescending(p => p.Year).FirstOrDefaultAsync(p => planId == null || p.Id == planId, HttpContext.RequestAborted);
        if (plan is null)
        {
            return null;
        }

        var activities = await db.Activities.AsNoTracking().Where(a => a.PlanId == plan.Id).OrderBy(a => a.Number).ToListAsync(HttpContext.RequestAborted);
        var ids = activities.Select(a => a.Id).ToList();
        var indicators = await db.Indicators.AsNoTracking()
            .Where(i => ids.Contains(i.ActivityId))
            .OrderBy(i => i.SortOrder)
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
                    db.ReportLines.SelectMany(l => l.Values).Count(v => v.IndicatorId == i.Id) + db.ProgressEntries.SelectMany(e => e.Values).Count(v => v.IndicatorId == i.Id)),
            })
            .ToListAsync(HttpContext.RequestAborted);
        var byActivity = indicators.ToLookup(i => i.ActivityId, i => i.Row);
        return new IndicatorsPage(plan.Id, plan.Number, [.. activities.Select(a => new ActivityIndicators(a.Id, a.Number, a.Title, [.. byActivity[a.Id]]))]);
    }
}
