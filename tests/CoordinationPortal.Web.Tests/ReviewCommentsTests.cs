using System.Globalization;
using System.Net;
using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Domain.Reporting;
using CoordinationPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CoordinationPortal.Web.Tests;

/// <summary>
/// Issue 12, "review at scale": a reviewer's comments on single lines as well as on the whole report,
/// the province's answers sent with the resubmission, and what changed since the previous
/// submission. On a clock set to June 2024, so Q2/2024 is open for writing.
/// </summary>
public sealed class ReviewCommentsTests : IAsyncDisposable
{
    private static readonly Quarter Q2 = new(2024, 2);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2024, 6, 10, 1, 0, 0, TimeSpan.Zero));
    private readonly PortalFactory _factory = new();

    public ReviewCommentsTests()
    {
        _factory.ConfigureServices = services => services.AddSingleton<TimeProvider>(_clock);
    }

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    private Task<QuarterlyReport> ReportAsync(int id) =>
        _factory.WithDbAsync(db => db.QuarterlyReports.AsNoTracking().SingleAsync(r => r.Id == id, TestContext.Current.CancellationToken));

    /// <summary>The report's lines' activity ids, in the plan's order.</summary>
    private Task<List<int>> ActivitiesAsync(int reportId) =>
        _factory.WithDbAsync(db => db.ReportLines.Where(l => l.ReportId == reportId)
            .Join(db.Activities, l => l.ActivityId, a => a.Id, (l, a) => new { l.ActivityId, a.Number })
            .OrderBy(x => x.Number).Select(x => x.ActivityId).ToListAsync(TestContext.Current.CancellationToken));

    private static string Key(int activityId) => activityId.ToString(CultureInfo.InvariantCulture);

    /// <summary>Hà Giang's submitted Q2 report, returned by the VWU central office with a comment on its first line (and an overall one when given).</summary>
    private async Task<(int ReportId, int Commented, HttpClient Central)> ReturnedWithLineCommentAsync(string lineComment, string overall = "")
    {
        var (reportId, commented, central) = await ReturnedWithLineCommentsAsync(overall, lineComment);
        return (reportId, commented[0], central);
    }

    /// <summary>As above, with one comment on each of the first lines, in the order of the plan's activities.</summary>
    private async Task<(int ReportId, IReadOnlyList<int> Commented, HttpClient Central)> ReturnedWithLineCommentsAsync(string overall, params string[] lineComments)
    {
        var reportId = await _factory.ReportAsync(Persona.ProvincialHaGiangVwu, Q2, ReportState.Submitted);
        var commented = (await ActivitiesAsync(reportId)).Take(lineComments.Length).ToList();
        var central = await _factory.SignedInClientAsync(Persona.CentralVwu);
        var page = await central.GetDocumentAsync($"/reports/{reportId}");
        var fields = new Dictionary<string, string> { ["Confirmed"] = "true", ["Comment"] = overall };
        for (var i = 0; i < commented.Count; i++)
        {
            fields[$"LineComments[{Key(commented[i])}]"] = lineComments[i];
        }

        using var returned = await central.PostFormAsync($"/reports/{reportId}/return", page, fields);
        Assert.Equal(HttpStatusCode.Redirect, returned.StatusCode);
        return (reportId, commented, central);
    }

    [Fact]
    public async Task A_return_may_comment_on_a_single_line_and_the_province_sees_it_beside_that_line_with_who_and_when()
    {
        var (reportId, commented, _) = await ReturnedWithLineCommentAsync("Ghi rõ số phụ nữ DTTS tham dự từng buổi.");

        var stored = await ReportAsync(reportId);
        Assert.Equal(ReportState.Returned, stored.State);
        var note = Assert.Single(stored.LineComments);
        Assert.Equal((stored.Transitions.Single(t => t.Action == ReportAction.Return).Number, commented, "Ghi rõ số phụ nữ DTTS tham dự từng buổi."), (note.Step, note.ActivityId, note.Text));

        var province = await _factory.SignedInClientAsync(Persona.ProvincialHaGiangVwu);
        var form = await province.GetDocumentAsync($"/reports/{reportId}/edit");
        var beside = form.QuerySelector($"fieldset.report-line [data-line-comment='{commented}']");
        Assert.NotNull(beside);
        Assert.Contains("Ghi rõ số phụ nữ DTTS tham dự từng buổi.", beside.Text(), StringComparison.Ordinal);
        Assert.Contains("trả lại lúc 10/06/2024", beside.Text(), StringComparison.Ordinal); // "{name} trả lại lúc {time}, ý kiến:"
        Assert.Single(form.QuerySelectorAll("[data-line-comment]"));
        Assert.Equal("1", form.QuerySelector("[data-lines-commented]")!.GetAttribute("data-lines-commented"));
    }

    /// <summary>
    /// The form reads the report's steps and its line comments in one command (issue 14): two of each
    /// come back as their product, and the page must still show every step and every comment once.
    /// </summary>
    [Fact]
    public async Task Comments_on_two_lines_show_once_each_beside_their_lines_and_in_the_history()
    {
        var (reportId, activities, _) = await ReturnedWithLineCommentsAsync("Bổ sung số liệu.", "Thiếu danh sách người tham dự.", "Thiếu ảnh buổi tập huấn.");

        var province = await _factory.SignedInClientAsync(Persona.ProvincialHaGiangVwu);
        var form = await province.GetDocumentAsync($"/reports/{reportId}/edit");

        Assert.Equal(2, form.QuerySelectorAll("fieldset.report-line [data-line-comment]").Length);
        Assert.Contains("Thiếu danh sách người tham dự.", form.QuerySelector($"[data-line-comment='{activities[0]}']")!.Text(), StringComparison.Ordinal);
        Assert.Contains("Thiếu ảnh buổi tập huấn.", form.QuerySelector($"[data-line-comment='{activities[1]}']")!.Text(), StringComparison.Ordinal);
        var stored = await ReportAsync(reportId);
        Assert.Equal(stored.Transitions.Count, form.QuerySelectorAll("#history li").Length);
        Assert.Equal(2, form.QuerySelectorAll("#history [data-history-line-note]").Length);
    }

    [Fact]
    public async Task Line_comments_are_read_by_everyone_who_may_read_the_report_and_by_nobody_else()
    {
        const string comment = "Đối chiếu lại với biên bản hội nghị ngày 05/6.";
        var (reportId, commented, _) = await ReturnedWithLineCommentAsync(comment);

        // Who may read the report (docs/product-guide.md, section 4 and ReportScope): its province, the central
        // offices, leadership and administrators. Another province's officer may not, nor an anonymous visitor.
        var readers = new[] { Persona.ProvincialHaGiangVwu, Persona.CentralVwu, Persona.CentralCema, Persona.Leadership, Persona.Administrator };
        foreach (var persona in Enum.GetValues<Persona>())
        {
            var client = await _factory.SignedInClientAsync(persona);
            using var response = await client.GetAsync(new Uri($"/reports/{reportId}", UriKind.Relative), TestContext.Current.CancellationToken);
            var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            if (readers.Contains(persona))
            {
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{persona} should read the report");
                var page = await response.ReadDocumentAsync();
                Assert.True(page.QuerySelector($"section.report-line [data-line-comment='{commented}']")?.Text().Contains(comment, StringComparison.Ordinal) == true, $"{persona} should see the line comment beside its line");
                Assert.Contains(comment, page.QuerySelector("#history")!.Text(), StringComparison.Ordinal);
            }
            else
            {
                Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
                Assert.DoesNotContain(comment, body, StringComparison.Ordinal);
            }

            // The edit form (where the province answers) is its writer's alone.
            using var edit = await client.GetAsync(new Uri($"/reports/{reportId}/edit", UriKind.Relative), TestContext.Current.CancellationToken);
            var editBody = await edit.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.True(persona == Persona.ProvincialHaGiangVwu ? editBody.Contains(comment, StringComparison.Ordinal) : !editBody.Contains(comment, StringComparison.Ordinal), $"{persona} on the edit page");
        }

        using var anonymous = await _factory.NewClient().GetAsync(new Uri($"/reports/{reportId}", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.DoesNotContain(comment, await anonymous.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_return_without_any_comment_overall_or_on_a_line_is_refused_with_a_message()
    {
        var reportId = await _factory.ReportAsync(Persona.ProvincialHaGiangVwu, Q2, ReportState.Submitted);
        var activities = await ActivitiesAsync(reportId);
        var central = await _factory.SignedInClientAsync(Persona.CentralVwu);
        var page = await central.GetDocumentAsync($"/reports/{reportId}");

        using var response = await central.PostFormAsync($"/reports/{reportId}/return", page, new()
        {
            ["Confirmed"] = "true",
            ["Comment"] = "  ",
            [$"LineComments[{Key(activities[0])}]"] = " \n ",
            [$"LineComments[{Key(activities[1])}]"] = string.Empty,
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var shown = await response.ReadDocumentAsync();
        Assert.Contains("ít nhất một hoạt động", shown.QuerySelector("[data-valmsg-for=Comment]")!.Text(), StringComparison.Ordinal);
        Assert.NotNull(shown.QuerySelector($"textarea#line-comment-{activities[0]}[form=review-form]"));
        var unchanged = await ReportAsync(reportId);
        Assert.Equal(ReportState.Submitted, unchanged.State);
        Assert.Empty(unchanged.LineComments);
    }

    [Fact]
    public async Task A_return_with_only_a_line_comment_is_enough()
    {
        var (reportId, _, _) = await ReturnedWithLineCommentAsync("Thiếu số liệu.", overall: string.Empty);

        var stored = await ReportAsync(reportId);
        Assert.Equal(ReportState.Returned, stored.State);
        Assert.Null(stored.Transitions.Single(t => t.Action == ReportAction.Return).Comment);
    }

    [Fact]
    public async Task A_line_comment_over_2000_characters_is_refused_and_everything_typed_stays_in_its_box()
    {
        var reportId = await _factory.ReportAsync(Persona.ProvincialHaGiangVwu, Q2, ReportState.Submitted);
        var activities = await ActivitiesAsync(reportId);
        var central = await _factory.SignedInClientAsync(Persona.CentralVwu);
        var page = await central.GetDocumentAsync($"/reports/{reportId}");
        var tooLong = "Đề nghị nêu rõ. " + new string('x', 2000);

        using var response = await central.PostFormAsync($"/reports/{reportId}/return", page, new()
        {
            ["Confirmed"] = "true",
            ["Comment"] = "Xem ý kiến từng hoạt động.",
            [$"LineComments[{Key(activities[0])}]"] = "Bổ sung ảnh.",
            [$"LineComments[{Key(activities[1])}]"] = tooLong,
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var shown = await response.ReadDocumentAsync();
        Assert.Equal(tooLong, shown.QuerySelector($"#line-comment-{activities[1]}")!.TextContent);
        Assert.Contains("2000", shown.QuerySelector($"[data-valmsg-for='LineComments[{activities[1]}]']")!.Text(), StringComparison.Ordinal);
        Assert.Equal("Bổ sung ảnh.", shown.QuerySelector($"#line-comment-{activities[0]}")!.TextContent);
        Assert.Equal("Xem ý kiến từng hoạt động.", shown.QuerySelector("#review-comment")!.TextContent);
        var unchanged = await ReportAsync(reportId);
        Assert.Equal(ReportState.Submitted, unchanged.State);
        Assert.Empty(unchanged.LineComments);
    }

    [Theory]
    [InlineData("other-plan")]
    [InlineData("central-only")]
    [InlineData("not-a-number")]
    public async Task A_comment_posted_for_a_line_the_report_does_not_have_is_a_400_and_changes_nothing(string kind)
    {
        var reportId = await _factory.ReportAsync(Persona.ProvincialHaGiangVwu, Q2, ReportState.Submitted);
        var key = kind switch
        {
            // A line of another report: Hà Giang's report of another year's plan.
            "other-plan" => Key((await ActivitiesAsync(await _factory.SentReportAsync(await _factory.PlanForYearAsync(2023), new Quarter(2023, 2), "02", new DateOnly(2023, 6, 1), "VWU", new DateTime(2023, 6, 1, 2, 0, 0, DateTimeKind.Utc))))[0]),
            "central-only" => Key(await _factory.ActivityIdAsync(3)), // the central workshop: no province reports on it
            _ => "abc",
        };
        var central = await _factory.SignedInClientAsync(Persona.CentralVwu);
        var page = await central.GetDocumentAsync($"/reports/{reportId}");

        using var response = await central.PostFormAsync($"/reports/{reportId}/return", page, new()
        {
            ["Confirmed"] = "true",
            ["Comment"] = "Trả lại",
            [$"LineComments[{key}]"] = "Ý kiến lạc chỗ",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var unchanged = await ReportAsync(reportId);
        Assert.Equal(ReportState.Submitted, unchanged.State);
        Assert.Empty(unchanged.LineComments);
    }

    [Fact]
    public async Task The_province_answers_the_comments_with_its_draft_and_the_reviewer_sees_the_answers_once_resubmitted()
    {
        var (reportId, commented, central) = await ReturnedWithLineCommentAsync("Ảnh minh chứng chưa rõ.", overall: "Bổ sung số liệu quý II.");
        var province = await _factory.SignedInClientAsync(Persona.ProvincialHaGiangVwu);
        var form = await province.GetDocumentAsync($"/reports/{reportId}/edit");
        Assert.NotNull(form.QuerySelector("#report-form textarea[name=Reply]"));
        Assert.Single(form.QuerySelectorAll("#report-form textarea[name^='LineReplies[']"));

        // Saved with the draft: back on the form, and not yet shown to the reviewer.
        var fields = FormFields.Of(form, "#report-form").With(
            ("Intent", "save"),
            ("Reply", "Đã bổ sung số liệu ở hoạt động 1."),
            ($"LineReplies[{Key(commented)}]", "Đã thay ảnh rõ hơn."));
        using (var saved = await province.PostFormAsync($"/reports/{reportId}/edit", form, fields))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        form = await province.GetDocumentAsync($"/reports/{reportId}/edit");
        Assert.Equal("Đã bổ sung số liệu ở hoạt động 1.", form.QuerySelector("textarea[name=Reply]")!.TextContent);
        Assert.Equal("Đã thay ảnh rõ hơn.", form.QuerySelector($"textarea[name='LineReplies[{commented}]']")!.TextContent);
        var meanwhile = await central.GetDocumentAsync($"/reports/{reportId}");
        Assert.Null(meanwhile.QuerySelector("[data-line-reply]"));
        Assert.Null(meanwhile.QuerySelector("[data-review-reply]"));

        // Sent with the submission: beside the comments for the reviewer, and in the history.
        using (var sent = await province.PostFormAsync($"/reports/{reportId}/edit", form, FormFields.Of(form, "#report-form").With(("Intent", "submit"), ("Confirmed", "true"))))
        {
            Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        }

        var review = await central.GetDocumentAsync($"/reports/{reportId}");
        Assert.Contains("Bổ sung số liệu quý II.", review.QuerySelector("[data-review-comment]")!.Text(), StringComparison.Ordinal);
        Assert.Equal("Đã bổ sung số liệu ở hoạt động 1.", review.QuerySelector("[data-review-reply]")!.Text());
        var line = review.QuerySelector($"[data-line-comment='{commented}']")!;
        Assert.Contains("Ảnh minh chứng chưa rõ.", line.Text(), StringComparison.Ordinal);
        Assert.Equal("Đã thay ảnh rõ hơn.", line.QuerySelector("[data-line-reply]")!.Text());
        var history = review.QuerySelectorAll("#history > ol > li");
        Assert.Equal("Submit", history[0].GetAttribute("data-action"));
        Assert.Contains("Đã bổ sung số liệu ở hoạt động 1.", history[0].Text(), StringComparison.Ordinal);
        Assert.Contains("Đã thay ảnh rõ hơn.", history[0].QuerySelector("[data-history-line-note]")!.Text(), StringComparison.Ordinal);

        var stored = await ReportAsync(reportId);
        Assert.Null(stored.Reply);
        Assert.All(stored.Lines, l => Assert.Null(l.Reply));
    }

    [Fact]
    public async Task An_answer_over_2000_characters_is_refused_and_kept_in_its_box()
    {
        var (reportId, commented, _) = await ReturnedWithLineCommentAsync("Thiếu ảnh.");
        var province = await _factory.SignedInClientAsync(Persona.ProvincialHaGiangVwu);
        var form = await province.GetDocumentAsync($"/reports/{reportId}/edit");
        var tooLong = new string('y', 2001);

        using var response = await province.PostFormAsync($"/reports/{reportId}/edit", form, FormFields.Of(form, "#report-form").With(("Intent", "save"), ($"LineReplies[{Key(commented)}]", tooLong)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var shown = await response.ReadDocumentAsync();
        Assert.Equal(tooLong, shown.QuerySelector($"textarea[name='LineReplies[{commented}]']")!.TextContent);
        Assert.Contains("2000", shown.QuerySelector($"[data-valmsg-for='LineReplies[{commented}]']")!.Text(), StringComparison.Ordinal);
        Assert.All((await ReportAsync(reportId)).Lines, l => Assert.Null(l.Reply));
    }

    [Fact]
    public async Task A_draft_that_was_never_returned_has_nothing_to_answer()
    {
        var reportId = await _factory.ReportAsync(Persona.ProvincialHaGiangVwu, Q2, ReportState.Draft);
        var province = await _factory.SignedInClientAsync(Persona.ProvincialHaGiangVwu);
        var form = await province.GetDocumentAsync($"/reports/{reportId}/edit");
        Assert.Null(form.QuerySelector("textarea[name=Reply]"));

        using var response = await province.PostFormAsync($"/reports/{reportId}/edit", form, FormFields.Of(form, "#report-form").With(("Intent", "save"), ("Reply", "Giải trình thừa")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null((await ReportAsync(reportId)).Reply);
    }

    [Fact]
    public async Task A_resubmitted_report_shows_the_reviewer_each_changed_line_old_to_new_and_marks_the_others_unchanged()
    {
        var (reportId, _, central) = await ReturnedWithLineCommentAsync("Nêu rõ kết quả.");
        var activities = await ActivitiesAsync(reportId);
        var province = await _factory.SignedInClientAsync(Persona.ProvincialHaGiangVwu);
        var form = await province.GetDocumentAsync($"/reports/{reportId}/edit");
        var indicator = form.QuerySelector($"fieldset.report-line input[name^='Lines[{activities[0]}].Values[']");
        var fields = FormFields.Of(form, "#report-form").With(
            ("Intent", "submit"),
            ("Confirmed", "true"),
            ($"Lines[{Key(activities[0])}].Status", "Completed"),
            ($"Lines[{Key(activities[0])}].Results", "Đã tổ chức 3 hội nghị, 312 phụ nữ DTTS tham dự."));
        if (indicator is not null)
        {
            fields[indicator.GetAttribute("name")!] = "3";
        }

        using (var sent = await province.PostFormAsync($"/reports/{reportId}/edit", form, fields))
        {
            Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        }

        var review = await central.GetDocumentAsync($"/reports/{reportId}");
        Assert.NotNull(review.QuerySelector("[data-comparison]"));
        var lines = review.QuerySelectorAll("section.report-line");
        var changed = lines[0].QuerySelector("[data-line-change=changed]")!;
        var results = changed.QuerySelector("[data-change-field='Kết quả thực hiện']") ?? changed.QuerySelectorAll("li").First(li => li.Text().Contains("312 phụ nữ", StringComparison.Ordinal));
        Assert.Equal("Đã tổ chức 2 hội nghị tuyên truyền.", results.QuerySelector("del")!.Text().Replace("Trước: ", string.Empty, StringComparison.Ordinal));
        Assert.Equal("Đã tổ chức 3 hội nghị, 312 phụ nữ DTTS tham dự.", results.QuerySelector("ins")!.Text().Replace("Nay: ", string.Empty, StringComparison.Ordinal));
        var status = changed.QuerySelectorAll("li").Single(li => li.QuerySelector("ins")!.Text().Contains("Đã hoàn thành", StringComparison.Ordinal));
        Assert.Contains("Đúng tiến độ", status.QuerySelector("del")!.Text(), StringComparison.Ordinal);
        if (indicator is not null)
        {
            Assert.Contains(changed.QuerySelectorAll("li"), li => li.QuerySelector("ins")!.Text().EndsWith(" 3", StringComparison.Ordinal) && li.QuerySelector("del")!.Text().Contains("(trống)", StringComparison.Ordinal));
        }

        Assert.All(lines.Skip(1), l =>
        {
            Assert.Equal("unchanged", l.QuerySelector("[data-line-change]")!.GetAttribute("data-line-change"));
            Assert.Contains("Không đổi", l.QuerySelector("[data-line-change]")!.Text(), StringComparison.Ordinal);
        });
        Assert.Equal(2, await _factory.WithDbAsync(db => db.ReportSubmissions.CountAsync(s => s.ReportId == reportId, TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task A_first_submission_shows_no_comparison()
    {
        var reportId = await _factory.ReportAsync(Persona.ProvincialHaGiangVwu, Q2, ReportState.Submitted);
        var central = await _factory.SignedInClientAsync(Persona.CentralVwu);

        var review = await central.GetDocumentAsync($"/reports/{reportId}");

        Assert.Null(review.QuerySelector("[data-comparison]"));
        Assert.Empty(review.QuerySelectorAll("[data-line-change]"));
        var snapshot = await _factory.WithDbAsync(db => db.ReportSubmissions.AsNoTracking().SingleAsync(s => s.ReportId == reportId, TestContext.Current.CancellationToken));
        Assert.All(snapshot.Lines, l => Assert.Equal("Đã tổ chức 2 hội nghị tuyên truyền.", l.Results));
    }

    [Fact]
    public async Task An_approval_may_carry_line_comments_which_the_province_then_reads()
    {
        var reportId = await _factory.ReportAsync(Persona.ProvincialHaGiangVwu, Q2, ReportState.Submitted);
        var activities = await ActivitiesAsync(reportId);
        var central = await _factory.SignedInClientAsync(Persona.CentralVwu);
        var page = await central.GetDocumentAsync($"/reports/{reportId}");

        using (var approved = await central.PostFormAsync($"/reports/{reportId}/approve", page, new() { ["Confirmed"] = "true", [$"LineComments[{Key(activities[1])}]"] = "Quý sau nêu thêm địa bàn." }))
        {
            Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        }

        var province = await _factory.SignedInClientAsync(Persona.ProvincialHaGiangVwu);
        var shown = await province.GetDocumentAsync($"/reports/{reportId}");
        Assert.Equal("Approved", shown.QuerySelector("[data-report-state]")!.GetAttribute("data-report-state"));
        Assert.Contains("duyệt lúc", shown.QuerySelector($"[data-line-comment='{activities[1]}']")!.Text(), StringComparison.Ordinal);
        Assert.Contains("Quý sau nêu thêm địa bàn.", shown.QuerySelector($"[data-line-comment='{activities[1]}']")!.Text(), StringComparison.Ordinal);
    }
}
