using CoordinationPortal.Domain.Access;
using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Domain.Common;
using CoordinationPortal.Domain.Notifications;
using CoordinationPortal.Domain.Reporting;

namespace CoordinationPortal.Domain.Tests;

/// <summary>Extension requests' own rules (issue 13): when a branch may ask, the dates, deciding once, and who is told.</summary>
public sealed class ExtensionRequestRulesTests
{
    private const int Vwu = 1;
    private const int Cema = 2;
    private const int HaGiang = 2;
    private static readonly Quarter Q1 = new(2024, 1);

    // 1 July 2024, 08:00 in Vietnam.
    private static readonly DateTime Now = new(2024, 7, 1, 1, 0, 0, DateTimeKind.Utc);
    private static readonly DateOnly Today = new(2024, 7, 1);

    private static readonly Candidate[] Everyone =
    [
        new("admin", new Actor(PortalRole.Administrator), true),
        new("leader", new Actor(PortalRole.Leadership), true),
        new("central-vwu", new Actor(PortalRole.CentralOfficer, Vwu), true),
        new("central-vwu-off", new Actor(PortalRole.CentralOfficer, Vwu), false),
        new("central-cema", new Actor(PortalRole.CentralOfficer, Cema), true),
        new("hagiang-vwu", new Actor(PortalRole.ProvincialOfficer, Vwu, HaGiang), true),
        new("hagiang-cema", new Actor(PortalRole.ProvincialOfficer, Cema, HaGiang), true),
        new("caobang-vwu", new Actor(PortalRole.ProvincialOfficer, Vwu, 4), true),
    ];

    private static ExtensionRequest Asked() =>
        ExtensionRequest.Ask(1, Q1, HaGiang, Vwu, null, "Lũ quét", Today.AddDays(7), "hagiang-vwu", "Lò Thị Mai", Now, maxDays: 30);

    [Theory]
    [InlineData(null, false, 0, true)] // locked, no report
    [InlineData(ReportState.Draft, false, 0, true)] // locked draft
    [InlineData(null, true, 7, true)] // open, locks in a week
    [InlineData(null, true, 8, false)] // open, not soon
    [InlineData(ReportState.Submitted, false, 0, false)]
    [InlineData(ReportState.Approved, false, 0, false)]
    [InlineData(ReportState.Returned, false, 0, false)]
    public void A_branch_may_ask_while_unsent_and_locked_or_about_to_lock(ReportState? report, bool writable, int daysToLock, bool may)
    {
        Assert.Equal(may, ExtensionWorkflow.MayAsk(report, writable, Today.AddDays(daysToLock), Today, noticeDays: 7));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(31)]
    public void A_proposed_date_runs_from_today_to_the_maximum(int days)
    {
        var refused = Assert.Throws<DomainRuleException>(() => ExtensionRequest.Ask(1, Q1, HaGiang, Vwu, null, "Lý do", Today.AddDays(days), "u", "U", Now, maxDays: 30));
        Assert.Equal("Rule.ExtensionProposedDate", refused.Code);
    }

    [Fact]
    public void A_reason_is_required()
    {
        Assert.Equal("Rule.Required", Assert.Throws<DomainRuleException>(() => ExtensionRequest.Ask(1, Q1, HaGiang, Vwu, null, "  ", Today, "u", "U", Now, 30)).Code);
    }

    [Fact]
    public void A_grant_beyond_the_grantors_maximum_is_refused_by_the_exemption_rule()
    {
        var refused = Assert.Throws<DomainRuleException>(() => new LockExemption(1, Q1, HaGiang, Vwu, Today.AddDays(31), "Lũ quét", "central-vwu", "Trần Văn Duyệt", Now, maxDays: 30));
        Assert.Equal("Rule.ExemptionUntil", refused.Code);
    }

    [Fact]
    public void A_grant_keeps_the_exemptions_date_and_a_decided_request_cannot_be_decided_again()
    {
        var request = Asked();
        var exemption = new LockExemption(1, Q1, HaGiang, Vwu, Today.AddDays(10), request.Reason, "central-vwu", "Trần Văn Duyệt", Now, maxDays: 30);

        request.Grant(exemption, null, "central-vwu", "Trần Văn Duyệt", Now);

        Assert.Equal((ExtensionState.Granted, Today.AddDays(10)), (request.State, request.GrantedUntil));
        Assert.Equal("Rule.ExtensionDecided", Assert.Throws<DomainRuleException>(() => request.Decline("Không", "central-vwu", "T", Now)).Code);
    }

    [Fact]
    public void A_decline_needs_a_comment()
    {
        var request = Asked();
        Assert.Equal("Rule.CommentNeeded", Assert.Throws<DomainRuleException>(() => request.Decline(" ", "central-vwu", "T", Now)).Code);
        Assert.Equal(ExtensionState.Pending, request.State);
    }

    [Fact]
    public void A_request_is_told_to_the_central_officers_of_the_branchs_agency_and_a_decision_to_the_branch()
    {
        var request = Asked();
        Assert.Equal(["central-vwu"], NotificationAudience.Of(NotificationKind.ExtensionRequested, request, Everyone, "hagiang-vwu"));
        Assert.Equal(["hagiang-vwu"], NotificationAudience.Of(NotificationKind.ExtensionGranted, request, Everyone, "central-vwu"));
        Assert.Equal(["hagiang-vwu"], NotificationAudience.Of(NotificationKind.ExtensionDeclined, request, Everyone, "central-vwu"));
    }

    [Fact]
    public void The_branch_its_agencys_officers_leadership_and_administrators_read_a_request()
    {
        var request = Asked();
        var readers = Everyone.Where(c => Permissions.CanReadExtension(c.Actor, request)).Select(c => c.UserId);
        Assert.Equal(["admin", "leader", "central-vwu", "central-vwu-off", "hagiang-vwu"], readers);
        Assert.Equal(["central-vwu", "central-vwu-off"], Everyone.Where(c => Permissions.CanDecideExtension(c.Actor, request)).Select(c => c.UserId));
    }
}
