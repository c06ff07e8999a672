using System.Globalization;
using CoordinationPortal.Data;
using CoordinationPortal.Domain.Evidence;
using CoordinationPortal.Domain.Reporting;
using CoordinationPortal.Web.Features.Audit;
using CoordinationPortal.Web.Features.Reports;
using CoordinationPortal.Web.Infrastructure;
using CoordinationPortal.Web.Infrastructure.Commands;
using CoordinationPortal.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CoordinationPortal.Web.Features.Evidence;

/// <summary>
/// Downloads and removes evidence. Whoever may read a report (or an activity's journal) may
/// download its files; removing goes through <see cref="EvidenceCommands"/>, which asks the owning
/// record's write rule. Every download is written to the audit trail before the file is sent, or
/// the file is not sent (docs/decisions/0028).
/// </summary>
public sealed class EvidenceController(
    PortalDbContext db,
    EvidenceQueries queries,
    EvidenceCommands commands,
    IAuthorizationService authorization,
    DownloadAudit audit,
    Notifier notifier) : Controller
{
    [HttpGet("/files/{id:int}")]
    public async Task<IActionResult> Download([FromRoute] int id)
    {
        var file = await queries.FindAsync(id, HttpContext.RequestAborted);
        if (file is null)
        {
            return NotFound();
        }

        var owner = file.OwnerType switch
        {
            EvidenceOwner.ProgressEntry => (object?)await db.ProgressEntries.AsNoTracking().SingleOrDefaultAsync(e => e.Id == file.OwnerId, HttpContext.RequestAborted),
            EvidenceOwner.ReportLine => await db.QuarterlyReports.AsNoTracking().SingleOrDefaultAsync(r => r.Lines.Any(l => l.Id == file.OwnerId), HttpContext.RequestAborted),
            _ => null,
        };
        if (owner is null)
        {
            return NotFound();
        }

        OperationAuthorizationRequirement read = file.OwnerType == EvidenceOwner.ProgressEntry ? ProgressOperations.Read : ReportOperations.Read;
        if (!(await authorization.AuthorizeAsync(User, owner, read)).Succeeded)
        {
            return Forbid();
        }

        var stream = await queries.OpenAsync(file, HttpContext.RequestAborted);
        if (stream is null)
        {
            return NotFound();
        }

        try
        {
            var from = owner is QuarterlyReport report
                ? string.Create(CultureInfo.InvariantCulture, $"report {report.Id}, line {file.OwnerId}")
                : string.Create(CultureInfo.InvariantCulture, $"progress entry {file.OwnerId}");
            await audit.FileAsync(file.Id, $"{file.OriginalName}; {from}", HttpContext.RequestAborted);
        }
        catch
        {
            await stream.DisposeAsync();
            throw;
        }

        // Always a download, never shown in the page: a file cannot run as part of the portal.
        Response.Headers.CacheControl = "private, no-store";
        return File(stream, file.ContentType, file.OriginalName);
    }

    [HttpPost("/files/{id:int}/delete")]
    public async Task<IActionResult> Delete([FromRoute] int id, [FromForm] string? returnUrl)
    {
        var back = Url.IsLocalUrl(returnUrl) ? returnUrl : "/";
        var result = await commands.RemoveAsync(new Caller(User.ToActor()!, User.UserId()!, User.DisplayName()), id, HttpContext.RequestAborted);
        if (Request.IsBackground())
        {
            // From the report form (js/evidence.js): the page stays, with whatever was typed in it.
            return result.Succeeded ? NoContent() : StatusCode(result.Refusal!.Kind switch
            {
                RefusalKind.NotFound => StatusCodes.Status404NotFound,
                RefusalKind.Forbidden => StatusCodes.Status403Forbidden,
                _ => StatusCodes.Status409Conflict,
            });
        }

        if (!result.Succeeded)
        {
            return this.Answer(result.Refusal!, notifier, back);
        }

        notifier.Success("Evidence.Deleted", result.Value!);
        return LocalRedirect(back);
    }
}
