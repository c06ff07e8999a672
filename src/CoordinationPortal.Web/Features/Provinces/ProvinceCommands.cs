using System.Globalization;
using CoordinationPortal.Data;
using CoordinationPortal.Data.Auditing;
using CoordinationPortal.Data.Identity;
using CoordinationPortal.Domain.Access;
using CoordinationPortal.Domain.Auditing;
using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Domain.Common;
using CoordinationPortal.Web.Features.Reports;
using CoordinationPortal.Web.Infrastructure;
using CoordinationPortal.Web.Infrastructure.Commands;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CoordinationPortal.Web.Features.Provinces;

/// <summary>
/// The one write path of provinces (an administrator's region and spelling of the current name;
/// codes and lineage are seed data) and of moving the accounts of merged units to their successor.
/// The audit interceptor records every changed field; the move adds one summary entry.
/// </summary>
public sealed class ProvinceCommands(
    PortalDbContext db,
    UserManager<PortalUser> users,
    ProvinceDirectory directory,
    IAuditContext who,
    IStringLocalizer<SharedResource> localizer,
    TimeProvider clock)
{
    public const string AccountMoveEntity = "AccountMove";
    public const string NothingToMove = "Provinces.NothingToMove";
    public const string MovesChanged = "Provinces.MovesChanged";

    /// <summary>
    /// Sets the unit's current name and region. A form shown before someone else saved is a
    /// conflict, unless it asks for exactly what is stored now (a double click).
    /// </summary>
    public async Task<Result<ProvinceSaved>> SaveAsync(Caller caller, int id, ProvinceForm form, FieldErrors errors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(errors);
        if (!Permissions.CanAdminister(caller.Actor))
        {
            return Refusal.Forbidden;
        }

        var province = await db.Provinces.SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (province is null)
        {
            return Refusal.NotFound;
        }

        if (!ProvinceForm.TryReadRegion(form.Region, out var region))
        {
            errors.Add(nameof(ProvinceForm.Region), localizer["Provinces.UnknownRegion"]);
        }

        var name = PlainText.Clean(form.Name)?.Trim() ?? string.Empty;
        if (name.Length == 0)
        {
            // Only control characters: nothing is left once cleaned, so it is as if nothing was typed.
            errors.Add(nameof(ProvinceForm.Name), localizer["Validation.Required", localizer["Provinces.Name"]]);
        }

        if (errors.Any)
        {
            return Refusal.Invalid(errors);
        }

        var startedFromStored = string.Equals(PlainText.Clean(form.OriginalName)?.Trim(), province.Name, StringComparison.Ordinal)
            && ProvinceForm.TryReadRegion(form.OriginalRegion, out var originalRegion) && originalRegion == province.Region;
        var asksForStored = string.Equals(name, province.Name, StringComparison.Ordinal) && region == province.Region;
        if (!startedFromStored && !asksForStored)
        {
            return Refusal.Conflict(new ProvinceState(province.Name, province.Region));
        }

        try
        {
            province.Rename(name);
            province.SetRegion(region);
        }
        catch (DomainRuleException rule)
        {
            return Refusal.Invalid(errors.Add(rule.Code == "Rule.UnknownRegion" ? nameof(ProvinceForm.Region) : nameof(ProvinceForm.Name), localizer.Describe(rule)));
        }

        await db.SaveChangesAsync(cancellationToken); // nothing changed, nothing written (and nothing audited)
        return Result.Done(new ProvinceSaved(province.Id, province.Name, province.IsValidOn(VietnamTime.Today(clock.GetUtcNow()))));
    }

    /// <summary>
    /// Moves every account of a unit that has ended by merging to the unit that carries it on today,
    /// in one transaction, if the accounts are still exactly those of the preview; returns how many
    /// moved. Each account's security stamp changes, so its sessions end at their next check and the
    /// next sign-in carries the new province and its predecessors.
    /// </summary>
    public async Task<Result<int>> MoveAccountsAsync(Caller caller, MoveForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(form);
        if (!Permissions.CanAdminister(caller.Actor))
        {
            return Refusal.Forbidden;
        }

        var catalog = await directory.LoadAsync(cancellationToken);
        var moves = MergedUnits.EndedWithSuccessor(catalog, VietnamTime.Today(clock.GetUtcNow()));
        var ended = moves.Keys.ToList();

        // The transaction takes the write lock before reading (SQLite: BEGIN IMMEDIATE), so a second
        // confirmation waits for this one and then finds nothing left to move.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var accounts = await db.Users.Where(u => u.ProvinceId != null && ended.Contains(u.ProvinceId.Value)).ToListAsync(cancellationToken);
        if (accounts.Count == 0)
        {
            return Refusal.Because(NothingToMove);
        }

        var previewed = form.Accounts.Select(a => (a.UserId ?? string.Empty, a.ProvinceId)).ToHashSet();
        if (!previewed.SetEquals(accounts.Select(u => (u.Id, u.ProvinceId!.Value))))
        {
            return Refusal.Because(MovesChanged);
        }

        var moved = new List<(string From, string To)>();
        foreach (var user in accounts.OrderBy(u => u.Email, StringComparer.Ordinal))
        {
            var from = catalog[user.ProvinceId!.Value];
            var to = moves[from.Id];
            user.ProvinceId = to.Id;
            user.SearchText = PortalUser.SearchTextOf(user.FullName, user.Email ?? string.Empty, to.Name);
            var saved = await users.UpdateSecurityStampAsync(user);
            if (!saved.Succeeded)
            {
                // Changed by someone else meanwhile (concurrency stamp): nothing is kept, the preview is shown again.
                db.ChangeTracker.Clear();
                return Refusal.Because(MovesChanged);
            }

            moved.Add((from.Code, to.Code));
        }

        var summary = string.Join(", ", moved.GroupBy(m => m).OrderBy(g => g.Key.From, StringComparer.Ordinal).Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Key.From}->{g.Key.To} x{g.Count()}")));
        db.RecordEvent(AuditAction.Updated, AccountMoveEntity, null, who.UserId, who.UserName, string.Create(CultureInfo.InvariantCulture, $"{moved.Count} accounts of merged provinces moved to today's units: {summary}"));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result.Done(moved.Count);
    }
}
