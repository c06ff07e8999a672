using CoordinationPortal.Data;
using CoordinationPortal.Domain.Access;
using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Domain.Common;
using CoordinationPortal.Web.Features.Reports;
using CoordinationPortal.Web.Infrastructure;
using CoordinationPortal.Web.Infrastructure.Commands;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CoordinationPortal.Web.Features.Provinces;

/// <summary>
/// The one write path of provinces: an administrator's region and spelling of the current name
/// (codes and lineage are seed data). The audit interceptor records every changed field.
/// </summary>
public sealed class ProvinceCommands(
    PortalDbContext db,
    IStringLocalizer<SharedResource> localizer,
    TimeProvider clock)
{
    /// <summary>
    /// Sets the unit's current name and region. A form shown before someone else saved is a
    /// conflict, unless it asks for exactly what is stored now (a double click).
    /// </summary>
    public async Task<Result<ProvinceSaved>> SaveAsync(Caller caller, int id, ProvinceForm form, FieldErrors errors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(errors);
        if (!Permissions.CanAdminister(caller.Actor))
        {
            return Refusal.Forbidden;
        }

        var province = await db.Provinces.SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (province is null)
        {
            return Refusal.NotFound;
        }

        if (!ProvinceForm.TryReadRegion(form.Region, out var region))
        {
            errors.Add(nameof(ProvinceForm.Region), localizer["Provinces.UnknownRegion"]);
        }

        var name = PlainText.Clean(form.Name)?.Trim() ?? string.Empty;
        if (name.Length == 0)
        {
            // Only control characters: nothing is left once cleaned, so it is as if nothing was typed.
            errors.Add(nameof(ProvinceForm.Name), localizer["Validation.Required", localizer["Provinces.Name"]]);
        }

        if (errors.Any)
        {
            return Refusal.Invalid(errors);
        }

        var startedFromStored = string.Equals(PlainText.Clean(form.OriginalName)?.Trim(), province.Name, StringComparison.Ordinal)
            && ProvinceForm.TryReadRegion(form.OriginalRegion, out var originalRegion) && originalRegion == province.Region;
        var asksForStored = string.Equals(name, province.Name, StringComparison.Ordinal) && region == province.Region;
        if (!startedFromStored && !asksForStored)
        {
            return Refusal.Conflict(new ProvinceState(province.Name, province.Region));
        }

        try
        {
            province.Rename(name);
            province.SetRegion(region);
        }
        catch (DomainRuleException rule)
        {
            return Refusal.Invalid(errors.Add(rule.Code == "Rule.UnknownRegion" ? nameof(ProvinceForm.Region) : nameof(ProvinceForm.Name), localizer.Describe(rule)));
        }

        await db.SaveChangesAsync(cancellationToken); // nothing changed, nothing written (and nothing audited)
        return Result.Done(new ProvinceSaved(province.Id, province.Name, province.IsValidOn(VietnamTime.Today(clock.GetUtcNow()))));
    }
}
