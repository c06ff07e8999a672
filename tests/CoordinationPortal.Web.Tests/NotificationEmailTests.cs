using System.Net;
using System.Net.Sockets;
using System.Text;
using AngleSharp.Dom;
using CoordinationPortal.Data;
using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Domain.Notifications;
using CoordinationPortal.Domain.Reporting;
using CoordinationPortal.Web.Features.Notifications;
using CoordinationPortal.Web.Infrastructure.Email;
using CoordinationPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using netDumbster.smtp;

namespace CoordinationPortal.Web.Tests;

/// <summary>
/// Issue 13, by e-mail: each notification also reaches its reader's mailbox (a real SMTP server in
/// the test process), in the language they chose, with the portal's address in the link and nothing
/// to track them; the optional e-mails follow the person's own choices; with e-mail off nothing is
/// queued and the administrator is told so.
/// </summary>
public sealed class NotificationEmailTests : IAsyncLifetime
{
    private static readonly Quarter Q2 = new(2024, 2);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2024, 6, 10, 1, 0, 0, TimeSpan.Zero));
    private readonly PortalFactory _factory = new();
    private readonly SmtpCatcher _smtp = new();

    public NotificationEmailTests()
    {
        _smtp.Configure(_factory);
        _factory.ConfigureServices = services => services.AddSingleton<TimeProvider>(_clock);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _smtp.Start();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        _smtp.Dispose();
        await _factory.DisposeAsync();
    }

    [Fact]
    public async Task A_returned_report_mails_each_officer_of_the_branch_once_in_their_language_with_the_comment_and_a_link()
    {
        var reportId = await _factory.ReportAsync(Persona.ProvincialHaGiangVwu, Q2, ReportState.Submitted);
        var haGiang = await _factory.AccountAsync(Persona.ProvincialHaGiangVwu);
        var english = await _factory.CreateAccountAsync(Persona.ProvincialHaGiangVwu, "hagiang.en@test.local");
        var disabled = await _factory.CreateAccountAsync(Persona.ProvincialHaGiangVwu, "hagiang.off@test.local");
        await _factory.WithDbAsync(db => db.Users.Where(u => u.Id == disabled.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.IsActive, false), Ct));

        // The English reader chose English in the portal: that choice is kept for e-mail.
        var englishClient = _factory.NewClient();
        Assert.Equal("/", PortalFactory.LandedOn(await PortalFactory.SignInAsync(englishClient, english.Email, english.Password)));
        var home = await englishClient.GetDocumentAsync("/");
        using (var switched = await englishClient.PostFormAsync("/culture", home, new() { ["culture"] = "en", ["returnUrl"] = "/" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        }

        Assert.Equal("en", await _factory.WithDbAsync(db => db.Users.Where(u => u.Id == english.Id).Select(u => u.Language).SingleAsync(Ct)));

        var central = await _factory.SignedInClientAsync(Persona.CentralVwu);
        var page = await central.GetDocumentAsync($"/reports/{reportId}");
        using (var returned = await central.PostFormAsync($"/reports/{reportId}/return", page, new() { ["Confirmed"] = "true", ["Comment"] = "Bổ sung số người tham dự <là phụ nữ DTTS>" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, returned.StatusCode);
        }

        // Queued with the change, sent by the outbox (a second pass sends nothing more).
        var sender = _factory.Services.GetRequiredService<OutboxSender>();
        Assert.Equal(2, await sender.SendDueAsync(Ct));
        Assert.Equal(0, await sender.SendDueAsync(Ct));

        var mails = Received().ToDictionary(m => Assert.Single(m.To.Mailboxes).Address);
        Assert.Equal(new[] { "hagiang.en@test.local", haGiang.Email }.Order(), mails.Keys.Order());

        var vi = mails[haGiang.Email];
        Assert.Equal("[Cổng điều phối] Báo cáo Quý II/2024 của Hà Giang (Hội LHPN) đã bị trả lại để sửa.", vi.Subject);
        Assert.Contains("Bổ sung số người tham dự <là phụ nữ DTTS>", vi.TextBody, StringComparison.Ordinal);
        Assert.Contains($"https://portal.test/reports/{reportId}", vi.TextBody, StringComparison.Ordinal);
        Assert.Contains("https://portal.test/account#email", vi.TextBody, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"https://portal.test/reports/{reportId}\">", vi.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("Bổ sung số người tham dự &lt;là phụ nữ DTTS&gt;", vi.HtmlBody, StringComparison.Ordinal); // escaped, never markup

        // Nothing that phones home: no images, no scripts, every link into the portal.
        Assert.DoesNotContain("<img", vi.HtmlBody, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<script", vi.HtmlBody, StringComparison.OrdinalIgnoreCase);
        Assert.All(Links(vi.HtmlBody!), link => Assert.StartsWith("https://portal.test/", link, StringComparison.Ordinal));

        var en = mails["hagiang.en@test.local"];
        Assert.Equal("[Coordination portal] The report of Hà Giang (Women's Union) for Q2 2024 was returned for changes.", en.Subject);
        Assert.Contains("Dear ", en.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_submission_mails_the_central_officers_of_its_agency_and_never_the_other_agency_or_the_sender()
    {
        var reportId = await _factory.ReportAsync(Persona.ProvincialHaGiangVwu, Q2, ReportState.Draft);
        var centralVwu = await _factory.AccountAsync(Persona.CentralVwu);
        var province = await _factory.SignedInClientAsync(Persona.ProvincialHaGiangVwu);
        var form = await province.GetDocumentAsync($"/reports/{reportId}/edit");
        var fields = new Dictionary<string, string>
        {
            ["Version"] = form.QuerySelector("input[name=Version]")!.GetAttribute("value")!,
            ["Intent"] = "submit",
            ["Confirmed"] = "true",
        };
        foreach (var select in form.QuerySelectorAll("select[name$='.Status']"))
        {
            fields[select.GetAttribute("name")!] = "OnTrack";
        }

        foreach (var textarea in form.QuerySelectorAll("textarea[name$='.Results']"))
        {
            fields[textarea.GetAttribute("name")!] = "Tổ chức 3 buổi truyền thông";
        }

        using (var submitted = await province.PostFormAsync($"/reports/{reportId}/edit", form, fields))
        {
            Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        }

        await _factory.Services.GetRequiredService<OutboxSender>().SendDueAsync(Ct);
        var mail = Assert.Single(Received());
        Assert.Equal(centralVwu.Email, Assert.Single(mail.To.Mailboxes).Address);
        Assert.Equal("[Cổng điều phối] Hà Giang (Hội LHPN) đã gửi báo cáo Quý II/2024.", mail.Subject);
    }

    [Fact]
    public async Task A_person_who_turns_off_reminders_and_the_digest_still_gets_them_in_the_portal_and_always_gets_review_mail()
    {
        var haGiang = await _factory.AccountAsync(Persona.ProvincialHaGiangVwu);
        var province = await _factory.SignedInClientAsync(Persona.ProvincialHaGiangVwu);

        // On by default, and the account page says which e-mails can be turned off.
        var account = await province.GetDocumentAsync("/account");
        Assert.True(account.QuerySelector("#email-reminders")!.HasAttribute("checked"));
        Assert.Null(account.QuerySelector("#email-digest")); // a province gets no digest
        Assert.Null(account.QuerySelector("#email .text-body-secondary")); // e-mail is on here

        // Unticking posts nothing for the box: it is off.
        using (var saved = await province.PostFormAsync("/account/email", account, new() { ["Digest"] = "true" }))
        {
            Assert.Equal("/account#email", saved.Headers.Location?.OriginalString);
        }

        Assert.False((await province.GetDocumentAsync("/account")).QuerySelector("#email-reminders")!.HasAttribute("checked"));
        Assert.False(await _factory.WithDbAsync(db => db.Users.Where(u => u.Id == haGiang.Id).Select(u => u.EmailReminders).SingleAsync(Ct)));

        var reportId = await _factory.ReportAsync(Persona.ProvincialHaGiangVwu, Q2, ReportState.Submitted);
        await using (var scope = _factory.Services.CreateAsyncScope())
        {
            var writer = scope.ServiceProvider.GetRequiredService<NotificationWriter>();
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var arguments = NotificationText.Arguments("Hà Giang", "VWU", Q2, comment: null);
            arguments.Add("15/07/2024");
            await writer.AddAsync(new NotificationEvent(NotificationKind.DeadlineApproaching, null, "/reports/mine", arguments, "test-reminder"), [haGiang.Id], Ct);
            await writer.AddAsync(new NotificationEvent(NotificationKind.ReportApproved, reportId, null, NotificationText.Arguments("Hà Giang", "VWU", Q2, null), "test-approved"), [haGiang.Id], Ct);
            await db.SaveChangesAsync(Ct);
        }

        Assert.Equal(2, await _factory.WithDbAsync(db => db.Notifications.CountAsync(n => n.UserId == haGiang.Id, Ct)));
        await _factory.Services.GetRequiredService<OutboxSender>().SendDueAsync(Ct);
        var mail = Assert.Single(Received());
        Assert.Equal("[Cổng điều phối] Báo cáo Quý II/2024 của Hà Giang (Hội LHPN) đã được duyệt.", mail.Subject);
    }

    [Fact]
    public async Task With_no_mail_server_configured_notifications_still_arrive_no_mail_is_queued_and_the_administrator_sees_email_is_off()
    {
        await using var factory = new PortalFactory();
        factory.ConfigureServices = services => services.AddSingleton<TimeProvider>(_clock);
        var reportId = await factory.ReportAsync(Persona.ProvincialHaGiangVwu, Q2, ReportState.Submitted);
        var central = await factory.SignedInClientAsync(Persona.CentralVwu);
        var page = await central.GetDocumentAsync($"/reports/{reportId}");
        using (var approved = await central.PostFormAsync($"/reports/{reportId}/approve", page, new() { ["Confirmed"] = "true", ["Comment"] = string.Empty }))
        {
            Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        }

        Assert.Equal(1, await factory.WithDbAsync(db => db.Notifications.CountAsync(Ct)));
        Assert.Equal(0, await factory.WithDbAsync(db => db.OutboxMessages.CountAsync(Ct)));

        var admin = await factory.SignedInClientAsync(Persona.Administrator);
        var email = await admin.GetDocumentAsync("/admin/email");
        Assert.Contains("Gửi thư điện tử đang TẮT", email.QuerySelector(".alert-warning")!.TextContent, StringComparison.Ordinal);
        var province = await factory.SignedInClientAsync(Persona.ProvincialHaGiangVwu);
        Assert.Contains("chưa được cấu hình để gửi thư", (await province.GetDocumentAsync("/account")).QuerySelector("#email")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_administrator_sees_mail_that_could_not_be_sent_with_the_servers_answer()
    {
        _smtp.Stop(); // the mail server is down
        var reportId = await _factory.ReportAsync(Persona.ProvincialHaGiangVwu, Q2, ReportState.Submitted);
        var central = await _factory.SignedInClientAsync(Persona.CentralVwu);
        var page = await central.GetDocumentAsync($"/reports/{reportId}");
        using (var approved = await central.PostFormAsync($"/reports/{reportId}/approve", page, new() { ["Confirmed"] = "true", ["Comment"] = string.Empty }))
        {
            Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode); // an outage never fails the reviewer's action
        }

        Assert.Equal(0, await _factory.Services.GetRequiredService<OutboxSender>().SendDueAsync(Ct));

        var admin = await _factory.SignedInClientAsync(Persona.Administrator);
        var email = await admin.GetDocumentAsync("/admin/email");
        Assert.Contains("Gửi thư điện tử đang BẬT", email.QuerySelector(".alert-success")!.TextContent, StringComparison.Ordinal);
        var row = Assert.Single(email.QuerySelectorAll("tbody tr"));
        Assert.Equal((await _factory.AccountAsync(Persona.ProvincialHaGiangVwu)).Email, row.QuerySelector("td")!.TextContent);
        Assert.Equal("1", row.QuerySelectorAll("td")[2].TextContent);
        Assert.False(string.IsNullOrWhiteSpace(row.QuerySelectorAll("td")[4].TextContent));
    }

    private static IEnumerable<string> Links(string html)
    {
        var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);
        return document.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!);
    }

    private List<MimeMessage> Received() => _smtp.Received();
}
