using System.Net;
using AngleSharp.Dom;
using CoordinationPortal.Domain.Auditing;
using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Domain.Evidence;
using CoordinationPortal.Domain.Reporting;
using CoordinationPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CoordinationPortal.Web.Tests;

/// <summary>
/// The bad inputs a careless user or a tampered form sends, each answered with a 400 page or the
/// form again with a message, never a 500, and nothing half-saved. The clock is in June 2024, when
/// Q2/2024 is open for reports.
/// </summary>
public sealed class BadInputTests : IAsyncDisposable
{
    private static readonly Quarter Q2 = new(2024, 2);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2024, 6, 10, 1, 0, 0, TimeSpan.Zero));
    private readonly PortalFactory _factory = new();

    public BadInputTests()
    {
        _factory.ConfigureServices = services => services.AddSingleton<TimeProvider>(_clock);
    }

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    private static async Task<(HttpStatusCode Status, IDocument Page)> GetAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative), TestContext.Current.CancellationToken);
        return (response.StatusCode, await response.ReadDocumentAsync());
    }

    [Theory]
    [InlineData("/reports?quarter=1")]
    [InlineData("/reports?quarter=20249")]
    [InlineData("/reports?page=abc")]
    [InlineData("/reports?state=Lost")]
    [InlineData("/dashboard?quarter=1")]
    [InlineData("/dashboard?quarter=abc")]
    [InlineData("/exports/reports.xlsx?quarter=1")]
    [InlineData("/exports/dashboard.xlsx?quarter=99999")]
    public async Task An_unknown_quarter_or_value_in_the_address_gets_a_400_page_that_says_what_is_wrong(string url)
    {
        var client = await _factory.SignedInClientAsync(Persona.CentralVwu);

        var (status, page) = await GetAsync(client, url);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("Yêu cầu không hợp lệ", page.QuerySelector("h1")!.Text());
        Assert.NotEmpty(page.QuerySelectorAll("ul.bad-input li"));
        Assert.Contains("Không có gì được lưu", page.Body!.Text(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/account")]
    [InlineData("/reports/1/import")]
    public async Task A_body_that_is_not_a_readable_form_gets_the_400_page_in_Vietnamese_not_the_frameworks_reason(string url)
    {
        var client = await _factory.SignedInClientAsync(Persona.ProvincialHaGiangVwu);
        using var body = new StringContent("xx");
        body.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("multipart/form-data"); // no boundary

        using var response = await client.PostAsync(new Uri(url, UriKind.Relative), body, TestContext.Current.CancellationToken);
        var page = await response.ReadDocumentAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problems = page.QuerySelector("ul.bad-input")!.Text();
        Assert.Contains("không đọc được", problems, StringComparison.Ordinal);
        Assert.DoesNotContain("Failed to read", page.Body!.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_quarter_in_the_address_names_the_bad_value_in_Vietnamese()
    {
        var client = await _factory.SignedInClientAsync(Persona.Leadership);

        var (_, page) = await GetAsync(client, "/dashboard?quarter=1");

        Assert.Contains("“1” không phải một quý", page.QuerySelector("ul.bad-input")!.Text(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("31/12/9999")]
    [InlineData("01/01/0001")]
    public async Task An_audit_filter_date_outside_the_recorded_years_is_refused_with_a_message(string date)
    {
        var client = await _factory.SignedInClientAsync(Persona.Administrator);

        var (status, page) = await GetAsync(client, $"/audit?to={Uri.EscapeDataString(date)}");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("nằm ngoài khoảng cho phép", page.QuerySelector(".alert-danger")!.Text(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("01/01/0001")]
    [InlineData("01/01/1900")]
    [InlineData("31/12/9999")]
    [InlineData("11/06/2024")] // tomorrow on the test clock
    [InlineData("31/12/2023")] // before the plan's year
    public async Task A_progress_date_outside_the_plans_year_or_in_the_future_is_refused_and_nothing_is_saved(string date)
    {
        var activityId = await _factory.ActivityIdAsync(1);
        var vwu = await _factory.SignedInClientAsync(Persona.CentralVwu);
        var form = await vwu.GetDocumentAsync($"/activities/{activityId}/progress/new");
        var before = await _factory.WithDbAsync(db => db.ProgressEntries.CountAsync(TestContext.Current.CancellationToken));

        using var response = await vwu.PostFormAsync($"/activities/{activityId}/progress/new", form, new()
        {
            ["ReportedOn"] = date,
            ["Status"] = "OnTrack",
            ["PercentComplete"] = "10",
            ["Done"] = "Đã họp tổ công tác.",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        Assert.Equal(date, page.QuerySelector("input[name=ReportedOn]")!.GetAttribute("value"));
        Assert.NotNull(page.QuerySelector("[data-valmsg-for=ReportedOn]"));
        Assert.False(string.IsNullOrWhiteSpace(page.QuerySelector("[data-valmsg-for=ReportedOn]")!.Text()));
        Assert.Equal(before, await _factory.WithDbAsync(db => db.ProgressEntries.CountAsync(TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task A_due_date_in_year_9999_is_refused_and_every_page_keeps_working()
    {
        var admin = await _factory.SignedInClientAsync(Persona.Administrator);
        var page = await admin.GetDocumentAsync("/admin/calendar");
        var fields = page.QuerySelectorAll("form[action^='/admin/calendar/'] input[name^='Periods[']")
            .ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? string.Empty);
        var due = fields.Keys.First(k => k.EndsWith(".DueOn", StringComparison.Ordinal));
        fields[due] = "31/12/9999";
        var action = page.QuerySelector("form[action^='/admin/calendar/']")!.GetAttribute("action")!;

        using var saved = await admin.PostFormAsync(action, page, fields);

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Contains("31/12/9999", (await saved.ReadDocumentAsync()).QuerySelector(".alert-danger")!.Text(), StringComparison.Ordinal);
        var dues = await _factory.WithDbAsync(db => db.ReportingPeriods.Select(p => p.DueOn).ToListAsync(TestContext.Current.CancellationToken));
        Assert.All(dues, d => Assert.True(d.Year < 2030));
        var province = await _factory.SignedInClientAsync(Persona.ProvincialHaGiangVwu);
        foreach (var url in new[] { "/reports/mine", "/dashboard" })
        {
            Assert.Equal(HttpStatusCode.OK, (await GetAsync(province, url)).Status);
        }
    }

    [Fact]
    public void A_due_date_far_after_its_quarter_is_refused_by_the_calendar_itself()
    {
        var period = ReportingPeriod.Default(1, Q2);

        var refused = Assert.Throws<Domain.Common.DomainRuleException>(() => period.Set(period.DataFrom, period.DataTo, new DateOnly(9999, 12, 31), 15));

        Assert.Equal("Rule.DueOnRange", refused.Code);
    }

    [Fact]
    public async Task A_return_comment_over_2000_characters_is_refused_and_the_typed_comment_is_kept()
    {
        var reportId = await _factory.ReportAsync(Persona.ProvincialHaGiangVwu, Q2, ReportState.Submitted);
        var vwu = await _factory.SignedInClientAsync(Persona.CentralVwu);
        var page = await vwu.GetDocumentAsync($"/reports/{reportId}");
        var comment = "Đề nghị bổ sung. " + new string('x', 2100);

        using var response = await vwu.PostFormAsync($"/reports/{reportId}/return", page, new() { ["Confirmed"] = "true", ["Comment"] = comment });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var shown = await response.ReadDocumentAsync();
        Assert.Equal(comment, shown.QuerySelector("#review-comment")!.TextContent);
        Assert.Contains("2000", shown.QuerySelector("[data-valmsg-for=Comment]")!.Text(), StringComparison.Ordinal);
        Assert.Equal(ReportState.Submitted, await _factory.WithDbAsync(db => db.QuarterlyReports.Where(r => r.Id == reportId).Select(r => r.State).SingleAsync(TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task Renaming_an_indicator_to_over_300_characters_is_refused_with_the_name_kept()
    {
        var admin = await _factory.SignedInClientAsync(Persona.Administrator);
        var page = await admin.GetDocumentAsync($"/admin/indicators/activities/{await _factory.ActivityIdAsync(1)}");
        var form = page.QuerySelector("form[action^='/admin/indicators/']:not([action$='retire']):not([action$='restore'])")!;
        var id = int.Parse(form.GetAttribute("action")!.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
        var before = await _factory.WithDbAsync(db => db.Indicators.Where(i => i.Id == id).Select(i => i.Name).SingleAsync(TestContext.Current.CancellationToken));
        var tooLong = new string('n', 301);

        using var response = await admin.PostFormAsync(form.GetAttribute("action")!, page, new() { ["Name"] = tooLong, ["ActivityId"] = "1" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var shown = await response.ReadDocumentAsync();
        Assert.Contains("300", shown.QuerySelector(".alert-danger")!.Text(), StringComparison.Ordinal);
        Assert.NotNull(shown.QuerySelector($"input[name=Name][value='{tooLong}']"));
        Assert.Equal(before, await _factory.WithDbAsync(db => db.Indicators.Where(i => i.Id == id).Select(i => i.Name).SingleAsync(TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task A_tampered_quarter_in_the_start_form_gets_a_400_page_and_starts_nothing()
    {
        var province = await _factory.SignedInClientAsync(Persona.ProvincialHaGiangVwu);
        var mine = await province.GetDocumentAsync("/reports/mine");
        var planId = mine.QuerySelector("input[name=PlanId]")!.GetAttribute("value")!;

        using var response = await province.PostFormAsync("/reports/start", mine, new() { ["PlanId"] = planId, ["Quarter"] = "1" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await _factory.WithDbAsync(db => db.QuarterlyReports.CountAsync(TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task A_progress_entry_posted_twice_with_the_same_form_is_saved_once()
    {
        var activityId = await _factory.ActivityIdAsync(2);
        var vwu = await _factory.SignedInClientAsync(Persona.CentralVwu);
        var form = await vwu.GetDocumentAsync($"/activities/{activityId}/progress/new");
        var token = form.QuerySelector("input[name=FormToken]")!.GetAttribute("value")!;
        var fields = new Dictionary<string, string>
        {
            ["FormToken"] = token,
            ["ReportedOn"] = "05/06/2024",
            ["Status"] = "OnTrack",
            ["PercentComplete"] = "20",
            ["Done"] = "Đăng 2 bài trên chuyên mục.",
        };

        // Two copies at once, as a double click or a browser retry sends them.
        var first = vwu.PostFormAsync($"/activities/{activityId}/progress/new", form, new(fields));
        var second = vwu.PostFormAsync($"/activities/{activityId}/progress/new", form, new(fields));
        var responses = await Task.WhenAll(first, second);

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        Assert.Equal(1, await _factory.WithDbAsync(db => db.ProgressEntries.CountAsync(e => e.ActivityId == activityId, TestContext.Current.CancellationToken)));
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task Two_create_account_posts_for_one_e_mail_make_one_account_and_no_500()
    {
        var admin = await _factory.SignedInClientAsync(Persona.Administrator);
        var agency = await _factory.AgencyIdAsync("VWU");
        async Task<HttpResponseMessage> CreateAsync()
        {
            var form = await admin.GetDocumentAsync("/admin/users/new"); // each with its own token
            return await admin.PostFormAsync("/admin/users/new", form, new()
            {
                ["FormToken"] = form.QuerySelector("input[name=FormToken]")!.GetAttribute("value")!,
                ["FullName"] = "Nguyễn Thị Lan",
                ["Email"] = "lan.nguyen@hoiphunu.test",
                ["Role"] = "CentralOfficer",
                ["AgencyId"] = agency.ToString(System.Globalization.CultureInfo.InvariantCulture),
            });
        }

        var responses = await Task.WhenAll(CreateAsync(), CreateAsync());

        Assert.All(responses, r => Assert.True((int)r.StatusCode < 500, $"{(int)r.StatusCode}"));
        Assert.Equal(1, await _factory.WithDbAsync(db => db.Users.CountAsync(u => u.Email == "lan.nguyen@hoiphunu.test", TestContext.Current.CancellationToken)));
        var passwordPages = 0;
        foreach (var response in responses.Where(r => r.StatusCode == HttpStatusCode.OK))
        {
            var page = await response.ReadDocumentAsync();
            passwordPages += page.QuerySelector("[data-temporary-password], .temporary-password") is null ? 0 : 1;
        }

        Assert.Equal(1, passwordPages);
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task The_same_create_account_form_sent_twice_says_the_account_exists_and_shows_no_second_password()
    {
        var admin = await _factory.SignedInClientAsync(Persona.Administrator);
        var form = await admin.GetDocumentAsync("/admin/users/new");
        var fields = new Dictionary<string, string>
        {
            ["FormToken"] = form.QuerySelector("input[name=FormToken]")!.GetAttribute("value")!,
            ["FullName"] = "Lò Văn Minh",
            ["Email"] = "minh.lo@dantoc.test",
            ["Role"] = "Leadership",
        };

        using var first = await admin.PostFormAsync("/admin/users/new", form, new(fields));
        using var second = await admin.PostFormAsync("/admin/users/new", form, new(fields));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode); // the one-time password page
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        var edit = await admin.GetDocumentAsync(second.Headers.Location!.OriginalString);
        Assert.Contains("đã được tạo bởi lần gửi trước", edit.QuerySelector(".alert-danger")!.Text(), StringComparison.Ordinal);
        Assert.Equal(1, await _factory.WithDbAsync(db => db.Users.CountAsync(u => u.Email == "minh.lo@dantoc.test", TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task Two_indicators_added_at_the_same_moment_never_answer_500_and_never_share_a_code()
    {
        var admin = await _factory.SignedInClientAsync(Persona.Administrator);
        var activityId = await _factory.ActivityIdAsync(4);
        async Task<HttpResponseMessage> AddAsync(string name)
        {
            var page = await admin.GetDocumentAsync("/admin/indicators");
            return await admin.PostFormAsync("/admin/indicators", page, new()
            {
                ["ActivityId"] = activityId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Name"] = name,
                ["Unit"] = "Count",
            });
        }

        var responses = await Task.WhenAll(AddAsync("Số đoàn kiểm tra"), AddAsync("Số cuộc họp giao ban"));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        var codes = await _factory.WithDbAsync(db => db.Indicators.Where(i => i.ActivityId == activityId).Select(i => i.Code).ToListAsync(TestContext.Current.CancellationToken));
        Assert.Equal(codes.Count, codes.Distinct().Count());
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task Evidence_cannot_be_removed_from_a_draft_whose_quarter_has_locked()
    {
        var reportId = await _factory.ReportAsync(Persona.ProvincialHaGiangVwu, Q2, ReportState.Draft);
        var lineId = await _factory.FirstLineIdAsync(reportId);
        var fileId = await _factory.FileAsync(EvidenceOwner.ReportLine, lineId);
        _clock.SetUtcNow(new DateTimeOffset(2024, 7, 20, 3, 0, 0, TimeSpan.Zero)); // Q2 locked on 06/07
        var province = await _factory.SignedInClientAsync(Persona.ProvincialHaGiangVwu);
        var page = await province.GetDocumentAsync($"/reports/{reportId}");

        using var response = await province.PostFormAsync($"/files/{fileId}/delete", page, new() { ["returnUrl"] = $"/reports/{reportId}" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var shown = await province.GetDocumentAsync(response.Headers.Location!.OriginalString);
        Assert.Contains("đã khóa", shown.QuerySelector(".alert-danger")!.Text(), StringComparison.Ordinal);
        Assert.True(await _factory.WithDbAsync(db => db.EvidenceFiles.AnyAsync(f => f.Id == fileId, TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task Saving_a_draft_that_changed_nothing_writes_nothing_and_one_changed_value_writes_only_that()
    {
        var province = await _factory.SignedInClientAsync(Persona.ProvincialHaGiangVwu);
        var mine = await province.GetDocumentAsync("/reports/mine");
        var row = mine.QuerySelector($"tr[data-quarter='{Q2}']")!;
        using var started = await province.PostFormAsync("/reports/start", mine, new()
        {
            ["PlanId"] = row.QuerySelector("input[name=PlanId]")!.GetAttribute("value")!,
            ["Quarter"] = Q2.Key.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        var editUrl = started.Headers.Location!.OriginalString;
        var reportId = int.Parse(editUrl.Split('/')[2], System.Globalization.CultureInfo.InvariantCulture);

        // A first save with every indicator filled in.
        var form = await province.GetDocumentAsync(editUrl);
        var fields = AllFields(form);
        foreach (var key in fields.Keys.Where(k => k.Contains(".Values[", StringComparison.Ordinal)).ToList())
        {
            fields[key] = "12";
        }

        using (await province.PostFormAsync(editUrl, form, fields))
        {
        }

        var version = await VersionAsync(reportId);
        var auditBefore = await AuditCountAsync();

        // The same form again: nothing changed.
        form = await province.GetDocumentAsync(editUrl);
        using var unchanged = await province.PostFormAsync(editUrl, form, AllFields(form));
        Assert.Equal(HttpStatusCode.Redirect, unchanged.StatusCode);
        Assert.Equal(version, await VersionAsync(reportId));
        Assert.Equal(auditBefore, await AuditCountAsync());

        // One value changed: the value and the report's version, nothing else.
        form = await province.GetDocumentAsync(editUrl);
        fields = AllFields(form);
        var oneValue = fields.Keys.First(k => k.Contains(".Values[", StringComparison.Ordinal));
        fields[oneValue] = "13";
        using var changed = await province.PostFormAsync(editUrl, form, fields);
        Assert.Equal(version + 1, await VersionAsync(reportId));
        var written = await _factory.WithDbAsync(db => db.AuditEntries.OrderBy(e => e.Id).Skip(auditBefore).Select(e => new { e.EntityType, e.Action }).ToListAsync(TestContext.Current.CancellationToken));
        Assert.Equal(2, written.Count);
        Assert.Contains(written, e => e.EntityType == "QuarterlyReport" && e.Action == AuditAction.Updated);
        Assert.Contains(written, e => e.EntityType == "ReportLine.IndicatorValue" && e.Action == AuditAction.Updated);
    }

    [Fact]
    public async Task A_vertical_tab_typed_in_a_progress_entry_is_stored_as_a_line_break()
    {
        var activityId = await _factory.ActivityIdAsync(1);
        var vwu = await _factory.SignedInClientAsync(Persona.CentralVwu);
        var form = await vwu.GetDocumentAsync($"/activities/{activityId}/progress/new");

        using var response = await vwu.PostFormAsync($"/activities/{activityId}/progress/new", form, new()
        {
            ["ReportedOn"] = "01/06/2024",
            ["Status"] = "OnTrack",
            ["PercentComplete"] = "10",
            ["Done"] = "Dòng một\u000BDòng hai\u0001",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var done = await _factory.WithDbAsync(db => db.ProgressEntries.Where(e => e.ActivityId == activityId).Select(e => e.Done).SingleAsync(TestContext.Current.CancellationToken));
        Assert.Equal("Dòng một\nDòng hai", done);
    }

    private Task<int> VersionAsync(int reportId) =>
        _factory.WithDbAsync(db => db.QuarterlyReports.Where(r => r.Id == reportId).Select(r => r.Version).SingleAsync(TestContext.Current.CancellationToken));

    private Task<int> AuditCountAsync() => _factory.WithDbAsync(db => db.AuditEntries.CountAsync(TestContext.Current.CancellationToken));

    /// <summary>Every field of the report form as the browser would send it.</summary>
    private static Dictionary<string, string> AllFields(IDocument form)
    {
        var fields = new Dictionary<string, string> { ["Intent"] = "save" };
        foreach (var input in form.QuerySelectorAll("#report-form input[name], #report-form textarea[name], #report-form select[name]"))
        {
            var name = input.GetAttribute("name")!;
            if (name == "__RequestVerificationToken")
            {
                continue;
            }

            fields[name] = input switch
            {
                AngleSharp.Html.Dom.IHtmlTextAreaElement area => area.Value,
                AngleSharp.Html.Dom.IHtmlSelectElement select => select.Value is { Length: > 0 } v ? v : "OnTrack",
                _ => input.GetAttribute("value") ?? string.Empty,
            };
        }

        return fields;
    }
}
