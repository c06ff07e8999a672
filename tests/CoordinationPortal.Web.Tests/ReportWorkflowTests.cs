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
/// The quarterly report from draft to approval, through the pages, on a clock set to June 2024
/// (Q2/2024 is due on 20/06/2024 and locks 15 days later).
/// </summary>
public sealed class ReportWorkflowTests : IAsyncDisposable
{
    private static readonly Quarter Q2 = new(2024, 2);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2024, 6, 10, 1, 0, 0, TimeSpan.Zero)); // 08:00 in Hà Nội
    private readonly PortalFactory _factory = new();

    public ReportWorkflowTests()
    {
        _factory.ConfigureServices = services => services.AddSingleton<TimeProvider>(_clock);
    }

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    private static Task<HttpResponseMessage> GetAsync(HttpClient client, string url) =>
        client.GetAsync(new Uri(url, UriKind.Relative), TestContext.Current.CancellationToken);

    private Task<QuarterlyReport> ReportAsync(int id) =>
        _factory.WithDbAsync(db => db.QuarterlyReports.AsNoTracking().SingleAsync(r => r.Id == id, TestContext.Current.CancellationToken));

    /// <summary>Starts the Q2 report from "my reports" as the officer would, and returns its id.</summary>
    private static async Task<int> StartQ2Async(HttpClient client)
    {
        var mine = await client.GetDocumentAsync("/reports/mine");
        var row = mine.QuerySelector($"tr[data-quarter='{Q2}']")!;
        Assert.Equal("None", row.QuerySelector("[data-report-state]")!.GetAttribute("data-report-state"));
        using var started = await client.PostFormAsync("/reports/start", mine, new()
        {
            ["PlanId"] = row.QuerySelector("input[name=PlanId]")!.GetAttribute("value")!,
            ["Quarter"] = row.QuerySelector("input[name=Quarter]")!.GetAttribute("value")!,
        });
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        var location = started.Headers.Location!.OriginalString;
        Assert.EndsWith("/edit", location, StringComparison.Ordinal);
        return int.Parse(location.Split('/')[2], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Every field of the edit form as the browser would post it, with some lines filled in.</summary>
    private static Dictionary<string, string> Fields(IDocument form, string intent, string? statusForAll = "OnTrack", string results = "Tổ chức 3 buổi truyền thông tại xã Lũng Cú")
    {
        var fields = new Dictionary<string, string>
        {
            ["Version"] = form.QuerySelector("input[name=Version]")!.GetAttribute("value")!,
            ["Intent"] = intent,
        };
        if (intent == "submit")
        {
            fields["Confirmed"] = "true"; // what the browser sends once the person answers the dialog
        }

        foreach (var select in form.QuerySelectorAll("select[name$='.Status']"))
        {
            fields[select.GetAttribute("name")!] = statusForAll ?? string.Empty;
        }

        foreach (var textarea in form.QuerySelectorAll("textarea[name$='.Results']"))
        {
            fields[textarea.GetAttribute("name")!] = results;
        }

        return fields;
    }

    [Fact]
    public async Task A_province_writes_a_draft_submits_it_and_the_central_agency_returns_then_approves_it()
    {
        var province = await _factory.SignedInClientAsync(Persona.ProvincialHaGiangVwu);
        var reportId = await StartQ2Async(province);

        // Save a draft with an indicator value, then come back to it.
        var form = await province.GetDocumentAsync($"/reports/{reportId}/edit");
        var participants = form.QuerySelectorAll("input[name^='Lines['][name*='.Values[']")[0];
        var fields = Fields(form, "save");
        fields[participants.GetAttribute("name")!] = "1.250";
        using (var saved = await province.PostFormAsync($"/reports/{reportId}/edit", form, fields))
        {
            Assert.Equal($"/reports/{reportId}/edit", saved.Headers.Location?.OriginalString);
        }

        form = await province.GetDocumentAsync($"/reports/{reportId}/edit");
        Assert.Equal("1.250", form.QuerySelector($"input[name='{participants.GetAttribute("name")}']")!.GetAttribute("value"));
        Assert.Equal("Draft", (await ReportAsync(reportId)).State.ToString());

        // Submit.
        using (var submitted = await province.PostFormAsync($"/reports/{reportId}/edit", form, Fields(form, "submit")))
        {
            Assert.Equal($"/reports/{reportId}", submitted.Headers.Location?.OriginalString);
        }

        var view = await province.GetDocumentAsync($"/reports/{reportId}");
        Assert.Equal("Submitted", view.QuerySelector("[data-report-state]")!.GetAttribute("data-report-state"));
        Assert.Equal("true", view.QuerySelector("[data-on-time]")!.GetAttribute("data-on-time"));

        // The VWU central office sees it in its queue and returns it; a comment is required.
        var central = await _factory.SignedInClientAsync(Persona.CentralVwu);
        var queue = await central.GetDocumentAsync("/reports/review");
        Assert.NotNull(queue.QuerySelector($"tr[data-report-id='{reportId}']"));
        var page = await central.GetDocumentAsync($"/reports/{reportId}");
        using (var noComment = await central.PostFormAsync($"/reports/{reportId}/return", page, new() { ["Confirmed"] = "true", ["Comment"] = " " }))
        {
            Assert.Equal(ReportState.Submitted, (await ReportAsync(reportId)).State);
        }

        using (var returned = await central.PostFormAsync($"/reports/{reportId}/return", page, new() { ["Confirmed"] = "true", ["Comment"] = "Bổ sung số người tham dự là phụ nữ DTTS" }))
        {
            Assert.Equal(ReportState.Returned, (await ReportAsync(reportId)).State);
        }

        // The province sees why, corrects and resubmits.
        form = await province.GetDocumentAsync($"/reports/{reportId}/edit");
        Assert.Contains("Bổ sung số người tham dự là phụ nữ DTTS", form.QuerySelector(".alert-warning")!.Text(), StringComparison.Ordinal);
        using (await province.PostFormAsync($"/reports/{reportId}/edit", form, Fields(form, "submit", results: "Đã bổ sung: 320 phụ nữ DTTS tham dự")))
        {
        }

        // Approved: read-only for the province.
        page = await central.GetDocumentAsync($"/reports/{reportId}");
        using (await central.PostFormAsync($"/reports/{reportId}/approve", page, new() { ["Confirmed"] = "true", ["Comment"] = string.Empty }))
        {
        }

        var approved = await ReportAsync(reportId);
        Assert.Equal(ReportState.Approved, approved.State);
        Assert.Equal(
            [ReportAction.Submit, ReportAction.Return, ReportAction.Submit, ReportAction.Approve],
            approved.Transitions.OrderBy(t => t.Number).Select(t => t.Action));
        Assert.All(approved.Lines, l => Assert.Equal("Đã bổ sung: 320 phụ nữ DTTS tham dự", l.Results));

        using var editApproved = await GetAsync(province, $"/reports/{reportId}/edit");
        Assert.Equal($"/reports/{reportId}", editApproved.Headers.Location?.OriginalString);
        using var postApproved = await province.PostFormAsync($"/reports/{reportId}/edit", form, Fields(form, "save", results: "sửa lén"));
        Assert.All((await ReportAsync(reportId)).Lines, l => Assert.Equal("Đã bổ sung: 320 phụ nữ DTTS tham dự", l.Results));

        // History shown on the report: who, when, why.
        var history = (await province.GetDocumentAsync($"/reports/{reportId}")).QuerySelectorAll("#history li");
        Assert.Equal(4, history.Length);
        Assert.Contains("Bổ sung số người tham dự là phụ nữ DTTS", history[2].Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_approved_report_is_reopened_only_with_a_reason()
    {
        var reportId = await _factory.ReportAsync(Persona.ProvincialCaoBangCema, Q2, ReportState.Approved);
        var central = await _factory.SignedInClientAsync(Persona.CentralCema);
        var page = await central.GetDocumentAsync($"/reports/{reportId}");

        using (await central.PostFormAsync($"/reports/{reportId}/reopen", page, new() { ["Confirmed"] = "true", ["Comment"] = string.Empty }))
        {
            Assert.Equal(ReportState.Approved, (await ReportAsync(reportId)).State);
        }

        using (await central.PostFormAsync($"/reports/{reportId}/reopen", page, new() { ["Confirmed"] = "true", ["Comment"] = "Số liệu kinh phí chưa khớp" }))
        {
            var report = await ReportAsync(reportId);
            Assert.Equal(ReportState.Returned, report.State);
            Assert.Equal("Số liệu kinh phí chưa khớp", report.Transitions.OrderBy(t => t.Number).Last().Comment);
        }
    }

    [Fact]
    public async Task A_transition_from_the_wrong_state_is_refused_and_changes_nothing()
    {
        var reportId = await _factory.ReportAsync(Persona.ProvincialHaGiangVwu, Q2, ReportState.Returned);
        var central = await _factory.SignedInClientAsync(Persona.CentralVwu);
        var page = await central.GetDocumentAsync($"/reports/{reportId}");

        using var response = await central.PostFormAsync($"/reports/{reportId}/approve", page, []);
        var shown = await central.GetDocumentAsync(response.Headers.Location!.OriginalString);

        Assert.Equal(ReportState.Returned, (await ReportAsync(reportId)).State);
        Assert.Contains("Không thực hiện được", shown.QuerySelector(".alert-danger")!.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_numbers_keep_everything_typed_and_say_what_is_wrong()
    {
        var province = await _factory.SignedInClientAsync(Persona.ProvincialHaGiangVwu);
        var reportId = await StartQ2Async(province);
        var form = await province.GetDocumentAsync($"/reports/{reportId}/edit");
        var inputs = form.QuerySelectorAll("input[name*='.Values[']").Select(i => i.GetAttribute("name")!).ToList();
        var fields = Fields(form, "save", results: "Nội dung dài đã gõ, không được mất");
        fields[inputs[0]] = "-5";
        fields[inputs[1]] = "1,5";
        fields[inputs[2]] = "mười";

        using var response = await province.PostFormAsync($"/reports/{reportId}/edit", form, fields);

        var page = await response.ReadDocumentAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("nhập số nguyên không âm", page.QuerySelector($"[data-valmsg-for='{inputs[0]}']")!.Text(), StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector($"[data-valmsg-for='{inputs[1]}']"));
        Assert.Equal("mười", page.QuerySelector($"input[name='{inputs[2]}']")!.GetAttribute("value"));
        Assert.All(page.QuerySelectorAll("textarea[name$='.Results']"), t => Assert.Equal("Nội dung dài đã gõ, không được mất", t.TextContent.Trim()));
        Assert.All((await ReportAsync(reportId)).Lines, l => Assert.Null(l.Results)); // nothing half-saved
    }

    /// <summary>
    /// In Vietnamese a dot groups thousands: "1.500" is one thousand five hundred. "1.5" is no
    /// Vietnamese number (a decimal typed the English way), so it is refused, never stored as 15.
    /// </summary>
    [Theory]
    [InlineData("1.500", 1500L)]
    [InlineData("12.345.678", 12345678L)]
    [InlineData("1 500", 1500L)]
    [InlineData("1.5", null)]
    [InlineData("1.50", null)]
    [InlineData("1500.", null)]
    [InlineData(".500", null)]
    [InlineData("1..500", null)]
    public async Task A_figure_is_read_as_a_Vietnamese_number_or_refused(string typed, long? stored)
    {
        var province = await _factory.SignedInClientAsync(Persona.ProvincialHaGiangVwu);
        var reportId = await StartQ2Async(province);
        var form = await province.GetDocumentAsync($"/reports/{reportId}/edit");
        var input = form.QuerySelectorAll("input[name*='.Values[']").Select(i => i.GetAttribute("name")!).First();
        var fields = Fields(form, "save", results: "Đã tổ chức tuyên truyền");
        fields[input] = typed;

        using var response = await province.PostFormAsync($"/reports/{reportId}/edit", form, fields);

        var page = await response.ReadDocumentAsync();
        var values = (await ReportAsync(reportId)).Lines.SelectMany(l => l.Values).Select(v => v.Value).ToList();
        if (stored is { } expected)
        {
            Assert.Equal([expected], values);
        }
        else
        {
            Assert.Contains("nhập số nguyên không âm", page.QuerySelector($"[data-valmsg-for='{input}']")?.Text() ?? string.Empty, StringComparison.Ordinal);
            Assert.Equal(typed, page.QuerySelector($"input[name='{input}']")!.GetAttribute("value"));
            Assert.Empty(values);
        }
    }

    [Fact]
    public async Task Submitting_with_an_activity_missing_its_status_saves_the_draft_but_does_not_send_it()
    {
        var province = await _factory.SignedInClientAsync(Persona.ProvincialHaGiangVwu);
        var reportId = await StartQ2Async(province);
        var form = await province.GetDocumentAsync($"/reports/{reportId}/edit");
        var fields = Fields(form, "submit");
        var firstStatus = form.QuerySelector("select[name$='.Status']")!.GetAttribute("name")!;
        fields[firstStatus] = string.Empty;

        using var response = await province.PostFormAsync($"/reports/{reportId}/edit", form, fields);

        var page = await response.ReadDocumentAsync();
        var report = await ReportAsync(reportId);
        Assert.Equal(ReportState.Draft, report.State);
        Assert.All(report.Lines, l => Assert.Equal("Tổ chức 3 buổi truyền thông tại xã Lũng Cú", l.Results));
        Assert.Contains("Chọn tình trạng", page.QuerySelector($"[data-valmsg-for='{firstStatus}']")!.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task On_time_or_late_is_decided_at_the_last_minute_of_the_due_date_in_Vietnam()
    {
        var onTimeId = await StartQ2Async(await _factory.SignedInClientAsync(Persona.ProvincialHaGiangVwu));
        var lateId = await StartQ2Async(await _factory.SignedInClientAsync(Persona.ProvincialCaoBangCema));

        // 23:59:00 on 20/06/2024 in Hà Nội (UTC+7), submitted half a minute later...
        _clock.SetUtcNow(new DateTimeOffset(2024, 6, 20, 16, 59, 0, TimeSpan.Zero));
        var onTimeClient = await _factory.SignedInClientAsync(Persona.ProvincialHaGiangVwu);
        var onTimeForm = await onTimeClient.GetDocumentAsync($"/reports/{onTimeId}/edit");
        _clock.Advance(TimeSpan.FromSeconds(30));
        using (await onTimeClient.PostFormAsync($"/reports/{onTimeId}/edit", onTimeForm, Fields(onTimeForm, "submit")))
        {
        }

        // ...and 00:00:30 on the 21st.
        var lateClient = await _factory.SignedInClientAsync(Persona.ProvincialCaoBangCema);
        var lateForm = await lateClient.GetDocumentAsync($"/reports/{lateId}/edit");
        _clock.SetUtcNow(new DateTimeOffset(2024, 6, 20, 17, 0, 30, TimeSpan.Zero));
        using (await lateClient.PostFormAsync($"/reports/{lateId}/edit", lateForm, Fields(lateForm, "submit")))
        {
        }

        Assert.Equal("true", (await onTimeClient.GetDocumentAsync($"/reports/{onTimeId}")).QuerySelector("[data-on-time]")!.GetAttribute("data-on-time"));
        Assert.Equal("false", (await lateClient.GetDocumentAsync($"/reports/{lateId}")).QuerySelector("[data-on-time]")!.GetAttribute("data-on-time"));
    }

    [Fact]
    public async Task A_locked_quarter_refuses_new_drafts_and_edits_until_an_administrator_grants_an_exception()
    {
        var province = await _factory.SignedInClientAsync(Persona.ProvincialHaGiangVwu);
        var draftId = await StartQ2Async(province);
        var form = await province.GetDocumentAsync($"/reports/{draftId}/edit");

        // Due 20/06 + 15 days: the last open day is 05/07; 06/07 00:00 in Hà Nội it locks.
        _clock.SetUtcNow(new DateTimeOffset(2024, 7, 5, 17, 0, 0, TimeSpan.Zero));
        province = await _factory.SignedInClientAsync(Persona.ProvincialHaGiangVwu);
        var view = await province.GetDocumentAsync($"/reports/{draftId}"); // a fresh session's token
        using var edit = await province.PostFormAsync($"/reports/{draftId}/edit", view, Fields(form, "save", results: "muộn"));
        var shown = await province.GetDocumentAsync(edit.Headers.Location!.OriginalString);
        Assert.Contains("đã khóa", shown.QuerySelector(".alert-danger")!.Text(), StringComparison.Ordinal);
        Assert.All((await ReportAsync(draftId)).Lines, l => Assert.NotEqual("muộn", l.Results));

        var mine = await province.GetDocumentAsync("/reports/mine");
        Assert.Contains("Quý đã khóa", mine.QuerySelector($"tr[data-quarter='{Q2}']")!.Text(), StringComparison.Ordinal);

        // An exception for this branch only reopens it.
        await _factory.WithDbAsync(async db =>
        {
            var plan = await db.Plans.Select(p => p.Id).SingleAsync();
            var user = await db.Users.SingleAsync(u => u.Email == "provincialhagiangvwu@test.local");
            db.LockExemptions.Add(new LockExemption(plan, Q2, user.ProvinceId!.Value, user.AgencyId!.Value, new DateOnly(2024, 7, 10), "Mưa lũ, mất điện", "a", "Admin", _clock.GetUtcNow().UtcDateTime));
            return await db.SaveChangesAsync();
        });
        form = await province.GetDocumentAsync($"/reports/{draftId}/edit");
        using var allowed = await province.PostFormAsync($"/reports/{draftId}/edit", form, Fields(form, "submit", results: "nộp muộn có phép"));
        var report = await ReportAsync(draftId);
        Assert.Equal(ReportState.Submitted, report.State);

        // The other branch is still locked out of starting one.
        var other = await _factory.SignedInClientAsync(Persona.ProvincialCaoBangCema);
        var otherMine = await other.GetDocumentAsync("/reports/mine");
        Assert.Null(otherMine.QuerySelector($"tr[data-quarter='{Q2}'] form[action='/reports/start']"));
    }

    [Fact]
    public async Task A_second_save_from_an_older_form_is_refused_and_shows_what_changed()
    {
        var first = await _factory.SignedInClientAsync(Persona.ProvincialHaGiangVwu);
        var second = await _factory.SignedInClientAsync(Persona.ProvincialHaGiangVwu);
        var reportId = await StartQ2Async(first);
        var firstForm = await first.GetDocumentAsync($"/reports/{reportId}/edit");
        var secondForm = await second.GetDocumentAsync($"/reports/{reportId}/edit");

        using (await first.PostFormAsync($"/reports/{reportId}/edit", firstForm, Fields(firstForm, "save", results: "Bản của người thứ nhất")))
        {
        }

        using var conflict = await second.PostFormAsync($"/reports/{reportId}/edit", secondForm, Fields(secondForm, "save", results: "Bản của người thứ hai"));

        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        var page = await conflict.ReadDocumentAsync();
        var table = page.QuerySelector(".conflict-table")!.Text();
        Assert.Contains("Bản của người thứ nhất", table, StringComparison.Ordinal);
        Assert.Contains("Bản của người thứ hai", table, StringComparison.Ordinal);
        Assert.All(page.QuerySelectorAll("textarea[name$='.Results']"), t => Assert.Equal("Bản của người thứ hai", t.TextContent.Trim()));
        Assert.All((await ReportAsync(reportId)).Lines, l => Assert.Equal("Bản của người thứ nhất", l.Results));

        // Saving again from the conflict page is a deliberate overwrite, and works.
        using var overwrite = await second.PostFormAsync($"/reports/{reportId}/edit", page, Fields(page, "save", results: "Bản của người thứ hai"));
        Assert.Equal(HttpStatusCode.Redirect, overwrite.StatusCode);
        Assert.All((await ReportAsync(reportId)).Lines, l => Assert.Equal("Bản của người thứ hai", l.Results));
    }

    [Fact]
    public async Task The_review_queue_lists_the_agency_reports_waiting_longest_first_with_days_waiting()
    {
        var older = await _factory.ReportAsync(Persona.ProvincialHaGiangVwu, new Quarter(2024, 1), ReportState.Submitted);
        var notMine = await _factory.ReportAsync(Persona.ProvincialCaoBangCema, new Quarter(2024, 1), ReportState.Submitted);
        _clock.Advance(TimeSpan.FromDays(4)); // submitted 11/06 in Hà Nội; now 14/06
        var central = await _factory.SignedInClientAsync(Persona.CentralVwu);

        var queue = await central.GetDocumentAsync("/reports/review");

        var rows = queue.QuerySelectorAll("tr[data-report-id]");
        Assert.Equal([older.ToString(System.Globalization.CultureInfo.InvariantCulture)], rows.Select(r => r.GetAttribute("data-report-id")));
        Assert.Equal("3", rows[0].QuerySelector("[data-days-waiting]")!.GetAttribute("data-days-waiting"));
        Assert.DoesNotContain(notMine.ToString(System.Globalization.CultureInfo.InvariantCulture), rows.Select(r => r.GetAttribute("data-report-id")));
    }
}
