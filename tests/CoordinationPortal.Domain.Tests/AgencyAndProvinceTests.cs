using CoordinationPortal.Domain.Agencies;
using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Domain.Common;
using CoordinationPortal.Domain.Provinces;

namespace CoordinationPortal.Domain.Tests;

public sealed class AgencyAndProvinceTests
{
    private static AgencyName Name(DateOnly? from, string fullName) =>
        new(from, fullName, fullName, "X", "English " + fullName, "Branch", "Branch");

    private static Agency Cema()
    {
        var cema = new Agency(AgencyCodes.Cema, Name(null, "Ủy ban Dân tộc"));
        cema.Rename(Name(new DateOnly(2025, 3, 1), "Bộ Dân tộc và Tôn giáo"));
        return cema;
    }

    [Theory]
    [InlineData(2024, 3, 21, "Ủy ban Dân tộc")]
    [InlineData(2025, 2, 28, "Ủy ban Dân tộc")]
    [InlineData(2025, 3, 1, "Bộ Dân tộc và Tôn giáo")]
    [InlineData(2026, 11, 29, "Bộ Dân tộc và Tôn giáo")]
    public void Cema_is_named_as_it_was_on_the_date_in_question(int year, int month, int day, string expected)
    {
        Assert.Equal(expected, Cema().NameOn(new DateOnly(year, month, day)).FullName);
    }

    [Fact]
    public void A_rename_closes_the_previous_name_the_day_before()
    {
        var cema = Cema();

        Assert.Equal(new DateOnly(2025, 2, 28), cema.Names[0].ValidTo);
        Assert.Equal("Bộ Dân tộc và Tôn giáo", cema.CurrentName.FullName);
    }

    [Fact]
    public void A_rename_must_take_effect_after_the_current_name_and_on_a_known_date()
    {
        var cema = Cema();

        Assert.Throws<DomainRuleException>(() => cema.Rename(Name(new DateOnly(2024, 1, 1), "Cũ hơn")));
        Assert.Throws<DomainRuleException>(() => cema.Rename(Name(null, "Không có ngày")));
    }

    [Fact]
    public void One_of_the_63_provinces_is_valid_until_30_June_2025_and_not_after()
    {
        var haGiang = new Province("02", "Hà Giang", ProvinceType.Province, SocioEconomicRegion.NorthernMidlandsAndMountains, null, new DateOnly(2025, 6, 30));

        Assert.True(haGiang.IsValidOn(new DateOnly(2024, 3, 21)));
        Assert.True(haGiang.IsValidOn(new DateOnly(2025, 6, 30)));
        Assert.False(haGiang.IsValidOn(new DateOnly(2025, 7, 1)));
    }

    [Fact]
    public void A_province_is_expected_to_report_for_a_quarter_when_it_exists_at_the_quarter_end()
    {
        var old = new Province("02", "Hà Giang", ProvinceType.Province, SocioEconomicRegion.NorthernMidlandsAndMountains, null, new DateOnly(2025, 6, 30));
        var merged = new Province("08", "Tuyên Quang", ProvinceType.Province, SocioEconomicRegion.NorthernMidlandsAndMountains, new DateOnly(2025, 7, 1), null);

        Assert.True(old.CountsIn(new Quarter(2025, 2)));
        Assert.False(old.CountsIn(new Quarter(2025, 3)));
        Assert.False(merged.CountsIn(new Quarter(2025, 2)));
        Assert.True(merged.CountsIn(new Quarter(2025, 3)));
    }

    [Theory]
    [InlineData("1")]
    [InlineData("AB")]
    [InlineData("001")]
    public void A_province_code_is_two_digits(string code)
    {
        Assert.Throws<DomainRuleException>(() => new Province(code, "Tỉnh", ProvinceType.Province, SocioEconomicRegion.MekongDelta, null, null));
    }

    [Fact]
    public void A_validity_period_cannot_end_before_it_starts()
    {
        Assert.Throws<DomainRuleException>(() =>
            new Province("01", "Hà Nội", ProvinceType.Province, SocioEconomicRegion.RedRiverDelta, new DateOnly(2025, 7, 1), new DateOnly(2025, 6, 30)));
    }
}
