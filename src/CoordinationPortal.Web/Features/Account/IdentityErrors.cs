using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace CoordinationPortal.Web.Features.Account;

public static class IdentityErrors
{
    /// <summary>Identity's errors in the user's language ("Identity.PasswordTooShort"), under the given field.</summary>
    public static void AddTo(this IdentityResult result, ModelStateDictionary modelState, string field, IStringLocalizer localizer, int minimumPasswordLength)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(modelState);
        ArgumentNullException.ThrowIfNull(localizer);
        foreach (var error in result.Errors)
        {
            var text = localizer["Identity." + error.Code, minimumPasswordLength];
            modelState.AddModelError(field, text.ResourceNotFound ? localizer["Identity.Other"] : text);
        }
    }
}
