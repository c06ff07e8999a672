using System.Globalization;
using CoordinationPortal.Data;
using CoordinationPortal.Data.Identity;
using CoordinationPortal.Domain.Access;
using CoordinationPortal.Domain.Auditing;
using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Web.Features.Provinces;
using CoordinationPortal.Web.Infrastructure.Commands;
using CoordinationPortal.Web.Infrastructure.Forms;
using CoordinationPortal.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CoordinationPortal.Web.Features.Admin;

/// <summary>
/// What an administrator does to accounts. Role, agency and province changes and disabling end
/// the account's sessions at their next check (security stamp); the portal always keeps one active
/// administrator, and an administrator gives up their own role only after confirming it.
/// </summary>
public sealed class AccountAdministration(UserManager<PortalUser> users, PortalDbContext db, FormTokens tokens, ProvinceDirectory provinces, TimeProvider clock, SecurityAudit audit, SignInThrottling throttling)
{
    public const string LastAdministrator = "LastAdministrator";
    public const string CannotDisableSelf = "CannotDisableSelf";
    public const string ScopeRequired = "ScopeRequired";
    public const string UnknownAgencyOrProvince = "UnknownAgencyOrProvince";
    public const string AlreadySent = "AlreadySent";
    public const string ProvinceEnded = "ProvinceEnded";
    public const string SelfDemotionUnconfirmed = "SelfDemotionUnconfirmed";

    /// <summary>
    /// Creates the account with a one-time password, once per form: a repeat of the same form (a
    /// double click, a retry) answers with the account the first one made and no password, which
    /// was shown only once; two different forms for one e-mail make one account and a clear error.
    /// </summary>
    public async Task<(IdentityResult Result, string? UserId, string? TemporaryPassword)> CreateAsync(UserForm form, string actingUserId)
    {
        ArgumentNullException.ThrowIfNull(form);
        var scope = await ScopeAsync(form);
        if (scope.Error is not null)
        {
            return (scope.Error, null, null);
        }

        string? password = null;
        IdentityResult? failure = null;
        var created = await tokens.OnceAsync(form.FormToken, actingUserId, async () =>
        {
            var user = PortalUser.Create(form.Email, form.FullName, form.Role!.Value, scope.AgencyId, scope.ProvinceId, await ProvinceNameAsync(scope.ProvinceId), clock.GetUtcNow().UtcDateTime);
            user.MustChangePassword = true;
            var candidate = TemporaryPassword.Create();
            try
            {
                failure = await users.CreateAsync(user, candidate);
            }
            catch (DbUpdateException)
            {
                // The same e-mail was created by another request a moment ago; the unique index kept one.
                db.ChangeTracker.Clear();
                failure = IdentityResult.Failed(new IdentityErrorDescriber().DuplicateEmail(form.Email));
            }

            if (!failure.Succeeded)
            {
                return Refusal.Because("Users.CreateFailed");
            }

            password = candidate;
            return Result.Done(user.Id);
        }, CancellationToken.None);

        if (failure is { Succeeded: false })
        {
            return (failure, null, null);
        }

        return created.Succeeded ? (IdentityResult.Success, created.Value, password) : (Failed(AlreadySent), null, null);
    }

    /// <summary>
    /// Saves the form. An administrator who takes the role off their own account is asked first
    /// (<see cref="SelfDemotionUnconfirmed"/>) and it is saved only when the form says it was
    /// confirmed; the last active administrator keeps the role whatever the form says.
    /// </summary>
    public async Task<IdentityResult> UpdateAsync(PortalUser user, UserForm form, string? actingUserId = null)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(form);
        var scope = await ScopeAsync(form);
        if (scope.Error is not null)
        {
            return scope.Error;
        }

        var role = form.Role!.Value;
        var administrator = Permissions.AdministratorRole;
        var demoted = user.Role == administrator && role != administrator;
        if (demoted && user.IsActive && await IsLastActiveAdministratorAsync(user))
        {
            return Failed(LastAdministrator);
        }

        if (demoted && user.Id == actingUserId && !form.ConfirmSelfDemotion)
        {
            return Failed(SelfDemotionUnconfirmed);
        }

