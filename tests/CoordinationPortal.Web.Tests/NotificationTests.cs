using System.Net;
using AngleSharp.Dom;
using CoordinationPortal.Data.Notifications;
using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Domain.Notifications;
using CoordinationPortal.Domain.Reporting;
using CoordinationPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CoordinationPortal.Web.Tests;

/// <summary>
/// Issue 13, in the portal: each report event tells the people who act on it next, and no one else
/// (the other agency, another province, a disabled account, the actor); the bell counts a person's
/// unread notifications; a person reads and marks only their own.
/// </summary>
public sealed class NotificationTests : IAsyncDisposable
{
    private static readonly Quarter Q2 = new(2024, 2);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2024, 6, 10, 1, 0, 0, TimeSpan.Zero));
    private readonly PortalFactory _factory = new();

    public NotificationTests()
    {
        _factory.ConfigureServices = services => services.AddSingleton<TimeProvider>(_clock);
    }

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Everyone who could wrongly be told, by what they are.</summary>
    private sealed record People(
        string CentralVwu,
        string SecondCentralVwu,
        string DisabledCentralVwu,
        string CentralCema,
        string HaGiangVwu,
        string SecondHaGiangVwu,
        string DisabledHaGiangVwu,
        string CaoBangVwu,
        string CaoBangCema,
        string Leadership,
        string Administrator);

    private async Task<People> PeopleAsync()
    {
        var caoBang = await _factory.ProvinceIdAsync("04");
        var secondCentral = await _factory.CreateAccountAsync(Persona.CentralVwu, "vwu2@test.local");
        var disabledCentral = await _factory.CreateAccountAsync(Persona.CentralVwu, "vwu-off@test.local");
        var secondHaGiang = await _factory.CreateAccountAsync(Persona.ProvincialHaGiangVwu, "hagiang2@test.local");
        var disabledHaGiang = await _factory.CreateAccountAsync(Persona.ProvincialHaGiangVwu, "hagiang-off@test.local");
        var caoBangVwu = await _factory.CreateAccountAsync(Persona.ProvincialHaGiangVwu, "caobang.vwu@test.local");
        await _factory.WithDbAsync(async db =>
        {
            await db.Users.Where(u => u.Id == disabledCentral.Id || u.Id == disabledHaGiang.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.IsActive, false), Ct);
            return await db.Users.Where(u => u.Id == caoBangVwu.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.ProvinceId, caoBang), Ct);
        });
        return new People(
            (await _factory.AccountAsync(Persona.CentralVwu)).Id,
            secondCentral.Id,
            disabledCentral.Id,
            (await _factory.AccountAsync(Persona.CentralCema)).Id,
            (await _factory.AccountAsync(Persona.ProvincialHaGiangVwu)).Id,
            secondHaGiang.Id,
            disabledHaGiang.Id,
            caoBangVwu.Id,
            (await _factory.AccountAsync(Persona.ProvincialCaoBangCema)).Id,
            (await _factory.AccountAsync(Persona.Leadership)).Id,
            (await _factory.AccountAsync(Persona.Administrator)).Id);
    }

    private Task<List<Notification>> NotificationsAsync() =>
        _factory.WithDbAsync(db => db.Notifications.AsNoTracking().OrderBy(n => n.Id).ToListAsync(Ct));

    private static Dictionary<string, string> SubmitFields(IDocument form)
    {
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
            fields[textarea.GetAttribute("name")!] = "Tổ chức 3 buổi truyền thông tại xã Lũng Cú";
        }

        return fields;
    }

    private static async Task SubmitAsync(HttpClient province, int reportId)
    {
        var form = await province.GetDocumentAsync($"/reports/{reportId}/edit");
        using var submitted = await province.PostFormAsync($"/reports/{reportId}/edit", form, SubmitFields(form));
        Assert.Equal($"/reports/{reportId}", submitted.Headers.Location?.OriginalString);
    }

    private static async Task<HttpStatusCode> ReviewAsync(HttpClient central, int reportId, string action, string comment)
    {
        var page = await central.GetDocumentAsync($"/reports/{reportId}");
        using var response = await central.PostFormAsync($"/reports/{reportId}/{action}", page, new() { ["Confirmed"] = "true", ["Comment"] = comment });
        return response.StatusCode;
    }

    private static int Bell(IDocument page) => int.Parse(page.QuerySelector("header .portal-bell")!.GetAttribute("data-unread")!, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_submitted_report_tells_the_central_officers_of_its_agency_and_no_one_else()
    {
        var people = await PeopleAsync();
        var reportId = await _factory.ReportAsync(Persona.ProvincialHaGiangVwu, Q2, ReportState.Draft);
        var province = await _factory.SignedInClientAsync(Persona.ProvincialHaGiangVwu);

        await SubmitAsync(province, reportId);

        var told = await NotificationsAsync();
        Assert.Equal(2, told.Count);
        Assert.Equal(new HashSet<string> { people.CentralVwu, people.SecondCentralVwu }, told.Select(n => n.UserId).ToHashSet());
        Assert.All(told, n => Assert.Equal((NotificationKind.ReportSubmitted, reportId, (DateTime?)null), (n.Kind, n.ReportId, n.ReadAtUtc)));
        Assert.All(told, n => Assert.Equal(_clock.GetUtcNow().UtcDateTime, n.CreatedAtUtc));
    }

    [Fact]
    public async Task A_resubmitted_report_tells_the_reviewers_it_came_back()
    {
        var people = await PeopleAsync();
        var reportId = await _factory.ReportAsync(Persona.ProvincialHaGiangVwu, Q2, ReportState.Returned);
        var province = await _factory.SignedInClientAsync(Persona.ProvincialHaGiangVwu);

        await SubmitAsync(province, reportId);

        var told = await NotificationsAsync();
        Assert.Equal(2, told.Count);
        Assert.Equal(new HashSet<string> { people.CentralVwu, people.SecondCentralVwu }, told.Select(n => n.UserId).ToHashSet());
        Assert.All(told, n => Assert.Equal(NotificationKind.ReportResubmitted, n.Kind));
    }

    [Theory]
    [InlineData("return", NotificationKind.ReportReturned, ReportState.Submitted)]
    [InlineData("approve", NotificationKind.ReportApproved, ReportState.Submitted)]
    [InlineData("reopen", NotificationKind.ReportReopened, ReportState.Approved)]
    public async Task A_review_tells_the_officers_of_that_province_branch_and_no_one_else(string action, NotificationKind kind, ReportState from)
    {
        var people = await PeopleAsync();
        var reportId = await _factory.ReportAsync(Persona.ProvincialHaGiangVwu, Q2, from);
        var central = await _factory.SignedInClientAsync(Persona.CentralVwu);

        Assert.Equal(HttpStatusCode.Redirect, await ReviewAsync(central, reportId, action, "Bổ sung số người tham dự là phụ nữ DTTS"));

        var told = await NotificationsAsync();
        Assert.Equal(new HashSet<string> { people.HaGiangVwu, people.SecondHaGiangVwu }, told.Select(n => n.UserId).ToHashSet());
        Assert.Equal(2, told.Count);
        Assert.All(told, n => Assert.Equal((kind, reportId), (n.Kind, n.ReportId)));
        Assert.All(told, n => Assert.Equal("Bổ sung số người tham dự là phụ nữ DTTS", n.Arguments[4]));
    }

    [Fact]
    public async Task A_refused_review_tells_nobody()
    {
        await PeopleAsync();
        var reportId = await _factory.ReportAsync(Persona.ProvincialHaGiangVwu, Q2, ReportState.Submitted);
        var central = await _factory.SignedInClientAsync(Persona.CentralVwu);

        Assert.Equal(HttpStatusCode.OK, await ReviewAsync(central, reportId, "return", " ")); // a return needs a comment: the form again

        Assert.Empty(await NotificationsAsync());
    }

    [Fact]
    public async Task The_returned_province_reads_why_in_its_language_and_the_notification_opens_the_report()
    {
        await PeopleAsync();
        var reportId = await _factory.ReportAsync(Persona.ProvincialHaGiangVwu, Q2, ReportState.Submitted);
        var central = await _factory.SignedInClientAsync(Persona.CentralVwu);
        Assert.Equal(HttpStatusCode.Redirect, await ReviewAsync(central, reportId, "return", "Bổ sung số người tham dự là phụ nữ DTTS"));
        var province = await _factory.SignedInClientAsync(Persona.ProvincialHaGiangVwu);

        var home = await province.GetDocumentAsync("/");
        Assert.Equal(1, Bell(home));
        Assert.Equal("Thông báo, 1 chưa đọc", home.QuerySelector("header .portal-bell .visually-hidden")!.Text());

        var list = await province.GetDocumentAsync("/notifications");
        var item = Assert.Single(list.QuerySelectorAll("[data-notification]"));
        Assert.Equal("false", item.GetAttribute("data-read"));
        Assert.Equal("Báo cáo Quý II/2024 của Hà Giang (Hội LHPN) đã bị trả lại để sửa.", item.QuerySelector("a")!.Text());
        Assert.Equal("Bổ sung số người tham dự là phụ nữ DTTS", item.QuerySelector("blockquote")!.Text());

        using var opened = await province.GetAsync(new Uri(item.QuerySelector("a")!.GetAttribute("href")!, UriKind.Relative), Ct);
        Assert.Equal($"/reports/{reportId}", opened.Headers.Location?.OriginalString);
        Assert.Equal(0, Bell(await province.GetDocumentAsync("/")));

        // In English, the same notification reads in English. (The language cookie lasts a year from
        // the app's clock, so the clock moves to today first, and the officer signs in again.)
        _clock.SetUtcNow(DateTimeOffset.UtcNow);
        province = await _factory.SignedInClientAsync(Persona.ProvincialHaGiangVwu);
        var english = await province.GetDocumentAsync("/notifications");
        using (var switched = await province.PostFormAsync("/culture", english, new() { ["culture"] = "en", ["returnUrl"] = "/notifications" }))
        {
            Assert.Equal("/notifications", switched.Headers.Location?.OriginalString);
        }

        Assert.Equal(
            "The report of Hà Giang (Women's Union) for Q2 2024 was returned for changes.",
            (await province.GetDocumentAsync("/notifications")).QuerySelector("[data-notification] a")!.Text());
    }

    [Fact]
    public async Task Marking_read_touches_only_ones_own_and_another_persons_id_is_not_found()
    {
        var people = await PeopleAsync();
        var reportId = await _factory.ReportAsync(Persona.ProvincialHaGiangVwu, Q2, ReportState.Draft);
        await SubmitAsync(await _factory.SignedInClientAsync(Persona.ProvincialHaGiangVwu), reportId);
        var told = await NotificationsAsync();
        var mine = told.Single(n => n.UserId == people.CentralVwu).Id;
        var theirs = told.Single(n => n.UserId == people.SecondCentralVwu).Id;
        var central = await _factory.SignedInClientAsync(Persona.CentralVwu);
        var page = await central.GetDocumentAsync("/notifications");

        using (var other = await central.PostFormAsync($"/notifications/{theirs}/read", page, []))
        {
            Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        }

        using (var openOther = await central.GetAsync(new Uri($"/notifications/{theirs}", UriKind.Relative), Ct))
        {
            Assert.Equal(HttpStatusCode.NotFound, openOther.StatusCode);
        }

        using (var none = await central.PostFormAsync("/notifications/999999/read", page, []))
        {
            Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
        }

        using (var own = await central.PostFormAsync($"/notifications/{mine}/read", page, []))
        {
            Assert.Equal("/notifications", own.Headers.Location?.OriginalString);
        }

        using (await central.PostFormAsync("/notifications/read-all", page, []))
        {
        }

        var after = await NotificationsAsync();
        Assert.NotNull(after.Single(n => n.Id == mine).ReadAtUtc);
        Assert.Null(after.Single(n => n.Id == theirs).ReadAtUtc);
        Assert.Equal(0, Bell(await central.GetDocumentAsync("/")));
    }

    [Fact]
    public async Task Mark_all_read_clears_the_bell_of_the_reader_only()
    {
        var people = await PeopleAsync();
        for (var q = 1; q <= 3; q++)
        {
            var reportId = await _factory.ReportAsync(Persona.ProvincialHaGiangVwu, new Quarter(2024, q), ReportState.Draft);
            await _factory.WithDbAsync(async db =>
            {
                db.Notifications.Add(Notification.AboutReport(people.CentralVwu, NotificationKind.ReportSubmitted, reportId, ["Hà Giang", "VWU", $"{q}", "2024", ""], _clock.GetUtcNow().UtcDateTime));
                db.Notifications.Add(Notification.AboutReport(people.SecondCentralVwu, NotificationKind.ReportSubmitted, reportId, ["Hà Giang", "VWU", $"{q}", "2024", ""], _clock.GetUtcNow().UtcDateTime));
                return await db.SaveChangesAsync(Ct);
            });
        }

        var central = await _factory.SignedInClientAsync(Persona.CentralVwu);
        var page = await central.GetDocumentAsync("/notifications");
        Assert.Equal(3, Bell(page));

        using (var all = await central.PostFormAsync("/notifications/read-all", page, []))
        {
            Assert.Equal("/notifications", all.Headers.Location?.OriginalString);
        }

        Assert.Equal(0, Bell(await central.GetDocumentAsync("/notifications")));
        Assert.Equal(3, await _factory.WithDbAsync(db => db.Notifications.CountAsync(n => n.UserId == people.SecondCentralVwu && n.ReadAtUtc == null, Ct)));
    }

    [Fact]
    public async Task The_list_shows_the_newest_first_twenty_a_page()
    {
        var people = await PeopleAsync();
        var reportId = await _factory.ReportAsync(Persona.ProvincialHaGiangVwu, Q2, ReportState.Submitted);
        var start = _clock.GetUtcNow().UtcDateTime;
        await _factory.WithDbAsync(async db =>
        {
            for (var i = 0; i < 25; i++)
            {
                db.Notifications.Add(Notification.AboutReport(people.CentralVwu, NotificationKind.ReportSubmitted, reportId, ["Hà Giang", "VWU", "2", "2024", ""], start.AddMinutes(i)));
            }

            return await db.SaveChangesAsync(Ct);
        });
        var ids = (await NotificationsAsync()).OrderByDescending(n => n.CreatedAtUtc).Select(n => n.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var central = await _factory.SignedInClientAsync(Persona.CentralVwu);

        var first = await central.GetDocumentAsync("/notifications");
        var second = await central.GetDocumentAsync("/notifications?page=2");

        Assert.Equal(ids.Take(20), first.QuerySelectorAll("[data-notification]").Select(e => e.GetAttribute("data-notification")!));
        Assert.Equal(ids.Skip(20), second.QuerySelectorAll("[data-notification]").Select(e => e.GetAttribute("data-notification")!));
        Assert.Equal(25, Bell(first));
    }
}
