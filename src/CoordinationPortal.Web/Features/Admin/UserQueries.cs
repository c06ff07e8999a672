using CoordinationPortal.Data;
using CoordinationPortal.Domain.Access;
using CoordinationPortal.Domain.Common;
using CoordinationPortal.Domain.Provinces;
using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Web.Features.Provinces;
using CoordinationPortal.Web.Infrastructure;
using CoordinationPortal.Web.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace CoordinationPortal.Web.Features.Admin;

/// <summary>Reads for the account pages: the searchable list and the form's choices.</summary>
public sealed class UserQueries(PortalDbContext db, ProvinceDirectory provinces, TimeProvider clock, SignInThrottling throttling)
{
    public const int PageSize = 25;

    public async Task<UserListPage> ListAsync(UserFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var query = db.Users.AsNoTracking();
        var folded = TextFolding.Fold(filter.Q);
        if (folded.Length > 0)
        {
            query = query.Where(u => u.SearchText.Contains(folded));
        }

        if (filter.Role is { } role)
        {
            query = query.Where(u => u.Role == role);
        }

        if (filter.AgencyId is { } agency)
        {
            query = query.Where(u => u.AgencyId == agency);
        }

        if (filter.ProvinceId is { } province)
        {
            query = query.Where(u => u.ProvinceId == province);
        }

        var now = clock.GetUtcNow();
        var nowUtc = now.UtcDateTime;
        var page = await query
            .OrderBy(u => u.FullName)
            .ThenBy(u => u.Email)
            .Select(u => new
            {
                u.Id,
                u.FullName,
                Email = u.Email ?? string.Empty,
                u.Role,
                AgencyCode = db.Agencies.Where(a => a.Id == u.AgencyId).Select(a => a.Code).FirstOrDefault(),
                ProvinceName = db.Provinces.Where(p => p.Id == u.ProvinceId).Select(p => p.Name).FirstOrDefault(),
                u.IsActive,
                u.TwoFactorEnabled,
                // Some address (or every new one) must wait before trying this account again (ADR 0024).
                Blocked = db.SignInThrottles.Any(t => t.AccountKey == u.NormalizedEmail && t.BlockedUntilUtc > nowUtc),
            })
            .ToPageAsync(filter.Page, PageSize, cancellationToken);
        filter.Page = page.Page;
        return new UserListPage(
            filter,
            [.. page.Rows.Select(u => new UserRow(u.Id, u.FullName, u.Email, u.Role, u.AgencyCode, u.ProvinceName, u.IsActive, u.TwoFactorEnabled, u.Blocked))],
            page.Total,
            page.PageCount,
            await OptionsAsync(cancellationToken));
    }

    public async Task<UserEditPage?> EditPageAsync(string id, string? currentUserId, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (user is null)
        {
            return null;
        }

        var form = new UserForm
        {
            FullName = user.FullName,
            Email = user.Email ?? string.Empty,
            Role = user.Role,
            AgencyId = user.AgencyId,
            ProvinceId = user.ProvinceId,
        };
        return await EditPageAsync(user.Id, form, currentUserId, cancellationToken);
    }

    /// <summary>The active administrators other than this account, by name and e-mail: who keeps the portal after a self-demotion.</summary>
    public async Task<IReadOnlyList<string>> OtherAdministratorsAsync(string id, CancellationToken cancellationToken)
    {
        var administrator = Permissions.AdministratorRole;
        return await db.Users.AsNoTracking()
            .Where(u => u.Role == administrator && u.IsActive && u.Id != id)
            .OrderBy(u => u.FullName)
            .Select(u => u.FullName + " (" + u.Email + ")")
            .ToListAsync(cancellationToken);
    }

    /// <summary>The edit page around a form as typed (after a failed save, what was typed stays).</summary>
    public async Task<UserEditPage?> EditPageAsync(string id, UserForm form, string? currentUserId, CancellationToken cancellationToken)
    {
        var state = await db.Users.AsNoTracking()
            .Where(u => u.Id == id)
            .Select(u => new { u.IsActive, u.TwoFactorEnabled, u.CreatedAtUtc, u.Email, u.NormalizedEmail, u.Id })
            .SingleOrDefaultAsync(cancellationToken);
        if (state is null)
        {
            return null;
        }

        var failures = await throttling.ListAsync(state.NormalizedEmail ?? state.Id, cancellationToken);

        // An account of a unit that has since merged: the form offers only today's units, so it
        // proposes the successor and says that saving moves the account there.
        string? provinceNotice = null;
        var catalog = await provinces.LoadAsync(cancellationToken);
        if (form.ProvinceId is { } provinceId && catalog.Find(provinceId) is { } province && !province.IsValidOn(VietnamTime.Today(clock.GetUtcNow())))
        {
            var successor = catalog.CurrentUnitOf(provinceId);
            form.ProvinceId = successor.Id == provinceId ? null : successor.Id;
            provinceNotice = successor.Id == provinceId ? province.Name : $"{province.Name}|{successor.Name}|{Display.Date(province.ValidTo!.Value)}";
        }

        return new UserEditPage(id, form, await OptionsAsync(cancellationToken), state.IsActive, state.TwoFactorEnabled, failures, state.CreatedAtUtc, id == currentUserId, state.Email ?? string.Empty)
        {
            ProvinceNotice = provinceNotice,
        };
    }

    /// <summary>
    /// The choices of the account form: agencies, and only the units that exist today (an account
    /// is never placed in a unit that has merged). The list filter also offers the units that ended,
    /// to find accounts still placed there.
    /// </summary>
    public async Task<UserFormOptions> OptionsAsync(CancellationToken cancellationToken)
    {
        var today = VietnamTime.Today(clock.GetUtcNow());
        var agencies = await db.Agencies.AsNoTracking().OrderBy(a => a.Code).ToListAsync(cancellationToken);
        var catalog = await provinces.LoadAsync(cancellationToken);
        return new UserFormOptions(
            [.. agencies.Select(a => new Choice(a.Id, a.NameOn(today).ShortName))],
            [.. catalog.ValidOn(today).Select(p => new ProvinceOption(p.Id, p.Name, null))],
            [.. catalog.All.Select(p => new ProvinceOption(p.Id, p.Name, p.ValidTo is { } to && to < today ? to : null))]);
    }

    /// <summary>The units an exemption can be given to for a plan year: those that existed during it.</summary>
    public async Task<IReadOnlyList<ProvinceOption>> ProvincesOfYearAsync(int year, CancellationToken cancellationToken)
    {
        var catalog = await provinces.LoadAsync(cancellationToken);
        var yearEnd = new DateOnly(year, 12, 31);
        return [.. catalog.ExistingBetween(new DateOnly(year, 1, 1), yearEnd)
            .Select(p => new ProvinceOption(p.Id, p.NameOn(p.ValidTo is { } to && to < yearEnd ? to : yearEnd), p.ValidTo is { } end && end < yearEnd ? end : null))
            .OrderBy(p => p.Name, VietnameseOrder.Names)];
    }
}
