using CoordinationPortal.Web.Features.Account;
using CoordinationPortal.Web.Infrastructure;
using CoordinationPortal.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CoordinationPortal.Web.Features.Culture;

/// <summary>
/// The language switch: remembers the choice in a cookie for a year and returns to the same page.
/// A signed-in person's choice is also kept on their account, so e-mails reach them in it.
/// </summary>
[AllowAnonymous]
public sealed class CultureController(TimeProvider clock, AccountSettingsCommands settings) : Controller
{
    [HttpPost("/culture")]
    public async Task<IActionResult> Set([FromForm] string? culture, [FromForm] string? returnUrl)
    {
        var uiCulture = culture == LocalizationSetup.English.Name ? LocalizationSetup.English : LocalizationSetup.Vietnamese;
        Response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(LocalizationSetup.FormatCulture, uiCulture)),
            new CookieOptions
            {
                Expires = clock.GetUtcNow().AddYears(1),
                HttpOnly = true,
                IsEssential = true,
                SameSite = SameSiteMode.Lax,
                Secure = Request.IsHttps,
            });
        if (User.UserId() is { } userId)
        {
            await settings.SetLanguageAsync(userId, uiCulture.TwoLetterISOLanguageName, HttpContext.RequestAborted);
        }

        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "~/");
    }
}
