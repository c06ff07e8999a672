using CoordinationPortal.Data.Identity;
using CoordinationPortal.Domain.Auditing;
using CoordinationPortal.Web.Infrastructure.Commands;
using CoordinationPortal.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace CoordinationPortal.Web.Features.Account;

/// <summary>Where a sign-in step leaves the person.</summary>
public enum SignInStep
{
    /// <summary>Signed in.</summary>
    SignedIn = 1,

    /// <summary>The password was right; the account asks for an authenticator or recovery code.</summary>
    CodeRequired = 2,
}

/// <summary>
/// Every check of a password or second-factor code (ADR 0024), the one place that asks the throttle
/// first, counts each wrong attempt for the account and client address, and writes the audit trail.
/// A known and an unknown e-mail go through the same steps at the same cost and get the same answers.
/// </summary>
public sealed class SignInCommands(
    UserManager<PortalUser> users,
    PortalSignInManager signIn,
    SignInThrottling throttling,
    DummyPassword dummyPassword,
    SecurityAudit audit,
    TimeProvider clock,
    IStringLocalizer<SharedResource> localizer)
{
    /// <summary>The e-mail and password step.</summary>
    public async Task<Result<SignInStep>> PasswordAsync(string email, string password, string clientAddress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(email);
        email = email.Trim();
        var accountKey = users.NormalizeEmail(email);
        var user = await users.FindByEmailAsync(email);
        if (await RefusedWhileWaitingAsync(accountKey, clientAddress, user?.Id, email, cancellationToken) is { } waiting)
        {
            return waiting;
        }

        // One password check whatever the e-mail: the account's hash, or one nobody knows at the same cost.
        var passwordRight = false;
        if (user?.PasswordHash is not null)
        {
            passwordRight = await users.CheckPasswordAsync(user, password);
        }
        else
        {
            dummyPassword.Check(password);
        }

        var allowed = passwordRight && await signIn.CanSignInAsync(user!);
        if (!allowed)
        {
            return await FailedAsync(accountKey, clientAddress, user?.Id, email, passwordRight ? "account disabled" : null, "SignIn.Failed", cancellationToken);
        }

        var result = await signIn.SignInWithCheckedPasswordAsync(user!);
        if (result.RequiresTwoFactor)
        {
            return Result.Done(SignInStep.CodeRequired);
        }

        await throttling.SucceededAsync(accountKey, clientAddress, cancellationToken);
        await audit.RecordAsync(AuditAction.SignInSucceeded, user!.Id, user.Email);
        return Result.Done(SignInStep.SignedIn);
    }

    /// <summary>The second step: a code from the authenticator app (six digits) or a recovery code.</summary>
    public async Task<Result<SignInStep>> SecondFactorAsync(PortalUser user, string code, string clientAddress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(code);
        var accountKey = SignInThrottling.AccountKeyOf(user);
        if (await RefusedWhileWaitingAsync(accountKey, clientAddress, user.Id, user.Email, cancellationToken) is { } waiting)
        {
            return waiting;
        }

        // Six digits (spaces allowed) come from the app; anything else is a recovery code ("8K4RF-2JTPN").
        code = code.Replace(" ", string.Empty, StringComparison.Ordinal);
        var isAuthenticatorCode = code.Length <= 7 && code.All(char.IsAsciiDigit);
        var right = isAuthenticatorCode
            ? await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code)
            : (await users.RedeemTwoFactorRecoveryCodeAsync(user, code.ToUpperInvariant())).Succeeded;
        if (!right || !await signIn.CanSignInAsync(user))
        {
            var detail = !right ? (isAuthenticatorCode ? "wrong authenticator code" : "wrong recovery code") : "account disabled";
            return await FailedAsync(accountKey, clientAddress, user.Id, user.Email, detail, "SignIn.WrongCode", cancellationToken);
        }

        await signIn.CompleteTwoFactorSignInAsync(user);
        await throttling.SucceededAsync(accountKey, clientAddress, cancellationToken);
        await audit.RecordAsync(AuditAction.SignInSucceeded, user.Id, user.Email, isAuthenticatorCode ? "authenticator code" : "recovery code");
        return Result.Done(SignInStep.SignedIn);
    }

    /// <summary>
    /// Changes one's own password. The current password is a password check like the sign-in's:
    /// throttled, counted and audited. The new one must differ from it and must not be (or contain) a
    /// temporary password, which an administrator has seen.
    /// </summary>
    public async Task<Result<PortalUser>> ChangePasswordAsync(PortalUser user, string currentPassword, string newPassword, string clientAddress, int minimumPasswordLength, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(currentPassword);
        ArgumentNullException.ThrowIfNull(newPassword);
        var accountKey = SignInThrottling.AccountKeyOf(user);
        if (await throttling.WaitAsync(accountKey, clientAddress, cancellationToken) is { } wait)
        {
            await audit.RecordAsync(AuditAction.PasswordChangeFailed, user.Id, user.Email, $"refused: waiting until {wait.UntilUtc:O}");
            return WaitRefusal(wait);
        }

        var errors = new FieldErrors();
        if (TemporaryPassword.Contains(newPassword))
        {
            errors.Add(nameof(ChangePasswordForm.NewPassword), localizer["ChangePassword.NotTemporary"]);
        }
        else if (string.Equals(newPassword, currentPassword, StringComparison.Ordinal))
        {
            errors.Add(nameof(ChangePasswordForm.NewPassword), localizer["ChangePassword.SameAsCurrent"]);
        }

        if (errors.Any)
        {
            return Refusal.Invalid(errors);
        }

        var mustChange = user.MustChangePassword;
        user.MustChangePassword = false; // saved only if the change succeeds
        var result = await users.ChangePasswordAsync(user, currentPassword, newPassword);
        if (result.Succeeded)
        {
            await throttling.SucceededAsync(accountKey, clientAddress, cancellationToken);
            await audit.RecordAsync(AuditAction.PasswordChanged, user.Id, user.Email);
            return Result.Done(user);
        }

        user.MustChangePassword = mustChange;
        if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch)))
        {
            await audit.RecordAsync(AuditAction.PasswordChangeFailed, user.Id, user.Email, "wrong current password");
            if (await throttling.FailedAsync(accountKey, clientAddress, cancellationToken) is { } started)
            {
                await audit.RecordAsync(AuditAction.LockedOut, user.Id, user.Email, Describe(started));
                return WaitRefusal(started);
            }

            return Refusal.Invalid(errors.Add(nameof(ChangePasswordForm.CurrentPassword), localizer["Identity.PasswordMismatch"]));
        }

        foreach (var error in result.Errors)
        {
            var text = localizer["Identity." + error.Code, minimumPasswordLength];
            errors.Add(nameof(ChangePasswordForm.NewPassword), text.ResourceNotFound ? localizer["Identity.Other"] : text);
        }

        return Refusal.Invalid(errors);
    }

    private async Task<Refusal?> RefusedWhileWaitingAsync(string accountKey, string clientAddress, string? userId, string? email, CancellationToken cancellationToken)
    {
        if (await throttling.WaitAsync(accountKey, clientAddress, cancellationToken) is not { } wait)
        {
            return null;
        }

        await audit.RecordAsync(AuditAction.LockedOut, userId, email, $"refused: waiting until {wait.UntilUtc:O}");
        return WaitRefusal(wait);
    }

    private async Task<Refusal> FailedAsync(string accountKey, string clientAddress, string? userId, string? email, string? detail, string messageKey, CancellationToken cancellationToken)
    {
        await audit.RecordAsync(AuditAction.SignInFailed, userId, email, detail);
        if (await throttling.FailedAsync(accountKey, clientAddress, cancellationToken) is { } wait)
        {
            await audit.RecordAsync(AuditAction.LockedOut, userId, email, Describe(wait));
            return WaitRefusal(wait);
        }

        return Refusal.Because(messageKey);
    }

    private Refusal WaitRefusal(SignInWait wait) =>
        Refusal.Because(wait.AccountWide ? "SignIn.WaitAccount" : "SignIn.Wait", wait.MinutesFrom(clock.GetUtcNow().UtcDateTime));

    private static string Describe(SignInWait wait) =>
        wait.AccountWide ? $"addresses it has not signed in from wait until {wait.UntilUtc:O}" : $"this address waits until {wait.UntilUtc:O}";
}
