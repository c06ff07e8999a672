using CoordinationPortal.Data.Identity;
using CoordinationPortal.Web.Infrastructure;
using CoordinationPortal.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace CoordinationPortal.Web.Features.Account;

/// <summary>The account's open sessions: listed on the account page, all ended at once on request.</summary>
public sealed class SessionsController(UserManager<PortalUser> users, PortalSignInManager signIn, SessionCommands commands, Notifier notifier) : Controller
{
    [HttpPost("/account/sign-out-everywhere")]
    public async Task<IActionResult> SignOutEverywhere()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        await commands.EndAllAsync(user, HttpContext.RequestAborted);
        await signIn.SignOutAsync();
        notifier.Success("Sessions.EndedEverywhere");
        return Redirect("/account/sign-in");
    }
}

/// <summary>The list of open sessions on the account page, "this device" marked.</summary>
public sealed class OpenSessionsViewComponent(SessionQueries queries) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        var userId = UserClaimsPrincipal.UserId();
        var current = HttpContext.Items[DatabaseSessionStore.CurrentKeyItem] as string;
        IReadOnlyList<SessionView> sessions = userId is null ? [] : await queries.OpenAsync(userId, current, HttpContext.RequestAborted);
        return View("~/Features/Account/_OpenSessions.cshtml", sessions);
    }
}
