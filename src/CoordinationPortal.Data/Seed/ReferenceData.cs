using CoordinationPortal.Domain.Agencies;
using CoordinationPortal.Domain.Plans;

namespace CoordinationPortal.Data.Seed;

/// <summary>The agencies, the programme and the provinces every plan refers to.</summary>
internal static class ReferenceData
{
    /// <summary>CEMA became the Ministry of Ethnic and Religious Affairs on this day.</summary>
    public static readonly DateOnly CemaBecameMinistry = new(2025, 3, 1);

    public static Agency Vwu() => new(
        AgencyCodes.Vwu,
        new AgencyName(
            validFrom: null,
            fullName: "Hội Liên hiệp Phụ nữ Việt Nam",
            shortName: "Hội LHPN Việt Nam",
            abbreviation: "HLHPNVN",
            englishName: "Vietnam Women's Union",
            branchName: "Hội LHPN tỉnh, thành phố",
            englishBranchName: "Provincial Women's Union"));

    public static Agency Cema()
    {
        var cema = new Agency(
            AgencyCodes.Cema,
            new AgencyName(
                validFrom: null,
                fullName: "Ủy ban Dân tộc",
                shortName: "Ủy ban Dân tộc",
                abbreviation: "UBDT",
                englishName: "Committee for Ethnic Minority Affairs",
                branchName: "Ban Dân tộc tỉnh, thành phố",
                englishBranchName: "Provincial Ethnic Affairs Committee"));
        cema.Rename(MinistryName());
        return cema;
    }

    public static AgencyName MinistryName() => new(
        validFrom: CemaBecameMinistry,
        fullName: "Bộ Dân tộc và Tôn giáo",
        shortName: "Bộ Dân tộc và Tôn giáo",
        abbreviation: "BDTTG",
        englishName: "Ministry of Ethnic and Religious Affairs",
        branchName: "Cơ quan công tác dân tộc tỉnh, thành phố",
        englishBranchName: "Provincial ethnic affairs agency");

    public static CoordinationProgramme Programme() => new(
        number: "1541/CTPH-UBDT-HLHPN",
        signedOn: new DateOnly(2021, 10, 12),
        firstYear: 2021,
        lastYear: 2025,
        title: "Chương trình phối hợp công tác giữa Ủy ban Dân tộc và Hội Liên hiệp Phụ nữ Việt Nam giai đoạn 2021-2025");
}
