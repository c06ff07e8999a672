using System.Collections.Concurrent;
using CoordinationPortal.Data;
using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Domain.Provinces;
using Microsoft.EntityFrameworkCore;

namespace CoordinationPortal.Web.Features.Provinces;

/// <summary>How a view that spans several quarters or years places a report: where its unit lives on today, or as it was.</summary>
public enum ProvinceBoundaries
{
    /// <summary>"Theo địa giới hiện nay": a past unit's history is rolled up under the unit that carries it on today.</summary>
    Current = 1,

    /// <summary>"Theo địa giới tại thời điểm báo cáo": each report under the unit that sent it.</summary>
    AtTheTime = 2,
}

/// <summary>
/// Every province-level unit that ever existed, with its names over time and its lineage: a small,
/// fixed list (63 + 23), kept in memory between requests (ProvinceCatalogCache) and asked there, so a page names each unit as it
/// was called in the quarter it shows, and can roll history up to today's units.
/// </summary>
public sealed class ProvinceCatalog
{
    private readonly Dictionary<int, Province> _byId;
    private readonly ConcurrentDictionary<Quarter, IReadOnlyList<Province>> _countingIn = new();

    public ProvinceCatalog(IReadOnlyList<Province> provinces)
    {
        ArgumentNullException.ThrowIfNull(provinces);
        All = [.. provinces.OrderBy(p => p.Name, VietnameseOrder.Names).ThenBy(p => p.ValidFrom ?? DateOnly.MinValue)];
        _byId = provinces.ToDictionary(p => p.Id);
        Lineage = new ProvinceLineage(provinces.Select(p => (p.Id, p.SuccessorId)));
    }

    /// <summary>Every unit, in Vietnamese alphabetical order of its current name.</summary>
    public IReadOnlyList<Province> All { get; }

    public ProvinceLineage Lineage { get; }

    public Province this[int id] => _byId[id];

    public Province? Find(int id) => _byId.GetValueOrDefault(id);

    /// <summary>The unit's name on the last day of <paramref name="quarter"/>: the day its report is written for.</summary>
    public string NameIn(int id, Quarter quarter) => _byId.TryGetValue(id, out var p) ? p.NameOn(quarter.LastDay) : "?";

    /// <summary>
    /// The units expected to report for <paramref name="quarter"/>, in Vietnamese order of the names
    /// they had then. Worked out once per quarter: the catalogue lives as long as the process keeps
    /// it, and the dashboard, the report list and the jobs ask for the same few quarters every time.
    /// </summary>
    public IReadOnlyList<Province> CountingIn(Quarter quarter) =>
        _countingIn.GetOrAdd(quarter, q => [.. All.Where(p => p.CountsIn(q)).OrderBy(p => p.NameOn(q.LastDay), VietnameseOrder.Names)]);

    /// <summary>The units that existed on at least one day from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public IReadOnlyList<Province> ExistingBetween(DateOnly from, DateOnly to) =>
        [.. All.Where(p => p.Validity.Overlaps(new Domain.Common.ValidityPeriod(from, to)))];

    /// <summary>The units that exist on <paramref name="date"/> (today's 34 for today).</summary>
    public IReadOnlyList<Province> ValidOn(DateOnly date) => [.. All.Where(p => p.IsValidOn(date))];

    /// <summary>The unit that carries <paramref name="id"/> on today.</summary>
    public Province CurrentUnitOf(int id) => _byId[Lineage.CurrentUnitOf(id)];

    /// <summary>The unit a report of <paramref name="id"/> is placed under for the chosen boundaries.</summary>
    public Province PlacedUnder(int id, ProvinceBoundaries boundaries) => boundaries == ProvinceBoundaries.Current ? CurrentUnitOf(id) : _byId[id];
}

/// <summary>
/// The province catalogue of a request: the copy this process keeps (<see cref="ProvinceCatalogCache"/>),
/// read from the database when it changed. The catalogue and its units are shared between requests:
/// read them, never change them (a change goes through a tracked unit of the request's context).
/// </summary>
public sealed class ProvinceDirectory(PortalDbContext db, ProvinceCatalogCache shared)
{
    // One command, not two: the few former names come joined to their units (86 rows either way)
    // rather than in a split query of their own; compiled.
    private static readonly Func<PortalDbContext, IAsyncEnumerable<Province>> AllUnits = EF.CompileAsyncQuery(
        (PortalDbContext db) => db.Provinces.AsNoTracking().AsSingleQuery());

    private ProvinceCatalog? _catalog;

    public async Task<ProvinceCatalog> LoadAsync(CancellationToken cancellationToken) =>
        _catalog ??= await shared.GetAsync(ReadAsync, cancellationToken);

    private async Task<ProvinceCatalog> ReadAsync(CancellationToken cancellationToken)
    {
        var units = new List<Province>();
        await foreach (var unit in AllUnits(db).WithCancellation(cancellationToken))
        {
            units.Add(unit);
        }

        return new ProvinceCatalog(units);
    }
}
