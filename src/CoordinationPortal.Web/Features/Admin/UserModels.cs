using System.ComponentModel.DataAnnotations;
using CoordinationPortal.Data.Identity;
using CoordinationPortal.Domain.Access;
using CoordinationPortal.Web.Infrastructure.Security;

namespace CoordinationPortal.Web.Features.Admin;

/// <summary>What an administrator may set on an account. Nothing else is bound from the form.</summary>
public sealed class UserForm
{
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(PortalUser.MaxFullNameLength, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Field.FullName")]
    public string FullName { get; set; } = string.Empty;

    [Required(ErrorMessage = "Validation.Required")]
    [EmailAddress(ErrorMessage = "Validation.Email")]
    [StringLength(256, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Field.Email")]
    public string Email { get; set; } = string.Empty;

    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Field.Role")]
    public PortalRole? Role { get; set; }

    [Display(Name = "Field.Agency")]
    public int? AgencyId { get; set; }

    [Display(Name = "Field.Province")]
    public int? ProvinceId { get; set; }

    /// <summary>The rendered form's token (new accounts): sending it twice creates one account.</summary>
    public Guid? FormToken { get; set; }

    /// <summary>Sent by the confirmation step only: the administrator editing their own account means to give up the role.</summary>
    public bool ConfirmSelfDemotion { get; set; }
}

/// <summary>Filters of the account list, from the query string.</summary>
public sealed class UserFilter
{
    public string? Q { get; set; }

    public PortalRole? Role { get; set; }

    public int? AgencyId { get; set; }

    public int? ProvinceId { get; set; }

    public int Page { get; set; } = 1;
}

public sealed record Choice(int Id, string Label);

/// <summary>A province to choose; one that no longer exists (the 63 before 07/2025) says until when it did.</summary>
public sealed record ProvinceOption(int Id, string Name, DateOnly? EndedOn);

/// <summary>The choices the account form offers.</summary>
/// <summary>The choices the account form offers (today's units), and the units the account list can filter on (all of them).</summary>
public sealed record UserFormOptions(IReadOnlyList<Choice> Agencies, IReadOnlyList<ProvinceOption> Provinces, IReadOnlyList<ProvinceOption> FilterProvinces);

public sealed record UserRow(
    string Id,
    string FullName,
    string Email,
    PortalRole Role,
    string? AgencyCode,
    string? ProvinceName,
    bool IsActive,
    bool TwoFactorEnabled,
    bool SignInBlocked);

public sealed record UserListPage(UserFilter Filter, IReadOnlyList<UserRow> Rows, int Total, int PageCount, UserFormOptions Options);

public sealed record UserEditPage(
    string Id,
    UserForm Form,
    UserFormOptions Options,
    bool IsActive,
    bool TwoFactorEnabled,
    IReadOnlyList<SignInThrottleView> SignInFailures,
    DateTime CreatedAtUtc,
    bool IsSelf,
    string StoredEmail)
{
    /// <summary>"old|new|last day" when the account's unit has merged: the form proposes the new unit.</summary>
    public string? ProvinceNotice { get; init; }

    /// <summary>
    /// The administrator is taking the role off their own account: the page asks them to confirm and
    /// names the administrators who remain.
    /// </summary>
    public IReadOnlyList<string>? ConfirmSelfDemotionWith { get; init; }
}

public sealed record UserNewPage(UserForm Form, UserFormOptions Options);

/// <summary>Shown once, right after creating an account or resetting its password; never stored in clear.</summary>
public sealed record TemporaryPasswordPage(string UserId, string FullName, string Email, string Password, bool IsNewAccount);
