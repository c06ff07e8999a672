using System.Globalization;
using System.Security.Claims;
using CoordinationPortal.Data.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CoordinationPortal.Web.Infrastructure.Security;

/// <summary>
/// Identity's sign-in manager with the portal's rules: a disabled account cannot sign in, every
/// session remembers when it started (for the 12-hour absolute limit), and the password and the
/// second factor are checked by <c>SignInCommands</c>, which throttles wrong attempts per account and
/// client address (ADR 0024) instead of Identity's per-account lockout, which anyone could trigger.
/// </summary>
public sealed class PortalSignInManager(
    UserManager<PortalUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<PortalUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<PortalUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<PortalUser> confirmation,
    TimeProvider clock)
    : SignInManager<PortalUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public const string SignedInAtItem = "portal.signedInAt";

    public override async Task<bool> CanSignInAsync(PortalUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.IsActive && await base.CanSignInAsync(user);
    }

    /// <summary>After the password was checked: a session, or (2FA accounts) the step that asks for a code.</summary>
    public Task<SignInResult> SignInWithCheckedPasswordAsync(PortalUser user) => SignInOrTwoFactorAsync(user, isPersistent: false);

    /// <summary>After the second factor was checked: ends the pending two-step sign-in and starts the session.</summary>
    public async Task CompleteTwoFactorSignInAsync(PortalUser user)
    {
        await Context.SignOutAsync(IdentityConstants.TwoFactorUserIdScheme);
        await SignInWithClaimsAsync(user, isPersistent: false, [new Claim("amr", "mfa")]);
    }

    public override Task SignInWithClaimsAsync(PortalUser user, AuthenticationProperties? authenticationProperties, IEnumerable<Claim> additionalClaims)
    {
        authenticationProperties ??= new AuthenticationProperties();

        // A refresh (role change, security stamp check) keeps the original start of the session.
        if (!authenticationProperties.Items.ContainsKey(SignedInAtItem))
        {
            authenticationProperties.Items[SignedInAtItem] = clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);
        }

        return base.SignInWithClaimsAsync(user, authenticationProperties, additionalClaims);
    }

    public static DateTimeOffset? SignedInAt(AuthenticationProperties properties) =>
        properties?.Items.TryGetValue(SignedInAtItem, out var value) == true
        && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at)
            ? at
            : null;
}
