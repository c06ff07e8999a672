using CoordinationPortal.Data;
using CoordinationPortal.Data.Identity;
using CoordinationPortal.Domain.Auditing;
using CoordinationPortal.Web.Infrastructure;
using CoordinationPortal.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace CoordinationPortal.Web.Features.Account;

/// <summary>Signing in and out, the second factor at sign-in, and changing one's password.</summary>
public sealed class AccountController(
    UserManager<PortalUser> users,
    PortalSignInManager signIn,
    SecurityAudit audit,
    PortalDbContext db,
    IOptions<SecurityOptions> security,
    Notifier notifier,
    SessionCommands sessions,
    IStringLocalizer<SharedResource> localizer) : Controller
{
    // Compared against when the e-mail is unknown, so a wrong e-mail takes as long as a wrong password.
    private static readonly Lazy<string> DummyHash = new(() => new PasswordHasher<PortalUser>().HashPassword(new PortalUser(), Guid.NewGuid().ToString()));

    [HttpGet("/account/sign-in")]
    [AllowAnonymous]
    public IActionResult SignIn(string? returnUrl)
    {
        if (User.Identity?.IsAuthenticated == true)
        {
            return LocalRedirect(SafeReturnUrl(returnUrl));
        }

        ViewData["ReturnUrl"] = returnUrl;
        return View(new SignInForm());
    }

    [HttpPost("/account/sign-in")]
    [AllowAnonymous]
    [ShowsFormErrors]
    [EnableRateLimiting(RateLimiting.SignInPolicy)]
    public async Task<IActionResult> SignIn(SignInForm form, string? returnUrl)
    {
        ArgumentNullException.ThrowIfNull(form);
        ViewData["ReturnUrl"] = returnUrl;
        form.Password = form.Password ?? string.Empty;
        if (!ModelState.IsValid)
        {
            return View(new SignInForm { Email = form.Email });
        }

        var user = await users.FindByEmailAsync(form.Email.Trim());
        if (user is null)
        {
            users.PasswordHasher.VerifyHashedPassword(new PortalUser(), DummyHash.Value, form.Password);
        }

        var result = user is null
            ? Microsoft.AspNetCore.Identity.SignInResult.Failed
            : await signIn.PasswordSignInAsync(user, form.Password, isPersistent: false, lockoutOnFailure: true);

        if (result.Succeeded)
        {
            await audit.RecordAsync(AuditAction.SignInSucceeded, user!.Id, user.Email);
            return LocalRedirect(SafeReturnUrl(returnUrl));
        }

        if (result.RequiresTwoFactor)
        {
            return RedirectToAction(nameof(TwoFactorSignIn), new { returnUrl });
        }

        if (result.IsLockedOut)
        {
            await audit.RecordAsync(AuditAction.LockedOut, user?.Id, form.Email);
            ModelState.AddModelError(string.Empty, localizer["SignIn.LockedOut", (int)security.Value.LockoutDuration.TotalMinutes]);
        }
        else
        {
            await audit.RecordAsync(AuditAction.SignInFailed, user?.Id, form.Email, result.IsNotAllowed ? "account disabled" : null);
            ModelState.AddModelError(string.Empty, localizer["SignIn.Failed"]);
        }

        return View(new SignInForm { Email = form.Email });
    }

    [HttpGet("/account/sign-in/code")]
    [AllowAnonymous]
    public async Task<IActionResult> TwoFactorSignIn(string? returnUrl)
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is null)
        {
            return RedirectToAction(nameof(SignIn), new { returnUrl });
        }

        ViewData["ReturnUrl"] = returnUrl;
        return View(new TwoFactorSignInForm());
    }

    [HttpPost("/account/sign-in/code")]
    [AllowAnonymous]
    [ShowsFormErrors]
    [EnableRateLimiting(RateLimiting.SignInPolicy)]
    public async Task<IActionResult> TwoFactorSignIn(TwoFactorSignInForm form, string? returnUrl)
    {
        ArgumentNullException.ThrowIfNull(form);
        ViewData["ReturnUrl"] = returnUrl;
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return RedirectToAction(nameof(SignIn), new { returnUrl });
        }

        if (!ModelState.IsValid)
        {
            return View(new TwoFactorSignInForm());
        }

        // Six digits (spaces allowed) come from the app; anything else is a recovery code ("8K4RF-2JTPN").
        var code = form.Code.Replace(" ", string.Empty, StringComparison.Ordinal);
        var isAuthenticatorCode = code.Length <= 7 && code.All(char.IsAsciiDigit);
        var result = isAuthenticatorCode
            ? await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false)
            : await signIn.TwoFactorRecoveryCodeSignInAsync(code.ToUpperInvariant());

        if (result.Succeeded)
        {
            await audit.RecordAsync(AuditAction.SignInSucceeded, user.Id, user.Email, isAuthenticatorCode ? "authenticator code" : "recovery code");
            return LocalRedirect(SafeReturnUrl(returnUrl));
        }

        if (result.IsLockedOut)
        {
            await audit.RecordAsync(AuditAction.LockedOut, user.Id, user.Email);
            ModelState.AddModelError(string.Empty, localizer["SignIn.LockedOut", (int)security.Value.LockoutDuration.TotalMinutes]);
        }
        else
        {
            await audit.RecordAsync(AuditAction.SignInFailed, user.Id, user.Email, "wrong second-factor code");
            ModelState.AddModelError(string.Empty, localizer["SignIn.WrongCode"]);
        }

        return View(new TwoFactorSignInForm());
    }

    [HttpPost("/account/sign-out")]
    public async Task<IActionResult> SignOutPost()
    {
        await audit.RecordAsync(AuditAction.SignedOut, User.UserId(), User.Identity?.Name);
        await signIn.SignOutAsync();
        return RedirectToAction(nameof(SignIn));
    }

    [HttpGet("/account")]
    public async Task<IActionResult> Index()
    {
        var userId = User.UserId();
        var page = await db.Users.AsNoTracking()
            .Where(u => u.Id == userId)
            .Select(u => new
            {
                u.FullName,
                u.Email,
                u.Role,
                u.TwoFactorEnabled,
                Agency = db.Agencies.Where(a => a.Id == u.AgencyId).Select(a => a.Code).FirstOrDefault(),
                Province = db.Provinces.Where(p => p.Id == u.ProvinceId).Select(p => p.Name).FirstOrDefault(),
            })
            .SingleOrDefaultAsync(HttpContext.RequestAborted);
        if (page is null)
        {
            return NotFound();
        }

        return View(new MyAccountPage(page.FullName, page.Email ?? string.Empty, page.Role.ToString(), page.Agency, page.Province, page.TwoFactorEnabled));
    }

    [HttpGet(AccountGate.ChangePasswordPath)]
    public IActionResult ChangePassword() => View(new ChangePasswordForm());

    [HttpPost(AccountGate.ChangePasswordPath)]
    [ShowsFormErrors]
    public async Task<IActionResult> ChangePassword(ChangePasswordForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (!ModelState.IsValid)
        {
            return View(new ChangePasswordForm());
        }

        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        user.MustChangePassword = false; // saved only if the change succeeds
        var result = await users.ChangePasswordAsync(user, form.CurrentPassword, form.NewPassword);
        if (!result.Succeeded)
        {
            user.MustChangePassword = true;
            result.AddTo(ModelState, nameof(ChangePasswordForm.NewPassword), localizer, security.Value.MinimumPasswordLength);
            return View(new ChangePasswordForm());
        }

        await audit.RecordAsync(AuditAction.PasswordChanged, user.Id, user.Email);
        await signIn.RefreshSignInAsync(user); // this session stays (under a new key)...
        await sessions.EndOthersAsync(user.Id, HttpContext.Items[DatabaseSessionStore.CurrentKeyItem] as string, HttpContext.RequestAborted); // ...the others end now
        notifier.Success("ChangePassword.Done");
        return Redirect("/");
    }

    private string SafeReturnUrl(string? returnUrl) => Url.IsLocalUrl(returnUrl) ? returnUrl : "/";
}
