using System.Net;
using AngleSharp.Dom;
using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Domain.Reporting;
using CoordinationPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CoordinationPortal.Web.Tests;

/// <summary>
/// Submit, approve, return, reopen, disable an account and reset a password each ask first, saying
/// what will happen (ADR 0032). The dialog is the browser tests' business; here: the buttons carry
/// the question for it, and a post that did not answer it (JavaScript off) gets the question as a
/// page of its own, changes nothing, and carries everything typed to the confirmed post.
/// </summary>
public sealed class ConfirmationTests : IAsyncDisposable
{
    private static readonly Quarter Q2 = new(2024, 2);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2024, 6, 10, 1, 0, 0, TimeSpan.Zero));
    private readonly PortalFactory _factory = new();

    public ConfirmationTests()
    {
        _factory.ConfigureServices = services => services.AddSingleton<TimeProvider>(_clock);
    }

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    private Task<QuarterlyReport> ReportAsync(int id) =>
        _factory.WithDbAsync(db => db.QuarterlyReports.AsNoTracking().Include(r => r.Lines).SingleAsync(r => r.Id == id, TestContext.Current.CancellationToken));

    private static async Task<IDocument> QuestionAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        Assert.NotNull(page.QuerySelector("form.confirm-page"));
        return page;
    }

    [Fact]
    public async Task Submitting_without_answering_asks_what_will_happen_saves_nothing_and_the_answer_submits_what_was_typed()
    {
        var reportId = await _factory.ReportAsync(Persona.ProvincialHaGiangVwu, Q2, ReportState.Draft);
        var province = await _factory.SignedInClientAsync(Persona.ProvincialHaGiangVwu);
        var form = await province.GetDocumentAsync($"/reports/{reportId}/edit");
        const string question = "Gửi báo cáo Quý II/2024 của Hội LHPN tỉnh, thành phố · Hà Giang? Sau khi gửi chỉ sửa được nếu bị trả lại.";
        Assert.Equal(question, form.QuerySelector("button[value=submit]")!.GetAttribute("data-confirm"));
        Assert.NotNull(form.QuerySelector("dialog#confirm-dialog"));
        Assert.NotNull(form.QuerySelector("script[src*='/js/confirm']"));

        var fields = FormFields.Of(form, "#report-form").With(("Intent", "submit"));
        foreach (var results in form.QuerySelectorAll("textarea[name$='.Results']"))
        {
            fields[results.GetAttribute("name")!] = "Tổ chức 5 buổi nói chuyện chuyên đề";
        }

        using var asked = await province.PostFormAsync($"/reports/{reportId}/edit", form, fields);
        var page = await QuestionAsync(asked);
        Assert.Equal(question, page.QuerySelector("#confirm-question")!.Text());
        Assert.Equal($"/reports/{reportId}/edit", page.QuerySelector("form.confirm-page a")!.GetAttribute("href"));
        var unchanged = await ReportAsync(reportId);
        Assert.Equal(ReportState.Draft, unchanged.State);
        Assert.All(unchanged.Lines, l => Assert.Equal("Đã tổ chức 2 hội nghị tuyên truyền.", l.Results));

        using var confirmed = await province.PostFormAsync($"/reports/{reportId}/edit", page, FormFields.Of(page, "form.confirm-page"));
        Assert.Equal($"/reports/{reportId}", confirmed.Headers.Location?.OriginalString);
        var submitted = await ReportAsync(reportId);
        Assert.Equal(ReportState.Submitted, submitted.State);
        Assert.All(submitted.Lines, l => Assert.Equal("Tổ chức 5 buổi nói chuyện chuyên đề", l.Results));
    }

    [Theory]
    [InlineData("approve", ReportState.Submitted, "Duyệt báo cáo Quý II/2024 của Hội LHPN tỉnh, thành phố · Hà Giang? Sau khi duyệt, báo cáo không sửa được nữa, trừ khi được mở lại.", ReportState.Approved)]
    [InlineData("return", ReportState.Submitted, "Trả lại báo cáo Quý II/2024 của Hội LHPN tỉnh, thành phố · Hà Giang để sửa? Đơn vị sẽ thấy ý kiến của bạn, sửa và gửi lại.", ReportState.Returned)]
    [InlineData("reopen", ReportState.Approved, "Mở lại báo cáo Quý II/2024 của Hội LHPN tỉnh, thành phố · Hà Giang đã duyệt? Đơn vị sẽ thấy lý do, sửa được báo cáo và phải gửi lại để duyệt.", ReportState.Returned)]
    public async Task A_review_step_asks_first_and_only_the_answer_takes_it_with_the_comment_typed(string step, ReportState before, string question, ReportState after)
    {
        var reportId = await _factory.ReportAsync(Persona.ProvincialHaGiangVwu, Q2, before);
        var central = await _factory.SignedInClientAsync(Persona.CentralVwu);
        var report = await central.GetDocumentAsync($"/reports/{reportId}");
        Assert.Equal(question, report.QuerySelector($"[data-confirm][formaction='/reports/{reportId}/{step}'], form[data-confirm][action='/reports/{reportId}/{step}']")!.GetAttribute("data-confirm"));

        using var asked = await central.PostFormAsync($"/reports/{reportId}/{step}", report, new() { ["Comment"] = "Số liệu quý II đã khớp với biên bản" });
        var page = await QuestionAsync(asked);
        Assert.Equal(question, page.QuerySelector("#confirm-question")!.Text());
        Assert.Equal(before, (await ReportAsync(reportId)).State);

        using var confirmed = await central.PostFormAsync($"/reports/{reportId}/{step}", page, FormFields.Of(page, "form.confirm-page"));
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        var done = await _factory.WithDbAsync(db => db.QuarterlyReports.AsNoTracking().Include(r => r.Transitions).SingleAsync(r => r.Id == reportId, TestContext.Current.CancellationToken));
        Assert.Equal(after, done.State);
        Assert.Equal("Số liệu quý II đã khớp với biên bản", done.Transitions.OrderBy(t => t.Number).Last().Comment);
    }

    [Fact]
    public async Task Someone_who_may_not_review_the_report_is_refused_not_asked()
    {
        var reportId = await _factory.ReportAsync(Persona.ProvincialHaGiangVwu, Q2, ReportState.Submitted);
        var cema = await _factory.SignedInClientAsync(Persona.CentralCema);
        var any = await cema.GetDocumentAsync("/account");

        using var response = await cema.PostFormAsync($"/reports/{reportId}/approve", any, []);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain("Hà Giang", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Disabling_an_account_asks_first_naming_the_person_and_what_follows()
    {
        var target = await _factory.CreateAccountAsync(Persona.CentralVwu, email: "confirm-disable@test.local");
        var admin = await _factory.SignedInClientAsync(Persona.Administrator);
        var edit = await admin.GetDocumentAsync($"/admin/users/{target.Id}");
        var form = edit.QuerySelector($"form[action='/admin/users/{target.Id}/disable']")!;
        Assert.StartsWith("Vô hiệu hóa tài khoản của ", form.GetAttribute("data-confirm"), StringComparison.Ordinal);
        Assert.Contains("(confirm-disable@test.local)? Người này không đăng nhập được nữa", form.GetAttribute("data-confirm"), StringComparison.Ordinal);

        using var asked = await admin.PostFormAsync($"/admin/users/{target.Id}/disable", edit, []);
        var page = await QuestionAsync(asked);
        Assert.Equal(form.GetAttribute("data-confirm"), page.QuerySelector("#confirm-question")!.Text());
        Assert.Equal("active", (await admin.GetDocumentAsync($"/admin/users/{target.Id}")).QuerySelector("[data-account-status]")!.GetAttribute("data-account-status"));

        using var confirmed = await admin.PostFormAsync($"/admin/users/{target.Id}/disable", page, FormFields.Of(page, "form.confirm-page"));
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Equal("disabled", (await admin.GetDocumentAsync($"/admin/users/{target.Id}")).QuerySelector("[data-account-status]")!.GetAttribute("data-account-status"));
    }

    [Fact]
    public async Task Resetting_a_password_asks_first_and_the_old_password_works_until_the_answer()
    {
        var target = await _factory.CreateAccountAsync(Persona.Leadership, email: "confirm-reset@test.local");
        var admin = await _factory.SignedInClientAsync(Persona.Administrator);
        var edit = await admin.GetDocumentAsync($"/admin/users/{target.Id}");
        Assert.Contains("Mật khẩu hiện tại hết hiệu lực ngay", edit.QuerySelector($"form[action='/admin/users/{target.Id}/reset-password']")!.GetAttribute("data-confirm"), StringComparison.Ordinal);

        using var asked = await admin.PostFormAsync($"/admin/users/{target.Id}/reset-password", edit, []);
        var page = await QuestionAsync(asked);
        Assert.Null(page.QuerySelector("[data-temporary-password]"));
        using (var old = await PortalFactory.SignInAsync(_factory.NewClient(), target.Email, target.Password))
        {
            Assert.Equal(HttpStatusCode.Redirect, old.StatusCode); // still signs in
        }

        using var confirmed = await admin.PostFormAsync($"/admin/users/{target.Id}/reset-password", page, FormFields.Of(page, "form.confirm-page"));
        Assert.NotNull((await confirmed.ReadDocumentAsync()).QuerySelector("[data-temporary-password]"));
    }
}
