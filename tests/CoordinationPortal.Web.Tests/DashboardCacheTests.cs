using System.Net;
using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Domain.Indicators;
using CoordinationPortal.Domain.Progress;
using CoordinationPortal.Domain.Provinces;
using CoordinationPortal.Domain.Reporting;
using CoordinationPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace CoordinationPortal.Web.Tests;

/// <summary>
/// The dashboard of those who see all provinces is cached (ADR 0048): a repeat costs no query, and
/// every kind of write it shows is on the next request. Fixture: Plan 468, Hà Giang VWU submitted
/// Q2/2024 on 11/06/2024 (due 20/06) with 100 participants.
/// </summary>
public sealed class DashboardCacheTests : IAsyncLifetime
{
    private static readonly Quarter Q2 = new(2024, 2);
    private static readonly DateTime Written = new(2024, 6, 10, 2, 0, 0, DateTimeKind.Utc);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly CommandCounter _counter = new();
    private readonly PortalFactory _factory;
    private int _planId;
    private int _reportId;

    private readonly SlowRead _slowRead = new();

    public DashboardCacheTests() =>
        _factory = new PortalFactory
        {
            ConfigureServices = services =>
            {
                services.AddSingleton<IInterceptor>(_counter);
                services.AddSingleton<IInterceptor>(_slowRead);
            },
        };

    public async ValueTask InitializeAsync()
    {
        _reportId = await _factory.WithDbAsync(async db =>
        {
            var plan = await db.Plans.Include(p => p.Activities).SingleAsync(p => p.Number == Scenario.Plan468, Ct);
            var participants = await db.Indicators.Where(i => i.Code == "A1.PARTICIPANTS").Select(i => new { i.Id, i.ActivityId }).SingleAsync(Ct);
            var haGiang = await db.Provinces.Where(p => p.ValidFrom == null && p.Code == "02").Select(p => p.Id).SingleAsync(Ct);
            var vwu = await db.Agencies.Where(a => a.Code == "VWU").Select(a => a.Id).SingleAsync(Ct);
            var report = QuarterlyReport.Start(plan, Q2, haGiang, vwu, "t", Written);
            report.Write(
                report.Lines.ToDictionary(l => l.ActivityId, l => new LineContent(ActivityStatus.OnTrack, "Kết quả", null, null, l.ActivityId == participants.ActivityId ? [new IndicatorValue(participants.Id, 100)] : [])),
                "t",
                Written);
            report.Submit("t", "t", Written.AddDays(1));
            db.QuarterlyReports.Add(report);
            await db.SaveChangesAsync(Ct);
            return report.Id;
        });
        _planId = await _factory.WithDbAsync(db => db.Plans.Where(p => p.Number == Scenario.Plan468).Select(p => p.Id).SingleAsync(Ct));
    }

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    private Task<AngleSharp.Dom.IDocument> DashboardAsync(HttpClient client, string query = "") =>
        client.GetDocumentAsync($"/dashboard?planId={_planId}{query}");

    private static string? CellState(AngleSharp.Dom.IDocument page, int reportId) =>
        page.QuerySelector($".province-grid a[href='/reports/{reportId}']")?.GetAttribute("data-cell-state");

