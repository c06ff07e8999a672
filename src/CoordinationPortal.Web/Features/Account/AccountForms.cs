using System.ComponentModel.DataAnnotations;

namespace CoordinationPortal.Web.Features.Account;

public sealed class SignInForm
{
    [Required(ErrorMessage = "Validation.Required")]
    [EmailAddress(ErrorMessage = "Validation.Email")]
    [StringLength(256, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Field.Email")]
    public string Email { get; set; } = string.Empty;

    [Required(ErrorMessage = "Validation.Required")]
    [DataType(DataType.Password)]
    [Display(Name = "Field.Password")]
    public string Password { get; set; } = string.Empty;
}

public sealed class TwoFactorSignInForm
{
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(20, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Field.AuthenticatorOrRecoveryCode")]
    public string Code { get; set; } = string.Empty;
}

public sealed class ChangePasswordForm
{
    [Required(ErrorMessage = "Validation.Required")]
    [DataType(DataType.Password)]
    [Display(Name = "Field.CurrentPassword")]
    public string CurrentPassword { get; set; } = string.Empty;

    [Required(ErrorMessage = "Validation.Required")]
    [DataType(DataType.Password)]
    [Display(Name = "Field.NewPassword")]
    public string NewPassword { get; set; } = string.Empty;

    [Required(ErrorMessage = "Validation.Required")]
    [DataType(DataType.Password)]
    [Compare(nameof(NewPassword), ErrorMessage = "Validation.PasswordsDiffer")]
    [Display(Name = "Field.ConfirmPassword")]
    public string ConfirmPassword { get; set; } = string.Empty;
}

public sealed class EnableTwoFactorForm
{
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(7, MinimumLength = 6, ErrorMessage = "Validation.AuthenticatorCode")]
    [Display(Name = "Field.AuthenticatorCode")]
    public string Code { get; set; } = string.Empty;
}

/// <summary>The 2FA page: whether it is on, and while setting up, the key to scan or type.</summary>
public sealed record TwoFactorPage(bool Enabled, bool IsAdministrator, string? SharedKey, int RecoveryCodesLeft, EnableTwoFactorForm Form);

/// <summary>"Tài khoản của tôi": who the portal thinks you are.</summary>
public sealed record MyAccountPage(string FullName, string Email, string Role, string? Agency, string? Province, bool TwoFactorEnabled, EmailChoicesPage Emails);

/// <summary>The account page's e-mail part: whether the portal sends mail at all, and the person's optional e-mails.</summary>
public sealed record EmailChoicesPage(bool EmailEnabled, bool OffersReminders, bool OffersDigest, bool Reminders, bool Digest);

/// <summary>The optional e-mails; a box left unticked is not posted, so each is false unless sent.</summary>
public sealed class EmailChoicesForm
{
    public bool Reminders { get; set; }

    public bool Digest { get; set; }
}
