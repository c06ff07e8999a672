using System.Globalization;
using CoordinationPortal.Data;
using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Domain.Provinces;
using CoordinationPortal.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CoordinationPortal.Web.Features.Provinces;

/// <summary>Reads for the province pages: the list with lineage, one unit's page, the accounts to move.</summary>
public sealed class ProvinceQueries(PortalDbContext db, ProvinceDirectory directory, IStringLocalizer<SharedResource> localizer, TimeProvider clock)
{
    public async Task<ProvinceListPage> ListAsync(ProvinceFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var catalog = await directory.LoadAsync(cancellationToken);
        var today = VietnamTime.Today(clock.GetUtcNow());
        var show = filter.Show ?? (filter.On is null ? ProvinceListShow.Today : ProvinceListShow.OnDate);
        var on = show == ProvinceListShow.OnDate ? filter.On ?? today : today;
        var units = show == ProvinceListShow.All ? catalog.All : catalog.ValidOn(on);
        var ended = MergedUnits.EndedWithSuccessor(catalog, today).Keys.ToList();
        var accountsToMove = await db.Users.CountAsync(u => u.ProvinceId != null && ended.Contains(u.ProvinceId.Value), cancellationToken);
        return new ProvinceListPage(
            show,
            on,
            today,
            [.. units.Select(p => Row(catalog, p))],
            [.. catalog.ValidOn(today).Where(p => p.Region is null).Select(Link)],
            accountsToMove);
    }

    /// <summary>The unit's page with its stored name and region in the form; null when there is no such unit.</summary>
    public async Task<ProvinceEditPage?> EditPageAsync(int id, CancellationToken cancellationToken)
    {
        var catalog = await directory.LoadAsync(cancellationToken);
        if (catalog.Find(id) is not { } province)
        {
            return null;
        }

        var form = new ProvinceForm
        {
            Name = province.Name,
            Region = ProvinceForm.RegionValue(province.Region),
            OriginalName = province.Name,
            OriginalRegion = ProvinceForm.RegionValue(province.Region),
        };
        return new ProvinceEditPage(Row(catalog, province), form, null);
    }

    /// <summary>
    /// The unit's page around a form as typed. After a conflict, the form starts from what is stored
    /// now, so that saving again is a deliberate overwrite, and the page says who saved it and when.
    /// </summary>
    public async Task<ProvinceEditPage?> EditPageAsync(int id, ProvinceForm form, ProvinceState? savedMeanwhile, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var catalog = await directory.LoadAsync(cancellationToken);
        if (catalog.Find(id) is not { } province)
        {
            return null;
        }

        ConflictView? conflict = null;
        if (savedMeanwhile is not null)
        {
            form.OriginalName = savedMeanwhile.Name;
            form.OriginalRegion = ProvinceForm.RegionValue(savedMeanwhile.Region);
            var key = id.ToString(CultureInfo.InvariantCulture);
            var last = await db.AuditEntries.AsNoTracking()
                .Where(e => e.EntityType == nameof(Province) && e.EntityId == key)
                .OrderByDescending(e => e.Id)
                .Select(e => new { e.UserName, e.OccurredAtUtc })
                .FirstOrDefaultAsync(cancellationToken);
            ProvinceForm.TryReadRegion(form.Region, out var typedRegion);
            conflict = new ConflictComparison()
                .Compare(localizer["Provinces.Name"], savedMeanwhile.Name, form.Name)
                .Compare(localizer["Provinces.Region"], RegionText(savedMeanwhile.Region), RegionText(typedRegion))
                .For(last?.UserName, last?.OccurredAtUtc ?? clock.GetUtcNow().UtcDateTime);
        }

        return new ProvinceEditPage(Row(catalog, province), form, conflict);
    }

    /// <summary>
    /// Every account (active or not) whose unit ended before today by merging, with the unit that
    /// carries it on today; in Vietnamese order of the new unit, the old unit and the person's name.
    /// </summary>
    public async Task<AccountMovesPage> MovesAsync(CancellationToken cancellationToken)
    {
        var catalog = await directory.LoadAsync(cancellationToken);
        var today = VietnamTime.Today(clock.GetUtcNow());
        var moves = MergedUnits.EndedWithSuccessor(catalog, today);
        var ended = moves.Keys.ToList();
        var accounts = await db.Users.AsNoTracking()
            .Where(u => u.ProvinceId != null && ended.Contains(u.ProvinceId.Value))
            .Select(u => new
            {
                u.Id,
                u.FullName,
                Email = u.Email ?? string.Empty,
                u.IsActive,
                ProvinceId = u.ProvinceId!.Value,
                AgencyCode = db.Agencies.Where(a => a.Id == u.AgencyId).Select(a => a.Code).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        var rows = accounts
            .Select(a => new AccountMoveRow(a.Id, a.FullName, a.Email, a.IsActive, Link(catalog[a.ProvinceId]), Link(moves[a.ProvinceId]), a.AgencyCode))
            .OrderBy(r => r.To.Name, VietnameseOrder.Names)
            .ThenBy(r => r.From.Name, VietnameseOrder.Names)
            .ThenBy(r => r.FullName, VietnameseOrder.Names)
            .ThenBy(r => r.Email, StringComparer.Ordinal)
            .ToList();
        return new AccountMovesPage(today, rows);
    }

    private string RegionText(SocioEconomicRegion? region) => localizer["Region." + (region?.ToString() ?? "Unknown")];

    private static ProvinceRow Row(ProvinceCatalog catalog, Province province) => new(
        province.Id,
        province.Code,
        province.Name,
        province.Type,
        province.Region,
        province.ValidFrom,
        province.ValidTo,
        [.. province.FormerNames.OrderBy(n => n.ValidTo).Select(n => new FormerNameRow(n.Name, n.Type, n.ValidFrom, n.ValidTo))],
        [.. catalog.Lineage.DirectPredecessorsOf(province.Id).Select(id => Link(catalog[id])).OrderBy(l => l.Name, VietnameseOrder.Names)],
        province.SuccessorId is { } successor ? Link(catalog[successor]) : null);

    private static ProvinceLink Link(Province province) => new(province.Id, province.Code, province.Name, province.Region);
}

/// <summary>Units that have ended by merging: their accounts belong to the unit that carries them on today.</summary>
public static class MergedUnits
{
    /// <summary>Each unit that ended before <paramref name="today"/> and has a successor -> today's unit that carries it.</summary>
    public static IReadOnlyDictionary<int, Province> EndedWithSuccessor(ProvinceCatalog catalog, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return catalog.All
            .Where(p => p.ValidTo is { } end && end < today && p.SuccessorId is not null)
            .ToDictionary(p => p.Id, p => catalog.CurrentUnitOf(p.Id));
    }
}
