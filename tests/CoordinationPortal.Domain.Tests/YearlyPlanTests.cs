using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Domain.Common;
using CoordinationPortal.Domain.Indicators;
using CoordinationPortal.Domain.Plans;
using CoordinationPortal.Domain.Reporting;

namespace CoordinationPortal.Domain.Tests;

/// <summary>A plan's life: drafted (often copied from last year), checked, published; and what may change after.</summary>
public sealed class YearlyPlanTests
{
    private const int Vwu = 1;
    private const int Cema = 2;
    private static readonly DateTime Now = new(2025, 3, 10, 2, 0, 0, DateTimeKind.Utc);

    private static readonly CoordinationProgramme Programme =
        new("1541/CTPH-UBDT-HLHPN", new DateOnly(2021, 10, 12), 2021, 2025, "Chương trình phối hợp");

    /// <summary>A small plan shaped like Plan 468: a provincial activity led by VWU, a joint central one, one led per task.</summary>
    private static Plan Plan2024()
    {
        var plan = new Plan(Programme, 2024, "468/KH-HLHPNVN-UBDT", new DateOnly(2024, 3, 21), "Hà Nội", "Kế hoạch năm 2024");
        plan.SetText("Thực hiện Chương trình phối hợp năm 2024 như sau:", "Kinh phí năm 2024.");
        plan.AddPurpose("Cụ thể hóa phù hợp với tình hình thực tế 2024.");
        var provincial = plan.AddActivity("Tuyên truyền", new QuarterWindow(new Quarter(2024, 1), new Quarter(2024, 4)), "Năm 2024");
        provincial.Describe("Nội dung", "Hình thức", "Awareness");
        provincial.Assign(Vwu, AssignmentRole.Lead);
        provincial.Assign(Cema, AssignmentRole.Supporting);
        provincial.AddTask("Biên soạn tài liệu");
        provincial.AddStatement(Cema, "Ủy ban Dân tộc phối hợp.");
        var workshop = plan.AddActivity("Hội thảo", new QuarterWindow(new Quarter(2024, 4), new Quarter(2024, 4), 10), "Quý IV (dự kiến tháng 10/2024).");
        workshop.AssignJointly(Vwu, Cema);
        workshop.SetProvincesReport(false);
        var review = plan.AddActivity("Sơ kết, xây dựng Kế hoạch năm 2025", new QuarterWindow(new Quarter(2024, 4), new Quarter(2024, 4)), "Quý IV/2024");
        review.AddTask("Báo cáo kết quả").Assign(Vwu, AssignmentRole.Lead);
        review.AddTask("Kế hoạch năm 2025").Assign(Cema, AssignmentRole.Lead);
        review.SetProvincesReport(false);
        plan.AddDuty(Vwu, "Hội LHPN Việt Nam chủ trì.");
        plan.AddDuty(Cema, "Ủy ban Dân tộc phối hợp.");
        plan.AddSignatory(Cema, "ỦY BAN DÂN TỘC", "KT. BỘ TRƯỞNG, CHỦ NHIỆM", "THỨ TRƯỞNG", "Y Vinh Tor");
        plan.AddRecipient("Như trên;");
        return plan;
    }

    private static List<ReportingPeriod> CalendarOf(Plan plan) => [.. Quarter.OfYear(plan.Year).Select(q => ReportingPeriod.Default(plan.Id, q))];

