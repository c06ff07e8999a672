using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Domain.Common;
using CoordinationPortal.Domain.Plans;

namespace CoordinationPortal.Domain.Tests;

public sealed class AssignmentTests
{
    private const int Vwu = 1;
    private const int Cema = 2;

    private static Activity NewActivity()
    {
        var programme = new CoordinationProgramme("1541/CTPH-UBDT-HLHPN", new DateOnly(2021, 10, 12), 2021, 2025, "Chương trình phối hợp");
        var plan = new Plan(programme, 2024, "468/KH-HLHPNVN-UBDT", new DateOnly(2024, 3, 21), "Hà Nội", "Kế hoạch");
        return plan.AddActivity("Hoạt động", new QuarterWindow(new Quarter(2024, 2), new Quarter(2024, 4)), "Từ quý II đến quý IV/2024.");
    }

    [Fact]
    public void A_joint_activity_involves_both_agencies_and_has_no_lead()
    {
        var activity = NewActivity();
        activity.AssignJointly(Vwu, Cema);

        Assert.True(activity.IsJoint);
        Assert.Equal(AssignmentRole.Joint, activity.RoleOf(Vwu));
        Assert.Equal(AssignmentRole.Joint, activity.RoleOf(Cema));
        Assert.True(activity.Involves(Vwu) && activity.Involves(Cema));
    }

    [Fact]
    public void A_led_activity_gives_one_agency_the_lead_and_the_other_support()
    {
        var activity = NewActivity();
        activity.Assign(Vwu, AssignmentRole.Lead);
        activity.Assign(Cema, AssignmentRole.Supporting);

        Assert.False(activity.IsJoint);
        Assert.Equal(AssignmentRole.Lead, activity.RoleOf(Vwu));
        Assert.Equal(AssignmentRole.Supporting, activity.RoleOf(Cema));
        Assert.False(activity.Involves(3));
    }

    [Fact]
    public void An_agency_cannot_hold_two_roles_on_the_same_activity()
    {
        var activity = NewActivity();
        activity.Assign(Vwu, AssignmentRole.Lead);

        Assert.Throws<DomainRuleException>(() => activity.Assign(Vwu, AssignmentRole.Supporting));
    }

    [Fact]
    public void An_activity_has_at_most_one_lead()
    {
        var activity = NewActivity();
        activity.Assign(Vwu, AssignmentRole.Lead);

        Assert.Throws<DomainRuleException>(() => activity.Assign(Cema, AssignmentRole.Lead));
    }

    [Fact]
    public void Joint_cannot_be_mixed_with_lead_or_supporting()
    {
        var joint = NewActivity();
        joint.Assign(Vwu, AssignmentRole.Joint);
        var led = NewActivity();
        led.Assign(Vwu, AssignmentRole.Lead);

        Assert.Throws<DomainRuleException>(() => joint.Assign(Cema, AssignmentRole.Supporting));
        Assert.Throws<DomainRuleException>(() => led.Assign(Cema, AssignmentRole.Joint));
    }

    [Fact]
    public void Roles_set_per_task_give_each_deliverable_its_own_lead()
    {
        var activity = NewActivity();
        var report = activity.AddTask("Báo cáo kết quả thực hiện hoạt động phối hợp năm 2024");
        report.Assign(Vwu, AssignmentRole.Lead);
        report.Assign(Cema, AssignmentRole.Supporting);
        var nextPlan = activity.AddTask("Kế hoạch triển khai Chương trình phối hợp năm 2025");
        nextPlan.Assign(Cema, AssignmentRole.Lead);
        nextPlan.Assign(Vwu, AssignmentRole.Supporting);

        Assert.True(activity.HasLeadsPerTask);
        Assert.Equal(Vwu, Assert.Single(activity.AssignmentsOf(report), a => a.Role == AssignmentRole.Lead).AgencyId);
        Assert.Equal(Cema, Assert.Single(activity.AssignmentsOf(nextPlan), a => a.Role == AssignmentRole.Lead).AgencyId);

        // Each agency leads something, so each counts as a lead on the activity as a whole.
        Assert.Equal(AssignmentRole.Lead, activity.RoleOf(Vwu));
        Assert.Equal(AssignmentRole.Lead, activity.RoleOf(Cema));
        Assert.Throws<DomainRuleException>(() => activity.Assign(Vwu, AssignmentRole.Lead));
    }

    [Fact]
    public void A_task_without_roles_of_its_own_takes_the_activity_roles()
    {
        var activity = NewActivity();
        activity.AssignJointly(Vwu, Cema);
        var task = activity.AddTask("Tập huấn, bồi dưỡng");

        Assert.All(activity.AssignmentsOf(task), a => Assert.Equal(AssignmentRole.Joint, a.Role));
        Assert.Equal(2, activity.AssignmentsOf(task).Count);
        Assert.False(activity.HasLeadsPerTask);
    }

    [Fact]
    public void Tasks_are_numbered_in_the_order_the_plan_lists_them()
    {
        var activity = NewActivity();
        var first = activity.AddTask("Một");
        var second = activity.AddTask("Hai");

        Assert.Equal(1, first.Number);
        Assert.Equal(2, second.Number);
    }
}
