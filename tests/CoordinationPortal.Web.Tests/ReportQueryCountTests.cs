using System.Net;
using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Domain.Evidence;
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
/// The report pages send the same number of SQL commands however many lines, indicators, files,
/// quarters and reports there are: each reads a whole report's or list's worth at once.
/// </summary>
public sealed class ReportQueryCountTests
{
    private const int MaxCommands = 25;

    private sealed record Counts(int Edit, int Save, int List, int Mine, int Show);

    /// <summary>
    /// Hà Giang's Q2 draft with <paramref name="indicatorsPerActivity"/> extra indicators and
    /// <paramref name="filesPerLine"/> files on each line, among reports of <paramref name="provinces"/>
    /// provinces in every quarter; then each page is requested once and its commands counted.
    /// </summary>
    private static async Task<Counts> CountAsync(int provinces, int indicatorsPerActivity, int filesPerLine)
    {
        var counter = new CommandCounter();
        var clock = new FakeTimeProvider(new DateTimeOffset(2024, 6, 10, 1, 0, 0, TimeSpan.Zero));
        await using var factory = new PortalFactory
        {
            ConfigureServices = services =>
            {
                services.AddSingleton<IInterceptor>(counter);
                services.AddSingleton<TimeProvider>(clock);
            },
        };
        var reportId = await factory.ReportAsync(Persona.ProvincialHaGiangVwu, new Quarter(2024, 2), ReportState.Draft);
        await factory.WithBulkDbAsync(async db =>
        {
            var plan = await db.Plans.Include(p => p.Activities).SingleAsync();
            foreach (var activity in plan.Activities)
            {
                for (var i = 0; i < indicatorsPerActivity; i++)
                {
                    db.Indicators.Add(new Indicator(activity.Id, $"A{activity.Number}.Q{i}", $"Chỉ tiêu thêm {i}", null, IndicatorUnit.Count, 100 + i));
                }
            }

            var others = await db.Provinces.Where(p => p.Code != "02").OrderBy(p => p.Code).Select(p => p.Id).Take(provinces).ToListAsync();
            var agencies = await db.Agencies.Select(a => a.Id).ToListAsync();
            var at = new DateTime(2024, 6, 1, 3, 0, 0, DateTimeKind.Utc);
            foreach (var quarter in Quarter.OfYear(2024))
            {
                foreach (var province in others)
                {
                    foreach (var agency in agencies)
                    {
                        var report = QuarterlyReport.Start(plan, quarter, province, agency, "t", at);
                        report.Write(report.Lines.ToDictionary(l => l.ActivityId, _ => new LineContent(ActivityStatus.OnTrack, "r", null, null, [])), "t", at);
                        report.Submit("t", "t", at);
                        db.QuarterlyReports.Add(report);
                    }
                }
            }

            return await db.SaveChangesAsync();
        });
        foreach (var line in await factory.WithDbAsync(db => db.ReportLines.Where(l => l.ReportId == reportId).Select(l => l.Id).ToListAsync()))
        {
            for (var i = 0; i < filesPerLine; i++)
            {
                await factory.FileAsync(EvidenceOwner.ReportLine, line, $"tep-{i}.pdf");
            }
        }

        var province = await factory.SignedInClientAsync(Persona.ProvincialHaGiangVwu);
        var admin = await factory.SignedInClientAsync(Persona.Administrator);

        counter.Reset();
        var form = await province.GetDocumentAsync($"/reports/{reportId}/edit");
        var edit = counter.Count;
        Assert.Equal(5 * filesPerLine, form.QuerySelectorAll(".evidence-list li").Length);

        var fields = new Dictionary<string, string> { ["Version"] = form.QuerySelector("input[name=Version]")!.GetAttribute("value")!, ["Intent"] = "save" };
        foreach (var select in form.QuerySelectorAll("select[name$='.Status']"))
        {
            fields[select.GetAttribute("name")!] = "AtRisk";
        }

        // Each line's status changes (a fixed number of rows to write); the reads must not grow with the data.
        counter.Reset();
        using (var saved = await province.PostFormAsync($"/reports/{reportId}/edit", form, fields))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        var save = counter.Count;

        counter.Reset();
        var list = await admin.GetDocumentAsync("/reports");
        var listCount = counter.Count;
        Assert.NotEmpty(list.QuerySelectorAll("tbody tr"));

        counter.Reset();
        await province.GetDocumentAsync("/reports/mine");
        var mine = counter.Count;

        counter.Reset();
        await province.GetDocumentAsync($"/reports/{reportId}");
        var show = counter.Count;
        return new Counts(edit, save, listCount, mine, show);
    }

    [Fact]
    public async Task The_report_form_save_list_and_my_reports_send_a_fixed_number_of_SQL_commands()
    {
        var small = await CountAsync(provinces: 2, indicatorsPerActivity: 1, filesPerLine: 1);
        var large = await CountAsync(provinces: 20, indicatorsPerActivity: 10, filesPerLine: 4);

        Assert.True(small.Edit > 0, "no SQL command was counted: is the counter wired in?");
        Assert.Equal(small, large);
        foreach (var (page, count) in new[] { ("edit", small.Edit), ("save", small.Save), ("list", small.List), ("mine", small.Mine), ("show", small.Show) })
        {
            Assert.True(count <= MaxCommands, $"the report {page} page sends {count} SQL commands (at most {MaxCommands})");
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"SQL commands: {small}");
    }
}
