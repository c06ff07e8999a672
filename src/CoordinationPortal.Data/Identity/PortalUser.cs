using CoordinationPortal.Domain.Access;
using CoordinationPortal.Domain.Common;
using Microsoft.AspNetCore.Identity;

namespace CoordinationPortal.Data.Identity;

/// <summary>
/// A portal account: an Identity user with its one role and, where the role needs them, the agency
/// and province it is bound to. Accounts are created by administrators only.
/// </summary>
public sealed class PortalUser : IdentityUser
{
    public const int MaxFullNameLength = 200;
    public const int MaxSearchTextLength = 600;
    public const int MaxLanguageLength = 8;

    public string FullName { get; set; } = string.Empty;

    public PortalRole Role { get; set; }

    public int? AgencyId { get; set; }

    public int? ProvinceId { get; set; }

    /// <summary>False once an administrator disables the account: it can no longer sign in.</summary>
    public bool IsActive { get; set; } = true;

    /// <summary>Set for new accounts and after a reset: the next sign-in must choose a new password.</summary>
    public bool MustChangePassword { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    /// <summary>
    /// The 30-second step of the last authenticator code accepted for this account: a code is never
    /// accepted twice, nor one older than it (RFC 6238, section 5.2). Null when none was used since the
    /// authenticator was set up.
    /// </summary>
    public long? LastAuthenticatorStep { get; set; }

    /// <summary>
    /// The language the person last chose in the portal ("vi", "en"); e-mails to them are written in
    /// it. Null until they choose: Vietnamese.
    /// </summary>
    public string? Language { get; set; }

    /// <summary>Deadline reminders also by e-mail (on by default; the person may turn it off).</summary>
    public bool EmailReminders { get; set; } = true;

    /// <summary>The Monday digest also by e-mail (on by default; the person may turn it off).</summary>
    public bool EmailDigest { get; set; } = true;

    /// <summary>Name, e-mail and province folded for diacritic-insensitive search ("ha giang" finds "Hà Giang").</summary>
    public string SearchText { get; set; } = string.Empty;

    public Actor ToActor() => new(Role, AgencyId, ProvinceId);

    /// <summary>A new account: the e-mail is also the sign-in name; the search text is filled in.</summary>
    public static PortalUser Create(string email, string fullName, PortalRole role, int? agencyId, int? provinceId, string? provinceName, DateTime createdAtUtc)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(email);
        email = email.Trim();
        fullName = string.IsNullOrWhiteSpace(fullName) ? email : fullName.Trim();
        return new PortalUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true, // an administrator vouches for the address
            FullName = fullName,
            Role = role,
            AgencyId = agencyId,
            ProvinceId = provinceId,
            CreatedAtUtc = createdAtUtc,
            SearchText = SearchTextOf(fullName, email, provinceName),
        };
    }

    /// <summary>Name, e-mail and province folded for search, cut to the column's length.</summary>
    public static string SearchTextOf(string fullName, string email, string? provinceName)
    {
        var text = TextFolding.Fold($"{fullName} {email} {provinceName}");
        return text.Length <= MaxSearchTextLength ? text : text[..MaxSearchTextLength];
    }
}
