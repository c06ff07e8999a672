using CoordinationPortal.Web.Infrastructure;
using CoordinationPortal.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CoordinationPortal.Web.Features.Audit;

/// <summary>The audit trail, read-only: there is no action that edits or deletes it.</summary>
[Authorize(Policy = Policies.ReadAudit)]
public sealed class AuditController(AuditQueries queries) : Controller
{
    [HttpGet("/audit")]
    [ShowsFormErrors]
    public async Task<IActionResult> Index([FromQuery] AuditFilter filter) =>
        View("Audit", await queries.PageAsync(User.ToActor()!, filter ?? new AuditFilter(), HttpContext.RequestAborted));
}
