using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Domain.Common;

namespace CoordinationPortal.Domain.Provinces;

/// <summary>
/// A province-level unit (tỉnh / thành phố trực thuộc trung ương) during its validity period.
/// Provinces are data, not code: 63 until 30/06/2025, 34 from 01/07/2025, and a code may be
/// reused by a new unit, so the natural key is code + start of validity.
/// </summary>
public sealed class Province
{
    public const int CodeLength = 2;
    public const int MaxNameLength = 100;

    public Province(string code, string name, SocioEconomicRegion region, DateOnly? validFrom, DateOnly? validTo)
    {
        code = Guard.Text(code, CodeLength, "Province code");
        if (code.Length != CodeLength || !code.All(char.IsAsciiDigit))
        {
            throw new DomainRuleException($"Province code '{code}' must be two digits.");
        }

        if (!Enum.IsDefined(region))
        {
            throw new DomainRuleException($"Unknown region {region}.");
        }

        Code = code;
        Name = Guard.Text(name, MaxNameLength, "Province name");
        Region = region;
        _ = new ValidityPeriod(validFrom, validTo); // validates the order of the two dates
        ValidFrom = validFrom;
        ValidTo = validTo;
    }

    public int Id { get; private set; }

    /// <summary>Official two-digit code: "01" Hà Nội ... "96" Cà Mau.</summary>
    public string Code { get; private set; }

    public string Name { get; private set; }

    public SocioEconomicRegion Region { get; private set; }

    public DateOnly? ValidFrom { get; private set; }

    public DateOnly? ValidTo { get; private set; }

    public ValidityPeriod Validity => new(ValidFrom, ValidTo);

    public bool IsValidOn(DateOnly date) => Validity.Contains(date);

    /// <summary>Whether the province is expected to report for <paramref name="quarter"/>.</summary>
    public bool CountsIn(Quarter quarter) => Validity.CountsIn(quarter);
}
