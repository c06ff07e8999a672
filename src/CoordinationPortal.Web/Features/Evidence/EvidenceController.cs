using CoordinationPortal.Data;
using CoordinationPortal.Domain.Evidence;
using CoordinationPortal.Domain.Reporting;
using CoordinationPortal.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CoordinationPortal.Web.Features.Evidence;

/// <summary>
/// Downloads and removes evidence. Who may do either follows the record the file belongs to:
/// whoever may read a report (or an activity's journal) may download its files; whoever may edit it
/// may remove them.
/// </summary>
public sealed class EvidenceController(
    PortalDbContext db,
    EvidenceService evidence,
    IAuthorizationService authorization,
    IStringLocalizer<SharedResource> localizer) : Controller
{
    [HttpGet("/files/{id:int}")]
    public async Task<IActionResult> Download([FromRoute] int id)
    {
        var file = await db.EvidenceFiles.AsNoTracking().SingleOrDefaultAsync(f => f.Id == id, HttpContext.RequestAborted);
        if (file is null)
        {
            return NotFound();
        }

        var access = await AccessAsync(file, write: false);
        if (access is not Access.Allowed)
        {
            return access == Access.Missing ? NotFound() : Forbid();
        }

        var stream = await evidence.OpenAsync(file, HttpContext.RequestAborted);
        if (stream is null)
        {
            return NotFound();
        }

        // Always a download, never shown in the page: a file cannot run as part of the portal.
        Response.Headers.CacheControl = "private, no-store";
        return File(stream, file.ContentType, file.OriginalName);
    }

    [HttpPost("/files/{id:int}/delete")]
    public async Task<IActionResult> Delete([FromRoute] int id, [FromForm] string? returnUrl)
    {
        var file = await db.EvidenceFiles.SingleOrDefaultAsync(f => f.Id == id, HttpContext.RequestAborted);
        if (file is null)
        {
            return NotFound();
        }

        var access = await AccessAsync(file, write: true);
        if (access is not Access.Allowed)
        {
            return access == Access.Missing ? NotFound() : Forbid();
        }

        if (file.OwnerType == EvidenceOwner.ReportLine
            && !await db.QuarterlyReports.AnyAsync(r => r.Lines.Any(l => l.Id == file.OwnerId) && (r.State == ReportState.Draft || r.State == ReportState.Returned), HttpContext.RequestAborted))
        {
            // Allowed to write the report, but it is submitted or approved now: a state, not a permission.
            TempData["Error"] = localizer["Report.ReadOnly"].Value;
            return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
        }

        await evidence.DeleteAsync(file, HttpContext.RequestAborted);
        TempData["Message"] = localizer["Evidence.Deleted", file.OriginalName].Value;
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }

    private enum Access
    {
        Allowed,
        Denied,
        Missing,
    }

    private async Task<Access> AccessAsync(EvidenceFile file, bool write)
    {
        switch (file.OwnerType)
        {
            case EvidenceOwner.ProgressEntry:
                var entry = await db.ProgressEntries.AsNoTracking().SingleOrDefaultAsync(e => e.Id == file.OwnerId, HttpContext.RequestAborted);
                return entry is null ? Access.Missing : await AllowedAsync(entry, write ? ProgressOperations.Correct : ProgressOperations.Read);
            case EvidenceOwner.ReportLine:
                var report = await db.QuarterlyReports.AsNoTracking()
                    .SingleOrDefaultAsync(r => r.Lines.Any(l => l.Id == file.OwnerId), HttpContext.RequestAborted);
                if (report is null)
                {
                    return Access.Missing;
                }

                return await AllowedAsync(report, write ? ReportOperations.Write : ReportOperations.Read);
            default:
                return Access.Denied;
        }
    }

    private async Task<Access> AllowedAsync(object resource, OperationAuthorizationRequirement operation) =>
        (await authorization.AuthorizeAsync(User, resource, operation)).Succeeded ? Access.Allowed : Access.Denied;
}