    [Fact]
    public void A_copy_for_the_next_year_brings_every_part_moved_to_that_year_and_shares_nothing_with_its_source()
    {
        var source = Plan2024();
        source.RecordAsSigned(Now);

        var copy = source.CopyForYear(2025, Programme, "Dự thảo 2025", new DateOnly(2025, 2, 1));

        Assert.True(copy.IsDraft);
        Assert.Equal(2024, copy.CopiedFromYear);
        Assert.Equal((source.Preamble, source.FundingText, source.Title), (copy.Preamble, copy.FundingText, copy.Title));
        Assert.Equal(source.Purposes.Select(p => p.Text), copy.Purposes.Select(p => p.Text));
        Assert.Equal(source.Activities.Count, copy.Activities.Count);
        foreach (var (from, to) in source.Activities.Zip(copy.Activities))
        {
            Assert.NotSame(from, to);
            Assert.Equal((from.Number, from.Title, from.Content, from.Form, from.EnglishTitle, from.ScheduleText, from.ProvincesReport), (to.Number, to.Title, to.Content, to.Form, to.EnglishTitle, to.ScheduleText, to.ProvincesReport));
            Assert.Equal(from.Window.First.AddQuarters(4), to.Window.First);
            Assert.Equal(from.Window.Last.AddQuarters(4), to.Window.Last);
            Assert.Equal(from.Window.ExpectedMonth, to.Window.ExpectedMonth);
            Assert.Equal(from.Assignments.Select(a => (a.AgencyId, a.Role)), to.Assignments.Select(a => (a.AgencyId, a.Role)));
            Assert.Equal(from.Tasks.Select(t => (t.Number, t.Text)), to.Tasks.Select(t => (t.Number, t.Text)));
            Assert.Equal(from.Tasks.Select(t => t.Assignments.Select(a => (a.AgencyId, a.Role)).ToList()), to.Tasks.Select(t => t.Assignments.Select(a => (a.AgencyId, a.Role)).ToList()));
            Assert.Equal(from.Statements.Select(s => (s.AgencyId, s.Text)), to.Statements.Select(s => (s.AgencyId, s.Text)));
            Assert.All(to.Assignments, a => Assert.DoesNotContain(a, from.Assignments));
            Assert.All(to.Tasks, t => Assert.DoesNotContain(t, from.Tasks));
        }

        Assert.Equal(source.Duties.Select(d => (d.AgencyId, d.Text)), copy.Duties.Select(d => (d.AgencyId, d.Text)));
        Assert.Equal(source.Signatories.Select(s => s.FullName), copy.Signatories.Select(s => s.FullName));
        Assert.Equal(source.Recipients.Select(r => r.Text), copy.Recipients.Select(r => r.Text));

        // Editing the copy leaves last year's signed plan as it was.
        var firstActivity = copy.Activities[0];
        copy.ReviseActivity(firstActivity, new ActivityRevision("Tuyên truyền năm 2025", null, null, null, "Năm 2025", new QuarterWindow(new Quarter(2025, 2), new Quarter(2025, 4)), true));
        copy.ReviseTask(firstActivity, firstActivity.Tasks[0], "Biên soạn tài liệu mới", null);
        Assert.Equal("Tuyên truyền", source.Activities[0].Title);
        Assert.Equal(new Quarter(2024, 1), source.Activities[0].Window.First);
        Assert.Equal("Biên soạn tài liệu", source.Activities[0].Tasks[0].Text);
    }

    [Fact]
    public void A_copy_marks_the_mentions_of_the_years_that_moved_and_rewrites_none()
    {
        var copy = Plan2024().CopyForYear(2025, Programme, "Dự thảo 2025", new DateOnly(2025, 2, 1));

        var review = copy.Activities.Single(a => a.Title.StartsWith("Sơ kết", StringComparison.Ordinal));
        Assert.Equal("Sơ kết, xây dựng Kế hoạch năm 2025", review.Title);
        Assert.Equal([(review.Title.IndexOf("2025", StringComparison.Ordinal), 4)], YearMentions.ToReview(review.Title, copy.CopiedFromYear));
        Assert.Equal([(copy.Preamble.IndexOf("2024", StringComparison.Ordinal), 4)], YearMentions.ToReview(copy.Preamble, copy.CopiedFromYear));
        Assert.Empty(YearMentions.ToReview("giai đoạn 2021-2030, Quyết định 1719/QĐ-TTg", copy.CopiedFromYear));
        Assert.Empty(YearMentions.ToReview(review.Title, copiedFromYear: null));
    }

    [Fact]
    public void A_plan_is_copied_to_another_year_of_a_programme_that_covers_it()
    {
        var source = Plan2024();

        Assert.Equal("Rule.CopyToSameYear", Assert.Throws<DomainRuleException>(() => source.CopyForYear(2024, Programme, "X", new DateOnly(2024, 1, 2))).Code);
        Assert.Equal("Rule.ProgrammeYears", Assert.Throws<DomainRuleException>(() => source.CopyForYear(2026, Programme, "X", new DateOnly(2026, 1, 2))).Code);
        var next = new CoordinationProgramme("DEMO/CTPH", new DateOnly(2025, 12, 1), 2026, 2030, "Chương trình 2026-2030");
        Assert.Equal(2026, source.CopyForYear(2026, next, "X", new DateOnly(2026, 1, 2)).Windows().First().First.Year);
        Assert.Equal(2022, source.CopyForYear(2022, Programme, "X", new DateOnly(2022, 1, 2)).Windows().First().First.Year);
    }

