using CoordinationPortal.Data.Identity;
using CoordinationPortal.Domain.Access;
using CoordinationPortal.Web.Features.Account;
using CoordinationPortal.Web.Infrastructure;
using CoordinationPortal.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace CoordinationPortal.Web.Features.Admin;

/// <summary>Accounts: administrators create, edit, disable and re-enable them and reset passwords.</summary>
[Authorize(Policy = Policies.Administer)]
public sealed class UsersController(
    UserQueries queries,
    AccountAdministration administration,
    UserManager<PortalUser> users,
    SignInManager<PortalUser> signIn,
    IOptions<SecurityOptions> security,
    Notifier notifier,
    IStringLocalizer<SharedResource> localizer) : Controller
{
    [HttpGet("/admin/users")]
    public async Task<IActionResult> Index([FromQuery] UserFilter filter) =>
        View("Users", await queries.ListAsync(filter ?? new UserFilter(), HttpContext.RequestAborted));

    [HttpGet("/admin/users/new")]
    public async Task<IActionResult> New() =>
        View("UserNew", new UserNewPage(new UserForm(), await queries.OptionsAsync(HttpContext.RequestAborted)));

    [HttpPost("/admin/users/new")]
    [ShowsFormErrors]
    public async Task<IActionResult> New([FromForm] UserForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (ModelState.IsValid)
        {
            var (result, userId, password) = await administration.CreateAsync(form, User.UserId()!);
            if (result.Succeeded && password is not null)
            {
                return PasswordView(new TemporaryPasswordPage(userId!, form.FullName, form.Email.Trim(), password, IsNewAccount: true));
            }

            if (result.Succeeded)
            {
                // The same form sent twice: the account exists, and its password was shown to the first request only.
                notifier.Error("Users.CreatedBefore", form.Email.Trim());
                return RedirectToAction(nameof(Edit), new { id = userId });
            }

            result.AddTo(ModelState, string.Empty, localizer, security.Value.MinimumPasswordLength);
        }

        return View("UserNew", new UserNewPage(form, await queries.OptionsAsync(HttpContext.RequestAborted)));
    }

    [HttpGet("/admin/users/{id}")]
    public async Task<IActionResult> Edit([FromRoute] string id)
    {
        var page = await queries.EditPageAsync(id, User.UserId(), HttpContext.RequestAborted);
        return page is null ? NotFound() : View("UserEdit", page);
    }

    [HttpPost("/admin/users/{id}")]
    [ShowsFormErrors]
    public async Task<IActionResult> Edit([FromRoute] string id, [FromForm] UserForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return NotFound();
        }

        if (ModelState.IsValid)
        {
            var self = user.Id == User.UserId();
            var result = await administration.UpdateAsync(user, form, User.UserId());
            if (result.Succeeded && self && user.Role != Permissions.AdministratorRole)
            {
                // Confirmed: the new role applies at once to this session too, which can no longer
                // open the account pages.
                await signIn.RefreshSignInAsync(user);
                notifier.Success("Users.SelfDemoted");
                return Redirect(Url.Home());
            }

            if (result.Succeeded)
            {
                notifier.Success("Users.Saved", user.FullName);
                return RedirectToAction(nameof(Edit), new { id });
            }

            if (result.Errors.Any(e => e.Code == AccountAdministration.SelfDemotionUnconfirmed))
            {
                var confirm = await queries.EditPageAsync(id, form, User.UserId(), HttpContext.RequestAborted);
                return View("UserEdit", confirm! with { ConfirmSelfDemotionWith = await queries.OtherAdministratorsAsync(id, HttpContext.RequestAborted) });
            }

            result.AddTo(ModelState, string.Empty, localizer, security.Value.MinimumPasswordLength);
        }

        var page = await queries.EditPageAsync(id, form, User.UserId(), HttpContext.RequestAborted);
        return View("UserEdit", page);
    }

    [HttpPost("/admin/users/{id}/disable")]
    public Task<IActionResult> Disable([FromRoute] string id, [FromForm(Name = Confirmation.Field)] bool confirmed) => SetActive(id, active: false, confirmed);

    [HttpPost("/admin/users/{id}/enable")]
    public Task<IActionResult> Enable([FromRoute] string id) => SetActive(id, active: true, confirmed: true);

    [HttpPost("/admin/users/{id}/reset-password")]
    public async Task<IActionResult> ResetPassword([FromRoute] string id, [FromForm(Name = Confirmation.Field)] bool confirmed)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return NotFound();
        }

        if (!confirmed)
        {
            return this.AskFirst(localizer["Confirm.ResetPassword", user.FullName, user.Email ?? string.Empty], localizer["Users.ResetPassword"], Url.Action(nameof(Edit), new { id })!, danger: true);
        }

        var (result, password) = await administration.ResetPasswordAsync(user, User.UserId(), User.Identity?.Name);
        if (!result.Succeeded)
        {
            notifier.Error("Users.ResetFailed");
            return RedirectToAction(nameof(Edit), new { id });
        }

        return PasswordView(new TemporaryPasswordPage(user.Id, user.FullName, user.Email!, password!, IsNewAccount: false));
    }

    /// <summary>Lets the account sign in again at once from every address (ADR 0024).</summary>
    [HttpPost("/admin/users/{id}/unblock")]
    public async Task<IActionResult> Unblock([FromRoute] string id)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return NotFound();
        }

        await administration.UnblockAsync(user, User.UserId(), User.Identity?.Name);
        notifier.Success("Users.Unblocked", user.FullName);
        return RedirectToAction(nameof(Edit), new { id });
    }

    private async Task<IActionResult> SetActive(string id, bool active, bool confirmed)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return NotFound();
        }

        // Disabling one's own account is refused below, so it is not asked about.
        if (!confirmed && user.Id != User.UserId())
        {
            return this.AskFirst(localizer["Confirm.Disable", user.FullName, user.Email ?? string.Empty], localizer["Users.Disable"], Url.Action(nameof(Edit), new { id })!, danger: true);
        }

        var result = await administration.SetActiveAsync(user, active, User.UserId());
        if (result.Succeeded)
        {
            notifier.Success(active ? "Users.Enabled" : "Users.Disabled", user.FullName);
        }
        else
        {
            notifier.Error("Identity." + result.Errors.First().Code);
        }

        return RedirectToAction(nameof(Edit), new { id });
    }

    /// <summary>The password is shown once, in this response only; it is not cached or stored in clear.</summary>
    private ViewResult PasswordView(TemporaryPasswordPage page)
    {
        Response.Headers.CacheControl = "no-store";
        return View("TemporaryPassword", page);
    }
}
