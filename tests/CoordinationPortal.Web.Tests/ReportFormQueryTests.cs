using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Domain.Evidence;
using CoordinationPortal.Domain.Reporting;
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
    /// A returned report's form (no calendar check, as in bench/run.sh): the session, the report
    /// (report, lines, values, steps, line comments), the plan's activities, the lines' files, their
    /// indicators, the header with its province, the draft key, the bell. Before issue 14 it also read
    /// all 86 province units for the header: 13.
    /// </summary>
    private const int MaxFormCommands = 12;

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
}
