using System.ComponentModel.DataAnnotations;
using CoordinationPortal.Domain.Provinces;
using CoordinationPortal.Web.Infrastructure;

namespace CoordinationPortal.Web.Features.Provinces;

/// <summary>Which units the province list shows.</summary>
public enum ProvinceListShow
{
    /// <summary>The units that exist today (the 34 since 01/07/2025).</summary>
    Today = 1,

    /// <summary>The units that existed on a chosen day (the 63 on 30/06/2025).</summary>
    OnDate = 2,

    /// <summary>Every unit that ever existed, ended ones too.</summary>
    All = 3,
}

/// <summary>The list's filter, from the query string.</summary>
public sealed class ProvinceFilter
{
    public ProvinceListShow? Show { get; set; }

    public DateOnly? On { get; set; }
}

/// <summary>
/// A unit named in another unit's row (a predecessor, a successor); links to its own page. Its
/// region helps an administrator decide the region of a unit formed from units of two regions.
/// </summary>
public sealed record ProvinceLink(int Id, string Code, string Name, SocioEconomicRegion? Region);

public sealed record FormerNameRow(string Name, ProvinceType Type, DateOnly? From, DateOnly To);

/// <summary>One province-level unit as an administrator sees it: names over time, validity and lineage.</summary>
public sealed record ProvinceRow(
    int Id,
    string Code,
    string Name,
    ProvinceType Type,
    SocioEconomicRegion? Region,
    DateOnly? ValidFrom,
    DateOnly? ValidTo,
    IReadOnlyList<FormerNameRow> FormerNames,
    IReadOnlyList<ProvinceLink> Predecessors,
    ProvinceLink? Successor)
{
    /// <summary>A unit without a region (a merger across two old regions) waits for an administrator's decision.</summary>
    public bool NeedsRegion => Region is null;
}

/// <summary>
/// The list: the units asked for, how many of today's units still need a region, and how many
/// accounts still belong to units that have merged (a link to the move page).
/// </summary>
public sealed record ProvinceListPage(
    ProvinceListShow Show,
    DateOnly On,
    DateOnly Today,
    IReadOnlyList<ProvinceRow> Rows,
    IReadOnlyList<ProvinceLink> NeedingRegion,
    int AccountsToMove);

/// <summary>What an administrator may change of a unit: how its current name is written, and its region.</summary>
public sealed class ProvinceForm
{
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(Province.MaxNameLength, ErrorMessage = "Validation.TooLongMax")]
    [Display(Name = "Provinces.Name")]
    public string? Name { get; set; }

    /// <summary>A region's name (<see cref="SocioEconomicRegion"/>), or empty for "not decided yet".</summary>
    public string? Region { get; set; }

    /// <summary>The name the form was shown with: a save over someone else's change is a conflict, not a silent overwrite.</summary>
    public string? OriginalName { get; set; }

    /// <summary>The region the form was shown with (empty for none).</summary>
    public string? OriginalRegion { get; set; }

    /// <summary>How a region travels in the form: its name, or empty for none.</summary>
    public static string RegionValue(SocioEconomicRegion? region) => region?.ToString() ?? string.Empty;

    /// <summary>Reads a posted region: empty is "not decided"; anything but a region's name is refused.</summary>
    public static bool TryReadRegion(string? text, out SocioEconomicRegion? region)
    {
        region = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        // Names only: Enum.TryParse would also take "7" or "1,2", which are not regions.
        var match = Enum.GetValues<SocioEconomicRegion>().Where(r => string.Equals(r.ToString(), text.Trim(), StringComparison.Ordinal)).ToList();
        if (match.Count != 1)
        {
            return false;
        }

        region = match[0];
        return true;
    }
}

/// <summary>The unit's page: its facts and lineage, the form, and after a conflict what was saved meanwhile.</summary>
public sealed record ProvinceEditPage(ProvinceRow Unit, ProvinceForm Form, ConflictView? Conflict);

/// <summary>The name and region of a unit as stored now (what a conflicting save is compared with).</summary>
public sealed record ProvinceState(string Name, SocioEconomicRegion? Region);

/// <summary>A saved unit: where the list that follows should show it.</summary>
public sealed record ProvinceSaved(int Id, string Name, bool ValidToday);

/// <summary>An account whose unit has merged, and the unit that carries it on today.</summary>
public sealed record AccountMoveRow(string UserId, string FullName, string Email, bool IsActive, ProvinceLink From, ProvinceLink To, string? AgencyCode);

public sealed record AccountMovesPage(DateOnly Today, IReadOnlyList<AccountMoveRow> Rows);

/// <summary>The preview as it was shown: each account and the unit it was in, so that a list that changed since is refused.</summary>
public sealed class MoveForm
{
    public List<MoveItem> Accounts { get; set; } = [];
}

public sealed class MoveItem
{
    public string? UserId { get; set; }

    public int ProvinceId { get; set; }
}

/// <summary>How a unit's validity and earlier names read on the province pages.</summary>
public static class ProvinceText
{
    /// <summary>"01/07/2025 – 31/12/2030", "từ 01/07/2025", "đến 30/06/2025", or "không thời hạn".</summary>
    public static string Validity(this Microsoft.Extensions.Localization.IStringLocalizer l, DateOnly? from, DateOnly? to)
    {
        ArgumentNullException.ThrowIfNull(l);
        return (from, to) switch
        {
            ({ } f, { } t) => l["Provinces.ValidFromTo", Display.Date(f), Display.Date(t)],
            ({ } f, null) => l["Provinces.ValidFrom", Display.Date(f)],
            (null, { } t) => l["Provinces.ValidUntil", Display.Date(t)],
            _ => l["Provinces.ValidAlways"],
        };
    }

    /// <summary>"Thừa Thiên Huế (tỉnh) đến 31/12/2024".</summary>
    public static string FormerName(this Microsoft.Extensions.Localization.IStringLocalizer l, FormerNameRow name)
    {
        ArgumentNullException.ThrowIfNull(l);
        ArgumentNullException.ThrowIfNull(name);
        var type = l["ProvinceType." + name.Type];
        return name.From is { } from
            ? l["Provinces.FormerNameBetween", name.Name, type, Display.Date(from), Display.Date(name.To)]
            : l["Provinces.FormerName", name.Name, type, Display.Date(name.To)];
    }
}
