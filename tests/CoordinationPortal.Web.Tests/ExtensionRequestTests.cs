using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using CoordinationPortal.Domain.Auditing;
using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Domain.Notifications;
using CoordinationPortal.Domain.Reporting;
using CoordinationPortal.Web.Infrastructure;
using CoordinationPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CoordinationPortal.Web.Tests;

/// <summary>
/// Issue 13, extension requests: a province-branch asks for more time on a quarter that is locked
/// for it or about to lock; the central officers of its agency grant it (the same lock exemption an
/// administrator gives, at most the configured days) or decline it with a comment; the right
/// people are told, and the audit trail keeps each step. The clock is 1 July 2024 (Vietnam): Q1/2024
/// is locked, Q2/2024 locks on 06/07/2024 (in five days), Q3/2024 is open until October.
/// </summary>
public sealed class ExtensionRequestTests : IAsyncDisposable
{
    private static readonly Quarter Q1 = new(2024, 1);
    private static readonly Quarter Q2 = new(2024, 2);
    private static readonly Quarter Q3 = new(2024, 3);
    private static readonly DateOnly Today = new(2024, 7, 1);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2024, 7, 1, 1, 0, 0, TimeSpan.Zero));
    private readonly PortalFactory _factory = new();

    public ExtensionRequestTests()
    {
        _factory.ConfigureServices = services => services.AddSingleton<TimeProvider>(_clock);
    }

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<int> PlanIdAsync() => _factory.WithDbAsync(db => db.Plans.Where(p => p.Number == Scenario.Plan468).Select(p => p.Id).SingleAsync(Ct));

    private static string Key(Quarter quarter) => quarter.Key.ToString(CultureInfo.InvariantCulture);

    private Task<List<ExtensionRequest>> RequestsAsync() => _factory.WithDbAsync(db => db.ExtensionRequests.AsNoTracking().OrderBy(r => r.Id).ToListAsync(Ct));

    private Task<List<string>> ToldAsync(NotificationKind kind) =>
        _factory.WithDbAsync(db => db.Notifications.AsNoTracking().Where(n => n.Kind == kind).Select(n => n.UserId).OrderBy(u => u).ToListAsync(Ct));

    private async Task<(HttpClient Province, IDocument Form)> AskFormAsync(Quarter quarter)
    {
        var province = await _factory.SignedInClientAsync(Persona.ProvincialHaGiangVwu);
        var form = await province.GetDocumentAsync($"/extensions/new?planId={await PlanIdAsync()}&quarter={Key(quarter)}");
        return (province, form);
    }

    private static Task<HttpResponseMessage> AskAsync(HttpClient province, IDocument form, string proposed, string reason = "Cán bộ phụ trách nghỉ ốm dài ngày, chưa tổng hợp kịp số liệu.") =>
        province.PostFormAsync("/extensions", form, FormFields.Of(form, "form[action='/extensions']").With(("Reason", reason), ("ProposedUntil", proposed)));

    private static async Task<HttpResponseMessage> DecideAsync(HttpClient central, int requestId, string action, Dictionary<string, string> fields)
    {
        var page = await central.GetDocumentAsync($"/extensions/{requestId}");
        return await central.PostFormAsync($"/extensions/{requestId}/{action}", page, fields);
    }

    [Fact]
    public async Task My_reports_offers_an_extension_for_locked_and_nearly_locked_quarters_only()
    {
        var province = await _factory.SignedInClientAsync(Persona.ProvincialHaGiangVwu);

        var mine = await province.GetDocumentAsync("/reports/mine");

        Assert.NotNull(mine.QuerySelector($"tr[data-quarter='{Q1}'] a[data-ask-extension]"));
        Assert.NotNull(mine.QuerySelector($"tr[data-quarter='{Q2}'] a[data-ask-extension]"));
        Assert.Null(mine.QuerySelector($"tr[data-quarter='{Q3}'] a[data-ask-extension]"));
    }

    [Fact]
    public async Task A_province_asks_for_a_locked_quarter_and_only_the_central_officers_of_its_agency_are_told()
    {
        var firstCentral = await _factory.AccountAsync(Persona.CentralVwu);
        var secondCentral = await _factory.CreateAccountAsync(Persona.CentralVwu, "vwu2@test.local");
        var (province, form) = await AskFormAsync(Q1);
        Assert.Contains("Sau khi gửi đề nghị", form.Body!.Text(), StringComparison.Ordinal);

        using var asked = await AskAsync(province, form, "15/07/2024");

        var request = Assert.Single(await RequestsAsync());
        Assert.Equal($"/extensions/{request.Id}", asked.Headers.Location?.OriginalString);
        Assert.Equal((ExtensionState.Pending, new DateOnly(2024, 7, 15), Q1), (request.State, request.ProposedUntil, request.Quarter));
        var expected = new[] { firstCentral.Id, secondCentral.Id }.Order(StringComparer.Ordinal);
        Assert.Equal(expected, await ToldAsync(NotificationKind.ExtensionRequested));

        // The officer opens it from the bell and reads who asks, for what, until when.
        var central = await _factory.SignedInClientAsync(Persona.CentralVwu);
        var list = await central.GetDocumentAsync("/notifications");
        Assert.Contains("Hà Giang (Hội LHPN) xin gia hạn báo cáo Quý I/2024 đến ngày 15/07/2024", list.Body!.Text(), StringComparison.Ordinal);
        var pending = await central.GetDocumentAsync("/extensions");
        Assert.NotNull(pending.QuerySelector($"tr[data-extension-id='{request.Id}']"));
    }

    [Fact]
    public async Task Sending_the_ask_form_twice_asks_once()
    {
        await _factory.AccountAsync(Persona.CentralVwu);
        var (province, form) = await AskFormAsync(Q2);

        using var first = await AskAsync(province, form, "10/07/2024");
        using var second = await AskAsync(province, form, "10/07/2024");

        var request = Assert.Single(await RequestsAsync());
        Assert.Equal($"/extensions/{request.Id}", first.Headers.Location?.OriginalString);
        Assert.Equal($"/extensions/{request.Id}", second.Headers.Location?.OriginalString);
        Assert.Single(await ToldAsync(NotificationKind.ExtensionRequested));
    }

    [Fact]
    public async Task A_quarter_that_is_open_and_not_about_to_lock_cannot_be_asked_for_and_the_province_is_told_why()
    {
        var province = await _factory.SignedInClientAsync(Persona.ProvincialHaGiangVwu);
        var planId = await PlanIdAsync();

        using var opened = await province.GetAsync(new Uri($"/extensions/new?planId={planId}&quarter={Key(Q3)}", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        var mine = await province.GetDocumentAsync(opened.Headers.Location!.OriginalString);
        Assert.Contains("Quý này còn mở (khóa từ ngày 06/10/2024)", mine.QuerySelector(".alert-danger")!.Text(), StringComparison.Ordinal);

        var page = await province.GetDocumentAsync("/reports/mine");
        using var posted = await province.PostFormAsync("/extensions", page, new()
        {
            ["PlanId"] = planId.ToString(CultureInfo.InvariantCulture),
            ["Quarter"] = Key(Q3),
            ["Reason"] = "Muốn nộp muộn",
            ["ProposedUntil"] = "20/07/2024",
        });
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Empty(await RequestsAsync());
    }

    [Fact]
    public async Task A_sent_report_needs_no_extension()
    {
        await _factory.ReportAsync(Persona.ProvincialHaGiangVwu, Q1, ReportState.Submitted);
        var province = await _factory.SignedInClientAsync(Persona.ProvincialHaGiangVwu);

        using var opened = await province.GetAsync(new Uri($"/extensions/new?planId={await PlanIdAsync()}&quarter={Key(Q1)}", UriKind.Relative), Ct);

        var mine = await province.GetDocumentAsync(opened.Headers.Location!.OriginalString);
        Assert.Contains("đã được gửi, không cần xin gia hạn", mine.QuerySelector(".alert-danger")!.Text(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("01/08/2024", "từ hôm nay (01/07/2024) đến 31/07/2024")]
    [InlineData("30/06/2024", "từ hôm nay (01/07/2024) đến 31/07/2024")]
    [InlineData("31/02/2024", "dd/MM/yyyy")]
    public async Task A_proposed_date_outside_today_to_the_maximum_or_unreadable_is_a_400_with_the_reason(string proposed, string said)
    {
        var (province, form) = await AskFormAsync(Q1);

        using var response = await AskAsync(province, form, proposed);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        Assert.Contains(said, page.QuerySelector("#ext-until")!.ParentElement!.Text(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(proposed, page.QuerySelector("#ext-until")!.GetAttribute("value"));
        Assert.Empty(await RequestsAsync());
    }

    [Fact]
    public async Task Only_a_provincial_officer_asks_and_another_branch_does_not_see_the_request()
    {
        var requestId = await _factory.ExtensionAsync(Persona.ProvincialHaGiangVwu, Q1);
        var central = await _factory.SignedInClientAsync(Persona.CentralVwu);
        var page = await central.GetDocumentAsync("/extensions");
        using var byCentral = await central.PostFormAsync("/extensions", page, new() { ["PlanId"] = (await PlanIdAsync()).ToString(CultureInfo.InvariantCulture), ["Quarter"] = Key(Q2), ["Reason"] = "x", ["ProposedUntil"] = "10/07/2024" });
        Assert.Equal(HttpStatusCode.Forbidden, byCentral.StatusCode);

        var caoBang = await _factory.SignedInClientAsync(Persona.ProvincialCaoBangCema);
        using var other = await caoBang.GetAsync(new Uri($"/extensions/{requestId}", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Single(await RequestsAsync());
    }

    [Fact]
    public async Task A_grant_is_a_lock_exemption_until_the_chosen_date_and_the_province_can_start_and_save_the_report()
    {
        var requestId = await _factory.ExtensionAsync(Persona.ProvincialHaGiangVwu, Q1);
        var central = await _factory.SignedInClientAsync(Persona.CentralVwu);

        using var granted = await DecideAsync(central, requestId, "grant", new() { ["Until"] = "12/07/2024", ["Note"] = "Đồng ý, đề nghị gửi đúng hạn mới." });

        Assert.Equal($"/extensions/{requestId}", granted.Headers.Location?.OriginalString);
        var request = Assert.Single(await RequestsAsync());
        var exemption = await _factory.WithDbAsync(db => db.LockExemptions.AsNoTracking().SingleAsync(Ct));
        var centralId = (await _factory.AccountAsync(Persona.CentralVwu)).Id;
        Assert.Equal((ExtensionState.Granted, new DateOnly(2024, 7, 12), exemption.Id), (request.State, request.GrantedUntil, request.ExemptionId));
        Assert.Equal((Q1, new DateOnly(2024, 7, 12), centralId, request.ProvinceId, request.AgencyId), (exemption.Quarter, exemption.Until, exemption.GrantedById, exemption.ProvinceId, exemption.AgencyId));
        Assert.Equal([(await _factory.AccountAsync(Persona.ProvincialHaGiangVwu)).Id], await ToldAsync(NotificationKind.ExtensionGranted));

        var province = await _factory.SignedInClientAsync(Persona.ProvincialHaGiangVwu);
        var mine = await province.GetDocumentAsync("/reports/mine");
        Assert.Contains("Được gia hạn đến 12/07/2024", mine.QuerySelector($"tr[data-quarter='{Q1}']")!.Text(), StringComparison.Ordinal);
        using var started = await province.PostFormAsync("/reports/start", mine, new() { ["PlanId"] = (await PlanIdAsync()).ToString(CultureInfo.InvariantCulture), ["Quarter"] = Key(Q1) });
        var edit = started.Headers.Location!.OriginalString;
        Assert.EndsWith("/edit", edit, StringComparison.Ordinal);
        var form = await province.GetDocumentAsync(edit);
        var results = form.QuerySelector("textarea[name$='.Results']")!.GetAttribute("name")!;
        var fields = FormFields.Of(form, $"form:has(textarea[name='{results}'])").With(("Intent", "save"), (results, "Đã tổ chức 3 buổi truyền thông sau khi được gia hạn."));
        using var saved = await province.PostFormAsync(edit, form, fields);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.True(await _factory.WithDbAsync(db => db.ReportLines.AnyAsync(l => l.Results == "Đã tổ chức 3 buổi truyền thông sau khi được gia hạn.", Ct)));

        // After the granted day the quarter is locked again for the branch, which may ask again.
        _clock.Advance(TimeSpan.FromDays(12));
        var again = await _factory.SignedInClientAsync(Persona.ProvincialHaGiangVwu);
        var later = await again.GetDocumentAsync("/reports/mine");
        Assert.NotNull(later.QuerySelector($"tr[data-quarter='{Q1}'] a[data-ask-extension]"));
    }

    [Fact]
    public async Task A_grant_beyond_the_configured_maximum_is_refused_and_nothing_changes()
    {
        var requestId = await _factory.ExtensionAsync(Persona.ProvincialHaGiangVwu, Q1);
        var central = await _factory.SignedInClientAsync(Persona.CentralVwu);

        using var refused = await DecideAsync(central, requestId, "grant", new() { ["Until"] = Display.Date(Today.AddDays(31)) });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var page = await refused.ReadDocumentAsync();
        Assert.Contains("31/07/2024", page.QuerySelector("#grant-until")!.ParentElement!.Text(), StringComparison.Ordinal);
        Assert.Equal(ExtensionState.Pending, Assert.Single(await RequestsAsync()).State);
        Assert.Equal(0, await _factory.WithDbAsync(db => db.LockExemptions.CountAsync(Ct)));
        Assert.Empty(await ToldAsync(NotificationKind.ExtensionGranted));
    }

    [Fact]
    public async Task The_maximum_comes_from_configuration()
    {
        _factory.Settings["Reporting:MaxExtensionDays"] = "5";
        var requestId = await _factory.ExtensionAsync(Persona.ProvincialHaGiangVwu, Q1);
        var central = await _factory.SignedInClientAsync(Persona.CentralVwu);

        using var refused = await DecideAsync(central, requestId, "grant", new() { ["Until"] = "07/07/2024" });
        using var granted = await DecideAsync(central, requestId, "grant", new() { ["Until"] = "06/07/2024" });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, granted.StatusCode);
        Assert.Equal(new DateOnly(2024, 7, 6), Assert.Single(await RequestsAsync()).GrantedUntil);
    }

    [Fact]
    public async Task Declining_needs_a_comment_and_the_province_reads_it_on_the_request_and_the_report()
    {
        var reportId = await _factory.ReportAsync(Persona.ProvincialHaGiangVwu, Q1, ReportState.Draft);
        var requestId = await _factory.ExtensionAsync(Persona.ProvincialHaGiangVwu, Q1);
        var central = await _factory.SignedInClientAsync(Persona.CentralVwu);

        using var bare = await DecideAsync(central, requestId, "decline", new() { ["Comment"] = "  " });
        Assert.Equal(HttpStatusCode.BadRequest, bare.StatusCode);
        Assert.Contains("Vui lòng ghi lý do không chấp thuận", (await bare.ReadDocumentAsync()).QuerySelector("#decline-comment")!.ParentElement!.Text(), StringComparison.Ordinal);
        Assert.Equal(ExtensionState.Pending, Assert.Single(await RequestsAsync()).State);

        using var declined = await DecideAsync(central, requestId, "decline", new() { ["Comment"] = "Đã quá hạn hai tháng, đề nghị tổng hợp vào báo cáo quý sau." });
        Assert.Equal(HttpStatusCode.Redirect, declined.StatusCode);
        Assert.Equal(ExtensionState.Declined, Assert.Single(await RequestsAsync()).State);
        Assert.Equal([(await _factory.AccountAsync(Persona.ProvincialHaGiangVwu)).Id], await ToldAsync(NotificationKind.ExtensionDeclined));
        Assert.Equal(0, await _factory.WithDbAsync(db => db.LockExemptions.CountAsync(Ct)));

        var province = await _factory.SignedInClientAsync(Persona.ProvincialHaGiangVwu);
        var report = await province.GetDocumentAsync($"/reports/{reportId}");
        var history = report.QuerySelector("[data-extensions]")!;
        Assert.Contains("Đã quá hạn hai tháng", history.QuerySelector("[data-decision-comment]")!.Text(), StringComparison.Ordinal);
        Assert.NotNull(history.QuerySelector("[data-extension-state='Declined']"));

        // Decided is final: a second decision is refused, and the branch may ask again.
        using var again = await DecideAsync(central, requestId, "grant", new() { ["Until"] = "10/07/2024" });
        Assert.Equal(ExtensionState.Declined, Assert.Single(await RequestsAsync()).State);
        Assert.NotNull(history.QuerySelector("a[data-ask-extension]"));
    }

    [Fact]
    public async Task Only_the_central_officers_of_the_branchs_agency_decide()
    {
        var requestId = await _factory.ExtensionAsync(Persona.ProvincialHaGiangVwu, Q1);
        var leadership = await _factory.SignedInClientAsync(Persona.Leadership);
        var page = await leadership.GetDocumentAsync($"/extensions/{requestId}");
        Assert.Null(page.QuerySelector("form[data-grant-form]"));

        var cema = await _factory.SignedInClientAsync(Persona.CentralCema);
        using var byCema = await cema.PostFormAsync($"/extensions/{requestId}/grant", await cema.GetDocumentAsync("/extensions"), new() { ["Until"] = "10/07/2024" });
        using var byLeadership = await leadership.PostFormAsync($"/extensions/{requestId}/grant", page, new() { ["Until"] = "10/07/2024" });
        var admin = await _factory.SignedInClientAsync(Persona.Administrator);
        var adminPage = await admin.GetDocumentAsync($"/extensions/{requestId}");
        using var byAdmin = await admin.PostFormAsync($"/extensions/{requestId}/decline", adminPage, new() { ["Comment"] = "Không" });

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (byCema.StatusCode, byLeadership.StatusCode, byAdmin.StatusCode));
        Assert.Equal(ExtensionState.Pending, Assert.Single(await RequestsAsync()).State);
    }

    [Fact]
    public async Task The_audit_trail_keeps_who_asked_and_who_granted_with_the_exemption()
    {
        var (province, form) = await AskFormAsync(Q1);
        using (await AskAsync(province, form, "15/07/2024"))
        {
        }

        var requestId = Assert.Single(await RequestsAsync()).Id;
        var central = await _factory.SignedInClientAsync(Persona.CentralVwu);
        using (await DecideAsync(central, requestId, "grant", new() { ["Until"] = "12/07/2024" }))
        {
        }

        var entries = await _factory.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(e => e.EntityType == nameof(ExtensionRequest) || e.EntityType == nameof(LockExemption))
            .OrderBy(e => e.Id).Select(e => new { e.Action, e.EntityType, e.UserId }).ToListAsync(Ct));
        var asker = (await _factory.AccountAsync(Persona.ProvincialHaGiangVwu)).Id;
        var decider = (await _factory.AccountAsync(Persona.CentralVwu)).Id;
        Assert.Contains(entries, e => e.Action == AuditAction.Created && e.EntityType == nameof(ExtensionRequest) && e.UserId == asker);
        Assert.Contains(entries, e => e.Action == AuditAction.Updated && e.EntityType == nameof(ExtensionRequest) && e.UserId == decider);
        Assert.Contains(entries, e => e.Action == AuditAction.Created && e.EntityType == nameof(LockExemption) && e.UserId == decider);

        // Leadership reads it in words on the audit page.
        var leadership = await _factory.SignedInClientAsync(Persona.Leadership);
        var audit = await leadership.GetDocumentAsync("/audit");
        Assert.Contains("Đề nghị gia hạn", audit.Body!.Text(), StringComparison.Ordinal);
    }
}
