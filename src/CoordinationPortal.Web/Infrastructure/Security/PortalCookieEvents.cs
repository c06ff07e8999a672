using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace CoordinationPortal.Web.Infrastructure.Security;

/// <summary>
/// Cookie rules beyond Identity's: a session ends 12 hours after sign-in however active it is, and
/// a refused request gets a 403 page (and an audit line, counted per window) instead of a redirect;
/// a POST renews the idle expiry (so autosave and "Tiếp tục làm việc" keep the session; at most once
/// a minute, <see cref="RenewalInterval"/>), and a
/// form posted after the session ended sends the person to sign in and back to the form's page.
/// </summary>
public sealed class PortalCookieEvents(IOptions<SecurityOptions> security, TimeProvider clock) : CookieAuthenticationEvents
{
    /// <summary>A POST renews the session (and writes its row) only when the last renewal is at least this old.</summary>
    public static readonly TimeSpan RenewalInterval = TimeSpan.FromMinutes(1);

    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);

        // Identity's check: a changed security stamp (password, role, disabled) ends the session.
        await SecurityStampValidator.ValidatePrincipalAsync(context);
        if (context.Principal is null)
        {
            return;
        }

        // The stamp check renews the ticket it verified; asking how long is left must never do so.
        if (IsStatusRequest(context.HttpContext.Request))
        {
            context.ShouldRenew = false;
        }
        else if (context.ShouldRenew)
        {
            SessionClock.Renewed(context.HttpContext, context.Properties, clock.GetUtcNow(), context.Options.ExpireTimeSpan, security.Value.AbsoluteSessionLifetime);
        }

        var signedInAt = PortalSignInManager.SignedInAt(context.Properties);
        if (signedInAt is null || clock.GetUtcNow() - signedInAt > security.Value.AbsoluteSessionLifetime)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
        }
    }

    public override Task CheckSlidingExpiration(CookieSlidingExpirationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);

        // The handler renews only past half the timeout, so a page cannot know its expiry from its own
        // request alone; a POST is someone at work (autosave, keep-alive), so it renews, but at most
        // once per RenewalInterval: renewing writes the session's UserSessions row, and a write per
        // POST doubled the write transactions of every save. The idle timeout then counts from the
        // last renewal, at most a minute before the last POST (its expiry is what the page is told).
        var request = context.HttpContext.Request;
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method)
            && (context.Properties.IssuedUtc is not { } issued || clock.GetUtcNow() - issued >= RenewalInterval))
        {
            context.ShouldRenew = true;
        }
        else if (IsStatusRequest(request))
        {
            context.ShouldRenew = false; // asking how long is left is not activity
        }

        SessionClock.Record(context, clock.GetUtcNow(), security.Value.AbsoluteSessionLifetime);
        return Task.CompletedTask;
    }

    private static bool IsStatusRequest(HttpRequest request) =>
        request.Path.Equals(Features.Account.SessionsController.StatusPath, StringComparison.OrdinalIgnoreCase);

    public override Task RedirectToLogin(RedirectContext<CookieAuthenticationOptions> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        if (request.IsBackground())
        {
            // A script's request (autosave, upload, keep-alive): it says "session ended" itself.
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Task.CompletedTask;
        }

        // A session cookie that no longer opens a session: it ended (idle, 12 h, signed out elsewhere).
        var expired = request.Cookies.ContainsKey(context.Options.Cookie.Name!);
        var returnUrl = HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)
            ? request.PathBase + request.Path + request.QueryString
            : SignInReturn.FormPage(request); // a POST's own URL may answer nothing to a GET
        var target = QueryHelpers.AddQueryString(context.Options.LoginPath, context.Options.ReturnUrlParameter, returnUrl);
        if (expired)
        {
            target = QueryHelpers.AddQueryString(target, SignInReturn.ExpiredParameter, "1");
        }

        context.Response.Redirect(request.PathBase + target);
        return Task.CompletedTask;
    }

    public override async Task RedirectToAccessDenied(RedirectContext<CookieAuthenticationOptions> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        await context.HttpContext.RequestServices.GetRequiredService<AccessDenials>().RecordAsync(context.HttpContext);
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
    }
}
