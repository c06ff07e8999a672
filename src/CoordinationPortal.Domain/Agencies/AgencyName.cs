using CoordinationPortal.Domain.Common;

namespace CoordinationPortal.Domain.Agencies;

/// <summary>What an agency and its provincial branches were called during one period.</summary>
public sealed class AgencyName
{
    public const int MaxNameLength = 200;
    public const int MaxAbbreviationLength = 20;

    public AgencyName(
        DateOnly? validFrom,
        string fullName,
        string shortName,
        string abbreviation,
        string englishName,
        string branchName,
        string englishBranchName)
    {
        ValidFrom = validFrom;
        FullName = Guard.Text(fullName, MaxNameLength, "Agency name");
        ShortName = Guard.Text(shortName, MaxNameLength, "Agency short name");
        Abbreviation = Guard.Text(abbreviation, MaxAbbreviationLength, "Agency abbreviation");
        EnglishName = Guard.Text(englishName, MaxNameLength, "Agency English name");
        BranchName = Guard.Text(branchName, MaxNameLength, "Branch name");
        EnglishBranchName = Guard.Text(englishBranchName, MaxNameLength, "Branch English name");
    }

    public DateOnly? ValidFrom { get; private set; }

    /// <summary>Last day of this name; null while it is the current name.</summary>
    public DateOnly? ValidTo { get; private set; }

    /// <summary>"Ủy ban Dân tộc", "Hội Liên hiệp Phụ nữ Việt Nam".</summary>
    public string FullName { get; private set; }

    /// <summary>"Ủy ban Dân tộc", "Hội LHPN Việt Nam": how running text names the agency.</summary>
    public string ShortName { get; private set; }

    /// <summary>"UBDT", "HLHPNVN".</summary>
    public string Abbreviation { get; private set; }

    public string EnglishName { get; private set; }

    /// <summary>The agency's body in a province: "Hội LHPN tỉnh", "Ban Dân tộc tỉnh".</summary>
    public string BranchName { get; private set; }

    public string EnglishBranchName { get; private set; }

    public ValidityPeriod Validity => new(ValidFrom, ValidTo);

    internal void EndOn(DateOnly lastDay)
    {
        if (ValidFrom is { } from && lastDay < from)
        {
            throw new DomainRuleException($"A name valid from {from:dd/MM/yyyy} cannot end on {lastDay:dd/MM/yyyy}.");
        }

        ValidTo = lastDay;
    }
}
