using AngleSharp.Dom;
using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Domain.Reporting;
using CoordinationPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CoordinationPortal.Web.Tests;

/// <summary>
/// The home page ("Việc cần làm") of each role on 10/06/2024 (Vietnam time): plan 468's second
/// quarter is open, due on 20/06/2024.
/// </summary>
public sealed class HomePageTests : IAsyncDisposable
{
    private static readonly Quarter Q1 = new(2024, 1);
    private static readonly Quarter Q2 = new(2024, 2);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2024, 6, 10, 1, 0, 0, TimeSpan.Zero));
    private readonly PortalFactory _factory = new();

    public HomePageTests()
    {
        _factory.ConfigureServices = services => services.AddSingleton<TimeProvider>(_clock);
    }

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<int> PlanIdAsync() => _factory.WithDbAsync(db => db.Plans.Where(p => p.Number == Scenario.Plan468).Select(p => p.Id).SingleAsync(Ct));

    [Fact]
    public async Task Signing_in_lands_on_the_home_page_with_the_plan_one_click_away()
    {
        var account = await _factory.AccountAsync(Persona.ProvincialHaGiangVwu);
        var client = _factory.NewClient();

        using var signIn = await PortalFactory.SignInAsync(client, account.Email, account.Password);
        Assert.Equal("/", PortalFactory.LandedOn(signIn));
        var home = await client.GetDocumentAsync("/");

        Assert.Equal("Việc cần làm", home.QuerySelector("h1")!.Text().Trim());
        Assert.Null(home.QuerySelector("[data-plan-toolbar], .plan-document, #activities-list")); // not the plan document itself
        var planLink = home.QuerySelector("a[data-plan-link]")!;
        Assert.Equal($"/plans/{await PlanIdAsync()}", planLink.GetAttribute("href"));
        Assert.StartsWith("Xem toàn văn kế hoạch", planLink.Text().Trim(), StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync(new Uri(planLink.GetAttribute("href")!, UriKind.Relative), Ct)).StatusCode);
    }

    [Fact]
    public async Task A_province_sees_its_open_quarter_with_due_date_and_days_left_and_its_returned_report_with_the_comment_and_nothing_of_another_branch()
    {
        var returned = await _factory.ReportAsync(Persona.ProvincialHaGiangVwu, Q1, ReportState.Returned);
        var draft = await _factory.ReportAsync(Persona.ProvincialHaGiangVwu, Q2, ReportState.Draft);
        var othersReturned = await _factory.ReportAsync(Persona.ProvincialCaoBangCema, Q1, ReportState.Returned);
        await _factory.WithDbAsync(async db =>
        {
            var report = await db.QuarterlyReports.SingleAsync(r => r.Id == othersReturned, Ct);
            report.Submit("t", "t", new DateTime(2024, 6, 9, 1, 0, 0, DateTimeKind.Utc));
            report.Return("reviewer", "Người duyệt khác", new DateTime(2024, 6, 9, 2, 0, 0, DateTimeKind.Utc), "Lời nhắn cho Cao Bằng");
            return await db.SaveChangesAsync(Ct);
        });
        var client = await _factory.SignedInClientAsync(Persona.ProvincialHaGiangVwu);

        var home = await client.GetDocumentAsync("/");

        var q2 = home.QuerySelector($"#home-quarters li[data-quarter='{Q2}']")!;
        Assert.Contains("Quý II/2024", q2.Text(), StringComparison.Ordinal);
        Assert.Contains("Hạn gửi: hết ngày 20/06/2024", q2.Text(), StringComparison.Ordinal);
        Assert.Equal("còn 10 ngày", q2.QuerySelector("[data-days-left]")!.Text());
        Assert.Equal("Draft", q2.QuerySelector("[data-report-state]")!.GetAttribute("data-report-state"));
        Assert.Equal($"/reports/{draft}", q2.QuerySelector("a[data-open-report]")!.GetAttribute("href"));
        Assert.Null(home.QuerySelector($"#home-quarters li[data-quarter='{new Quarter(2024, 3)}']")); // its data period has not begun

        var next = home.QuerySelector("[data-next-deadline]")!;
        Assert.Equal("2024-06-20", next.GetAttribute("data-next-deadline"));
        Assert.Contains("báo cáo Quý II/2024, hết ngày 20/06/2024 (giờ Việt Nam) (còn 10 ngày)", next.Text(), StringComparison.Ordinal);

        var back = Assert.Single(home.QuerySelectorAll("#home-returned li[data-returned-report]"));
        Assert.Equal(returned.ToString(System.Globalization.CultureInfo.InvariantCulture), back.GetAttribute("data-returned-report"));
        Assert.Equal("Bổ sung số liệu", back.QuerySelector("[data-review-comment]")!.Text());
        Assert.Contains("Người duyệt trả lại lúc", back.Text(), StringComparison.Ordinal);
        Assert.Equal($"/reports/{returned}/edit", back.QuerySelector("a[data-fix-report]")!.GetAttribute("href"));
        Assert.DoesNotContain("Cao Bằng", home.QuerySelector("main")!.Text(), StringComparison.Ordinal);
        Assert.Null(home.QuerySelector("[data-home='central'], [data-home='leadership'], [data-home='administrator']"));
    }

    [Fact]
    public async Task A_central_officer_sees_the_reports_waiting_for_their_agency_oldest_first_and_the_activities_it_has_not_updated_this_quarter()
    {
        var planId = await PlanIdAsync();
        var late = await _factory.ReportAsync(Persona.ProvincialHaGiangVwu, Q2, ReportState.Submitted); // sent 11/06
        var older = await _factory.SentReportAsync(planId, Q2, "04", new DateOnly(2024, 6, 1), "VWU", new DateTime(2024, 6, 5, 3, 0, 0, DateTimeKind.Utc));
        var cemas = await _factory.SentReportAsync(planId, Q2, "02", new DateOnly(2024, 6, 1), "CEMA", new DateTime(2024, 6, 4, 3, 0, 0, DateTimeKind.Utc));
        await _factory.EntryAsync(Persona.CentralVwu, 1);
        await _factory.EntryAsync(Persona.CentralCema, 2); // another agency's entry does not count for VWU
        var client = await _factory.SignedInClientAsync(Persona.CentralVwu);

        var home = await client.GetDocumentAsync("/");

        Assert.Equal("Báo cáo chờ duyệt (2)", home.QuerySelector("#home-waiting-heading")!.Text());
        Assert.Equal(
            [older.ToString(System.Globalization.CultureInfo.InvariantCulture), late.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            home.QuerySelectorAll("li[data-waiting-report]").Select(li => li.GetAttribute("data-waiting-report")));
        Assert.Null(home.QuerySelector($"li[data-waiting-report='{cemas}']"));
        Assert.Equal("/reports/review", home.QuerySelector("a[data-review-queue]")!.GetAttribute("href"));

        var quiet = home.QuerySelectorAll("li[data-quiet-activity]").Select(li => li.GetAttribute("data-quiet-activity")).ToList();
        Assert.DoesNotContain("1", quiet);
        Assert.Contains("2", quiet);
        Assert.DoesNotContain("3", quiet); // runs in the fourth quarter only
        var two = home.QuerySelector("li[data-quiet-activity='2'] a")!;
        Assert.Equal($"/activities/{await _factory.ActivityIdAsync(2)}", two.GetAttribute("href"));
        Assert.Contains("Quý II/2024", home.QuerySelector("#home-quiet-heading")!.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Leadership_sees_headline_figures_each_linking_to_the_list_behind_it()
    {
        var planId = await PlanIdAsync();
        await _factory.ReportAsync(Persona.ProvincialHaGiangVwu, Q2, ReportState.Submitted);
        await _factory.SentReportAsync(planId, Q2, "04", new DateOnly(2024, 6, 1), "VWU", new DateTime(2024, 6, 5, 3, 0, 0, DateTimeKind.Utc));
        await _factory.SentReportAsync(planId, Q2, "06", new DateOnly(2024, 6, 1), "CEMA", new DateTime(2024, 6, 25, 3, 0, 0, DateTimeKind.Utc)); // late
        await _factory.ReportAsync(Persona.ProvincialCaoBangCema, Q2, ReportState.Draft); // a draft is not received
        var expected = await _factory.WithDbAsync(async db => (await db.Provinces.ToListAsync(Ct)).Count(p => p.IsValidOn(Q2.LastDay))) * 2;
        var client = await _factory.SignedInClientAsync(Persona.Leadership);

        var home = await client.GetDocumentAsync("/");

        string Figure(string name) => home.QuerySelector($"a[data-figure='{name}'] .home-figure")!.Text();
        string Link(string name) => home.QuerySelector($"a[data-figure='{name}']")!.GetAttribute("href")!;
        Assert.Contains("Quý II/2024", home.QuerySelector("#home-figures-heading")!.Text(), StringComparison.Ordinal);
        Assert.Equal($"3/{expected}", Figure("received"));
        Assert.Equal("2", Figure("on-time"));
        Assert.Equal((expected - 3).ToString(System.Globalization.CultureInfo.InvariantCulture), Figure("missing"));
        Assert.Equal("3", Figure("waiting"));
        Assert.Equal($"/reports?planId={planId}&quarter=20242&received=true", Link("received"));
        Assert.Equal($"/reports?planId={planId}&quarter=20242&timeliness=OnTime", Link("on-time"));
        Assert.Equal($"/dashboard?planId={planId}&quarter=20242#missing", Link("missing"));
        Assert.Equal($"/reports?planId={planId}&state=Submitted", Link("waiting"));
        Assert.Equal($"/dashboard?planId={planId}#activities", Link("late"));

        // The lists behind the links show the same numbers.
        var received = await client.GetDocumentAsync(Link("received"));
        Assert.Equal(3, received.QuerySelectorAll("tr[data-report-id]").Length);
        var waiting = await client.GetDocumentAsync(Link("waiting"));
        Assert.Equal(3, waiting.QuerySelectorAll("tr[data-report-id]").Length);
    }

    [Fact]
    public async Task An_administrator_sees_quarters_without_a_calendar_locked_accounts_and_accounts_without_an_authenticator()
    {
        var planId = await PlanIdAsync();
        await _factory.WithDbAsync(async db =>
        {
            db.ReportingPeriods.Remove(await db.ReportingPeriods.SingleAsync(p => p.PlanId == planId && p.Quarter == new Quarter(2024, 3), Ct));
            return await db.SaveChangesAsync(Ct);
        });
        var victim = await _factory.CreateAccountAsync(Persona.CentralVwu, email: "bi.khoa@test.local");
        var attacker = _factory.NewClientFrom("198.51.100.66");
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            using (await PortalFactory.SignInAsync(attacker, victim.Email, "sai-mat-khau-123"))
            {
            }
        }

        await _factory.CreateAccountAsync(Persona.Leadership, email: "chua.xacthuc@test.local", withAuthenticator: false);
        await _factory.CreateAccountAsync(Persona.Administrator, email: "qt.chua.xacthuc@test.local", withAuthenticator: false);
        var client = await _factory.SignedInClientAsync(Persona.Administrator);

        var home = await client.GetDocumentAsync("/");

        Assert.Equal([new Quarter(2024, 3).ToString()], home.QuerySelectorAll("li[data-quarter-without-calendar]").Select(li => li.GetAttribute("data-quarter-without-calendar")));
        Assert.Equal($"/admin/calendar?planId={planId}", home.QuerySelector("a[data-calendar-link]")!.GetAttribute("href"));
        var locked = Assert.Single(home.QuerySelectorAll("li[data-locked-account]"));
        Assert.Equal("bi.khoa@test.local", locked.GetAttribute("data-locked-account"));
        Assert.Equal($"/admin/users/{victim.Id}", locked.QuerySelector("a")!.GetAttribute("href"));
        var without = home.QuerySelectorAll("li[data-no-authenticator]").Select(li => li.GetAttribute("data-no-authenticator")).ToList();
        Assert.Equal("qt.chua.xacthuc@test.local", without[0]); // administrators first: they cannot sign in without one
        Assert.Contains("chua.xacthuc@test.local", without);
        Assert.NotNull(home.QuerySelector("li[data-no-authenticator='qt.chua.xacthuc@test.local'] [data-cannot-sign-in]"));
        Assert.Null(home.QuerySelector("[data-home='province'], [data-home='central'], [data-home='leadership']"));
    }
}
