using System.Globalization;
using CoordinationPortal.Data.ReadModels;
using CoordinationPortal.Domain.Access;
using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Domain.Indicators;
using CoordinationPortal.Domain.Progress;
using CoordinationPortal.Domain.Reporting;
using CoordinationPortal.Web.Features.Reports;
using CoordinationPortal.Web.Infrastructure.Commands;
using CoordinationPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CoordinationPortal.Web.Tests;

/// <summary>
/// Saves of one plan, quarter and branch recompute the same kept totals (ADR 0057). Many requests at
/// once, each with its own context and connection as on a busy day (provinces submitting while
/// reviewers approve and return), must leave the totals exactly what the reports give: no change lost
/// to a save that recomputed without it, no save failed on the totals' key.
/// </summary>
public sealed class IndicatorTotalsConcurrencyTests : IAsyncDisposable
{
    private static readonly Quarter Q2 = new(2024, 2);
    private static readonly DateTime Morning = new(2024, 6, 3, 2, 0, 0, DateTimeKind.Utc);
    private readonly PortalFactory _factory = new();

    public IndicatorTotalsConcurrencyTests()
    {
        _factory.Settings["FragmentCache:Enabled"] = "false";
        _factory.ConfigureServices = services =>
            services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2024, 6, 10, 1, 0, 0, TimeSpan.Zero)));
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task Concurrent_submissions_approvals_and_returns_of_one_quarter_and_branch_leave_the_kept_totals_equal_to_the_reports()
    {
        var officers = new Dictionary<string, (TestAccount Province, TestAccount Central)>
        {
            ["VWU"] = (await _factory.AccountAsync(Persona.ProvincialHaGiangVwu), await _factory.AccountAsync(Persona.CentralVwu)),
            ["CEMA"] = (await _factory.AccountAsync(Persona.ProvincialCaoBangCema), await _factory.AccountAsync(Persona.CentralCema)),
        };

        // Per branch, twelve provinces' reports of Q2: six drafts that will be submitted, three sent
        // reports that will be approved and three that will be returned, each figure distinct.
        var work = await _factory.WithDbAsync(async db =>
        {
            var plan = await db.Plans.Include(p => p.Activities).SingleAsync(p => p.Number == Scenario.Plan468, Ct);
            var provincial = plan.Activities.Where(a => a.ProvincesReport).Select(a => a.Id).ToHashSet();
            var indicators = await db.Indicators.Where(i => provincial.Contains(i.ActivityId) && !i.IsRetired).OrderBy(i => i.Id).ToListAsync(Ct);
            var provinces = await db.Provinces.Where(p => p.ValidFrom == null).OrderBy(p => p.Code).Select(p => p.Id).Take(12).ToListAsync(Ct);
            var items = new List<Item>();
            foreach (var (code, branch) in new[] { ("VWU", 1), ("CEMA", 2) })
            {
                var agency = await db.Agencies.Where(a => a.Code == code).Select(a => a.Id).SingleAsync(Ct);
                for (var p = 0; p < provinces.Count; p++)
                {
                    var figures = indicators.Select((i, n) => new IndicatorValue(i.Id, (branch * 100_000) + (p * 1_000) + n + 1)).ToList();
                    var action = (p % 4) switch { 0 or 1 => Step.Submit, 2 => Step.Approve, _ => Step.Return };
                    var report = QuarterlyReport.Start(plan, Q2, provinces[p], agency, officers[code].Province.Id, Morning);
                    report.Write(report.Lines.ToDictionary(l => l.ActivityId, l => Line(figures.Where(f => indicators.Single(i => i.Id == f.IndicatorId).ActivityId == l.ActivityId))), "t", Morning);
                    if (action != Step.Submit)
                    {
                        report.Submit(officers[code].Province.Id, "t", Morning);
                    }

                    db.QuarterlyReports.Add(report);
                    items.Add(new Item(code, agency, provinces[p], action, report, figures));
                }
            }

            await db.SaveChangesAsync(Ct);
            return items;
        });

        // All at once, each in its own request scope (its own context and connection).
        var gate = new TaskCompletionSource();
        var runs = work.Select(item => Task.Run(async () =>
        {
            await gate.Task;
            await using var scope = _factory.Services.CreateAsyncScope();
            var commands = scope.ServiceProvider.GetRequiredService<ReportCommands>();
            var (province, central) = officers[item.Branch];
            if (item.Action == Step.Submit)
            {
                var caller = new Caller(new Actor(PortalRole.ProvincialOfficer, item.AgencyId, item.ProvinceId), province.Id, "Cán bộ tỉnh");
                var saved = await commands.SaveAsync(caller, item.Report.Id, Form(item), new FieldErrors(), Ct);
                return saved.Succeeded && saved.Value!.Outcome == SaveOutcome.Submitted ? null : $"{item}: not submitted";
            }

            var reviewer = new Caller(new Actor(PortalRole.CentralOfficer, item.AgencyId), central.Id, "Cán bộ trung ương");
            var reviewed = await commands.ReviewAsync(reviewer, item.Report.Id, item.Action == Step.Approve ? ReportAction.Approve : ReportAction.Return, item.Action == Step.Return ? "Bổ sung số liệu" : null, null, Ct);
            return reviewed.Succeeded ? null : $"{item}: not reviewed";
        }, Ct)).ToList();
        gate.SetResult();
        var refusals = await Task.WhenAll(runs);
        Assert.All(refusals, Assert.Null);

        // Exactly the figures of the reports that count (submitted and approved, not the returned one)...
        var expected = work.Where(i => i.Action != Step.Return)
            .SelectMany(i => i.Figures.Select(f => (i.AgencyId, f.IndicatorId, f.Value)))
            .GroupBy(x => (x.AgencyId, x.IndicatorId))
            .Select(g => Key(g.Key.AgencyId, g.Key.IndicatorId, g.Sum(x => x.Value)))
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.Equal(2 * work[0].Figures.Count, expected.Count);
        Assert.NotEmpty(work[0].Figures);
        var planId = work[0].Report.PlanId;
        var kept = await _factory.WithDbAsync(async db => (await db.IndicatorQuarterTotals.AsNoTracking().Where(t => t.PlanId == planId && t.Quarter == Q2).ToListAsync(Ct))
            .Select(t => Key(t.AgencyId, t.IndicatorId, t.Total)).Order(StringComparer.Ordinal).ToList());
        Assert.Equal(expected, kept);

        // ...and what the rule computes over the stored reports.
        var computed = await _factory.WithDbAsync(async db => (await IndicatorTotals.Compute(db, new IndicatorTotals.Scope(planId, Q2, null)).ToListAsync(Ct))
            .Select(t => Key(t.AgencyId, t.IndicatorId, t.Total)).Order(StringComparer.Ordinal).ToList());
        Assert.Equal(computed, kept);
    }

    private static string Key(int agencyId, int indicatorId, long total) => string.Create(CultureInfo.InvariantCulture, $"{agencyId}/{indicatorId}={total}");

    private static LineContent Line(IEnumerable<IndicatorValue> figures) =>
        new(ActivityStatus.OnTrack, "Đã tổ chức 3 buổi truyền thông.", null, null, [.. figures]);

    /// <summary>The form a province posts: every line on track with its results and the report's figures.</summary>
    private static ReportForm Form(Item item) => new()
    {
        Version = item.Report.Version,
        Intent = ReportForm.SubmitIntent,
        Confirmed = true,
        Lines = item.Report.Lines.ToDictionary(l => l.ActivityId, l => new LineForm
        {
            Status = ActivityStatus.OnTrack,
            Results = "Đã tổ chức 3 buổi truyền thông.",
            Values = l.Values.ToDictionary(v => v.IndicatorId, v => (string?)v.Value.ToString(CultureInfo.InvariantCulture)),
        }),
    };

    private enum Step
    {
        Submit,
        Approve,
        Return,
    }

    private sealed record Item(string Branch, int AgencyId, int ProvinceId, Step Action, QuarterlyReport Report, IReadOnlyList<IndicatorValue> Figures)
    {
        public override string ToString() => $"{Branch} province {ProvinceId} {Action}";
    }
}