    [Fact]
    public void Publishing_lists_every_problem_and_refuses_until_none_is_left()
    {
        var plan = new Plan(Programme, 2025, "Dự thảo", new DateOnly(2025, 1, 5), "Hà Nội", "Kế hoạch năm 2025");
        Assert.Equal(["Plan.Problem.NoActivity"], plan.PublishProblems(CalendarOf(plan), publishedForYear: null).Select(p => p.Code));

        var nobody = plan.AddActivity("Chưa phân công", new QuarterWindow(new Quarter(2025, 1), new Quarter(2025, 2)), "Quý I-II");
        var problems = plan.PublishProblems([ReportingPeriod.Default(plan.Id, new Quarter(2025, 1))], publishedForYear: "12/KH-HLHPNVN-BDTTG");
        Assert.Equal(
            [("Plan.Problem.YearTaken", "2025 12/KH-HLHPNVN-BDTTG"), ("Plan.Problem.NoAgency", "1"), ("Plan.Problem.NoCalendar", "Q2/2025")],
            problems.Select(p => (p.Code, string.Join(' ', p.Arguments))));
        Assert.Equal("Plan.Problem.YearTaken", Assert.Throws<DomainRuleException>(() => plan.Publish(CalendarOf(plan), "12/KH-HLHPNVN-BDTTG", "Quản trị", Now)).Code);
        Assert.True(plan.IsDraft);

        plan.AssignActivity(nobody, [(Vwu, AssignmentRole.Lead), (Cema, AssignmentRole.Supporting)]);
        plan.Publish(CalendarOf(plan), publishedForYear: null, "Quản trị", Now);

        Assert.Equal(PlanState.Published, plan.State);
        Assert.Equal((Now, "Quản trị"), (plan.PublishedAtUtc!.Value, plan.PublishedByName));
        Assert.Equal(["Plan.Problem.AlreadyPublished"], plan.PublishProblems(CalendarOf(plan), null).Select(p => p.Code));
        Assert.Equal("Rule.PlanWrongState", Assert.Throws<DomainRuleException>(() => PlanWorkflow.Next(PlanState.Published, PlanAction.Publish)).Code);
    }

    [Fact]
    public void A_central_only_activity_needs_no_reporting_period_and_gets_no_line_in_a_provincial_report()
    {
        var plan = Plan2024();
        var calendar = CalendarOf(plan).Where(p => p.Quarter.Number != 4).ToList();
        Assert.Equal(["Plan.Problem.NoCalendar"], plan.PublishProblems(calendar, null).Select(p => p.Code)); // activity 1 runs in Q4 too

        plan.Publish(CalendarOf(plan), null, "Quản trị", Now);
        var report = QuarterlyReport.Start(plan, new Quarter(2024, 4), provinceId: 8, agencyId: Vwu, "u1", Now);

        Assert.Equal([plan.Activities[0].Id], report.Lines.Select(l => l.ActivityId));
        Assert.Equal([1], QuarterlyReport.ProvincialActivities(plan, new Quarter(2024, 4)).Select(a => a.Number));
    }

    [Fact]
    public void A_draft_receives_no_reports()
    {
        var plan = Plan2024();

        var refusal = Assert.Throws<DomainRuleException>(() => QuarterlyReport.Start(plan, new Quarter(2024, 1), 8, Vwu, "u1", Now));
        Assert.Equal("Rule.PlanNotPublished", refusal.Code);
    }

