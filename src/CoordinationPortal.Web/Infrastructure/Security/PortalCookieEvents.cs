using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CoordinationPortal.Web.Infrastructure.Security;

/// <summary>
/// Cookie rules beyond Identity's: a session ends 12 hours after sign-in however active it is, and
/// a refused request gets a 403 page (and an audit line, counted per window) instead of a redirect.
/// </summary>
public sealed class PortalCookieEvents(IOptions<SecurityOptions> security, TimeProvider clock) : CookieAuthenticationEvents
{
    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);

        // Identity's check: a changed security stamp (password, role, disabled) ends the session.
        await SecurityStampValidator.ValidatePrincipalAsync(context);
        if (context.Principal is null)
        {
            return;
        }

        var signedInAt = PortalSignInManager.SignedInAt(context.Properties);
        if (signedInAt is null || clock.GetUtcNow() - signedInAt > security.Value.AbsoluteSessionLifetime)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
        }
    }

    public override async Task RedirectToAccessDenied(RedirectContext<CookieAuthenticationOptions> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        await context.HttpContext.RequestServices.GetRequiredService<AccessDenials>().RecordAsync(context.HttpContext);
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
    }
}
