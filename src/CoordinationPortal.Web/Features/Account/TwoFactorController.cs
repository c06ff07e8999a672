using System.Globalization;
using System.Text;
using CoordinationPortal.Data.Identity;
using CoordinationPortal.Domain.Access;
using CoordinationPortal.Domain.Auditing;
using CoordinationPortal.Web.Infrastructure;
using CoordinationPortal.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using QRCoder;

namespace CoordinationPortal.Web.Features.Account;

/// <summary>
/// Setting up an authenticator app (TOTP) with recovery codes. The QR code is drawn by the app
/// itself; the secret never leaves the server except to the account's own browser.
/// </summary>
public sealed class TwoFactorController(
    UserManager<PortalUser> users,
    PortalSignInManager signIn,
    SecurityAudit audit,
    Notifier notifier,
    IStringLocalizer<SharedResource> localizer) : Controller
{
    private const string Issuer = "CoordinationPortal";
    private const int RecoveryCodeCount = 10;

    [HttpGet(AccountGate.TwoFactorPath)]
    public async Task<IActionResult> Index()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        return View("TwoFactor", await PageAsync(user, new EnableTwoFactorForm()));
    }

    /// <summary>Creates (or replaces) the secret to scan; enabling needs a code from it.</summary>
    [HttpPost(AccountGate.TwoFactorPath + "/key")]
    public async Task<IActionResult> CreateKey()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        if (!user.TwoFactorEnabled)
        {
            user.LastAuthenticatorStep = null; // a new key: no code of it has been used
            await users.ResetAuthenticatorKeyAsync(user);
        }

        return RedirectToAction(nameof(Index));
    }

    [HttpGet(AccountGate.TwoFactorPath + "/qr")]
    public async Task<IActionResult> QrCode()
    {
        var user = await users.GetUserAsync(User);
        var key = user is null || user.TwoFactorEnabled ? null : await users.GetAuthenticatorKeyAsync(user);
        if (key is null)
        {
            return NotFound();
        }

        var uri = string.Create(
            CultureInfo.InvariantCulture,
            $"otpauth://totp/{Uri.EscapeDataString(Issuer)}:{Uri.EscapeDataString(user!.Email!)}?secret={key}&issuer={Uri.EscapeDataString(Issuer)}&digits=6");
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        var png = new PngByteQRCode(data).GetGraphic(6);
        Response.Headers.CacheControl = "no-store";
        return File(png, "image/png");
    }

    [HttpPost(AccountGate.TwoFactorPath + "/enable")]
    [ShowsFormErrors]
    public async Task<IActionResult> Enable(EnableTwoFactorForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        if (user.TwoFactorEnabled)
        {
            return RedirectToAction(nameof(Index));
        }

        var code = (form.Code ?? string.Empty).Replace(" ", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal);
        if (ModelState.IsValid && !await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            ModelState.AddModelError(nameof(EnableTwoFactorForm.Code), localizer["TwoFactor.WrongCode"]);
        }

        if (!ModelState.IsValid)
        {
            return View("TwoFactor", await PageAsync(user, new EnableTwoFactorForm()));
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        var codes = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount);
        await audit.RecordAsync(AuditAction.TwoFactorEnabled, user.Id, user.Email);
        await signIn.RefreshSignInAsync(user);
        return RecoveryCodesView(codes);
    }

    [HttpPost(AccountGate.TwoFactorPath + "/recovery-codes")]
    public async Task<IActionResult> NewRecoveryCodes()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        if (!user.TwoFactorEnabled)
        {
            return RedirectToAction(nameof(Index));
        }

        var codes = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount);
        await audit.RecordAsync(AuditAction.RecoveryCodesGenerated, user.Id, user.Email);
        return RecoveryCodesView(codes);
    }

    /// <summary>Turns 2FA off; administrators must keep it.</summary>
    [HttpPost(AccountGate.TwoFactorPath + "/disable")]
    public async Task<IActionResult> Disable()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        if (Permissions.RequiresTwoFactor(user.Role))
        {
            return Forbid();
        }

        await users.SetTwoFactorEnabledAsync(user, false);
        user.LastAuthenticatorStep = null;
        await users.ResetAuthenticatorKeyAsync(user);
        await audit.RecordAsync(AuditAction.TwoFactorDisabled, user.Id, user.Email);
        await signIn.RefreshSignInAsync(user);
        notifier.Success("TwoFactor.Disabled");
        return RedirectToAction(nameof(Index));
    }

    private ViewResult RecoveryCodesView(IEnumerable<string>? codes)
    {
        Response.Headers.CacheControl = "no-store";
        return View("RecoveryCodes", codes?.ToList() ?? []);
    }

    private async Task<TwoFactorPage> PageAsync(PortalUser user, EnableTwoFactorForm form)
    {
        var key = user.TwoFactorEnabled ? null : await users.GetAuthenticatorKeyAsync(user);
        return new TwoFactorPage(
            user.TwoFactorEnabled,
            Permissions.RequiresTwoFactor(user.Role),
            key is null ? null : InGroups(key),
            user.TwoFactorEnabled ? await users.CountRecoveryCodesAsync(user) : 0,
            form);
    }

    /// <summary>"ABCD EFGH ...": easier to type into a phone than one long run.</summary>
    private static string InGroups(string key)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            builder.Append(key.AsSpan(i, Math.Min(4, key.Length - i))).Append(' ');
        }

        return builder.ToString().TrimEnd().ToLowerInvariant();
    }
}
