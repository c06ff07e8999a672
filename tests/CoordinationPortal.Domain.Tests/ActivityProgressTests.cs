using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Domain.Plans;
using CoordinationPortal.Domain.Progress;

namespace CoordinationPortal.Domain.Tests;

public sealed class ActivityProgressTests
{
    private const int Vwu = 1;
    private const int Cema = 2;
    private static readonly DateOnly Day = new(2024, 9, 30);

    private static Activity NewActivity(bool joint)
    {
        var programme = new CoordinationProgramme("1541/CTPH-UBDT-HLHPN", new DateOnly(2021, 10, 12), 2021, 2025, "Chương trình");
        var plan = new Plan(programme, 2024, "468/KH-HLHPNVN-UBDT", new DateOnly(2024, 3, 21), "Hà Nội", "Kế hoạch");
        var activity = plan.AddActivity("Hoạt động", new QuarterWindow(new Quarter(2024, 2), new Quarter(2024, 3)), "Quý II-III");
        if (joint)
        {
            activity.AssignJointly(Vwu, Cema);
        }
        else
        {
            activity.Assign(Vwu, AssignmentRole.Lead);
            activity.Assign(Cema, AssignmentRole.Supporting);
        }

        return activity;
    }

    private static AgencyProgress Word(int agency, ActivityStatus status, int percent) => new(agency, status, percent, Day);

    [Fact]
    public void An_activity_without_entries_has_not_started()
    {
        var progress = ActivityProgress.Derive(NewActivity(joint: true), []);

        Assert.Equal((ActivityStatus.NotStarted, 0, (DateOnly?)null), (progress.Status, progress.PercentComplete, progress.LastReportedOn));
    }

    [Fact]
    public void A_joint_activity_is_completed_only_when_both_agencies_say_so()
    {
        var activity = NewActivity(joint: true);

        var one = ActivityProgress.Derive(activity, [Word(Vwu, ActivityStatus.Completed, 100)]);
        var both = ActivityProgress.Derive(activity, [Word(Vwu, ActivityStatus.Completed, 100), Word(Cema, ActivityStatus.Completed, 100)]);

        Assert.Equal(ActivityStatus.OnTrack, one.Status);
        Assert.Equal(50, one.PercentComplete); // CEMA has said nothing: counts as 0
        Assert.Equal((ActivityStatus.Completed, 100), (both.Status, both.PercentComplete));
    }

    [Fact]
    public void A_joint_activity_shows_the_most_serious_word_and_the_average_percentage()
    {
        var progress = ActivityProgress.Derive(NewActivity(joint: true), [Word(Vwu, ActivityStatus.OnTrack, 60), Word(Cema, ActivityStatus.Delayed, 30)]);

        Assert.Equal((ActivityStatus.Delayed, 45), (progress.Status, progress.PercentComplete));
        Assert.True(progress.NeedsAttention);
    }

    [Fact]
    public void The_lead_completes_a_led_activity_and_the_supporter_can_only_raise_a_flag()
    {
        var activity = NewActivity(joint: false);

        var leadDone = ActivityProgress.Derive(activity, [Word(Vwu, ActivityStatus.Completed, 100), Word(Cema, ActivityStatus.OnTrack, 40)]);
        var supporterWorried = ActivityProgress.Derive(activity, [Word(Vwu, ActivityStatus.OnTrack, 70), Word(Cema, ActivityStatus.AtRisk, 40)]);
        var supporterDone = ActivityProgress.Derive(activity, [Word(Cema, ActivityStatus.Completed, 100)]);

        Assert.Equal(ActivityStatus.Completed, leadDone.Status);
        Assert.Equal((ActivityStatus.AtRisk, 70), (supporterWorried.Status, supporterWorried.PercentComplete));
        Assert.NotEqual(ActivityStatus.Completed, supporterDone.Status);
    }

    [Fact]
    public void An_activity_whose_window_has_ended_unfinished_is_flagged_as_overdue()
    {
        var activity = NewActivity(joint: false);
        var onTrack = ActivityProgress.Derive(activity, [Word(Vwu, ActivityStatus.OnTrack, 90)]);
        var done = ActivityProgress.Derive(activity, [Word(Vwu, ActivityStatus.Completed, 100)]);

        Assert.False(onTrack.IsFlagged(activity.Window, new DateOnly(2024, 9, 30)));
        Assert.True(onTrack.IsFlagged(activity.Window, new DateOnly(2024, 10, 1)));
        Assert.False(done.IsFlagged(activity.Window, new DateOnly(2025, 1, 1)));
    }

    [Fact]
    public void Entries_of_agencies_with_no_role_on_the_activity_are_ignored()
    {
        var progress = ActivityProgress.Derive(NewActivity(joint: true), [Word(99, ActivityStatus.Delayed, 5)]);

        Assert.Equal(ActivityStatus.NotStarted, progress.Status);
    }
}
