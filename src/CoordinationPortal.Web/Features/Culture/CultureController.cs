using CoordinationPortal.Web.Infrastructure;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CoordinationPortal.Web.Features.Culture;

/// <summary>The language switch: remembers the choice in a cookie for a year and returns to the same page.</summary>
[AllowAnonymous]
public sealed class CultureController(TimeProvider clock) : Controller
{
    [HttpPost("/culture")]
    public IActionResult Set([FromForm] string? culture, [FromForm] string? returnUrl)
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
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "~/");
    }
}
