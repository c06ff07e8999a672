using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using CoordinationPortal.Domain.Auditing;
using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Domain.Plans;
using CoordinationPortal.Domain.Reporting;
using CoordinationPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CoordinationPortal.Web.Tests;

/// <summary>
/// Drafting the yearly plans through the pages (docs/decisions/0021): a copy of Plan 468 for 2025,
/// each part saved on its own, conflicts, the list of activities, publishing and what a published
/// plan keeps. The clock stands at 29/11/2026 (10:00 in Hà Nội), when the 2025 and 2026 plans are
/// being made and Q4/2026 is open for reports.
/// </summary>
public sealed class PlanEditingTests : IAsyncDisposable
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 29, 3, 0, 0, TimeSpan.Zero));
    private readonly CommandCounter _commands = new();
    private readonly PortalFactory _factory = new();

    public PlanEditingTests()
    {
        _factory.ConfigureServices = services =>
        {
            services.AddSingleton<TimeProvider>(_clock);
            services.AddSingleton<IInterceptor>(_commands);
        };
    }

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<int> Plan468Async() =>
        _factory.WithDbAsync(db => db.Plans.Where(p => p.Number == Scenario.Plan468).Select(p => p.Id).SingleAsync(Ct));

    private Task<Plan> LoadAsync(int planId) =>
        _factory.WithDbAsync(db => db.Plans.AsNoTracking().Include(p => p.Programme).Include(p => p.Activities).ThenInclude(a => a.Tasks).SingleAsync(p => p.Id == planId, Ct));

    private static Task<HttpResponseMessage> GetAsync(HttpClient client, string url) => client.GetAsync(new Uri(url, UriKind.Relative), Ct);

    private static string Location(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"expected a redirect, got {(int)response.StatusCode}");
        return response.Headers.Location!.OriginalString;
    }

    /// <summary>Posts a form as shown, with some fields changed; the response is the caller's.</summary>
    private static Task<HttpResponseMessage> SubmitAsync(HttpClient client, IDocument page, string action, params (string Name, string Value)[] changes) =>
        client.PostFormAsync(action, page, FormFields.Of(page, $"form[method=post][action='{action}']").With(changes));

    /// <summary>"Kế hoạch mới", copying a plan into a year, as an officer fills it in; returns the new draft's id.</summary>
    private static async Task<int> CopyAsync(HttpClient client, int sourceId, int year, string number, string issuedOn)
    {
        var page = await client.GetDocumentAsync($"/plans/new?start=Copy&sourcePlanId={sourceId}&year={year}");
        using var response = await SubmitAsync(client, page, "/plans/new", ("Number", number), ("IssuedOn", issuedOn));
        return int.Parse(Location(response)["/plans/".Length..], CultureInfo.InvariantCulture);
    }

    private async Task<int> ProgrammeAsync(HttpClient client, int firstYear, int lastYear, string number)
    {
        var page = await client.GetDocumentAsync($"/programmes/new?forYear={firstYear}");
        using var response = await SubmitAsync(client, page, "/programmes/new", ("Number", number), ("SignedOn", $"15/12/{firstYear - 1}"), ("FirstYear", $"{firstYear}"), ("LastYear", $"{lastYear}"), ("Title", "Chương trình phối hợp công tác giai đoạn 2026-2030"));
        Assert.StartsWith("/plans/new", Location(response), StringComparison.Ordinal);
        return await _factory.WithDbAsync(db => db.Programmes.Where(p => p.Number == number).Select(p => p.Id).SingleAsync(Ct));
    }

    private Task<int> ActivityIdAsync(int planId, int number) =>
        _factory.WithDbAsync(db => db.Activities.Where(a => a.PlanId == planId && a.Number == number).Select(a => a.Id).SingleAsync(Ct));

    private static IReadOnlyList<(int AgencyId, AssignmentRole Role)> Roles(IEnumerable<Assignment> assignments) =>
        [.. assignments.OrderBy(a => a.AgencyId).Select(a => (a.AgencyId, a.Role))];

    [Fact]
    public async Task A_central_officer_copies_plan_468_into_2025_with_every_part_as_new_records_moved_one_year_and_a_double_post_makes_one_plan()
    {
        var officer = await _factory.SignedInClientAsync(Persona.CentralVwu);
        var source = await Plan468Async();

        // The page proposes what a copy of last year's plan needs: 2025, the programme covering it, 468's title.
        var page = await officer.GetDocumentAsync("/plans/new");
        Assert.Equal($"{source}", page.QuerySelector("select[name=SourcePlanId] option[selected]")!.GetAttribute("value"));
        var fields = FormFields.Of(page, "form[method=post][action='/plans/new']");
        Assert.Equal(("Copy", "2025", "Hà Nội"), (fields["Start"], fields["Year"], fields["Place"]));
        Assert.Equal("Triển khai Chương trình phối hợp công tác giữa Ủy ban Dân tộc và Hội Liên hiệp Phụ nữ Việt Nam năm 2024", fields["Title"]);
        Assert.Contains("1541/CTPH-UBDT-HLHPN", page.QuerySelector("select[name=ProgrammeId] option[selected]")!.Text(), StringComparison.Ordinal);

        // Sent twice (a double click, a retried post): one plan, and both answers lead to it.
        fields = fields.With(("Number", "15/KH-HLHPNVN-UBDT"), ("IssuedOn", "20/01/2025"));
        using var first = await officer.PostFormAsync("/plans/new", page, fields);
        using var second = await officer.PostFormAsync("/plans/new", page, fields);
        var location = Location(first);
        Assert.Equal(location, Location(second));
        Assert.Equal(1, await _factory.WithDbAsync(db => db.Plans.CountAsync(p => p.Number == "15/KH-HLHPNVN-UBDT", Ct)));
        var copyId = int.Parse(location["/plans/".Length..], CultureInfo.InvariantCulture);

        var from = await LoadAsync(source);
        var copy = await LoadAsync(copyId);
        Assert.Equal((2025, PlanState.Draft, 2024, "Hà Nội", from.Title, from.ProgrammeId), (copy.Year, copy.State, copy.CopiedFromYear, copy.Place, copy.Title, copy.ProgrammeId));
        Assert.Equal((from.Preamble, from.FundingText), (copy.Preamble, copy.FundingText));
        Assert.Equal(from.Purposes.OrderBy(p => p.Number).Select(p => p.Text), copy.Purposes.OrderBy(p => p.Number).Select(p => p.Text));
        Assert.Equal(from.Duties.OrderBy(d => d.Number).Select(d => (d.AgencyId, d.Text)), copy.Duties.OrderBy(d => d.Number).Select(d => (d.AgencyId, d.Text)));
        Assert.Equal(from.Signatories.OrderBy(s => s.Number).Select(s => (s.AgencyId, s.AgencyHeading, s.AuthorityLine, s.TitleLine, s.FullName)), copy.Signatories.OrderBy(s => s.Number).Select(s => (s.AgencyId, s.AgencyHeading, s.AuthorityLine, s.TitleLine, s.FullName)));
        Assert.Equal(from.Recipients.OrderBy(r => r.Number).Select(r => r.Text), copy.Recipients.OrderBy(r => r.Number).Select(r => r.Text));

        var sourceActivities = from.Activities.OrderBy(a => a.Number).ToList();
        var copiedActivities = copy.Activities.OrderBy(a => a.Number).ToList();
        Assert.Equal(7, copiedActivities.Count);
        Assert.Empty(copiedActivities.Select(a => a.Id).Intersect(sourceActivities.Select(a => a.Id)));
        Assert.Empty(copiedActivities.SelectMany(a => a.Tasks).Select(t => t.Id).Intersect(sourceActivities.SelectMany(a => a.Tasks).Select(t => t.Id)));
        foreach (var (a, c) in sourceActivities.Zip(copiedActivities))
        {
            Assert.Equal((a.Number, a.Title, a.EnglishTitle, a.Content, a.Form, a.ScheduleText, a.ProvincesReport), (c.Number, c.Title, c.EnglishTitle, c.Content, c.Form, c.ScheduleText, c.ProvincesReport));
            Assert.Equal((a.Window.First.AddQuarters(4), a.Window.Last.AddQuarters(4), a.Window.ExpectedMonth), (c.Window.First, c.Window.Last, c.Window.ExpectedMonth));
            Assert.Equal(Roles(a.Assignments), Roles(c.Assignments));
            Assert.Equal(a.Tasks.OrderBy(t => t.Number).Select(t => (t.Number, t.Text, Roles(t.Assignments).Count)), c.Tasks.OrderBy(t => t.Number).Select(t => (t.Number, t.Text, Roles(t.Assignments).Count)));
            Assert.Equal(a.Tasks.OrderBy(t => t.Number).SelectMany(t => Roles(t.Assignments)), c.Tasks.OrderBy(t => t.Number).SelectMany(t => Roles(t.Assignments)));
            Assert.Equal(a.Statements.Select(s => (s.AgencyId, s.Text)), c.Statements.Select(s => (s.AgencyId, s.Text)));
        }

        Assert.Equal([false, false], copiedActivities.Where(a => a.Number is 3 or 7).Select(a => a.ProvincesReport));

        // Indicators in use come along, on the new activities, without targets.
        var indicators = await _factory.WithDbAsync(db => db.Indicators.AsNoTracking().ToListAsync(Ct));
        var sourceIndicators = indicators.Where(i => sourceActivities.Exists(a => a.Id == i.ActivityId) && !i.IsRetired)
            .Select(i => (Number: sourceActivities.Single(a => a.Id == i.ActivityId).Number, i.Code, i.Name, i.Unit, i.SortOrder)).Order().ToList();
        var copiedIndicators = indicators.Where(i => copiedActivities.Exists(a => a.Id == i.ActivityId)).ToList();
        Assert.NotEmpty(sourceIndicators);
        Assert.Equal(sourceIndicators, copiedIndicators.Select(i => (Number: copiedActivities.Single(a => a.Id == i.ActivityId).Number, i.Code, i.Name, i.Unit, i.SortOrder)).Order().ToList());
        Assert.All(copiedIndicators, i => Assert.Null(i.Target));

        // The reporting calendar: the four quarters of 2025, by default.
        var calendar = await _factory.WithDbAsync(db => db.ReportingPeriods.AsNoTracking().Where(p => p.PlanId == copyId).OrderBy(p => p.Quarter).ToListAsync(Ct));
        Assert.Equal(Quarter.OfYear(2025), calendar.Select(p => p.Quarter));
        Assert.Equal(new DateOnly(2025, 3, 20), calendar[0].DueOn);

        // The draft's page: marked, and the years the copy may have got wrong are counted with links to their parts.
        var shown = await officer.GetDocumentAsync(location);
        Assert.StartsWith("Kế hoạch 15/KH-HLHPNVN-UBDT (dự thảo) – ", shown.Title, StringComparison.Ordinal);
        Assert.Equal("DỰ THẢO", shown.QuerySelector("h1 [data-draft-mark]")!.Text());
        var review = shown.QuerySelector("[data-year-review]")!;
        Assert.Contains("cần kiểm tra", review.Text(), StringComparison.Ordinal);
        Assert.Contains(review.QuerySelectorAll("a"), a => a.GetAttribute("href") == $"/plans/{copyId}/edit/header");
        Assert.Contains(review.QuerySelectorAll("a"), a => a.GetAttribute("href") == $"/activities/{copiedActivities[6].Id}/edit");
        Assert.Equal("2024", shown.QuerySelector(".document-title mark")!.Text());

        // Editing the copy leaves Plan 468 as it was signed.
        var edit = await officer.GetDocumentAsync($"/activities/{copiedActivities[0].Id}/edit");
        Assert.Contains("Kiểm tra năm", edit.QuerySelector("[data-field=ScheduleText] .year-check")!.Text(), StringComparison.Ordinal);
        Assert.Equal("2024", edit.QuerySelector("[data-field=ScheduleText] .year-check mark")!.Text());
        using (var saved = await SubmitAsync(officer, edit, $"/activities/{copiedActivities[0].Id}/edit", ("ScheduleText", "Năm 2025"), ("Tasks[0].Text", "Tuyên truyền năm 2025")))
        {
            Assert.Equal($"/activities/{copiedActivities[0].Id}/edit", Location(saved));
        }

        var after = await LoadAsync(source);
        Assert.Equal(("Năm 2024", sourceActivities[0].Tasks.OrderBy(t => t.Number).First().Text), (after.Activities.Single(a => a.Number == 1).ScheduleText, after.Activities.Single(a => a.Number == 1).Tasks.OrderBy(t => t.Number).First().Text));
        var edited = (await LoadAsync(copyId)).Activities.Single(a => a.Number == 1);
        Assert.Equal(("Năm 2025", "Tuyên truyền năm 2025"), (edited.ScheduleText, edited.Tasks.OrderBy(t => t.Number).First().Text));
    }

    [Fact]
    public async Task Each_part_is_saved_on_its_own_and_a_stale_form_is_a_conflict_that_keeps_both_versions_visible()
    {
        var officer = await _factory.SignedInClientAsync(Persona.CentralVwu);
        var colleague = await _factory.SignedInClientAsync(Persona.CentralCema);
        var plan = await CopyAsync(officer, await Plan468Async(), 2025, "15/KH-2025", "20/01/2025");

        // Header: both open the form; the first save wins, the second sees both titles and keeps its own typing.
        var mine = await officer.GetDocumentAsync($"/plans/{plan}/edit/header");
        var theirs = await colleague.GetDocumentAsync($"/plans/{plan}/edit/header");
        using (var saved = await SubmitAsync(officer, mine, $"/plans/{plan}/edit/header", ("Title", "Triển khai Chương trình phối hợp năm 2025"), ("IssuedOn", "21/01/2025")))
        {
            Assert.Equal($"/plans/{plan}", Location(saved));
        }

        using var conflict = await SubmitAsync(colleague, theirs, $"/plans/{plan}/edit/header", ("Title", "Kế hoạch phối hợp năm 2025"));
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        var shown = await conflict.ReadDocumentAsync();
        var comparison = shown.QuerySelector(".conflict-table")!.Text();
        Assert.Contains("Triển khai Chương trình phối hợp năm 2025", comparison, StringComparison.Ordinal);
        Assert.Contains("Kế hoạch phối hợp năm 2025", comparison, StringComparison.Ordinal);
        Assert.Contains("21/01/2025", comparison, StringComparison.Ordinal); // the date the first save changed, beside the one this form still has
        Assert.Equal("Kế hoạch phối hợp năm 2025", shown.QuerySelector("textarea[name=Title]")!.TextContent);
        Assert.Equal("Triển khai Chương trình phối hợp năm 2025", (await LoadAsync(plan)).Title);

        // Saving from the comparison is a deliberate choice: what this form says is saved, the date included.
        using (var again = await SubmitAsync(colleague, shown, $"/plans/{plan}/edit/header"))
        {
            Assert.Equal($"/plans/{plan}", Location(again));
        }

        var header = await LoadAsync(plan);
        Assert.Equal(("Kế hoạch phối hợp năm 2025", new DateOnly(2025, 1, 20)), (header.Title, header.IssuedOn));

        // Section I, III and recipients: purposes and recipients one per line; another part saved meanwhile is no conflict.
        var text = await officer.GetDocumentAsync($"/plans/{plan}/edit/text");
        Assert.NotNull(text.QuerySelector("[data-field=Purposes] .year-check mark"));
        var organisation = await colleague.GetDocumentAsync($"/plans/{plan}/edit/organisation");
        using (var saved = await SubmitAsync(officer, text, $"/plans/{plan}/edit/text", ("Purposes", "Mục đích thứ nhất năm 2025.\n\n  Mục đích thứ hai.  \n"), ("Recipients", "Như trên;\nLưu: VT.")))
        {
            Assert.Equal($"/plans/{plan}#purposes", Location(saved));
        }

        var vwu = await _factory.AgencyIdAsync("VWU");
        using (var saved = await SubmitAsync(colleague, organisation, $"/plans/{plan}/edit/organisation", ($"Duties[{vwu}]", "Chủ trì tổ chức sơ kết năm 2025."), ("Signatories[2].AgencyId", $"{vwu}"), ("Signatories[2].AgencyHeading", "HỘI LHPN VIỆT NAM"), ("Signatories[2].TitleLine", "PHÓ CHỦ TỊCH"), ("Signatories[2].FullName", "Nguyễn Thị Minh")))
        {
            Assert.Equal($"/plans/{plan}#organisation", Location(saved));
        }

        var stored = await LoadAsync(plan);
        Assert.Equal(["Mục đích thứ nhất năm 2025.", "Mục đích thứ hai."], stored.Purposes.OrderBy(p => p.Number).Select(p => p.Text));
        Assert.Equal(["Như trên;", "Lưu: VT."], stored.Recipients.OrderBy(r => r.Number).Select(r => r.Text));
        Assert.Equal(["Chủ trì tổ chức sơ kết năm 2025."], stored.Duties.Where(d => d.AgencyId == vwu).Select(d => d.Text));
        Assert.Equal(3, stored.Signatories.Count);
        Assert.Equal("Nguyễn Thị Minh", stored.Signatories.Single(s => s.Number == 3).FullName);

        // The same text form, sent again from the page shown before, changes nothing and writes nothing.
        var audited = await _factory.WithDbAsync(db => db.AuditEntries.CountAsync(Ct));
        using (var repeat = await SubmitAsync(officer, text, $"/plans/{plan}/edit/text", ("Purposes", "Mục đích thứ nhất năm 2025.\nMục đích thứ hai."), ("Recipients", "Như trên;\nLưu: VT.")))
        {
            Assert.Equal($"/plans/{plan}#purposes", Location(repeat));
        }

        Assert.Equal(audited, await _factory.WithDbAsync(db => db.AuditEntries.CountAsync(Ct)));

        // But a stale text form that asks for something else is a conflict, and nothing is overwritten.
        using var stale = await SubmitAsync(officer, text, $"/plans/{plan}/edit/text", ("FundingText", "Kinh phí khác."));
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("Mục đích thứ hai.", (await stale.ReadDocumentAsync()).QuerySelector(".conflict-table")!.Text(), StringComparison.Ordinal);
        Assert.Equal(header.FundingText, (await LoadAsync(plan)).FundingText);
    }

    [Fact]
    public async Task An_activity_of_a_draft_changes_in_every_part_and_a_stale_activity_form_is_a_conflict()
    {
        var officer = await _factory.SignedInClientAsync(Persona.CentralCema);
        var plan = await CopyAsync(officer, await Plan468Async(), 2025, "15/KH-2025", "20/01/2025");
        var activityId = await ActivityIdAsync(plan, 4);
        var url = $"/activities/{activityId}/edit";
        var page = await officer.GetDocumentAsync(url);
        var stalePage = await officer.GetDocumentAsync(url);
        Assert.Equal(5, page.QuerySelectorAll(".task-edit[data-task-id]").Length);

        // Window, expected month, central only, CEMA leads; task 1 reworded and moved to the end of the old tasks, task 2 removed, one added (last).
        using (var saved = await SubmitAsync(officer, page, url,
            ("Title", "Phối hợp chỉ đạo, giám sát năm 2025"),
            ("FirstQuarter", "20252"),
            ("LastQuarter", "20253"),
            ("ExpectedMonth", "8"),
            ("ProvincesReport", "false"),
            ("Roles", "CemaLeads"),
            ("Tasks[0].Text", "Nhiệm vụ một, viết lại."),
            ("Tasks[0].Position", "5"),
            ("Tasks[1].Remove", "true"),
            ("NewTask", "Nhiệm vụ mới năm 2025."),
            ($"Statements[{await _factory.AgencyIdAsync("CEMA")}]", "Bộ Dân tộc và Tôn giáo chủ trì tổng hợp.")))
        {
            Assert.Equal(url, Location(saved));
        }

        var activity = (await LoadAsync(plan)).Activities.Single(a => a.Id == activityId);
        var cema = await _factory.AgencyIdAsync("CEMA");
        var vwu = await _factory.AgencyIdAsync("VWU");
        Assert.Equal(("Phối hợp chỉ đạo, giám sát năm 2025", new Quarter(2025, 2), new Quarter(2025, 3), (int?)8, false), (activity.Title, activity.Window.First, activity.Window.Last, activity.Window.ExpectedMonth, activity.ProvincesReport));
        Assert.Equal(cema, activity.LeadAgencyId);
        Assert.Equal(AssignmentRole.Supporting, activity.RoleOf(vwu));
        var tasks = activity.Tasks.OrderBy(t => t.Number).Select(t => t.Text).ToList();
        Assert.Equal(5, tasks.Count);
        Assert.Equal("Nhiệm vụ một, viết lại.", tasks[3]);
        Assert.Equal("Nhiệm vụ mới năm 2025.", tasks[4]);
        Assert.Equal([(cema, "Bộ Dân tộc và Tôn giáo chủ trì tổng hợp.")], activity.Statements.Select(s => (s.AgencyId, s.Text)));

        // Roles per task: each task says its own.
        page = await officer.GetDocumentAsync(url);
        var perTask = FormFields.Of(page, $"form[method=post][action='{url}']").With(("Roles", "PerTask"));
        for (var i = 0; i < 5; i++)
        {
            perTask[$"Tasks[{i}].Roles"] = i == 0 ? "VwuLeads" : "Joint";
        }

        using (var saved = await officer.PostFormAsync(url, page, perTask))
        {
            Assert.Equal(url, Location(saved));
        }

        activity = (await LoadAsync(plan)).Activities.Single(a => a.Id == activityId);
        Assert.True(activity.HasLeadsPerTask);
        Assert.Equal(vwu, activity.Tasks.Single(t => t.Number == 1).Assignments.Single(a => a.Role == AssignmentRole.Lead).AgencyId);

        // The form opened before these saves: a conflict listing both versions; the stored activity stays.
        using var conflict = await SubmitAsync(officer, stalePage, url, ("Title", "Tên khác"));
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        var comparison = (await conflict.ReadDocumentAsync()).QuerySelector(".conflict-table")!.Text();
        Assert.Contains("Phối hợp chỉ đạo, giám sát năm 2025", comparison, StringComparison.Ordinal);
        Assert.Contains("Tên khác", comparison, StringComparison.Ordinal);
        Assert.Equal("Phối hợp chỉ đạo, giám sát năm 2025", (await LoadAsync(plan)).Activities.Single(a => a.Id == activityId).Title);
    }

    [Fact]
    public async Task The_list_of_activities_adds_once_per_form_moves_and_removes_in_a_draft()
    {
        var officer = await _factory.SignedInClientAsync(Persona.CentralVwu);
        var plan = await CopyAsync(officer, await Plan468Async(), 2025, "15/KH-2025", "20/01/2025");
        var url = $"/plans/{plan}/edit/activities";

        var list = await officer.GetDocumentAsync(url);
        var add = FormFields.Of(list, $"form[method=post][action='{url}']").With(("Title", "Hội nghị sơ kết 5 năm Chương trình phối hợp"), ("FirstQuarter", "20254"), ("LastQuarter", "20254"), ("ScheduleText", "Quý IV/2025"));
        using var added = await officer.PostFormAsync(url, list, add);
        using var repeated = await officer.PostFormAsync(url, list, add);
        var newId = await ActivityIdAsync(plan, 8);
        Assert.Equal($"/activities/{newId}/edit", Location(added));
        Assert.Equal($"/activities/{newId}/edit", Location(repeated));
        Assert.Equal(8, (await LoadAsync(plan)).Activities.Count);

        // Up one place: it becomes activity 7, and the old 7 becomes 8.
        list = await officer.GetDocumentAsync(url);
        var row = list.QuerySelector($"tr[data-activity-id='{newId}']")!;
        Assert.Null(row.QuerySelector("button[value=down]"));
        using (var moved = await SubmitAsync(officer, list, $"/activities/{newId}/move", ("Direction", "up")))
        {
            Assert.Equal($"{url}#activity-{newId}", Location(moved));
        }

        var activities = (await LoadAsync(plan)).Activities.OrderBy(a => a.Number).ToList();
        Assert.Equal(newId, activities[6].Id);
        Assert.StartsWith("Sơ kết", activities[7].Title, StringComparison.Ordinal);

        // A move sent from the list as it was before is refused with the list as it is now.
        using var stale = await SubmitAsync(officer, list, $"/activities/{activities[0].Id}/move", ("Direction", "down"));
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("Chuyển hoạt động 1 xuống dưới", (await stale.ReadDocumentAsync()).QuerySelector(".conflict-table")!.Text(), StringComparison.Ordinal);
        Assert.Equal(activities[0].Id, await ActivityIdAsync(plan, 1));

        // Removed: the ones after it are renumbered, its indicators go with it.
        list = await officer.GetDocumentAsync(url);
        var sixth = activities[5].Id;
        Assert.True(await _factory.WithDbAsync(db => db.Indicators.AnyAsync(i => i.ActivityId == sixth, Ct)));
        using (var removed = await SubmitAsync(officer, list, $"/activities/{sixth}/remove"))
        {
            Assert.Equal($"{url}#activity-{sixth}", Location(removed));
        }

        activities = (await LoadAsync(plan)).Activities.OrderBy(a => a.Number).ToList();
        Assert.Equal([1, 2, 3, 4, 5, 6, 7], activities.Select(a => a.Number));
        Assert.Equal(newId, activities[5].Id);
        Assert.False(await _factory.WithDbAsync(db => db.Indicators.AnyAsync(i => i.ActivityId == sixth, Ct)));
        Assert.False(await _factory.WithDbAsync(db => db.Activities.AnyAsync(a => a.Id == sixth, Ct)));
    }

    [Fact]
    public async Task Publishing_lists_each_problem_in_Vietnamese_with_where_to_fix_it_and_publishes_nothing_until_none_is_left()
    {
        var admin = await _factory.SignedInClientAsync(Persona.Administrator);
        var newPlan = await admin.GetDocumentAsync("/plans/new?start=Blank&year=2025");
        using var created = await SubmitAsync(admin, newPlan, "/plans/new", ("Number", "20/KH-2025"), ("IssuedOn", "05/01/2025"), ("Title", "Kế hoạch năm 2025"));
        var plan = int.Parse(Location(created)["/plans/".Length..], CultureInfo.InvariantCulture);

        async Task<IDocument> CheckAsync() => await admin.GetDocumentAsync($"/plans/{plan}/publish");
        static IElement Problem(IDocument page, string code) => page.QuerySelector($"[data-problem='Plan.Problem.{code}']")!;

        var check = await CheckAsync();
        Assert.Equal("Kế hoạch chưa có hoạt động nào. Thêm hoạt động", Problem(check, "NoActivity").Text());
        Assert.Equal($"/plans/{plan}/edit/activities", Problem(check, "NoActivity").QuerySelector("a")!.GetAttribute("href"));
        Assert.Null(check.QuerySelector($"form[action='/plans/{plan}/publish']"));

        // An activity nobody is responsible for.
        var list = await admin.GetDocumentAsync($"/plans/{plan}/edit/activities");
        using (await SubmitAsync(admin, list, $"/plans/{plan}/edit/activities", ("Title", "Tuyên truyền"), ("FirstQuarter", "20251"), ("LastQuarter", "20254"), ("ScheduleText", "Năm 2025")))
        {
        }

        var activity = await ActivityIdAsync(plan, 1);
        check = await CheckAsync();
        Assert.Equal("Hoạt động 1 chưa phân công cơ quan chủ trì, phối hợp. Sửa hoạt động", Problem(check, "NoAgency").Text());
        Assert.Equal($"/activities/{activity}/edit", Problem(check, "NoAgency").QuerySelector("a")!.GetAttribute("href"));
        var edit = await admin.GetDocumentAsync($"/activities/{activity}/edit");
        using (await SubmitAsync(admin, edit, $"/activities/{activity}/edit", ("Roles", "Joint")))
        {
        }

        // A quarter with provincial activities and no reporting period.
        await _factory.WithDbAsync(db => db.ReportingPeriods.Where(p => p.PlanId == plan && p.Quarter == new Quarter(2025, 2)).ExecuteDeleteAsync(Ct));
        check = await CheckAsync();
        Assert.Equal("Quý II/2025 có hoạt động các tỉnh báo cáo nhưng chưa có lịch báo cáo. Lịch báo cáo", Problem(check, "NoCalendar").Text());
        Assert.Equal($"/admin/calendar?planId={plan}", Problem(check, "NoCalendar").QuerySelector("a")!.GetAttribute("href"));

        // Another plan already published for 2025: provinces report once per quarter.
        await _factory.PlanForYearAsync(2025);
        check = await CheckAsync();
        Assert.Equal(["Plan.Problem.NoCalendar", "Plan.Problem.YearTaken"], check.QuerySelectorAll("[data-problem]").Select(p => p.GetAttribute("data-problem")).Order(StringComparer.Ordinal));
        Assert.StartsWith("Năm 2025 đã có kế hoạch được công bố (TEST-2025/KH)", Problem(check, "YearTaken").Text(), StringComparison.Ordinal);

        // Posting anyway publishes nothing and says why.
        var version = await _factory.WithDbAsync(db => db.Plans.Where(p => p.Id == plan).Select(p => p.Version).SingleAsync(Ct));
        using (var refused = await admin.PostFormAsync($"/plans/{plan}/publish", check, new() { ["Version"] = $"{version}" }))
        {
            Assert.Equal($"/plans/{plan}/publish", Location(refused));
        }

        Assert.Contains("Chưa công bố được", (await CheckAsync()).QuerySelector(".alert-danger")!.Text(), StringComparison.Ordinal);
        Assert.Equal(PlanState.Draft, (await LoadAsync(plan)).State);

        // The calendar page puts back the missing quarter.
        var calendar = await admin.GetDocumentAsync(Problem(check, "NoCalendar").QuerySelector("a")!.GetAttribute("href")!);
        Assert.Contains("Quý II/2025", calendar.QuerySelector("[data-missing-quarters]")!.Text(), StringComparison.Ordinal);
        using (await admin.PostFormAsync($"/admin/calendar/{plan}/missing", calendar, []))
        {
        }

        Assert.Equal(["Plan.Problem.YearTaken"], (await CheckAsync()).QuerySelectorAll("[data-problem]").Select(p => p.GetAttribute("data-problem")));
    }

    [Fact]
    public async Task Only_an_administrator_publishes_and_a_published_plan_then_keeps_its_quarters_but_takes_new_wording()
    {
        var officer = await _factory.SignedInClientAsync(Persona.CentralVwu);

        // 2026 lies outside programme 1541 (2021-2025): the page says so and leads to a new programme, then back.
        var page = await officer.GetDocumentAsync($"/plans/new?start=Copy&sourcePlanId={await Plan468Async()}&year=2026");
        var noProgramme = page.QuerySelector("[data-no-programme]")!;
        Assert.Contains("Chưa có chương trình phối hợp nào bao gồm năm 2026", noProgramme.Text(), StringComparison.Ordinal);
        Assert.StartsWith("/programmes/new?forYear=2026", noProgramme.QuerySelector("a")!.GetAttribute("href"), StringComparison.Ordinal);
        await ProgrammeAsync(officer, 2026, 2030, "12/CTPH-BDTTG-HLHPN");
        var plan = await CopyAsync(officer, await Plan468Async(), 2026, "05/KH-BDTTG-HLHPN", "10/01/2026");

        // A central officer drafts but does not publish.
        Assert.Null((await officer.GetDocumentAsync($"/plans/{plan}")).QuerySelector("[data-publish]"));
        using (var refused = await GetAsync(officer, $"/plans/{plan}/publish"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        using (var refused = await officer.PostFormAsync($"/plans/{plan}/publish", page, new() { ["Version"] = "1" }))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        // The administrator checks and publishes.
        var admin = await _factory.SignedInClientAsync(Persona.Administrator);
        var planPage = await admin.GetDocumentAsync($"/plans/{plan}");
        var check = await admin.GetDocumentAsync(planPage.QuerySelector("[data-publish]")!.GetAttribute("href")!);
        Assert.NotNull(check.QuerySelector("[data-ready]"));
        using (var published = await SubmitAsync(admin, check, $"/plans/{plan}/publish"))
        {
            Assert.Equal($"/plans/{plan}", Location(published));
        }

        var shown = await admin.GetDocumentAsync($"/plans/{plan}");
        Assert.Equal("Đã công bố Kế hoạch 05/KH-BDTTG-HLHPN. Các quý Quý I/2026, Quý II/2026, Quý III/2026, Quý IV/2026 nay nhận báo cáo của tỉnh theo lịch báo cáo của kế hoạch.", shown.QuerySelector(".alert-success")!.Text());
        Assert.Null(shown.QuerySelector("[data-draft-mark]"));
        var stored = await LoadAsync(plan);
        var account = await _factory.AccountAsync(Persona.Administrator);
        Assert.Equal((PlanState.Published, "Administrator Test"), (stored.State, stored.PublishedByName));
        var audit = await _factory.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.EntityType == nameof(Plan) && e.EntityId == plan.ToString(CultureInfo.InvariantCulture) && e.Action == AuditAction.Updated).ToListAsync(Ct));
        Assert.Contains(audit, e => e.UserName == account.Email && e.Changes.Any(c => c.Field == nameof(Plan.State) && c.After == nameof(PlanState.Published)));

        // This year's published plan is now the one everyone's home page links to.
        var province = await _factory.SignedInClientAsync(Persona.ProvincialCaoBangCema);
        Assert.Contains("05/KH-BDTTG-HLHPN", (await province.GetPlanFromHomeAsync()).QuerySelector(".document-number")!.Text(), StringComparison.Ordinal);

        // Published: the quarters stay (with the reason), the wording and the expected month change.
        var activity = await ActivityIdAsync(plan, 3);
        var url = $"/activities/{activity}/edit";
        var edit = await officer.GetDocumentAsync(url);
        Assert.NotNull(edit.QuerySelector("[data-published-note]"));
        Assert.Null(edit.QuerySelector("select[name=FirstQuarter]"));
        using (var window = await SubmitAsync(officer, edit, url, ("FirstQuarter", "20263")))
        {
            Assert.Equal(HttpStatusCode.OK, window.StatusCode);
            Assert.Contains("không đổi được thời gian thực hiện theo quý", (await window.ReadDocumentAsync()).QuerySelector("fieldset.window-fields .field-validation-error")!.Text(), StringComparison.Ordinal);
        }

        using (var roles = await SubmitAsync(officer, edit, url, ("Roles", "CemaLeads")))
        {
            Assert.Contains("không đổi được phân công", (await roles.ReadDocumentAsync()).QuerySelector("form .field-validation-error")!.Text(), StringComparison.Ordinal);
        }

        Assert.Equal(new Quarter(2026, 4), (await LoadAsync(plan)).Activities.Single(a => a.Id == activity).Window.First);
        using (var wording = await SubmitAsync(officer, edit, url, ("Title", "Hội thảo chuyên đề năm 2026"), ("ExpectedMonth", "11")))
        {
            Assert.Equal(url, Location(wording));
        }

        var reworded = (await LoadAsync(plan)).Activities.Single(a => a.Id == activity);
        Assert.Equal(("Hội thảo chuyên đề năm 2026", (int?)11, new Quarter(2026, 4)), (reworded.Title, reworded.Window.ExpectedMonth, reworded.Window.First));

        // A published header keeps its number, date and programme; its title changes.
        var header = await officer.GetDocumentAsync($"/plans/{plan}/edit/header");
        Assert.Null(header.QuerySelector("input[name=Number]"));
        using (await SubmitAsync(officer, header, $"/plans/{plan}/edit/header", ("Title", "Triển khai Chương trình phối hợp năm 2026")))
        {
        }

        using (var number = await SubmitAsync(officer, header, $"/plans/{plan}/edit/header", ("Number", "06/KH")))
        {
            Assert.Equal(HttpStatusCode.Conflict, number.StatusCode); // shown before the title changed: the comparison first
        }

        header = await officer.GetDocumentAsync($"/plans/{plan}/edit/header");
        using (var number = await SubmitAsync(officer, header, $"/plans/{plan}/edit/header", ("Number", "06/KH")))
        {
            Assert.Contains("giữ nguyên số, ngày", (await number.ReadDocumentAsync()).QuerySelector("form .alert-danger")!.Text(), StringComparison.Ordinal);
        }

        Assert.Equal(("05/KH-BDTTG-HLHPN", "Triển khai Chương trình phối hợp năm 2026"), ((await LoadAsync(plan)).Number, (await LoadAsync(plan)).Title));
    }

    [Fact]
    public async Task After_publishing_a_Tuyen_Quang_officer_reports_on_exactly_the_provincial_activities_of_an_open_quarter_and_their_activity_then_stays()
    {
        var officer = await _factory.SignedInClientAsync(Persona.CentralVwu);
        await ProgrammeAsync(officer, 2026, 2030, "12/CTPH-BDTTG-HLHPN");
        var plan = await CopyAsync(officer, await Plan468Async(), 2026, "05/KH-BDTTG-HLHPN", "10/01/2026");
        var admin = await _factory.SignedInClientAsync(Persona.Administrator);
        var check = await admin.GetDocumentAsync($"/plans/{plan}/publish");
        using (await SubmitAsync(admin, check, $"/plans/{plan}/publish"))
        {
        }

        // An officer of today's Tuyên Quang (which took in Hà Giang on 01/07/2025).
        var tuyenQuang = await _factory.WithDbAsync(db => db.Provinces.Where(p => p.Code == "08" && p.ValidTo == null).Select(p => p.Id).SingleAsync(Ct));
        var account = await _factory.CreateAccountAsync(Persona.ProvincialHaGiangVwu, email: "tuyenquang.hoi@test.local");
        await _factory.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Id == account.Id, Ct);
            user.ProvinceId = tuyenQuang;
            return await db.SaveChangesAsync(Ct);
        });
        var province = _factory.NewClient();
        Assert.Equal("/", PortalFactory.LandedOn(await PortalFactory.SignInAsync(province, account.Email, account.Password)));

        // Q4/2026 is open (due 20/12/2026); its form has lines for activities 1, 2, 4 and 5: 3 and 7 are central only, 6 ends in Q3.
        var mine = await province.GetDocumentAsync($"/reports/mine?planId={plan}");
        using var started = await province.PostFormAsync("/reports/start", mine, new() { ["PlanId"] = $"{plan}", ["Quarter"] = "20264" });
        var form = await province.GetDocumentAsync(Location(started));
        Assert.Equal(["1", "2", "4", "5"], form.QuerySelectorAll("fieldset.report-line").Select(l => l.GetAttribute("data-activity-number")));

        // The report's line rests on activity 1: it stays, and the list says why; activity 6 has nothing and goes.
        var list = await admin.GetDocumentAsync($"/plans/{plan}/edit/activities");
        var first = await ActivityIdAsync(plan, 1);
        Assert.Equal("Không xóa được: đã có báo cáo quý.", list.QuerySelector($"tr[data-activity-id='{first}'] [data-kept-reason]")!.Text());
        Assert.Null(list.QuerySelector($"form[action='/activities/{first}/remove']"));
        var sixth = await ActivityIdAsync(plan, 6);
        var listed = FormFields.Of(list, $"form[method=post][action='/activities/{sixth}/remove']");
        using (var refused = await admin.PostFormAsync($"/activities/{first}/remove", list, listed))
        {
            Assert.Equal($"/plans/{plan}/edit/activities", Location(refused));
        }

        Assert.Equal("Không xóa được hoạt động 1: đã có báo cáo quý gắn với hoạt động này.", (await admin.GetDocumentAsync($"/plans/{plan}/edit/activities")).QuerySelector(".alert-danger")!.Text());
        Assert.True(await _factory.WithDbAsync(db => db.Activities.AnyAsync(a => a.Id == first, Ct)));

        list = await admin.GetDocumentAsync($"/plans/{plan}/edit/activities");
        using (var removed = await SubmitAsync(admin, list, $"/activities/{sixth}/remove"))
        {
            Assert.Equal($"/plans/{plan}/edit/activities#activity-{sixth}", Location(removed));
        }

        Assert.Equal(6, (await LoadAsync(plan)).Activities.Count);
    }

    [Fact]
    public async Task A_province_gets_not_found_for_a_draft_and_its_activities_and_leadership_sees_it_marked_without_edit_links()
    {
        var officer = await _factory.SignedInClientAsync(Persona.CentralVwu);
        var plan = await CopyAsync(officer, await Plan468Async(), 2025, "15/KH-2025", "20/01/2025");
        var activity = await ActivityIdAsync(plan, 1);

        var province = await _factory.SignedInClientAsync(Persona.ProvincialCaoBangCema);
        foreach (var url in new[] { $"/plans/{plan}", $"/activities/{activity}" })
        {
            using var response = await GetAsync(province, url);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        foreach (var url in new[] { $"/plans/{plan}/edit/header", $"/activities/{activity}/edit", "/plans/new" })
        {
            using var response = await GetAsync(province, url);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }

        var plans = await province.GetDocumentAsync("/plans");
        Assert.Equal(["Kế hoạch 468/KH-HLHPNVN-UBDT"], plans.QuerySelectorAll(".plan-list a").Select(a => a.Text()));
        Assert.Null(plans.QuerySelector("[data-new-plan]"));
        Assert.Contains("468/KH-HLHPNVN-UBDT", (await province.GetPlanFromHomeAsync()).QuerySelector(".document-number")!.Text(), StringComparison.Ordinal);

        var leader = await _factory.SignedInClientAsync(Persona.Leadership);
        var draft = await leader.GetDocumentAsync($"/plans/{plan}");
        Assert.Equal("DỰ THẢO", draft.QuerySelector("h1 [data-draft-mark]")!.Text());
        Assert.Contains("(dự thảo)", draft.Title, StringComparison.Ordinal);
        Assert.Empty(draft.QuerySelectorAll("[data-edit-link], [data-publish], [data-new-plan]"));
        Assert.Empty(draft.QuerySelectorAll("[data-year-review] a"));
        var activityPage = await leader.GetDocumentAsync($"/activities/{activity}");
        Assert.NotNull(activityPage.QuerySelector("h1 [data-draft-mark]"));
        Assert.Null(activityPage.QuerySelector("[data-edit-link]"));
        var leaderPlans = await leader.GetDocumentAsync("/plans");
        Assert.Equal("draft", leaderPlans.QuerySelector("[data-plan-year='2025']")!.GetAttribute("data-plan-state"));
        using (var refused = await GetAsync(leader, $"/plans/{plan}/edit/text"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        // A draft is not carried out yet: no progress is logged on it, even by a central officer of its agencies.
        Assert.Null((await officer.GetDocumentAsync($"/activities/{activity}")).QuerySelector($"a[href='/activities/{activity}/progress/new']"));
        using (var progress = await GetAsync(officer, $"/activities/{activity}/progress/new"))
        {
            Assert.Equal("/", Location(progress));
        }

        var home = await officer.GetDocumentAsync("/");
        Assert.Equal("Kế hoạch này còn là dự thảo: tiến độ chỉ được ghi khi kế hoạch đã công bố.", home.QuerySelector(".alert-danger")!.Text());
        using (var posted = await officer.PostFormAsync($"/activities/{activity}/progress/new", home, new() { ["ReportedOn"] = "10/11/2026", ["Status"] = "OnTrack", ["PercentComplete"] = "10", ["Done"] = "Đã làm." }))
        {
            Assert.Equal("/", Location(posted));
        }

        Assert.False(await _factory.WithDbAsync(db => db.ProgressEntries.AnyAsync(e => e.ActivityId == activity, Ct)));

        // Those who draft see the way in; the administrator also sees "Công bố".
        var own = await officer.GetDocumentAsync($"/plans/{plan}");
        Assert.NotEmpty(own.QuerySelectorAll("[data-edit-link]"));
        Assert.Null(own.QuerySelector("[data-publish]"));
        Assert.NotNull((await officer.GetDocumentAsync("/plans")).QuerySelector("[data-new-plan]"));
        var admin = await _factory.SignedInClientAsync(Persona.Administrator);
        Assert.Equal($"/plans/{plan}/publish", (await admin.GetDocumentAsync($"/plans/{plan}")).QuerySelector("[data-publish]")!.GetAttribute("href"));
    }

    [Fact]
    public async Task The_plan_pages_and_editing_pages_send_as_many_queries_for_a_long_plan_as_for_a_short_one()
    {
        var officer = await _factory.SignedInClientAsync(Persona.CentralVwu);
        var plan = await CopyAsync(officer, await Plan468Async(), 2025, "15/KH-2025", "20/01/2025");
        var activity = await ActivityIdAsync(plan, 7);
        string[] pages = [$"/plans/{plan}", $"/plans/{plan}/edit/activities", $"/activities/{activity}/edit", $"/activities/{activity}", $"/plans/{plan}/edit/header", $"/plans/{plan}/edit/text", $"/plans/{plan}/edit/organisation"];

        async Task<int[]> CountAsync()
        {
            var counts = new List<int>();
            foreach (var url in pages)
            {
                await officer.GetDocumentAsync(url); // warm: the first request of a kind may read what later ones cache
                _commands.Reset();
                await officer.GetDocumentAsync(url);
                counts.Add(_commands.Count);
            }

            return [.. counts];
        }

        var shortPlan = await CountAsync();

        // Twelve more activities of five tasks each, and more tasks on activity 7.
        await _factory.WithDbAsync(async db =>
        {
            var stored = await db.Plans.Include(p => p.Activities).ThenInclude(a => a.Tasks).SingleAsync(p => p.Id == plan, Ct);
            for (var i = 0; i < 12; i++)
            {
                var added = stored.AddActivity($"Hoạt động thêm {i}", new QuarterWindow(new Quarter(2025, 1), new Quarter(2025, 4)), "Năm 2025");
                for (var t = 0; t < 5; t++)
                {
                    added.AddTask($"Nhiệm vụ {t}");
                }
            }

            var seventh = stored.Activities.Single(a => a.Id == activity);
            for (var t = 0; t < 8; t++)
            {
                stored.AddTask(seventh, $"Nhiệm vụ thêm {t}");
            }

            return await db.SaveChangesAsync(Ct);
        });

        var longPlan = await CountAsync();
        Assert.Equal(shortPlan, longPlan);
        TestContext.Current.TestOutputHelper?.WriteLine(string.Join(", ", pages.Zip(longPlan, (p, c) => $"{p}: {c}")));
        Assert.All(longPlan, count => Assert.InRange(count, 1, 20)); // sign-in bookkeeping included
    }

    [Fact]
    public async Task Bad_input_on_the_plan_forms_is_said_beside_the_fields_and_never_answered_with_a_500()
    {
        var officer = await _factory.SignedInClientAsync(Persona.CentralVwu);
        var source = await Plan468Async();
        var page = await officer.GetDocumentAsync($"/plans/new?start=Copy&sourcePlanId={source}&year=2025");

        async Task<IDocument> RefusedAsync(string url, IDocument form, params (string, string)[] changes)
        {
            using var response = await SubmitAsync(officer, form, url, changes);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return await response.ReadDocumentAsync();
        }

        static string Beside(IDocument page, string field) => page.QuerySelector($"[name='{field}'] ~ .field-validation-error, [data-field='{field}'] .field-validation-error")?.Text() ?? string.Empty;

        var shown = await RefusedAsync("/plans/new", page, ("Number", "  "), ("IssuedOn", "31/02/2025"), ("ProgrammeId", "99999"), ("Title", "Kế hoạch"));
        Assert.Equal("Vui lòng nhập Số kế hoạch.", Beside(shown, "Number"));
        Assert.Contains("31/02/2025", Beside(shown, "IssuedOn"), StringComparison.Ordinal);
        Assert.Equal("Chương trình đã chọn không tồn tại; hãy chọn trong danh sách.", Beside(shown, "ProgrammeId"));
        Assert.Equal("Kế hoạch", shown.QuerySelector("textarea[name=Title]")!.TextContent);

        shown = await RefusedAsync("/plans/new", page, ("Number", Scenario.Plan468), ("IssuedOn", "20/01/2025"));
        Assert.Equal($"Số {Scenario.Plan468} đã được dùng cho một kế hoạch khác.", Beside(shown, "Number"));
        shown = await RefusedAsync("/plans/new", page, ("Number", "16/KH"), ("IssuedOn", "20/01/2023"));
        Assert.Equal("Kế hoạch năm 2025 phải ban hành trong năm 2025 hoặc năm trước đó (không phải ngày 20/01/2023).", Beside(shown, "IssuedOn"));
        shown = await RefusedAsync("/plans/new", page, ("Number", "16/KH"), ("IssuedOn", "20/01/2025"), ("Year", "abc"));
        Assert.Contains("“abc” không phải giá trị hợp lệ", shown.QuerySelector(".alert-danger")!.Text(), StringComparison.Ordinal);
        Assert.Equal(1, await _factory.WithDbAsync(db => db.Plans.CountAsync(Ct)));

        var plan = await CopyAsync(officer, source, 2025, "16/KH", "20/01/2025");
        var activity = await ActivityIdAsync(plan, 2);
        var edit = await officer.GetDocumentAsync($"/activities/{activity}/edit");
        shown = await RefusedAsync($"/activities/{activity}/edit", edit, ("FirstQuarter", "20261"));
        Assert.Equal("Thời gian thực hiện phải nằm trong năm 2025 của kế hoạch.", shown.QuerySelector("fieldset.window-fields .field-validation-error")!.Text());
        shown = await RefusedAsync($"/activities/{activity}/edit", edit, ("FirstQuarter", "20254"), ("LastQuarter", "20252"));
        Assert.Equal("Quý kết thúc không được trước quý bắt đầu.", shown.QuerySelector("fieldset.window-fields .field-validation-error")!.Text());
        shown = await RefusedAsync($"/activities/{activity}/edit", edit, ("ExpectedMonth", "1"));
        Assert.Contains("Tháng dự kiến phải nằm trong thời gian thực hiện", shown.QuerySelector("fieldset.window-fields .field-validation-error")!.Text(), StringComparison.Ordinal);
        shown = await RefusedAsync($"/activities/{activity}/edit", edit, ("Title", ""), ("Roles", "Nobody"));
        Assert.Equal("Vui lòng nhập Tên hoạt động.", Beside(shown, "Title"));
        Assert.Contains("không phải giá trị hợp lệ", shown.QuerySelector("input[name=Roles]")!.Closest("fieldset")!.QuerySelector(".field-validation-error")!.Text(), StringComparison.Ordinal);

        var programme = await officer.GetDocumentAsync("/programmes/new");
        shown = await RefusedAsync("/programmes/new", programme, ("Number", "1541/CTPH-UBDT-HLHPN"), ("SignedOn", "01/12/2025"), ("FirstYear", "2030"), ("LastYear", "2026"), ("Title", "Chương trình"));
        Assert.Equal("Năm kết thúc không được trước năm bắt đầu (2030).", Beside(shown, "LastYear"));
        shown = await RefusedAsync("/programmes/new", programme, ("Number", "1541/CTPH-UBDT-HLHPN"), ("SignedOn", "01/12/2025"), ("FirstYear", "2026"), ("LastYear", "2030"), ("Title", "Chương trình"));
        Assert.Equal("Số 1541/CTPH-UBDT-HLHPN đã được dùng cho một chương trình khác.", Beside(shown, "Number"));

        // Hidden fields tampered with: the 400 page, or the comparison; nothing is written.
        var list = await officer.GetDocumentAsync($"/plans/{plan}/edit/activities");
        using (var bad = await SubmitAsync(officer, list, $"/activities/{activity}/move", ("Direction", "up"), ("Version", "abc")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        }

        using (var sideways = await SubmitAsync(officer, list, $"/activities/{activity}/move", ("Direction", "sideways")))
        {
            Assert.Equal($"/plans/{plan}/edit/activities", Location(sideways));
        }

        Assert.Equal(activity, await ActivityIdAsync(plan, 2));
    }
}