        var accessChanged = user.Role != role || user.AgencyId != scope.AgencyId || user.ProvinceId != scope.ProvinceId;
        var email = form.Email.Trim();
        user.FullName = form.FullName.Trim();
        user.Email = email;
        user.UserName = email;
        user.Role = role;
        user.AgencyId = scope.AgencyId;
        user.ProvinceId = scope.ProvinceId;
        user.SearchText = PortalUser.SearchTextOf(user.FullName, email, await ProvinceNameAsync(scope.ProvinceId));

        // A new role or scope must not ride on an old session: end them at their next check.
        return accessChanged ? await users.UpdateSecurityStampAsync(user) : await users.UpdateAsync(user);
    }

    public async Task<IdentityResult> SetActiveAsync(PortalUser user, bool active, string? actingUserId)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!active && user.Id == actingUserId)
        {
            return Failed(CannotDisableSelf);
        }

        if (!active && user.Role == Permissions.AdministratorRole && await IsLastActiveAdministratorAsync(user))
        {
            return Failed(LastAdministrator);
        }

        user.IsActive = active;
        return await users.UpdateSecurityStampAsync(user);
    }

    /// <summary>Replaces the password with a one-time password to be changed at the next sign-in.</summary>
    public async Task<(IdentityResult Result, string? TemporaryPassword)> ResetPasswordAsync(PortalUser user, string? actingUserId, string? actingUserName)
    {
        ArgumentNullException.ThrowIfNull(user);
        var password = TemporaryPassword.Create();
        user.MustChangePassword = true;
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var result = await users.ResetPasswordAsync(user, token, password);
        if (!result.Succeeded)
        {
            return (result, null);
        }

        // Unblock too: the usual reason for a reset is a forgotten password after several tries.
        await throttling.ClearAsync(SignInThrottling.AccountKeyOf(user), CancellationToken.None);
        await audit.RecordAsync(AuditAction.PasswordReset, user.Id, user.Email, $"by {actingUserName} ({actingUserId})");
        return (result, password);
    }

    /// <summary>
    /// Lifts the waits the account's wrong sign-in attempts imposed, from every address (ADR 0024):
    /// for a person kept out by someone else's guesses, or by their own typing.
    /// </summary>
    public async Task UnblockAsync(PortalUser user, string? actingUserId, string? actingUserName)
    {
        ArgumentNullException.ThrowIfNull(user);
        var cleared = await throttling.ClearAsync(SignInThrottling.AccountKeyOf(user), CancellationToken.None);
        await audit.RecordAsync(AuditAction.SignInUnblocked, user.Id, user.Email, string.Create(CultureInfo.InvariantCulture, $"by {actingUserName} ({actingUserId}); {cleared} rows of wrong attempts cleared"));
    }

    private static IdentityResult Failed(string code) => IdentityResult.Failed(new IdentityError { Code = code, Description = code });

    private async Task<bool> IsLastActiveAdministratorAsync(PortalUser user)
    {
        var administrator = Permissions.AdministratorRole;
        return !await db.Users.AnyAsync(u => u.Role == administrator && u.IsActive && u.Id != user.Id);
    }

    /// <summary>Keeps only the agency and province the role uses, and checks they exist.</summary>
    private async Task<(int? AgencyId, int? ProvinceId, IdentityResult? Error)> ScopeAsync(UserForm form)
    {
        var role = form.Role!.Value;
        var (agency, province) = Permissions.ScopeOf(role, form.AgencyId, form.ProvinceId);
        if (!Actor.IsValid(role, agency, province))
        {
            return (null, null, Failed(ScopeRequired));
        }

        if ((agency is { } a && !await db.Agencies.AnyAsync(x => x.Id == a)) || (province is { } p && !await db.Provinces.AnyAsync(x => x.Id == p)))
        {
            return (null, null, Failed(UnknownAgencyOrProvince));
        }

        // An account is placed only in a unit that exists today: a merged unit's officers belong to its successor.
        if (province is { } placed && (await provinces.LoadAsync(CancellationToken.None))[placed] is var unit && !unit.IsValidOn(VietnamTime.Today(clock.GetUtcNow())))
        {
            return (null, null, Failed(ProvinceEnded));
        }

        return (agency, province, null);
    }

    private async Task<string?> ProvinceNameAsync(int? provinceId) =>
        provinceId is { } id ? await db.Provinces.Where(p => p.Id == id).Select(p => p.Name).SingleAsync() : null;
}
