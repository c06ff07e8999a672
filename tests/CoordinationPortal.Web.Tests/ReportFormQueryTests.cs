using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Domain.Evidence;
using CoordinationPortal.Domain.Reporting;
using CoordinationPortal.Web.Features.Progress;
using CoordinationPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CoordinationPortal.Web.Tests;

/// <summary>
/// The report form is the page officers keep open and save all day: it reads the one province it
/// names (not the whole catalog), and nothing else, in a fixed, small number of SQL commands.
/// </summary>
public sealed class ReportFormQueryTests
{
    /// <summary>
    /// A returned report's form (no calendar check, as in bench/run.sh): the session, the report with
    /// its header facts and steps, its lines with their values (their activities' headings and
    /// indicator fields are the plan data kept in memory, ADR 0061),
    /// the lines' comments, their files, the draft key, the bell. Before issue 14 it also read all 86
    /// province units for the header: 13; with the report aggregate loaded in 5 split commands, the
    /// plan's activities, the indicators and the header apart: 12.
    /// </summary>
    private const int MaxFormCommands = 7;

    [Fact]
    public async Task A_returned_reports_form_sends_at_most_its_budget_of_SQL_commands_and_names_the_province()
    {
        var counter = new CommandCounter();
        await using var factory = new PortalFactory
        {
            ConfigureServices = services =>
            {
                services.AddSingleton<IInterceptor>(counter);
                services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2024, 6, 10, 1, 0, 0, TimeSpan.Zero)));
            },
        };
        var reportId = await factory.ReportAsync(Persona.ProvincialHaGiangVwu, new Quarter(2024, 2), ReportState.Returned);
        foreach (var line in await factory.WithDbAsync(db => db.ReportLines.Where(l => l.ReportId == reportId).Select(l => l.Id).ToListAsync()))
        {
            await factory.FileAsync(EvidenceOwner.ReportLine, line, "bien-ban.pdf");
        }

        var province = await factory.SignedInClientAsync(Persona.ProvincialHaGiangVwu);
        await province.GetDocumentAsync($"/reports/{reportId}/edit");

        counter.Reset();
        var form = await province.GetDocumentAsync($"/reports/{reportId}/edit");
        var count = counter.Count;

        TestContext.Current.TestOutputHelper?.WriteLine($"report form: {count} SQL commands");
        Assert.True(count <= MaxFormCommands, $"the report form sends {count} SQL commands (at most {MaxFormCommands})");
        Assert.Contains("Hà Giang", form.QuerySelector(".report-facts")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(form.QuerySelectorAll("fieldset.report-line").Length, form.QuerySelectorAll(".evidence-list li").Length);
    }
    /// <summary>
    /// The form reads a line's fields and values in one command, restating ProgressQueries' rule: the
    /// activity's active indicators, and a retired one only when the line already has a value for it
    /// (so nothing typed before the retirement disappears), each with the value as stored.
    /// </summary>
    [Fact]
    public async Task A_line_offers_its_active_indicators_and_the_retired_ones_it_has_a_value_for_with_their_values()
    {
        await using var factory = new PortalFactory();
        var reportId = await factory.ReportAsync(Persona.ProvincialHaGiangVwu, new Quarter(2024, 2), ReportState.Returned);
        var (activityId, indicators) = await factory.WithDbAsync(async db =>
        {
            var lines = await db.ReportLines.Where(l => l.ReportId == reportId).Select(l => new { l.Id, l.ActivityId }).ToListAsync();
            foreach (var line in lines)
            {
                var ids = await db.Indicators.Where(i => i.ActivityId == line.ActivityId && !i.IsRetired).OrderBy(i => i.SortOrder).ThenBy(i => i.Id).Select(i => i.Id).ToListAsync();
                if (ids.Count >= 3)
                {
                    await db.Database.ExecuteSqlAsync($"INSERT INTO ReportLineValues (ReportLineId, IndicatorId, Value) VALUES ({line.Id}, {ids[0]}, 1234), ({line.Id}, {ids[1]}, 5678)");
                    await db.Database.ExecuteSqlAsync($"UPDATE Indicators SET IsRetired = 1 WHERE Id = {ids[1]} OR Id = {ids[2]}");
                    return (line.ActivityId, ids);
                }
            }

            throw new InvalidOperationException("No line of the report has three indicators.");
        });

        var province = await factory.SignedInClientAsync(Persona.ProvincialHaGiangVwu);
        var form = await province.GetDocumentAsync($"/reports/{reportId}/edit");

        string Name(int indicatorId) => $"Lines[{activityId}].Values[{indicatorId}]";
        var active = form.QuerySelector($"input[name='{Name(indicators[0])}']");
        var retiredWithValue = form.QuerySelector($"input[name='{Name(indicators[1])}']");
        Assert.NotNull(active);
        Assert.Equal(IndicatorInput.Format(1234), active.GetAttribute("value"));
        Assert.NotNull(retiredWithValue);
        Assert.Equal(IndicatorInput.Format(5678), retiredWithValue.GetAttribute("value"));
        Assert.Contains("ngừng dùng", form.QuerySelector($"label[for='{retiredWithValue.Id}']")!.TextContent, StringComparison.Ordinal);
        Assert.Null(form.QuerySelector($"input[name='{Name(indicators[2])}']"));
        Assert.All(indicators.Skip(3), id => Assert.NotNull(form.QuerySelector($"input[name='{Name(id)}']")));
    }
}