    [Fact]
    public async Task The_same_dashboard_asked_again_is_served_from_the_cache_without_its_queries()
    {
        var leadership = await _factory.SignedInClientAsync(Persona.Leadership);

        _counter.Reset();
        var first = await DashboardAsync(leadership);
        var computed = _counter.Count;
        _counter.Reset();
        var second = await DashboardAsync(leadership);
        var cached = _counter.Count;

        // Only the session and the bell's count remain; the dashboard's own queries (about 10) are gone.
        Assert.True(computed >= 10, $"the computed dashboard sent {computed} commands");
        Assert.True(cached <= 3, $"the repeated dashboard sent {cached} commands");
        Assert.Equal(first.QuerySelector("main")!.InnerHtml, second.QuerySelector("main")!.InnerHtml);
        Assert.Equal("SubmittedOnTime", CellState(second, _reportId));
        Assert.Equal(first.Title, second.Title);
        Assert.NotNull(second.QuerySelector("script[src*='dashboard']"));

        // Another person with the same view shares the entry; another filter is computed apart.
        var colleague = await _factory.CreateAccountAsync(Persona.Leadership, "lanh.dao.2@portal.test");
        var other = _factory.NewClient();
        using (await PortalFactory.SignInAsync(other, colleague.Email, colleague.Password, colleague.AuthenticatorKey))
        {
        }

        _counter.Reset();
        var colleaguePage = await DashboardAsync(other);
        Assert.True(_counter.Count <= 3, $"a colleague's same dashboard sent {_counter.Count} commands");
        Assert.Equal(first.QuerySelector("#reporting")!.OuterHtml, colleaguePage.QuerySelector("#reporting")!.OuterHtml);
        _counter.Reset();
        var quarter = await DashboardAsync(leadership, $"&quarter={Q2.Key}");
        Assert.True(_counter.Count >= 6, "another quarter must be computed, not served from the whole year's entry"); // 6: its reference data (ADR 0061) and the bell's count (ADR 0063) are kept
        Assert.Equal(Q2.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), quarter.QuerySelector("#quarter option[selected]")!.GetAttribute("value"));
    }

    [Fact]
    public async Task An_operator_can_switch_the_cache_off_and_every_dashboard_is_then_computed()
    {
        var counter = new CommandCounter();
        await using var portal = new PortalFactory
        {
            Settings = { ["FragmentCache:Enabled"] = "false" },
            ConfigureServices = services => services.AddSingleton<IInterceptor>(counter),
        };
        var leadership = await portal.SignedInClientAsync(Persona.Leadership);

        _ = await DashboardAsync(leadership);
        counter.Reset();
        var again = await DashboardAsync(leadership);

        Assert.True(counter.Count >= 6, $"the repeated dashboard sent {counter.Count} commands with the cache off"); // 6: its reference data (ADR 0061) and the bell's count (ADR 0063) are kept
        Assert.NotNull(again.QuerySelector(".province-grid"));
    }

    [Fact]
    public async Task A_dashboard_computed_from_figures_read_before_a_write_is_not_served_after_it()
    {
        var leadership = await _factory.SignedInClientAsync(Persona.Leadership);

        // A request reads the report states, then stalls (a slow machine) before it finishes and
        // stores what it rendered; meanwhile the report is approved and the cache evicted.
        _slowRead.Arm();
        var slow = DashboardAsync(leadership);
        await _slowRead.Reached.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        await _factory.WithDbAsync(async db =>
        {
            var report = await db.QuarterlyReports.Include(r => r.Lines).ThenInclude(l => l.Values).Include(r => r.Transitions).SingleAsync(r => r.Id == _reportId, Ct);
            report.Approve("t", "t", Written.AddDays(2));
            return await db.SaveChangesAsync(Ct);
        });
        _slowRead.Release();
        Assert.Equal("SubmittedOnTime", CellState(await slow, _reportId));

        // What it stored late is never served: the next request shows the approval.
        Assert.Equal("Approved", CellState(await DashboardAsync(leadership), _reportId));
        Assert.Equal("Approved", CellState(await DashboardAsync(leadership), _reportId));
    }

    [Fact]
    public async Task A_report_submitted_and_then_approved_is_on_the_next_dashboard()
    {
        var leadership = await _factory.SignedInClientAsync(Persona.Leadership);
        var before = await DashboardAsync(leadership);
        Assert.Null(CellState(before, _reportId + 1));

        var submitted = await _factory.ReportAsync(Persona.ProvincialCaoBangCema, Q2, ReportState.Submitted);
        var afterSubmit = await DashboardAsync(leadership);
        Assert.Equal("SubmittedOnTime", CellState(afterSubmit, submitted));
        Assert.NotNull(afterSubmit.QuerySelector($"#waiting tr[data-report-id='{submitted}']"));

        // Approved through the page, as a central officer does.
        var central = await _factory.SignedInClientAsync(Persona.CentralVwu);
        var page = await central.GetDocumentAsync($"/reports/{_reportId}");
        using (var approved = await central.PostFormAsync($"/reports/{_reportId}/approve", page, new() { ["Confirmed"] = "true", ["Comment"] = string.Empty }))
        {
            Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        }

        var afterApproval = await DashboardAsync(leadership);
        Assert.Equal("Approved", CellState(afterApproval, _reportId));
        Assert.Null(afterApproval.QuerySelector($"#waiting tr[data-report-id='{_reportId}']"));
    }

    [Fact]
    public async Task A_progress_entry_is_on_the_next_dashboard()
    {
        var leadership = await _factory.SignedInClientAsync(Persona.Leadership);
        var before = await DashboardAsync(leadership);
        Assert.Empty(before.QuerySelectorAll("tr[data-activity-number='3'] [data-word-status='Delayed']"));

        var central = await _factory.SignedInClientAsync(Persona.CentralVwu);
        var activityId = await _factory.ActivityIdAsync(3);
        var form = await central.GetDocumentAsync($"/activities/{activityId}/progress/new");
        using (var added = await central.PostFormAsync($"/activities/{activityId}/progress/new", form, new()
        {
            ["ReportedOn"] = "15/10/2024",
            ["Status"] = "Delayed",
            ["PercentComplete"] = "30",
            ["Done"] = "Chậm do bão.",
        }))
        {
            Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        }

        var after = await DashboardAsync(leadership);
        Assert.NotEmpty(after.QuerySelectorAll("tr[data-activity-number='3'] [data-word-status='Delayed']"));
    }

    [Fact]
    public async Task A_changed_due_date_in_the_calendar_is_on_the_next_dashboard()
    {
        var leadership = await _factory.SignedInClientAsync(Persona.Leadership);
        Assert.Equal("SubmittedOnTime", CellState(await DashboardAsync(leadership), _reportId));

        await _factory.WithDbAsync(async db =>
        {
            var period = await db.ReportingPeriods.SingleAsync(p => p.PlanId == _planId && p.Quarter == Q2, Ct);
            period.Set(period.DataFrom, new DateOnly(2024, 6, 5), new DateOnly(2024, 6, 8), period.LockAfterDays); // before the report was sent
            return await db.SaveChangesAsync(Ct);
        });

        Assert.Equal("SubmittedLate", CellState(await DashboardAsync(leadership), _reportId));
    }

    [Fact]
    public async Task A_province_moved_to_another_region_is_on_the_next_dashboard()
    {
        var leadership = await _factory.SignedInClientAsync(Persona.Leadership);
        // Each report under the unit that sent it: Hà Giang itself, not the province it merged into in 2025.
        var before = await DashboardAsync(leadership, "&boundaries=AtTheTime");
        Assert.Equal("100", before.QuerySelector("#region-table tr[data-region='NorthernMidlandsAndMountains'] td")!.GetAttribute("data-value"));

        var haGiang = await _factory.WithDbAsync(db => db.Provinces.Where(p => p.ValidFrom == null && p.Code == "02").Select(p => p.Id).SingleAsync(Ct));
        await _factory.WithDbAsync(async db =>
        {
            (await db.Provinces.SingleAsync(p => p.Id == haGiang, Ct)).SetRegion(SocioEconomicRegion.MekongDelta);
            return await db.SaveChangesAsync(Ct);
        });

        var after = await DashboardAsync(leadership, "&boundaries=AtTheTime");
        Assert.Equal("100", after.QuerySelector("#region-table tr[data-region='MekongDelta'] td")!.GetAttribute("data-value"));
    }

    [Fact]
    public async Task A_published_plan_is_on_the_next_dashboard()
    {
        var leadership = await _factory.SignedInClientAsync(Persona.Leadership);
        Assert.Null((await DashboardAsync(leadership)).QuerySelector("#planId option[value]:not([value='" + _planId + "'])"));

        var newPlan = await _factory.PlanForYearAsync(2025);

        Assert.NotNull((await DashboardAsync(leadership)).QuerySelector($"#planId option[value='{newPlan}']"));
    }

    [Fact]
    public async Task Central_officers_of_two_agencies_each_see_their_own_waiting_reports_and_provinces_their_own_dashboard()
    {
        var cema = await _factory.ReportAsync(Persona.ProvincialCaoBangCema, Q2, ReportState.Submitted);
        var vwuOfficer = await _factory.SignedInClientAsync(Persona.CentralVwu);
        var cemaOfficer = await _factory.SignedInClientAsync(Persona.CentralCema);

        // Each twice: the second is the cached one.
        for (var i = 0; i < 2; i++)
        {
            var vwuPage = await DashboardAsync(vwuOfficer);
            Assert.NotNull(vwuPage.QuerySelector($"#waiting tr[data-report-id='{_reportId}']"));
            Assert.Null(vwuPage.QuerySelector($"#waiting tr[data-report-id='{cema}']"));

            var cemaPage = await DashboardAsync(cemaOfficer);
            Assert.NotNull(cemaPage.QuerySelector($"#waiting tr[data-report-id='{cema}']"));
            Assert.Null(cemaPage.QuerySelector($"#waiting tr[data-report-id='{_reportId}']"));
        }

        // Leadership, with nobody's review agency, sees both; a province sees its own page, not the cached grid.
        var all = await DashboardAsync(await _factory.SignedInClientAsync(Persona.Leadership));
        Assert.Equal(2, all.QuerySelectorAll("#waiting tr[data-report-id]").Length);
        var province = await DashboardAsync(await _factory.SignedInClientAsync(Persona.ProvincialHaGiangVwu));
        Assert.Null(province.QuerySelector(".province-grid"));
        Assert.Null(province.QuerySelector("#waiting"));
    }

    [Fact]
    public async Task Each_person_still_sees_their_own_name_and_sign_out_form_on_a_cached_dashboard()
    {
        var leadership = await _factory.SignedInClientAsync(Persona.Leadership);
        var admin = await _factory.SignedInClientAsync(Persona.Administrator);
        await DashboardAsync(leadership);

        var adminPage = await DashboardAsync(admin);
        var leadershipPage = await DashboardAsync(leadership);

        Assert.Contains("Administrator Test", adminPage.Body!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Leadership Test", adminPage.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Leadership Test", leadershipPage.Body!.TextContent, StringComparison.Ordinal);
        var tokens = new[] { adminPage, leadershipPage }.Select(p => p.QuerySelector("form[action*='sign-out'] input[name='__RequestVerificationToken']")?.GetAttribute("value")).ToList();
        Assert.All(tokens, Assert.NotNull);
        Assert.NotEqual(tokens[0], tokens[1]);
    }

    /// <summary>Holds the dashboard's query of report states (the only one that reads when reports were submitted), once its reader has started, until released.</summary>
    private sealed class SlowRead : DbCommandInterceptor
    {
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _armed;

        public TaskCompletionSource ReachedSource { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Reached => ReachedSource.Task;

        public void Arm() => Interlocked.Exchange(ref _armed, 1);

        public void Release() => _release.TrySetResult();

        // After the reader started: SQLite (WAL) reads from the snapshot its first step took, so the rows it returns predate the write.
        public override async ValueTask<System.Data.Common.DbDataReader> ReaderExecutedAsync(System.Data.Common.DbCommand command, CommandExecutedEventData eventData, System.Data.Common.DbDataReader result, CancellationToken cancellationToken = default)
        {
            if (command.CommandText.Contains("LastSubmittedAtUtc", StringComparison.Ordinal) && Interlocked.CompareExchange(ref _armed, 0, 1) == 1)
            {
                ReachedSource.TrySetResult();
                await _release.Task;
            }

            return result;
        }
    }
}
