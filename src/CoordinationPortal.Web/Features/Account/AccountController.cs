using CoordinationPortal.Data;
using CoordinationPortal.Data.Identity;
using CoordinationPortal.Domain.Auditing;
using CoordinationPortal.Web.Infrastructure;
using CoordinationPortal.Web.Infrastructure.Commands;
using CoordinationPortal.Web.Infrastructure.Email;
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
    SignInCommands commands,
    SecurityAudit audit,
    PortalDbContext db,
    IOptions<SecurityOptions> security,
    Notifier notifier,
    SessionCommands sessions,
    AccountSettingsCommands settings,
    EmailStatus email,
    IStringLocalizer<SharedResource> localizer) : Controller
{
    [HttpGet("/account/sign-in")]
    [AllowAnonymous]
    public IActionResult SignIn(string? returnUrl, string? expired)
    {
        if (User.Identity?.IsAuthenticated == true)
        {
            return LocalRedirect(SafeReturnUrl(returnUrl));
        }

        ViewData["ReturnUrl"] = returnUrl;
        ViewData["SessionExpired"] = expired == "1";
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
        if (!ModelState.IsValid)
        {
            return View(new SignInForm { Email = form.Email });
        }

        var result = await commands.PasswordAsync(form.Email, form.Password ?? string.Empty, ClientAddress, HttpContext.RequestAborted);
        if (result.Succeeded)
        {
            return result.Value == SignInStep.CodeRequired
                ? RedirectToAction(nameof(TwoFactorSignIn), new { returnUrl })
                : LocalRedirect(SafeReturnUrl(returnUrl));
        }

        ModelState.AddModelError(string.Empty, localizer[result.Refusal!.MessageKey!, result.Refusal.Arguments ?? []]);
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

        var result = await commands.SecondFactorAsync(user, form.Code, ClientAddress, HttpContext.RequestAborted);
        if (result.Succeeded)
        {
            return LocalRedirect(SafeReturnUrl(returnUrl));
        }

        ModelState.AddModelError(string.Empty, localizer[result.Refusal!.MessageKey!, result.Refusal.Arguments ?? []]);
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
                u.AgencyId,
                u.ProvinceId,
                u.EmailReminders,
                u.EmailDigest,
                Agency = db.Agencies.Where(a => a.Id == u.AgencyId).Select(a => a.Code).FirstOrDefault(),
                Province = db.Provinces.Where(p => p.Id == u.ProvinceId).Select(p => p.Name).FirstOrDefault(),
            })
            .SingleOrDefaultAsync(HttpContext.RequestAborted);
        if (page is null)
        {
            return NotFound();
        }

        var actor = new Domain.Access.Actor(page.Role, page.AgencyId, page.ProvinceId);
        var emails = new EmailChoicesPage(email.IsEnabled, Domain.Access.Permissions.GetsReminders(actor), Domain.Access.Permissions.GetsDigest(actor), page.EmailReminders, page.EmailDigest);
        return View(new MyAccountPage(page.FullName, page.Email ?? string.Empty, page.Role.ToString(), page.Agency, page.Province, page.TwoFactorEnabled, emails));
    }

    /// <summary>The person turns reminder and digest e-mails on or off; messages about their own work always go.</summary>
    [HttpPost("/account/email")]
    public async Task<IActionResult> EmailChoices(EmailChoicesForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (User.UserId() is not { } userId)
        {
            return Challenge();
        }

        if (!await settings.SetEmailChoicesAsync(userId, form.Reminders, form.Digest, HttpContext.RequestAborted))
        {
            return NotFound();
        }

        notifier.Success("MyAccount.EmailSaved");
        return Redirect("/account#email");
    }

    [HttpGet(AccountGate.ChangePasswordPath)]
    public IActionResult ChangePassword() => View(new ChangePasswordForm());

    [HttpPost(AccountGate.ChangePasswordPath)]
    [ShowsFormErrors]
    [EnableRateLimiting(RateLimiting.SignInPolicy)]
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

        var result = await commands.ChangePasswordAsync(user, form.CurrentPassword, form.NewPassword, ClientAddress, security.Value.MinimumPasswordLength, HttpContext.RequestAborted);
        if (!result.Succeeded)
        {
            var refusal = result.Refusal!;
            if (refusal.MessageKey is { } message)
            {
                ModelState.AddModelError(string.Empty, localizer[message, refusal.Arguments ?? []]);
            }

            refusal.FieldErrors.AddTo(ModelState);
            return View(new ChangePasswordForm());
        }

        await signIn.RefreshSignInAsync(user); // this session stays (under a new key)...
        await sessions.EndOthersAsync(user.Id, HttpContext.Items[DatabaseSessionStore.CurrentKeyItem] as string, HttpContext.RequestAborted); // ...the others end now
        notifier.Success("ChangePassword.Done");
        return Redirect("/");
    }

    /// <summary>The client's address as the throttle keys it (the proxy's forwarded address when configured).</summary>
    private string ClientAddress => SignInThrottling.AddressKey(HttpContext.Connection.RemoteIpAddress);

    private string SafeReturnUrl(string? returnUrl) => Url.IsLocalUrl(returnUrl) ? returnUrl : "/";
}