    [Fact]
    public void A_draft_changes_in_every_part()
    {
        var plan = Plan2024().CopyForYear(2025, Programme, "Dự thảo", new DateOnly(2025, 1, 5));
        var added = plan.AddActivity("Mới", new QuarterWindow(new Quarter(2025, 3), new Quarter(2025, 3)), "Quý III");

        plan.MoveActivity(added, 1);
        Assert.Equal(["Mới", "Tuyên truyền", "Hội thảo", "Sơ kết, xây dựng Kế hoạch năm 2025"], plan.Activities.OrderBy(a => a.Number).Select(a => a.Title));
        plan.RemoveActivity(added, hasRecords: false);
        Assert.Equal([1, 2, 3], plan.Activities.OrderBy(a => a.Number).Select(a => a.Number));

        var first = plan.Activities.OrderBy(a => a.Number).First();
        plan.AssignActivity(first, [(Cema, AssignmentRole.Lead), (Vwu, AssignmentRole.Supporting)]);
        Assert.Equal(Cema, first.LeadAgencyId);
        var task = plan.AddTask(first, "Nhiệm vụ thêm");
        plan.MoveTask(first, task, 1);
        Assert.Equal(["Nhiệm vụ thêm", "Biên soạn tài liệu"], first.Tasks.OrderBy(t => t.Number).Select(t => t.Text));
        plan.RemoveTask(first, task);
        Assert.Equal([1], first.Tasks.Select(t => t.Number));

        var perTask = plan.Activities.Single(a => a.HasLeadsPerTask);
        Assert.Equal("Rule.RolesOnOneLevel", Assert.Throws<DomainRuleException>(() => plan.ReviseTask(first, first.Tasks[0], "x", [(Vwu, AssignmentRole.Lead)])).Code);
        plan.ReviseTask(perTask, perTask.Tasks[0], "Báo cáo kết quả", [(Vwu, AssignmentRole.Joint), (Cema, AssignmentRole.Joint)]);
        Assert.True(perTask.Tasks[0].Assignments.All(a => a.Role == AssignmentRole.Joint));

        var next = new CoordinationProgramme("2/CTPH", new DateOnly(2025, 1, 2), 2025, 2030, "Chương trình mới");
        plan.ReviseHeader(next, "15/KH-HLHPNVN-BDTTG", new DateOnly(2025, 2, 14), "Hà Nội", "Kế hoạch năm 2025");
        Assert.Equal(("15/KH-HLHPNVN-BDTTG", "2/CTPH"), (plan.Number, plan.Programme.Number));
        Assert.Equal("Rule.PlanIssuedOn", Assert.Throws<DomainRuleException>(() => plan.ReviseHeader(next, "15", new DateOnly(2023, 12, 1), "Hà Nội", "K")).Code);
        Assert.Equal("Rule.WindowOutsideYear", Assert.Throws<DomainRuleException>(() => plan.AddActivity("Sang năm", new QuarterWindow(new Quarter(2026, 1), new Quarter(2026, 1)), "Quý I/2026")).Code);
    }

    [Fact]
    public void A_published_plan_changes_only_in_wording_and_expected_months_and_keeps_activities_that_have_records()
    {
        var plan = Plan2024();
        plan.Publish(CalendarOf(plan), null, "Quản trị", Now);
        var workshop = plan.Activities.Single(a => a.Title == "Hội thảo");
        var version = workshop.Version;

        plan.ReviseActivity(workshop, new ActivityRevision("Hội thảo chuyên đề", "Workshop", null, null, "Quý IV (dự kiến tháng 11/2024).", new QuarterWindow(new Quarter(2024, 4), new Quarter(2024, 4), 11), false));
        plan.ReviseHeader(plan.Programme, plan.Number, plan.IssuedOn, plan.Place, "Kế hoạch năm 2024 (đính chính)");
        plan.ReviseText("Lời mở đầu mới", "Kinh phí mới", ["Mục đích"], ["Như trên;", "Lưu: VT."]);

        Assert.Equal(("Hội thảo chuyên đề", 11, version + 1), (workshop.Title, workshop.Window.ExpectedMonth, workshop.Version));
        Assert.Equal(["Như trên;", "Lưu: VT."], plan.Recipients.Select(r => r.Text));
        static string Code(Action act) => Assert.Throws<DomainRuleException>(act).Code!;
        Assert.Equal("Rule.PlanPublishedFixed", Code(() => plan.ReviseActivity(workshop, new ActivityRevision("Hội thảo", null, null, null, "Quý III", new QuarterWindow(new Quarter(2024, 3), new Quarter(2024, 4)), false))));
        Assert.Equal("Rule.PlanPublishedFixed", Code(() => plan.ReviseActivity(workshop, new ActivityRevision("Hội thảo", null, null, null, "Quý IV", workshop.Window, true))));
        Assert.Equal("Rule.PlanPublishedFixed", Code(() => plan.AddActivity("Mới", new QuarterWindow(new Quarter(2024, 4), new Quarter(2024, 4)), "Quý IV")));
        Assert.Equal("Rule.PlanPublishedFixed", Code(() => plan.AssignActivity(workshop, [(Vwu, AssignmentRole.Lead)])));
        Assert.Equal("Rule.PlanPublishedFixed", Code(() => plan.MoveActivity(workshop, 1)));
        Assert.Equal("Rule.PlanPublishedFixed", Code(() => plan.AddTask(workshop, "Mới")));
        Assert.Equal("Rule.PlanPublishedFixed", Code(() => plan.ReviseHeader(plan.Programme, "469/KH", plan.IssuedOn, plan.Place, plan.Title)));
        Assert.Equal("Rule.ActivityHasRecords", Code(() => plan.RemoveActivity(workshop, hasRecords: true)));
        Assert.Equal(3, plan.Activities.Count);

        plan.RemoveActivity(workshop, hasRecords: false);
        Assert.Equal([1, 2], plan.Activities.Select(a => a.Number).Order());
    }

