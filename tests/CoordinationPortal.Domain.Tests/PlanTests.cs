using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Domain.Common;
using CoordinationPortal.Domain.Plans;

namespace CoordinationPortal.Domain.Tests;

public sealed class PlanTests
{
    private static readonly CoordinationProgramme Programme =
        new("1541/CTPH-UBDT-HLHPN", new DateOnly(2021, 10, 12), 2021, 2025, "Chương trình phối hợp");

    [Fact]
    public void A_plan_must_fall_within_its_programme_years()
    {
        Assert.Throws<DomainRuleException>(() => new Plan(Programme, 2026, "1/KH", new DateOnly(2026, 1, 5), "Hà Nội", "Kế hoạch"));
    }

    [Fact]
    public void A_yearly_plan_holds_activities_of_its_own_year_only()
    {
        var plan = new Plan(Programme, 2024, "468/KH-HLHPNVN-UBDT", new DateOnly(2024, 3, 21), "Hà Nội", "Kế hoạch");

        Assert.Throws<DomainRuleException>(() =>
            plan.AddActivity("Hoạt động", new QuarterWindow(new Quarter(2024, 4), new Quarter(2025, 1)), "Quý IV/2024 - Quý I/2025"));
    }

    [Fact]
    public void Activities_and_duties_are_numbered_in_the_plan_order()
    {
        var plan = new Plan(Programme, 2024, "468/KH-HLHPNVN-UBDT", new DateOnly(2024, 3, 21), "Hà Nội", "Kế hoạch");
        var window = new QuarterWindow(new Quarter(2024, 1), new Quarter(2024, 4));

        var first = plan.AddActivity("Một", window, "Năm 2024");
        var second = plan.AddActivity("Hai", window, "Năm 2024");
        plan.AddDuty(1, "Nhiệm vụ của Hội");
        plan.AddDuty(2, "Nhiệm vụ của Ủy ban");

        Assert.Equal([1, 2], [first.Number, second.Number]);
        Assert.Equal([1, 2], plan.Duties.Select(d => d.Number));
    }

    [Fact]
    public void Required_text_cannot_be_blank()
    {
        Assert.Throws<DomainRuleException>(() => new Plan(Programme, 2024, " ", new DateOnly(2024, 3, 21), "Hà Nội", "Kế hoạch"));
    }
}
