using CoordinationPortal.Domain.Access;
using Microsoft.AspNetCore.Mvc.Controllers;

namespace CoordinationPortal.Web.Infrastructure.Security;

/// <summary>
/// Holds a signed-in user at the step they owe before using the portal: a new password after a
/// reset or a first sign-in, then (administrators) an authenticator app.
/// </summary>
public static class AccountGate
{
    public const string ChangePasswordPath = "/account/change-password";
    public const string TwoFactorPath = "/account/two-factor";

    private static readonly string[] AlwaysOpen = ["/account/sign-out", "/error", "/culture", "/health"];

    public static IApplicationBuilder UsePortalAccountGate(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var user = context.User;
            var path = context.Request.Path;
            // Pages only: the stylesheet of the password or authenticator page must still load.
            var isPage = context.GetEndpoint()?.Metadata.GetMetadata<ControllerActionDescriptor>() is not null;
            if (isPage && user.Identity?.IsAuthenticated == true && !AlwaysOpen.Any(p => path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase)))
            {
                var target = user.HasClaim(PortalClaims.MustChangePassword, "true") ? ChangePasswordPath
                    : user.ToActor() is { } actor && Permissions.RequiresTwoFactor(actor.Role) && !user.HasClaim(PortalClaims.TwoFactorEnabled, "true") ? TwoFactorPath
                    : null;
                if (target is not null && !path.StartsWithSegments(target, StringComparison.OrdinalIgnoreCase))
                {
                    context.Response.Redirect(target);
                    return;
                }
            }

            await next(context);
        });
}
