using System.Data.Common;
using System.Globalization;
using AngleSharp.Dom;
using CoordinationPortal.Data;
using CoordinationPortal.Data.ReadModels;
using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Domain.Indicators;
using CoordinationPortal.Domain.Progress;
using CoordinationPortal.Domain.Reporting;
using CoordinationPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CoordinationPortal.Web.Tests;

/// <summary>
/// The dashboard's indicator totals come from rows every save keeps (ADR 0057), not from summing the
/// reports on each request. After each write through the pages (a draft, submission, return,
/// resubmission with another figure, approval, reopening) the kept rows must equal the totals
/// computed from the reports, and the dashboard must show the figure a counted report gives.
/// The fragment cache is off, so every dashboard is computed.
/// </summary>
public sealed class IndicatorTotalsReadModelTests : IAsyncDisposable
{
    private static readonly Quarter Q2 = new(2024, 2);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2024, 6, 10, 1, 0, 0, TimeSpan.Zero));
    private readonly CommandTexts _reads = new();
    private readonly PortalFactory _factory = new();

    public IndicatorTotalsReadModelTests()
    {
        _factory.Settings["FragmentCache:Enabled"] = "false";
        _factory.ConfigureServices = services =>
        {
            services.AddSingleton<TimeProvider>(_clock);
            services.AddSingleton<IInterceptor>(_reads);
        };
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task The_kept_totals_equal_the_reports_after_each_step_of_the_workflow_and_the_dashboard_counts_only_sent_reports()
    {
        var province = await _factory.SignedInClientAsync(Persona.ProvincialHaGiangVwu);
        var central = await _factory.SignedInClientAsync(Persona.CentralVwu);
        var leadership = await _factory.SignedInClientAsync(Persona.Leadership);
        var reportId = await StartQ2Async(province);

        // A draft with a figure: kept totals follow the reports, and a draft counts for nothing.
        var form = await province.GetDocumentAsync($"/reports/{reportId}/edit");
        var input = form.QuerySelectorAll("input[name^='Lines['][name*='.Values[']")[0].GetAttribute("name")!;
        var indicatorId = int.Parse(input[(input.LastIndexOf('[') + 1)..^1], CultureInfo.InvariantCulture);
        await PostAsync(province, $"/reports/{reportId}/edit", form, Fields(form, "save", input, "1.250"));
        await AssertTotalsAsync(leadership, indicatorId, "0");

        // Submitted: counted.
        form = await province.GetDocumentAsync($"/reports/{reportId}/edit");
        await PostAsync(province, $"/reports/{reportId}/edit", form, Fields(form, "submit", input, "1.250"));
        await AssertTotalsAsync(leadership, indicatorId, "1250");

        // Returned: handed back, no longer counted.
        var page = await central.GetDocumentAsync($"/reports/{reportId}");
        await PostAsync(central, $"/reports/{reportId}/return", page, new() { ["Confirmed"] = "true", ["Comment"] = "Bổ sung số người tham dự" });
        await AssertTotalsAsync(leadership, indicatorId, "0");

        // Resubmitted with another figure: the new figure counts, not the old one.
        form = await province.GetDocumentAsync($"/reports/{reportId}/edit");
        await PostAsync(province, $"/reports/{reportId}/edit", form, Fields(form, "submit", input, "2.000"));
        await AssertTotalsAsync(leadership, indicatorId, "2000");

        // Approved: still counted.
        page = await central.GetDocumentAsync($"/reports/{reportId}");
        await PostAsync(central, $"/reports/{reportId}/approve", page, new() { ["Confirmed"] = "true", ["Comment"] = string.Empty });
        Assert.Equal(ReportState.Approved, await _factory.WithDbAsync(db => db.QuarterlyReports.Where(r => r.Id == reportId).Select(r => r.State).SingleAsync(Ct)));
        await AssertTotalsAsync(leadership, indicatorId, "2000");

        // Reopened: handed back again.
        page = await central.GetDocumentAsync($"/reports/{reportId}");
        await PostAsync(central, $"/reports/{reportId}/reopen", page, new() { ["Confirmed"] = "true", ["Comment"] = "Số liệu chưa khớp" });
        await AssertTotalsAsync(leadership, indicatorId, "0");
    }

    [Fact]
    public async Task A_report_saved_outside_the_pages_is_kept_too_and_an_activity_that_stops_taking_provincial_figures_leaves_the_totals()
    {
        // Written through the domain and the context, as the demo seed and imports do: no report command involved.
        var (activityId, indicatorId) = await _factory.WithDbAsync(async db =>
        {
            var plan = await db.Plans.Include(p => p.Activities).SingleAsync(p => p.Number == Scenario.Plan468, Ct);
            var activity = plan.Activities.Single(a => a.Number == 1).Id;
            var indicator = await db.Indicators.Where(i => i.ActivityId == activity).OrderBy(i => i.SortOrder).Select(i => i.Id).FirstAsync(Ct);
            var province = await db.Provinces.Where(p => p.ValidFrom == null).OrderBy(p => p.Code).Select(p => p.Id).FirstAsync(Ct);
            var cema = await db.Agencies.Where(a => a.Code == "CEMA").Select(a => a.Id).SingleAsync(Ct);
            var at = new DateTime(2024, 6, 1, 2, 0, 0, DateTimeKind.Utc);
            var report = QuarterlyReport.Start(plan, Q2, province, cema, "t", at);
            report.Write(
                report.Lines.ToDictionary(l => l.ActivityId, l => new LineContent(ActivityStatus.OnTrack, "Kết quả", null, null, l.ActivityId == activity ? [new IndicatorValue(indicator, 75)] : [])),
                "t",
                at);
            report.Submit("t", "t", at);
            db.QuarterlyReports.Add(report);
            await db.SaveChangesAsync(Ct);
            return (activity, indicator);
        });
        Assert.Equal(75, await KeptAsync(indicatorId));

        await _factory.WithDbAsync(async db =>
        {
            var activity = await db.Activities.SingleAsync(a => a.Id == activityId, Ct);
            activity.SetProvincesReport(false);
            return await db.SaveChangesAsync(Ct);
        });

        Assert.Equal(0, await KeptAsync(indicatorId));
        await AssertKeptEqualsComputedAsync();
    }

    [Fact]
    public async Task The_dashboard_reads_its_totals_from_the_kept_rows_and_the_report_values_only_for_the_chart()
    {
        await _factory.ReportAsync(Persona.ProvincialCaoBangCema, Q2, ReportState.Submitted);
        var leadership = await _factory.SignedInClientAsync(Persona.Leadership);

        _reads.Clear();
        var page = await leadership.GetDocumentAsync("/dashboard");

        // The totals table: one command. The report values: only the chart's, for its one indicator by unit.
        Assert.NotNull(page.QuerySelector(".indicator-totals"));
        Assert.Single(_reads.Commands, c => c.Contains("\"IndicatorQuarterTotals\"", StringComparison.Ordinal));
        var values = Assert.Single(_reads.Commands, c => c.Contains("\"ReportLineValues\"", StringComparison.Ordinal));
        Assert.Contains("\"ProvinceId\"", values, StringComparison.Ordinal);
    }

    private Task<long> KeptAsync(int indicatorId) =>
        _factory.WithDbAsync(db => db.IndicatorQuarterTotals.Where(t => t.IndicatorId == indicatorId).SumAsync(t => t.Total, Ct));

    private async Task AssertTotalsAsync(HttpClient leadership, int indicatorId, string expected)
    {
        await AssertKeptEqualsComputedAsync();
        var dashboard = await leadership.GetDocumentAsync("/dashboard");
        var row = dashboard.QuerySelector($".indicator-totals tr[data-indicator-id='{indicatorId}']")!;
        Assert.Equal(expected, row.QuerySelector("[data-total]")!.GetAttribute("data-total"));
    }

    private Task<int> AssertKeptEqualsComputedAsync() => _factory.WithDbAsync(async db =>
    {
        var plans = await db.Plans.Select(p => p.Id).ToListAsync(Ct);
        var computed = new List<string>();
        foreach (var plan in plans)
        {
            computed.AddRange((await IndicatorTotals.Compute(db, new IndicatorTotals.Scope(plan, null, null)).ToListAsync(Ct)).Select(Key));
        }

        var kept = (await db.IndicatorQuarterTotals.AsNoTracking().ToListAsync(Ct)).Select(Key);
        Assert.Equal(computed.Order(StringComparer.Ordinal), kept.Order(StringComparer.Ordinal));
        return 0;
    });

    private static string Key(IndicatorQuarterTotal t) => $"{t.PlanId}/{t.Quarter}/{t.AgencyId}/{t.IndicatorId}={t.Total}";

    private static async Task PostAsync(HttpClient client, string url, IDocument page, Dictionary<string, string> fields)
    {
        using var response = await client.PostFormAsync(url, page, fields);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
    }

    private static async Task<int> StartQ2Async(HttpClient client)
    {
        var mine = await client.GetDocumentAsync("/reports/mine");
        var row = mine.QuerySelector($"tr[data-quarter='{Q2}']")!;
        using var started = await client.PostFormAsync("/reports/start", mine, new()
        {
            ["PlanId"] = row.QuerySelector("input[name=PlanId]")!.GetAttribute("value")!,
            ["Quarter"] = row.QuerySelector("input[name=Quarter]")!.GetAttribute("value")!,
        });
        return int.Parse(started.Headers.Location!.OriginalString.Split('/')[2], CultureInfo.InvariantCulture);
    }

    private static Dictionary<string, string> Fields(IDocument form, string intent, string input, string value)
    {
        var fields = new Dictionary<string, string>
        {
            ["Version"] = form.QuerySelector("input[name=Version]")!.GetAttribute("value")!,
            ["Intent"] = intent,
            [input] = value,
        };
        if (intent == "submit")
        {
            fields["Confirmed"] = "true";
        }

        foreach (var select in form.QuerySelectorAll("select[name$='.Status']"))
        {
            fields[select.GetAttribute("name")!] = "OnTrack";
        }

        foreach (var textarea in form.QuerySelectorAll("textarea[name$='.Results']"))
        {
            fields[textarea.GetAttribute("name")!] = "Tổ chức 3 buổi truyền thông";
        }

        return fields;
    }

    /// <summary>The text of the SQL commands that read rows.</summary>
    private sealed class CommandTexts : DbCommandInterceptor
    {
        private readonly List<string> _commands = [];

        public IReadOnlyList<string> Commands
        {
            get
            {
                lock (_commands)
                {
                    return [.. _commands];
                }
            }
        }

        public void Clear()
        {
            lock (_commands)
            {
                _commands.Clear();
            }
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(command);
            lock (_commands)
            {
                _commands.Add(command.CommandText);
            }

            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}
