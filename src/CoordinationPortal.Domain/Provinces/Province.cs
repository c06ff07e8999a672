using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Domain.Common;

namespace CoordinationPortal.Domain.Provinces;

/// <summary>Tỉnh, or thành phố trực thuộc trung ương (a centrally-run city).</summary>
public enum ProvinceType
{
    Province = 1,
    CentrallyRunCity = 2,
}

/// <summary>
/// A province-level unit (tỉnh / thành phố trực thuộc trung ương) during its validity period.
/// Provinces are data, not code: 63 until 30/06/2025, 34 from 01/07/2025 (11 of them the same units,
/// continuing; 23 formed by merger). A code may be reused by a new unit, so the natural key is
/// code + start of validity. A unit that merged knows its successor; a unit's name and type may have
/// changed during its life (code 46: "Thừa Thiên Huế", a tỉnh, until 31/12/2024, then "Huế", a city).
/// </summary>
public sealed class Province
{
    public const int CodeLength = 2;
    public const int MaxNameLength = 100;

    private readonly List<FormerProvinceName> _formerNames = [];

    public Province(string code, string name, ProvinceType type, SocioEconomicRegion? region, DateOnly? validFrom, DateOnly? validTo)
    {
        code = Guard.Text(code, CodeLength, "Province code");
        if (code.Length != CodeLength || !code.All(char.IsAsciiDigit))
        {
            throw new DomainRuleException($"Province code '{code}' must be two digits.");
        }

        Code = code;
        Name = Guard.Text(name, MaxNameLength, "Province name");
        Type = Enum.IsDefined(type) ? type : throw new DomainRuleException($"Unknown province type {type}.");
        SetRegion(region);
        _ = new ValidityPeriod(validFrom, validTo); // validates the order of the two dates
        ValidFrom = validFrom;
        ValidTo = validTo;
    }

    private Province()
    {
        Code = string.Empty;
        Name = string.Empty;
    }

    public int Id { get; private set; }

    /// <summary>Official two-digit code: "01" Hà Nội ... "96" Cà Mau (the 34 use official letter 915/CTK-CSCL).</summary>
    public string Code { get; private set; }

    /// <summary>The current name ("Huế"); earlier names are in <see cref="FormerNames"/>.</summary>
    public string Name { get; private set; }

    public ProvinceType Type { get; private set; }

    /// <summary>The socio-economic region; null while nobody knows (a merged unit that spans two old regions).</summary>
    public SocioEconomicRegion? Region { get; private set; }

    public DateOnly? ValidFrom { get; private set; }

    public DateOnly? ValidTo { get; private set; }

    /// <summary>The unit this one merged into, for a unit that ended by merger.</summary>
    public int? SuccessorId { get; private set; }

    public IReadOnlyList<FormerProvinceName> FormerNames => _formerNames;

    public ValidityPeriod Validity => new(ValidFrom, ValidTo);

    public bool IsValidOn(DateOnly date) => Validity.Contains(date);

    /// <summary>Whether the province is expected to report for <paramref name="quarter"/>.</summary>
    public bool CountsIn(Quarter quarter) => Validity.CountsIn(quarter);

    /// <summary>The name the unit had on <paramref name="date"/>: what a page about that day shows.</summary>
    public string NameOn(DateOnly date) => _formerNames.Find(n => n.Contains(date))?.Name ?? Name;

    public ProvinceType TypeOn(DateOnly date) => _formerNames.Find(n => n.Contains(date))?.Type ?? Type;

    /// <summary>An administrator's setting: regions of merged units are not always known from a source.</summary>
    public void SetRegion(SocioEconomicRegion? region)
    {
        if (region is { } r && !Enum.IsDefined(r))
        {
            throw new DomainRuleException("Rule.UnknownRegion", $"Unknown region {r}.", r);
        }

        Region = region;
    }

    /// <summary>An administrator's correction of how the current name is written; earlier names stay as they were.</summary>
    public void Rename(string name) => Name = Guard.Text(name, MaxNameLength, "Province name");

    /// <summary>
    /// Records that the unit had another name (and type) until <paramref name="lastDay"/>; the current
    /// name applies after it. Recording the same former name twice changes nothing.
    /// </summary>
    public void RecordFormerName(string name, ProvinceType type, DateOnly? firstDay, DateOnly lastDay)
    {
        var former = new FormerProvinceName(Guard.Text(name, MaxNameLength, "Former name"), type, firstDay, lastDay);
        if (_formerNames.Exists(n => n.ValidTo == lastDay))
        {
            return;
        }

        if (_formerNames.Exists(n => n.Overlaps(former)))
        {
            throw new DomainRuleException($"{Code} already has a former name in that period.");
        }

        _formerNames.Add(former);
    }

    /// <summary>The unit ended by merging into <paramref name="successor"/>, which starts the day after it ends.</summary>
    public void MergeInto(Province successor)
    {
        ArgumentNullException.ThrowIfNull(successor);
        if (ValidTo is not { } lastDay || successor.ValidFrom != lastDay.AddDays(1))
        {
            throw new DomainRuleException($"{Code} ({ValidTo:dd/MM/yyyy}) cannot merge into {successor.Code} (from {successor.ValidFrom:dd/MM/yyyy}): the successor must start the day after it ends.");
        }

        if (successor.Id == 0)
        {
            throw new DomainRuleException("A successor must be saved first.");
        }

        SuccessorId = successor.Id;
    }

    /// <summary>The unit was kept as it was by a reorganisation: it goes on with no end date.</summary>
    public void ContinueWithoutEnd()
    {
        if (SuccessorId is not null)
        {
            throw new DomainRuleException($"{Code} merged into another unit; it cannot also continue.");
        }

        ValidTo = null;
    }

    /// <summary>The unit ends on <paramref name="lastDay"/> (a reorganisation the seed records).</summary>
    public void EndOn(DateOnly lastDay)
    {
        _ = new ValidityPeriod(ValidFrom, lastDay);
        ValidTo = lastDay;
    }

    /// <summary>The unit's current type (a tỉnh that became a city keeps its old type in its former names).</summary>
    public void ChangeType(ProvinceType type) =>
        Type = Enum.IsDefined(type) ? type : throw new DomainRuleException($"Unknown province type {type}.");
}

/// <summary>A name (and type) a province had for a period before its current one.</summary>
public sealed class FormerProvinceName
{
    internal FormerProvinceName(string name, ProvinceType type, DateOnly? validFrom, DateOnly validTo)
    {
        _ = new ValidityPeriod(validFrom, validTo);
        Name = name;
        Type = type;
        ValidFrom = validFrom;
        ValidTo = validTo;
    }

    private FormerProvinceName()
    {
        Name = string.Empty;
    }

    public string Name { get; private set; }

    public ProvinceType Type { get; private set; }

    public DateOnly? ValidFrom { get; private set; }

    public DateOnly ValidTo { get; private set; }

    public bool Contains(DateOnly date) => new ValidityPeriod(ValidFrom, ValidTo).Contains(date);

    internal bool Overlaps(FormerProvinceName other) => new ValidityPeriod(ValidFrom, ValidTo).Overlaps(new ValidityPeriod(other.ValidFrom, other.ValidTo));
}
