using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace CoordinationPortal.Web.Infrastructure.Security;

/// <summary>
/// When the current request's session ends, as the cookie handler decided while reading it, so a
/// page can tell its script how long it has before warning (js/session.js). Set by
/// <see cref="PortalCookieEvents.CheckSlidingExpiration"/>; null when nobody is signed in.
/// </summary>
public static class SessionClock
{
    private const string ExpiresItem = "portal.sessionExpiresUtc";

    internal static void Record(CookieSlidingExpirationContext context, DateTimeOffset now, TimeSpan absoluteLifetime)
    {
        // A renewed ticket runs the whole idle timeout from now; one not renewed keeps its expiry.
        var idle = context.ShouldRenew ? now + context.Options.ExpireTimeSpan : context.Properties.ExpiresUtc ?? now + context.Options.ExpireTimeSpan;
        Store(context.HttpContext, context.Properties, idle, now, absoluteLifetime);
    }

    /// <summary>The ticket is renewed after all (the security-stamp check renews what it verified).</summary>
    internal static void Renewed(HttpContext http, AuthenticationProperties properties, DateTimeOffset now, TimeSpan idleTimeout, TimeSpan absoluteLifetime) =>
        Store(http, properties, now + idleTimeout, now, absoluteLifetime);

    private static void Store(HttpContext http, AuthenticationProperties properties, DateTimeOffset idle, DateTimeOffset now, TimeSpan absoluteLifetime)
    {
        var absolute = (PortalSignInManager.SignedInAt(properties) ?? now) + absoluteLifetime;
        http.Items[ExpiresItem] = idle < absolute ? idle : absolute;
    }

    /// <summary>Whole seconds left in this request's session (0 when past), or null when not signed in.</summary>
    public static int? SecondsLeft(HttpContext context, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.User.Identity?.IsAuthenticated != true || context.Items[ExpiresItem] is not DateTimeOffset expires)
        {
            return null;
        }

        return (int)Math.Max(0, Math.Floor((expires - now).TotalSeconds));
    }
}

public static class SessionClockSetup
{
    /// <summary>
    /// A background request (autosave, upload) that reached the server renewed the session: its
    /// answer says how long the session now has, so the page's warning moves on (js/session.js).
    /// </summary>
    public static IApplicationBuilder UsePortalSessionClock(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            if (context.Request.IsBackground())
            {
                context.Response.OnStarting(() =>
                {
                    var clock = context.RequestServices.GetRequiredService<TimeProvider>();
                    if (SessionClock.SecondsLeft(context, clock.GetUtcNow()) is { } left)
                    {
                        context.Response.Headers["X-Session-Left"] = left.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    }

                    return Task.CompletedTask;
                });
            }

            return next(context);
        });
}