    [Fact]
    public void What_each_agency_does_on_an_activity_is_wording_reworded_in_any_state_one_statement_per_agency()
    {
        var plan = Plan2024();
        plan.Publish(CalendarOf(plan), null, "Quản trị", Now);
        var activity = plan.Activities[0];
        var version = activity.Version;

        plan.ReviseStatements(activity, [(Cema, "Ủy ban Dân tộc phối hợp năm 2025."), (Vwu, "Hội LHPN Việt Nam chủ trì.")]);
        Assert.Equal([(Cema, "Ủy ban Dân tộc phối hợp năm 2025."), (Vwu, "Hội LHPN Việt Nam chủ trì.")], activity.Statements.Select(s => (s.AgencyId, s.Text)));
        Assert.Equal(version + 1, activity.Version);

        plan.ReviseStatements(activity, [(Vwu, "Hội LHPN Việt Nam chủ trì.")]);
        Assert.Equal([Vwu], activity.Statements.Select(s => s.AgencyId));
        Assert.Equal("Rule.AgencyTwice", Assert.Throws<DomainRuleException>(() => plan.ReviseStatements(activity, [(Vwu, "a"), (Vwu, "b")])).Code);
        Assert.Equal("Rule.Required", Assert.Throws<DomainRuleException>(() => plan.ReviseStatements(activity, [(Cema, "Phối hợp."), (Vwu, " ")])).Code);
        Assert.Equal([(Vwu, "Hội LHPN Việt Nam chủ trì.")], activity.Statements.Select(s => (s.AgencyId, s.Text))); // a refused revision changes nothing
    }

    [Fact]
    public void Targets_are_whole_numbers_per_year_nationally_and_per_province_and_the_percentage_reached_is_rounded()
    {
        var indicator = new Indicator(activityId: 5, "A1.EVENTS", "Số cuộc tuyên truyền", null, IndicatorUnit.Count, 1);

        Assert.True(indicator.SetTargets(120, new Dictionary<int, long> { [8] = 10, [20] = 4 }));
        Assert.False(indicator.SetTargets(120, new Dictionary<int, long> { [8] = 10, [20] = 4 }));
        Assert.True(indicator.SetTargets(null, new Dictionary<int, long> { [8] = 12 }));
        Assert.Equal((null, 12L, null), (indicator.Target, indicator.TargetFor(8), indicator.TargetFor(20)));
        Assert.Equal("Rule.IndicatorValue", Assert.Throws<DomainRuleException>(() => indicator.SetTargets(-1, new Dictionary<int, long>())).Code);

        Assert.Equal(50, TargetProgress.PercentReached(60, 120));
        Assert.Equal(113, TargetProgress.PercentReached(135, 120));
        Assert.Equal(1, TargetProgress.PercentReached(1, 200)); // 0.5 % rounds away from zero
        Assert.Null(TargetProgress.PercentReached(60, null));
        Assert.Null(TargetProgress.PercentReached(60, 0));

        var copy = indicator.CopyTo(activityId: 9);
        Assert.Equal((9, "A1.EVENTS", "Số cuộc tuyên truyền", IndicatorUnit.Count, 1, (long?)null), (copy.ActivityId, copy.Code, copy.Name, copy.Unit, copy.SortOrder, copy.Target));
        Assert.Empty(copy.ProvinceTargets);
    }
}

internal static class PlanTestExtensions
{
    public static IEnumerable<QuarterWindow> Windows(this Plan plan) => plan.Activities.Select(a => a.Window);
}
