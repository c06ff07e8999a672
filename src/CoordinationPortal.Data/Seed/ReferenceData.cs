using CoordinationPortal.Domain.Agencies;
using CoordinationPortal.Domain.Plans;
using CoordinationPortal.Domain.Provinces;

namespace CoordinationPortal.Data.Seed;

/// <summary>The agencies, the programme and the provinces every plan refers to.</summary>
internal static class ReferenceData
{
    /// <summary>CEMA became the Ministry of Ethnic and Religious Affairs on this day.</summary>
    public static readonly DateOnly CemaBecameMinistry = new(2025, 3, 1);

    /// <summary>The last day of the 63 provinces; the 34 merged provinces start the next day.</summary>
    public static readonly DateOnly LastDayOf63Provinces = new(2025, 6, 30);

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

    /// <summary>
    /// The 63 provinces and centrally-run cities with their official codes (Decision 124/2004/QĐ-TTg)
    /// and GSO socio-economic regions, valid until 30/06/2025.
    /// </summary>
    public static IEnumerable<Province> Provinces63()
    {
        (string Code, string Name, SocioEconomicRegion Region)[] rows =
        [
            ("01", "Hà Nội", SocioEconomicRegion.RedRiverDelta),
            ("02", "Hà Giang", SocioEconomicRegion.NorthernMidlandsAndMountains),
            ("04", "Cao Bằng", SocioEconomicRegion.NorthernMidlandsAndMountains),
            ("06", "Bắc Kạn", SocioEconomicRegion.NorthernMidlandsAndMountains),
            ("08", "Tuyên Quang", SocioEconomicRegion.NorthernMidlandsAndMountains),
            ("10", "Lào Cai", SocioEconomicRegion.NorthernMidlandsAndMountains),
            ("11", "Điện Biên", SocioEconomicRegion.NorthernMidlandsAndMountains),
            ("12", "Lai Châu", SocioEconomicRegion.NorthernMidlandsAndMountains),
            ("14", "Sơn La", SocioEconomicRegion.NorthernMidlandsAndMountains),
            ("15", "Yên Bái", SocioEconomicRegion.NorthernMidlandsAndMountains),
            ("17", "Hòa Bình", SocioEconomicRegion.NorthernMidlandsAndMountains),
            ("19", "Thái Nguyên", SocioEconomicRegion.NorthernMidlandsAndMountains),
            ("20", "Lạng Sơn", SocioEconomicRegion.NorthernMidlandsAndMountains),
            ("22", "Quảng Ninh", SocioEconomicRegion.RedRiverDelta),
            ("24", "Bắc Giang", SocioEconomicRegion.NorthernMidlandsAndMountains),
            ("25", "Phú Thọ", SocioEconomicRegion.NorthernMidlandsAndMountains),
            ("26", "Vĩnh Phúc", SocioEconomicRegion.RedRiverDelta),
            ("27", "Bắc Ninh", SocioEconomicRegion.RedRiverDelta),
            ("30", "Hải Dương", SocioEconomicRegion.RedRiverDelta),
            ("31", "Hải Phòng", SocioEconomicRegion.RedRiverDelta),
            ("33", "Hưng Yên", SocioEconomicRegion.RedRiverDelta),
            ("34", "Thái Bình", SocioEconomicRegion.RedRiverDelta),
            ("35", "Hà Nam", SocioEconomicRegion.RedRiverDelta),
            ("36", "Nam Định", SocioEconomicRegion.RedRiverDelta),
            ("37", "Ninh Bình", SocioEconomicRegion.RedRiverDelta),
            ("38", "Thanh Hóa", SocioEconomicRegion.NorthCentralAndCentralCoast),
            ("40", "Nghệ An", SocioEconomicRegion.NorthCentralAndCentralCoast),
            ("42", "Hà Tĩnh", SocioEconomicRegion.NorthCentralAndCentralCoast),
            ("44", "Quảng Bình", SocioEconomicRegion.NorthCentralAndCentralCoast),
            ("45", "Quảng Trị", SocioEconomicRegion.NorthCentralAndCentralCoast),
            ("46", "Thừa Thiên Huế", SocioEconomicRegion.NorthCentralAndCentralCoast),
            ("48", "Đà Nẵng", SocioEconomicRegion.NorthCentralAndCentralCoast),
            ("49", "Quảng Nam", SocioEconomicRegion.NorthCentralAndCentralCoast),
            ("51", "Quảng Ngãi", SocioEconomicRegion.NorthCentralAndCentralCoast),
            ("52", "Bình Định", SocioEconomicRegion.NorthCentralAndCentralCoast),
            ("54", "Phú Yên", SocioEconomicRegion.NorthCentralAndCentralCoast),
            ("56", "Khánh Hòa", SocioEconomicRegion.NorthCentralAndCentralCoast),
            ("58", "Ninh Thuận", SocioEconomicRegion.NorthCentralAndCentralCoast),
            ("60", "Bình Thuận", SocioEconomicRegion.NorthCentralAndCentralCoast),
            ("62", "Kon Tum", SocioEconomicRegion.CentralHighlands),
            ("64", "Gia Lai", SocioEconomicRegion.CentralHighlands),
            ("66", "Đắk Lắk", SocioEconomicRegion.CentralHighlands),
            ("67", "Đắk Nông", SocioEconomicRegion.CentralHighlands),
            ("68", "Lâm Đồng", SocioEconomicRegion.CentralHighlands),
            ("70", "Bình Phước", SocioEconomicRegion.Southeast),
            ("72", "Tây Ninh", SocioEconomicRegion.Southeast),
            ("74", "Bình Dương", SocioEconomicRegion.Southeast),
            ("75", "Đồng Nai", SocioEconomicRegion.Southeast),
            ("77", "Bà Rịa - Vũng Tàu", SocioEconomicRegion.Southeast),
            ("79", "TP. Hồ Chí Minh", SocioEconomicRegion.Southeast),
            ("80", "Long An", SocioEconomicRegion.MekongDelta),
            ("82", "Tiền Giang", SocioEconomicRegion.MekongDelta),
            ("83", "Bến Tre", SocioEconomicRegion.MekongDelta),
            ("84", "Trà Vinh", SocioEconomicRegion.MekongDelta),
            ("86", "Vĩnh Long", SocioEconomicRegion.MekongDelta),
            ("87", "Đồng Tháp", SocioEconomicRegion.MekongDelta),
            ("89", "An Giang", SocioEconomicRegion.MekongDelta),
            ("91", "Kiên Giang", SocioEconomicRegion.MekongDelta),
            ("92", "Cần Thơ", SocioEconomicRegion.MekongDelta),
            ("93", "Hậu Giang", SocioEconomicRegion.MekongDelta),
            ("94", "Sóc Trăng", SocioEconomicRegion.MekongDelta),
            ("95", "Bạc Liêu", SocioEconomicRegion.MekongDelta),
            ("96", "Cà Mau", SocioEconomicRegion.MekongDelta),
        ];
        return rows.Select(r => new Province(r.Code, r.Name, r.Region, validFrom: null, validTo: LastDayOf63Provinces));
    }
}
