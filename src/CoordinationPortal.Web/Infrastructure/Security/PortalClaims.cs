using System.Globalization;
using System.Security.Claims;
using CoordinationPortal.Data.Identity;
using CoordinationPortal.Domain.Access;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CoordinationPortal.Web.Infrastructure.Security;

/// <summary>The claims the portal puts in the sign-in cookie, and how to read them back.</summary>
public static class PortalClaims
{
    public const string Agency = "portal:agency";
    public const string Province = "portal:province";
    public const string FullName = "portal:name";
    public const string MustChangePassword = "portal:must-change-password";
    public const string TwoFactorEnabled = "portal:2fa";

    /// <summary>The units that merged into a provincial officer's province ("2 8"): its history, read-only.</summary>
    public const string PredecessorProvinces = "portal:province-history";

    /// <summary>The caller as the domain's permission functions see it; null when not signed in.</summary>
    public static Actor? ToActor(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.Identity?.IsAuthenticated != true
            || !Enum.TryParse<PortalRole>(user.FindFirstValue(ClaimTypes.Role), out var role)
            || !Actor.IsValid(role, IntClaim(user, Agency), IntClaim(user, Province)))
        {
            return null;
        }

        return new Actor(role, IntClaim(user, Agency), IntClaim(user, Province), IntsClaim(user, PredecessorProvinces));
    }

    public static string? UserId(this ClaimsPrincipal user) => user?.FindFirstValue(ClaimTypes.NameIdentifier);

    public static string DisplayName(this ClaimsPrincipal user) =>
        user?.FindFirstValue(FullName) is { Length: > 0 } name ? name : user?.Identity?.Name ?? string.Empty;

    private static int? IntClaim(ClaimsPrincipal user, string type) =>
        int.TryParse(user.FindFirstValue(type), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static int[] IntsClaim(ClaimsPrincipal user, string type) =>
        [.. (user.FindFirstValue(type) ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(t => int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0)
            .Where(v => v > 0)];
}

/// <summary>
/// Adds role, agency, province (with the units that merged into it) and the account's pending
/// obligations to the principal. Moving an account to another province changes its security stamp,
/// so its sessions are rebuilt with the new history at their next check.
/// </summary>
public sealed class PortalClaimsFactory(UserManager<PortalUser> users, IOptions<IdentityOptions> options, CoordinationPortal.Web.Features.Provinces.ProvinceDirectory provinces)
    : UserClaimsPrincipalFactory<PortalUser>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(PortalUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(ClaimTypes.Role, user.Role.ToString()));
        identity.AddClaim(new Claim(PortalClaims.FullName, user.FullName));
        if (user.AgencyId is { } agency)
        {
            identity.AddClaim(new Claim(PortalClaims.Agency, agency.ToString(CultureInfo.InvariantCulture)));
        }

        if (user.ProvinceId is { } province)
        {
            identity.AddClaim(new Claim(PortalClaims.Province, province.ToString(CultureInfo.InvariantCulture)));
            var history = (await provinces.LoadAsync(CancellationToken.None)).Lineage.AllPredecessorsOf(province);
            if (history.Count > 0)
            {
                identity.AddClaim(new Claim(PortalClaims.PredecessorProvinces, string.Join(' ', history.Select(id => id.ToString(CultureInfo.InvariantCulture)))));
            }
        }

        if (user.MustChangePassword)
        {
            identity.AddClaim(new Claim(PortalClaims.MustChangePassword, "true"));
        }

        if (user.TwoFactorEnabled)
        {
            identity.AddClaim(new Claim(PortalClaims.TwoFactorEnabled, "true"));
        }

        return identity;
    }
}
