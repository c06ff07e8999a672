using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Domain.Common;
using CoordinationPortal.Domain.Plans;
using CoordinationPortal.Domain.Progress;
using CoordinationPortal.Domain.Reporting;

namespace CoordinationPortal.Domain.Tests;

public sealed class ReportWorkflowTests
{
    private static readonly DateTime Now = new(2024, 6, 18, 3, 0, 0, DateTimeKind.Utc);

    public static TheoryData<ReportState, ReportAction, ReportState?> EveryStateAndAction()
    {
        var data = new TheoryData<ReportState, ReportAction, ReportState?>();
        var allowed = new Dictionary<(ReportState, ReportAction), ReportState>
        {
            [(ReportState.Draft, ReportAction.Submit)] = ReportState.Submitted,
            [(ReportState.Returned, ReportAction.Submit)] = ReportState.Submitted,
            [(ReportState.Submitted, ReportAction.Approve)] = ReportState.Approved,
            [(ReportState.Submitted, ReportAction.Return)] = ReportState.Returned,
            [(ReportState.Approved, ReportAction.Reopen)] = ReportState.Returned,
        };
        foreach (var state in Enum.GetValues<ReportState>())
        {
            foreach (var action in Enum.GetValues<ReportAction>())
            {
                data.Add(state, action, allowed.TryGetValue((state, action), out var to) ? to : null);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryStateAndAction))]
    public void Every_transition_is_allowed_or_refused_as_the_workflow_says(ReportState from, ReportAction action, ReportState? expected)
    {
        Assert.Equal(expected is not null, ReportWorkflow.IsAllowed(from, action));
        if (expected is { } to)
        {
            Assert.Equal(to, ReportWorkflow.Next(from, action));
        }
        else
        {
            Assert.Throws<DomainRuleException>(() => ReportWorkflow.Next(from, action));
        }
    }

    [Theory]
    [InlineData(ReportState.Draft, true)]
    [InlineData(ReportState.Returned, true)]
    [InlineData(ReportState.Submitted, false)]
    [InlineData(ReportState.Approved, false)]
    public void Only_drafts_and_returned_reports_can_be_edited(ReportState state, bool editable)
    {
        Assert.Equal(editable, ReportWorkflow.IsEditable(state));
    }

    private static (Plan Plan, QuarterlyReport Report) NewReport(Quarter quarter)
    {
        var programme = new CoordinationProgramme("1541/CTPH-UBDT-HLHPN", new DateOnly(2021, 10, 12), 2021, 2025, "Chương trình");
        var plan = new Plan(programme, 2024, "468/KH-HLHPNVN-UBDT", new DateOnly(2024, 3, 21), "Hà Nội", "Kế hoạch");
        plan.AddActivity("Cả năm", new QuarterWindow(new Quarter(2024, 1), new Quarter(2024, 4)), "Năm 2024");
        plan.AddActivity("Quý II-IV", new QuarterWindow(new Quarter(2024, 2), new Quarter(2024, 4)), "Từ quý II");
        plan.AddActivity("Quý IV", new QuarterWindow(new Quarter(2024, 4), new Quarter(2024, 4)), "Quý IV");
        plan.RecordAsSigned(Now);
        return (plan, QuarterlyReport.Start(plan, quarter, provinceId: 2, agencyId: 1, "u1", Now));
    }

    // Unsaved activities all have id 0, so these tests fill reports of Q1, which has one line.
    private static void FillAllLines(QuarterlyReport report) =>
        report.Write(report.Lines.ToDictionary(l => l.ActivityId, _ => new LineContent(ActivityStatus.OnTrack, "Đã tổ chức 3 cuộc", null, null, [])), "Mai", Now);

    [Fact]
    public void A_report_has_a_line_for_each_activity_that_runs_in_its_quarter()
    {
        Assert.Single(NewReport(new Quarter(2024, 1)).Report.Lines);
        Assert.Equal(2, NewReport(new Quarter(2024, 2)).Report.Lines.Count);
        Assert.Equal(3, NewReport(new Quarter(2024, 4)).Report.Lines.Count);
    }

    [Fact]
    public void A_report_cannot_be_submitted_until_every_activity_has_a_status()
    {
        var (_, report) = NewReport(new Quarter(2024, 2));

        Assert.Throws<DomainRuleException>(() => report.Submit("u1", "Mai", Now));
        Assert.Equal(ReportState.Draft, report.State);
    }

    [Fact]
    public void A_line_with_a_status_alone_is_refused_and_a_reason_there_are_no_results_is_enough()
    {
        var (_, report) = NewReport(new Quarter(2024, 1));
        var line = report.Lines[0].ActivityId;
        report.Write(new Dictionary<int, LineContent> { [line] = new(ActivityStatus.NotStarted, null, "Thiếu kinh phí", null, []) }, "Mai", Now);

        var refused = Assert.Throws<DomainRuleException>(() => report.Submit("u1", "Mai", Now));
        Assert.Equal("Rule.ResultsOrReasonNeeded", refused.Code);
        Assert.Equal([line], report.ActivitiesMissingResults);
        Assert.Equal(ReportState.Draft, report.State);

        report.Write(new Dictionary<int, LineContent> { [line] = new(ActivityStatus.NotStarted, null, "Thiếu kinh phí", null, [], "Dự kiến triển khai quý II") }, "Mai", Now);
        report.Submit("u1", "Mai", Now);
        Assert.Equal(ReportState.Submitted, report.State);
    }

