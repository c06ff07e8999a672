using CoordinationPortal.Domain.Access;
using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Domain.Notifications;
using CoordinationPortal.Domain.Plans;
using CoordinationPortal.Domain.Reporting;

namespace CoordinationPortal.Domain.Tests;

/// <summary>The one rule for who is told of a report event (issue 13).</summary>
public sealed class NotificationAudienceTests
{
    private const int Vwu = 1;
    private const int Cema = 2;
    private const int HaGiang = 2;
    private const int CaoBang = 4;
    private static readonly DateTime Now = new(2024, 6, 10, 2, 0, 0, DateTimeKind.Utc);

    private static readonly Candidate[] Everyone =
    [
        new("admin", new Actor(PortalRole.Administrator), true),
        new("leader", new Actor(PortalRole.Leadership), true),
        new("central-vwu", new Actor(PortalRole.CentralOfficer, Vwu), true),
        new("central-vwu-off", new Actor(PortalRole.CentralOfficer, Vwu), false),
        new("central-cema", new Actor(PortalRole.CentralOfficer, Cema), true),
        new("hagiang-vwu", new Actor(PortalRole.ProvincialOfficer, Vwu, HaGiang), true),
        new("hagiang-vwu-off", new Actor(PortalRole.ProvincialOfficer, Vwu, HaGiang), false),
        new("hagiang-cema", new Actor(PortalRole.ProvincialOfficer, Cema, HaGiang), true),
        new("caobang-vwu", new Actor(PortalRole.ProvincialOfficer, Vwu, CaoBang), true),
    ];

    private static QuarterlyReport HaGiangVwuReport()
    {
        var programme = new CoordinationProgramme("1541/CTPH-UBDT-HLHPN", new DateOnly(2021, 10, 12), 2021, 2025, "Chương trình");
        var plan = new Plan(programme, 2024, "468/KH-HLHPNVN-UBDT", new DateOnly(2024, 3, 21), "Hà Nội", "Kế hoạch");
        plan.AddActivity("Cả năm", new QuarterWindow(new Quarter(2024, 1), new Quarter(2024, 4)), "Năm 2024");
        plan.RecordAsSigned(Now);
        return QuarterlyReport.Start(plan, new Quarter(2024, 2), HaGiang, Vwu, "hagiang-vwu", Now);
    }

    [Theory]
    [InlineData(NotificationKind.ReportSubmitted)]
    [InlineData(NotificationKind.ReportResubmitted)]
    public void A_submission_goes_to_the_active_central_officers_of_the_branchs_agency(NotificationKind kind)
    {
        Assert.Equal(["central-vwu"], NotificationAudience.Of(kind, HaGiangVwuReport(), Everyone, actingUserId: "hagiang-vwu"));
    }

    [Theory]
    [InlineData(NotificationKind.ReportReturned)]
    [InlineData(NotificationKind.ReportApproved)]
    [InlineData(NotificationKind.ReportReopened)]
    public void A_review_goes_to_the_active_officers_of_that_province_branch(NotificationKind kind)
    {
        Assert.Equal(["hagiang-vwu"], NotificationAudience.Of(kind, HaGiangVwuReport(), Everyone, actingUserId: "central-vwu"));
    }

    [Fact]
    public void The_person_who_acted_is_never_told_of_their_own_act()
    {
        // Were the actor in the audience (one account, two roles over time), they are still left out.
        Assert.Empty(NotificationAudience.Of(NotificationKind.ReportReturned, HaGiangVwuReport(), Everyone, actingUserId: "hagiang-vwu"));
        Assert.Empty(NotificationAudience.Of(NotificationKind.ReportSubmitted, HaGiangVwuReport(), Everyone, actingUserId: "central-vwu"));
    }
}
