using CoordinationPortal.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CoordinationPortal.Web.Features.Admin;

/// <summary>E-mail as an administrator sees it: whether it is on, and what waits or fails in the outbox.</summary>
[Authorize(Policy = Policies.Administer)]
public sealed class EmailController(EmailQueries queries) : Controller
{
    [HttpGet("/admin/email")]
    public async Task<IActionResult> Index() => View("Email", await queries.PageAsync(HttpContext.RequestAborted));
}