    [Fact]
    public void A_report_started_from_the_previous_one_carries_its_text_marked_until_edited_and_never_another_branchs()
    {
        var (plan, q1) = NewReport(new Quarter(2024, 1));
        var line = q1.Lines[0].ActivityId;
        q1.Write(new Dictionary<int, LineContent> { [line] = new(ActivityStatus.OnTrack, "Đã tổ chức 3 cuộc", "Mưa lũ", "Thêm kinh phí", []) }, "Mai", Now);

        var q2 = QuarterlyReport.Start(plan, new Quarter(2024, 2), provinceId: 2, agencyId: 1, "u1", Now, previous: q1);

        // Unsaved activities share id 0: every Q2 line matches Q1's line here.
        Assert.All(q2.Lines, l => Assert.True(l is { Results: "Đã tổ chức 3 cuộc", Difficulties: "Mưa lũ", Proposals: null, Status: null, CarriedOver: true }));
        q2.Write(new Dictionary<int, LineContent> { [line] = new(ActivityStatus.OnTrack, "Đã tổ chức 3 cuộc", "Mưa lũ", null, []) }, "Mai", Now);
        Assert.All(q2.Lines, l => Assert.True(l.CarriedOver)); // a status chosen is not the text reviewed
        q2.Write(new Dictionary<int, LineContent> { [line] = new(ActivityStatus.OnTrack, "Đã tổ chức 4 cuộc", "Mưa lũ", null, []) }, "Mai", Now);
        Assert.All(q2.Lines, l => Assert.False(l.CarriedOver));

        Assert.Throws<DomainRuleException>(() => QuarterlyReport.Start(plan, new Quarter(2024, 2), provinceId: 3, agencyId: 1, "u2", Now, previous: q1));
        Assert.Throws<DomainRuleException>(() => QuarterlyReport.Start(plan, new Quarter(2024, 1), provinceId: 2, agencyId: 1, "u1", Now, previous: q1));
    }

    [Fact]
    public void Returning_needs_a_comment_and_the_history_keeps_who_when_and_why()
    {
        var (_, report) = NewReport(new Quarter(2024, 1));
        FillAllLines(report);
        report.Submit("u1", "Mai", Now);

        Assert.Throws<DomainRuleException>(() => report.Return("c1", "Bình", Now.AddDays(1), "  "));
        report.Return("c1", "Bình", Now.AddDays(1), "Thiếu số liệu hoạt động 2");

        var last = report.Transitions[^1];
        Assert.Equal((ReportState.Submitted, ReportState.Returned, "Bình", "Thiếu số liệu hoạt động 2"), (last.From, last.To, last.ByName, last.Comment));
        Assert.Equal(Now.AddDays(1), last.AtUtc);
        Assert.True(report.IsEditable);
    }

    [Fact]
    public void An_approved_report_is_read_only_until_it_is_reopened_with_a_reason()
    {
        var (_, report) = NewReport(new Quarter(2024, 1));
        FillAllLines(report);
        report.Submit("u1", "Mai", Now);
        report.Approve("c1", "Bình", Now.AddDays(2));

        Assert.Throws<DomainRuleException>(() => FillAllLines(report));
        Assert.Throws<DomainRuleException>(() => report.Reopen("c1", "Bình", Now.AddDays(3), ""));
        report.Reopen("c1", "Bình", Now.AddDays(3), "Cần bổ sung kinh phí");
        FillAllLines(report);

        Assert.Equal(ReportState.Returned, report.State);
        Assert.Equal([ReportAction.Submit, ReportAction.Approve, ReportAction.Reopen], report.Transitions.Select(t => t.Action));
    }

    [Fact]
    public void Timeliness_follows_the_first_submission_not_a_resubmission()
    {
        var (_, report) = NewReport(new Quarter(2024, 1));
        FillAllLines(report);
        report.Submit("u1", "Mai", Now);
        report.Return("c1", "Bình", Now.AddDays(5), "Sửa lại");
        report.Submit("u1", "Mai", Now.AddDays(10));

        Assert.Equal(Now, report.FirstSubmittedAtUtc);
        Assert.Equal(Now.AddDays(10), report.LastSubmittedAtUtc);
    }

    [Fact]
    public void Every_change_raises_the_version()
    {
        var (_, report) = NewReport(new Quarter(2024, 1));
        var start = report.Version;

        FillAllLines(report);
        report.Submit("u1", "Mai", Now);

        Assert.Equal(start + 2, report.Version);
    }
}
