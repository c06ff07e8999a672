using CoordinationPortal.Data.Identity;
using CoordinationPortal.Web.Infrastructure;
using CoordinationPortal.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace CoordinationPortal.Web.Features.Account;

/// <summary>The account's open sessions: listed on the account page, all ended at once on request, kept alive from a page.</summary>
public sealed class SessionsController(UserManager<PortalUser> users, PortalSignInManager signIn, SessionCommands commands, Notifier notifier, TimeProvider clock) : Controller
{
    /// <summary>
    /// "Tiếp tục làm việc" (js/session.js): a POST renews the session's idle expiry (PortalCookieEvents);
    /// the answer says how long it now has, the 12-hour limit included. Signed out, it is a 401.
    /// </summary>
    [HttpPost(KeepAlivePath)]
    public IActionResult KeepAlive() =>
        Json(new { secondsLeft = SessionClock.SecondsLeft(HttpContext, clock.GetUtcNow()) ?? 0 });

    /// <summary>
    /// How long the session has, asked by js/session.js before it warns or says the session ended
    /// (another tab may have kept it alive, or it may have ended elsewhere). Asking does not renew it
    /// (PortalCookieEvents), so a page left open never keeps itself signed in.
    /// </summary>
    [HttpGet(StatusPath)]
    public IActionResult Status() =>
        Json(new { secondsLeft = SessionClock.SecondsLeft(HttpContext, clock.GetUtcNow()) ?? 0 });

    public const string KeepAlivePath = "/account/session/keep-alive";

    public const string StatusPath = "/account/session/status";

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
