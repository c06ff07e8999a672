using CoordinationPortal.Domain.Access;
using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Domain.Common;
using CoordinationPortal.Domain.Plans;

namespace CoordinationPortal.Domain.Tests;

public sealed class PermissionTests
{
    private const int Vwu = 1;
    private const int Cema = 2;

    private static readonly Actor Admin = new(PortalRole.Administrator);
    private static readonly Actor Leader = new(PortalRole.Leadership);
    private static readonly Actor CentralVwu = new(PortalRole.CentralOfficer, Vwu);
    private static readonly Actor CentralCema = new(PortalRole.CentralOfficer, Cema);
    private static readonly Actor ProvincialVwu = new(PortalRole.ProvincialOfficer, Vwu, 7);

    private static Activity ActivityLedBy(int lead, int supporting)
    {
        var programme = new CoordinationProgramme("1541/CTPH-UBDT-HLHPN", new DateOnly(2021, 10, 12), 2021, 2025, "Chương trình");
        var plan = new Plan(programme, 2024, "468/KH-HLHPNVN-UBDT", new DateOnly(2024, 3, 21), "Hà Nội", "Kế hoạch");
        var activity = plan.AddActivity("Hội thảo", new QuarterWindow(new Quarter(2024, 4), new Quarter(2024, 4)), "Quý IV");
        activity.Assign(lead, AssignmentRole.Lead);
        activity.Assign(supporting, AssignmentRole.Supporting);
        return activity;
    }

    [Fact]
    public void Every_role_reads_plans()
    {
        Assert.All(new[] { Admin, Leader, CentralVwu, ProvincialVwu }, a => Assert.True(Permissions.CanReadPlans(a)));
    }

    [Fact]
    public void Only_administrators_administer_and_only_they_and_leadership_read_the_audit_trail()
    {
        Assert.True(Permissions.CanAdminister(Admin));
        Assert.False(Permissions.CanAdminister(Leader));
        Assert.False(Permissions.CanAdminister(CentralVwu));
        Assert.True(Permissions.CanReadAudit(Admin));
        Assert.True(Permissions.CanReadAudit(Leader));
        Assert.False(Permissions.CanReadAudit(CentralCema));
        Assert.False(Permissions.CanReadAudit(ProvincialVwu));
    }

    [Fact]
    public void A_central_officer_logs_progress_where_their_agency_leads_or_supports_and_nobody_else_does()
    {
        var vwuLeads = ActivityLedBy(Vwu, Cema);
        var otherAgencies = ActivityLedBy(8, 9);

        Assert.True(Permissions.CanLogProgress(CentralVwu, vwuLeads));
        Assert.True(Permissions.CanLogProgress(CentralCema, vwuLeads));
        Assert.False(Permissions.CanLogProgress(CentralVwu, otherAgencies));
        Assert.False(Permissions.CanLogProgress(ProvincialVwu, vwuLeads));
        Assert.False(Permissions.CanLogProgress(Admin, vwuLeads));
        Assert.False(Permissions.CanLogProgress(Leader, vwuLeads));
    }

    [Theory]
    [InlineData(PortalRole.CentralOfficer, null, null)]
    [InlineData(PortalRole.CentralOfficer, 1, 5)]
    [InlineData(PortalRole.ProvincialOfficer, 1, null)]
    [InlineData(PortalRole.ProvincialOfficer, null, 5)]
    [InlineData(PortalRole.Administrator, 1, null)]
    [InlineData(PortalRole.Leadership, null, 5)]
    public void An_actor_must_have_exactly_the_agency_and_province_its_role_needs(PortalRole role, int? agency, int? province)
    {
        Assert.Throws<DomainRuleException>(() => new Actor(role, agency, province));
        Assert.False(Actor.IsValid(role, agency, province));
    }
}
