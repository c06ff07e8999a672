using System.ComponentModel.DataAnnotations;
using System.Globalization;
using CoordinationPortal.Data;
using CoordinationPortal.Domain.Indicators;
using CoordinationPortal.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CoordinationPortal.Web.Features.Admin;

public sealed class IndicatorForm
{
    public int ActivityId { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(Indicator.MaxNameLength, ErrorMessage = "Validation.TooLong")]
    public string? Name { get; set; }

    [StringLength(Indicator.MaxNameLength, ErrorMessage = "Validation.TooLong")]
    public string? EnglishName { get; set; }

    public IndicatorUnit Unit { get; set; } = IndicatorUnit.Count;
}

public sealed record IndicatorRow(int Id, string Code, string Name, string? EnglishName, IndicatorUnit Unit, bool IsRetired, int ValuesRecorded);

public sealed record ActivityIndicators(int ActivityId, int Number, string Title, IReadOnlyList<IndicatorRow> Indicators);

public sealed record IndicatorsPage(int PlanId, string PlanNumber, IReadOnlyList<ActivityIndicators> Activities);

/// <summary>The indicator catalogue: add, rename, retire. Values point at ids, so past reports keep their numbers.</summary>
[Authorize(Policy = Policies.Administer)]
public sealed class IndicatorsController(PortalDbContext db, IStringLocalizer<SharedResource> localizer) : Controller
{
    [HttpGet("/admin/indicators")]
    public async Task<IActionResult> Index([FromQuery] int? planId)
    {
        var plan = await db.Plans.AsNoTracking().OrderByDescending(p => p.Year).FirstOrDefaultAsync(p => planId == null || p.Id == planId, HttpContext.RequestAborted);
        if (plan is null)
        {
            return NotFound();
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
        return View("Indicators", new IndicatorsPage(plan.Id, plan.Number, [.. activities.Select(a => new ActivityIndicators(a.Id, a.Number, a.Title, [.. byActivity[a.Id]]))]));
    }

    [HttpPost("/admin/indicators")]
    public async Task<IActionResult> Add([FromForm] IndicatorForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var activity = await db.Activities.AsNoTracking().SingleOrDefaultAsync(a => a.Id == form.ActivityId, HttpContext.RequestAborted);
        if (activity is null)
        {
            return NotFound();
        }

        if (!ModelState.IsValid || !Enum.IsDefined(form.Unit))
        {
            TempData["Error"] = localizer["Indicators.NameNeeded"].Value;
            return Redirect($"/admin/indicators?planId={activity.PlanId}#activity-{activity.Number}");
        }

        var count = await db.Indicators.CountAsync(i => i.ActivityId == activity.Id, HttpContext.RequestAborted);
        var code = string.Create(CultureInfo.InvariantCulture, $"A{activity.Number}.X{count + 1}");
        db.Indicators.Add(new Indicator(activity.Id, code, form.Name!, form.EnglishName, form.Unit, count + 1));
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        TempData["Message"] = localizer["Indicators.Added", form.Name!].Value;
        return Redirect($"/admin/indicators?planId={activity.PlanId}#activity-{activity.Number}");
    }

    [HttpPost("/admin/indicators/{id:int}")]
    public Task<IActionResult> Rename([FromRoute] int id, [FromForm] IndicatorForm form) => ChangeAsync(id, indicator =>
    {
        if (string.IsNullOrWhiteSpace(form?.Name))
        {
            return "Indicators.NameNeeded";
        }

        indicator.Rename(form.Name, form.EnglishName);
        return null;
    });

    [HttpPost("/admin/indicators/{id:int}/retire")]
    public Task<IActionResult> Retire([FromRoute] int id) => ChangeAsync(id, indicator =>
    {
        indicator.Retire();
        return null;
    });

    [HttpPost("/admin/indicators/{id:int}/restore")]
    public Task<IActionResult> Restore([FromRoute] int id) => ChangeAsync(id, indicator =>
    {
        indicator.Restore();
        return null;
    });

    private async Task<IActionResult> ChangeAsync(int id, Func<Indicator, string?> change)
    {
        var indicator = await db.Indicators.SingleOrDefaultAsync(i => i.Id == id, HttpContext.RequestAborted);
        if (indicator is null)
        {
            return NotFound();
        }

        var activity = await db.Activities.AsNoTracking().Where(a => a.Id == indicator.ActivityId).Select(a => new { a.PlanId, a.Number }).SingleAsync(HttpContext.RequestAborted);
        var refusal = change(indicator);
        if (refusal is null)
        {
            await db.SaveChangesAsync(HttpContext.RequestAborted);
            TempData["Message"] = localizer["Indicators.Saved", indicator.Name].Value;
        }
        else
        {
            TempData["Error"] = localizer[refusal].Value;
        }

        return Redirect($"/admin/indicators?planId={activity.PlanId}#activity-{activity.Number}");
    }
}
