using System.Data.Common;
using System.Net;
using AngleSharp.Dom;
using CoordinationPortal.Data;
using CoordinationPortal.Web.Features.Plans;
using CoordinationPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace CoordinationPortal.Web.Tests;

/// <summary>
/// The plans' reference data (published plans, agencies, a plan's activities, periods and
/// indicators) is kept in memory between requests (ADR 0061): read once, and again after a drafter or
/// an administrator changed it, so the change is on the very next page, with the dashboard's fragment
/// cache off (every page computed) and on.
/// </summary>
public sealed class PlanReferenceCacheTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static PortalFactory Factory(ReferenceReads reads, bool fragments)
    {
        var factory = new PortalFactory { ConfigureServices = services => services.AddSingleton<IInterceptor>(reads) };
        factory.Settings["FragmentCache:Enabled"] = fragments ? "true" : "false";
        return factory;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_activity_renamed_through_the_plan_editor_is_on_the_next_dashboard(bool fragments)
    {
        var reads = new ReferenceReads();
        await using var factory = Factory(reads, fragments);
        var plan = await Plan468Async(factory);
        var activity = await factory.WithDbAsync(db => db.Activities.Where(a => a.PlanId == plan && a.Number == 3).Select(a => a.Id).SingleAsync(Ct));
        var leadership = await factory.SignedInClientAsync(Persona.Leadership);
        var before = TitleIn(await DashboardAsync(leadership, plan), 3);

        // Kept: a page computed again reads none of it.
        await AssertKeptAsync(reads, () => DashboardAsync(leadership, plan));

        var officer = await factory.SignedInClientAsync(Persona.CentralVwu);
        var url = $"/activities/{activity}/edit";
        var edit = await officer.GetDocumentAsync(url);
        using (var saved = await officer.PostFormAsync(url, edit, FormFields.Of(edit, $"form[method=post][action='{url}']").With(("Title", "Hội thảo chuyên đề (tên mới)"))))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        Assert.NotEqual("Hội thảo chuyên đề (tên mới)", before);
        Assert.Equal("Hội thảo chuyên đề (tên mới)", TitleIn(await DashboardAsync(leadership, plan), 3));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_national_target_set_by_a_central_officer_is_on_the_next_dashboard(bool fragments)
    {
        var reads = new ReferenceReads();
        await using var factory = Factory(reads, fragments);
        var plan = await Plan468Async(factory);
        var (indicator, activity) = await factory.WithDbAsync(db => db.Indicators.Where(i => i.Code == "A1.PARTICIPANTS").Select(i => new { i.Id, i.ActivityId }).SingleAsync(Ct)) is var x ? (x.Id, x.ActivityId) : default;
        var leadership = await factory.SignedInClientAsync(Persona.Leadership);
        Assert.Equal(string.Empty, TargetIn(await DashboardAsync(leadership, plan), indicator));
        await AssertKeptAsync(reads, () => DashboardAsync(leadership, plan));

        var central = await factory.SignedInClientAsync(Persona.CentralCema);
        var page = await central.GetDocumentAsync($"/admin/indicators/activities/{activity}");
        var form = page.QuerySelector($"form[action='/admin/indicators/{indicator}']")!;
        var fields = form.QuerySelectorAll("input[name]").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? string.Empty);
        fields["Target"] = "1.500";
        using (var saved = await central.PostFormAsync($"/admin/indicators/{indicator}", page, fields))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        Assert.Equal("1500", TargetIn(await DashboardAsync(leadership, plan), indicator));
    }

    [Fact]
    public async Task A_draft_plan_stays_out_of_the_plan_choices_and_is_there_on_the_next_request_once_published()
    {
        var reads = new ReferenceReads();
        await using var factory = Factory(reads, fragments: false);
        var plan = await Plan468Async(factory);
        var leadership = await factory.SignedInClientAsync(Persona.Leadership);
        var province = await factory.SignedInClientAsync(Persona.ProvincialHaGiangVwu);
        var choices = PlanChoicesIn(await DashboardAsync(leadership, plan));
        Assert.Contains(plan.ToString(System.Globalization.CultureInfo.InvariantCulture), choices);
        await AssertKeptAsync(reads, () => DashboardAsync(leadership, plan));

        // A draft copied into 2025 by a central officer: in no plan filter.
        var officer = await factory.SignedInClientAsync(Persona.CentralCema);
        var copy = await officer.GetDocumentAsync($"/plans/new?start=Copy&sourcePlanId={plan}&year=2025");
        int draft;
        using (var created = await officer.PostFormAsync("/plans/new", copy, FormFields.Of(copy, "form[method=post][action='/plans/new']").With(("Number", "15/KH-2025"), ("IssuedOn", "20/01/2025"))))
        {
            Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
            draft = int.Parse(created.Headers.Location!.OriginalString["/plans/".Length..], System.Globalization.CultureInfo.InvariantCulture);
        }

        var key = draft.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(choices, PlanChoicesIn(await DashboardAsync(leadership, plan)));
        Assert.DoesNotContain(key, PlanChoicesIn(await province.GetDocumentAsync("/reports/mine")));

        // Published by the administrator: offered on the very next request.
        var admin = await factory.SignedInClientAsync(Persona.Administrator);
        var check = await admin.GetDocumentAsync($"/plans/{draft}/publish");
        using (var published = await admin.PostFormAsync($"/plans/{draft}/publish", check, FormFields.Of(check, $"form[method=post][action='/plans/{draft}/publish']")))
        {
            Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        }

        Assert.Contains(key, PlanChoicesIn(await DashboardAsync(leadership, plan)));
        Assert.Contains(key, PlanChoicesIn(await province.GetDocumentAsync("/reports/mine")));
    }

    [Fact]
    public async Task A_saved_report_leaves_the_reference_data_kept()
    {
        var reads = new ReferenceReads();
        await using var factory = Factory(reads, fragments: false);
        var plan = await Plan468Async(factory);
        var reportId = await factory.ReportAsync(Persona.ProvincialHaGiangVwu, new Domain.Calendar.Quarter(2024, 2), Domain.Reporting.ReportState.Returned);
        var leadership = await factory.SignedInClientAsync(Persona.Leadership);
        await DashboardAsync(leadership, plan);

        // A report's own rows are not reference data: saving one (the form, every 20 seconds) keeps it.
        var officer = await factory.SignedInClientAsync(Persona.ProvincialHaGiangVwu);
        var form = await officer.GetDocumentAsync($"/reports/{reportId}/edit");
        var fields = FormFields.Of(form, $"form[method=post][action='/reports/{reportId}/edit']");
        var results = fields.Keys.First(k => k.EndsWith(".Results", StringComparison.Ordinal));
        using (var saved = await officer.PostFormAsync($"/reports/{reportId}/edit", form, fields.With((results, "Đã tổ chức 3 hội nghị."))))
        {
            Assert.True(saved.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.OK, $"saving the report gave {(int)saved.StatusCode}");
        }

        Assert.Equal("Đã tổ chức 3 hội nghị.", await factory.WithDbAsync(db => db.ReportLines.Where(l => l.ReportId == reportId && l.Results == "Đã tổ chức 3 hội nghị.").Select(l => l.Results).FirstOrDefaultAsync(Ct)));
        await AssertKeptAsync(reads, () => DashboardAsync(leadership, plan));
    }

    [Fact]
    public async Task The_report_form_shows_a_renamed_activity_and_a_retired_indicator_on_the_next_request()
    {
        // The form's headings and fields come from the kept plan data: no command of it names them.
        var reads = new ReferenceReads("\"Activities\"", "\"Indicators\"");
        await using var factory = Factory(reads, fragments: false);
        var reportId = await factory.ReportAsync(Persona.ProvincialHaGiangVwu, new Domain.Calendar.Quarter(2024, 2), Domain.Reporting.ReportState.Returned);
        var field = await factory.WithDbAsync(db => (
            from line in db.ReportLines
            where line.ReportId == reportId
            join i in db.Indicators on line.ActivityId equals i.ActivityId
            join a in db.Activities on line.ActivityId equals a.Id
            where !i.IsRetired && !line.Values.Any(v => v.IndicatorId == i.Id)
            orderby a.Number, i.SortOrder
            select new { Indicator = i.Id, Activity = a.Id, a.Number }).FirstAsync(Ct));
        var officer = await factory.SignedInClientAsync(Persona.ProvincialHaGiangVwu);
        var url = $"/reports/{reportId}/edit";
        var input = $"input[name='Lines[{field.Activity}].Values[{field.Indicator}]']";
        await AssertKeptAsync(reads, () => officer.GetDocumentAsync(url));
        Assert.NotNull((await officer.GetDocumentAsync(url)).QuerySelector(input));

        var central = await factory.SignedInClientAsync(Persona.CentralVwu);
        var edit = await central.GetDocumentAsync($"/activities/{field.Activity}/edit");
        using (var saved = await central.PostFormAsync($"/activities/{field.Activity}/edit", edit, FormFields.Of(edit, $"form[method=post][action='/activities/{field.Activity}/edit']").With(("Title", "Tập huấn cán bộ (tên mới)"))))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        var renamed = await officer.GetDocumentAsync(url);
        Assert.Equal("Tập huấn cán bộ (tên mới)", renamed.QuerySelector($"fieldset.report-line[data-activity-number='{field.Number}'] legend span.fw-normal")!.TextContent.Trim());
        Assert.NotNull(renamed.QuerySelector(input));

        var indicators = await central.GetDocumentAsync($"/admin/indicators/activities/{field.Activity}");
        using (var retired = await central.PostFormAsync($"/admin/indicators/{field.Indicator}/retire", indicators, []))
        {
            Assert.Equal(HttpStatusCode.Redirect, retired.StatusCode);
        }

        Assert.Null((await officer.GetDocumentAsync(url)).QuerySelector(input));
    }

    [Fact]
    public async Task The_tables_whose_change_drops_the_reference_data_are_those_its_queries_read()
    {
        await using var factory = new PortalFactory();
        var tables = await factory.WithDbAsync(db => Task.FromResult(PlanReference.TablesRead(db)));

        Assert.Superset(new HashSet<string> { "Plans", "Agencies", "Activities", "ActivityAssignments", "ActivityTasks", "TaskAssignments", "Indicators", "ReportingPeriods" }, tables.ToHashSet());
        Assert.DoesNotContain("QuarterlyReports", tables);
        Assert.DoesNotContain("ReportLines", tables);
        Assert.DoesNotContain("ProgressEntries", tables);
        Assert.DoesNotContain("UserSessions", tables);
        Assert.DoesNotContain("Provinces", tables);
    }

    private static Task<int> Plan468Async(PortalFactory factory) =>
        factory.WithDbAsync(db => db.Plans.Where(p => p.Number == Scenario.Plan468).Select(p => p.Id).SingleAsync(Ct));

    private static Task<IDocument> DashboardAsync(HttpClient client, int plan) => client.GetDocumentAsync($"/dashboard?planId={plan}");

    /// <summary>The page again reads none of the reference data: it comes from this process's copy.</summary>
    private static async Task AssertKeptAsync(ReferenceReads reads, Func<Task<IDocument>> page)
    {
        await page();
        reads.Reset();
        await page();
        Assert.True(reads.Count == 0, $"reference data read again: {string.Join(" | ", reads.Texts)}");
    }

    private static string TitleIn(IDocument dashboard, int number) =>
        dashboard.QuerySelector($"tr[data-activity-number='{number}'] td a[href^='/activities/']")!.TextContent.Trim();

    private static string TargetIn(IDocument dashboard, int indicator) =>
        dashboard.QuerySelector($"tr[data-indicator-id='{indicator}'] td[data-target]")!.GetAttribute("data-target")!;

    private static List<string> PlanChoicesIn(IDocument page) =>
        [.. page.QuerySelectorAll("select[name=planId] option").Select(o => o.GetAttribute("value")!)];

    /// <summary>Commands that read the reference tables themselves (by default; not a report query that joins an activity).</summary>
    private sealed class ReferenceReads(params string[] sources) : DbCommandInterceptor
    {
        private readonly string[] _sources = sources.Length > 0 ? sources : ["FROM \"Plans\"", "FROM \"Agencies\"", "FROM \"Activities\"", "FROM \"Indicators\"", "FROM \"ReportingPeriods\""];
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> _texts = new();

        public int Count => _texts.Count;

        public IEnumerable<string> Texts => _texts;

        public void Reset() => _texts.Clear();

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (Array.Exists(_sources, s => command.CommandText.Contains(s, StringComparison.Ordinal)))
            {
                _texts.Enqueue(command.CommandText);
            }

            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}
