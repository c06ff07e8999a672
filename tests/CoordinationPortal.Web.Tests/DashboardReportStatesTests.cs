using System.Data.Common;
using AngleSharp.Dom;
using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Domain.Reporting;
using CoordinationPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CoordinationPortal.Web.Tests;

/// <summary>
/// The grid and the waiting list come from one read of the plan's report states, which reads a
/// report's last transition only where it changes what is shown (a returned report may have been
/// reopened) and its last submission only where it is shown (a report waiting for review). The
/// dashboard's fragment cache is off, so every page is computed.
/// </summary>
public sealed class DashboardReportStatesTests : IAsyncDisposable
{
    private static readonly Quarter Q1 = new(2024, 1);
    private static readonly Quarter Q2 = new(2024, 2);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2024, 6, 12, 1, 0, 0, TimeSpan.Zero));
    private readonly ReportStateReads _reads = new();
    private readonly PortalFactory _factory = new();

    public DashboardReportStatesTests()
    {
        _factory.Settings["FragmentCache:Enabled"] = "false";
        _factory.ConfigureServices = services =>
        {
            services.AddSingleton<TimeProvider>(_clock);
            services.AddSingleton<IInterceptor>(_reads);
        };
    }

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task Returned_reopened_approved_and_submitted_reports_each_show_as_such_and_only_the_submitted_one_waits_with_its_date()
    {
        var returned = await _factory.ReportAsync(Persona.ProvincialHaGiangVwu, Q1, ReportState.Returned);
        var reopened = await ReopenedAsync(await _factory.ReportAsync(Persona.ProvincialHaGiangVwu, Q2, ReportState.Approved));
        var submitted = await _factory.ReportAsync(Persona.ProvincialCaoBangCema, Q1, ReportState.Submitted);
        var approved = await _factory.ReportAsync(Persona.ProvincialCaoBangCema, Q2, ReportState.Approved);
        var leadership = await _factory.SignedInClientAsync(Persona.Leadership);

        var page = await leadership.GetDocumentAsync("/dashboard");

        Assert.Equal("Returned", StateOf(page, returned));
        Assert.Equal("Reopened", StateOf(page, reopened));
        Assert.Equal("Approved", StateOf(page, approved));
        Assert.Equal("SubmittedLate", StateOf(page, submitted)); // Q1's reports were due in April; this one came in June
        var waiting = page.QuerySelectorAll("#waiting tr[data-report-id]");
        Assert.Equal([submitted.ToString(System.Globalization.CultureInfo.InvariantCulture)], waiting.Select(r => r.GetAttribute("data-report-id")));
        Assert.Contains("11/06/2024 09:00", waiting[0].TextContent, StringComparison.Ordinal); // submitted 02:00 UTC, 09:00 in Vietnam
    }

    [Fact]
    public async Task The_dashboard_looks_up_the_last_transition_of_returned_reports_only()
    {
        await _factory.ReportAsync(Persona.ProvincialHaGiangVwu, Q1, ReportState.Returned);
        await _factory.ReportAsync(Persona.ProvincialCaoBangCema, Q1, ReportState.Approved);
        var leadership = await _factory.SignedInClientAsync(Persona.Leadership);

        _reads.Clear();
        await leadership.GetDocumentAsync("/dashboard");

        // The report states are read in one command; its subquery for the last transition (once per
        // report row, several hundred a plan) runs under a CASE that only returned reports enter.
        var states = Assert.Single(_reads.Commands, c => c.Contains("FROM \"QuarterlyReports\"", StringComparison.Ordinal) && c.Contains("FROM \"ReportTransitions\"", StringComparison.Ordinal));
        Assert.Matches(@"CASE\s+WHEN\s+""q"".""State"" = 3 THEN \(\s*SELECT", states);
    }

    private static string? StateOf(IDocument page, int reportId) =>
        page.QuerySelector($".province-grid [href='/reports/{reportId}'][data-cell-state]")?.GetAttribute("data-cell-state");

    private Task<int> ReopenedAsync(int reportId) => _factory.WithDbAsync(async db =>
    {
        var report = await db.QuarterlyReports.SingleAsync(r => r.Id == reportId);
        report.Reopen("reviewer", "Người duyệt", new DateTime(2024, 6, 11, 3, 0, 0, DateTimeKind.Utc), "Thiếu biên bản hội nghị");
        await db.SaveChangesAsync();
        return reportId;
    });

    /// <summary>The text of the SQL commands that read rows.</summary>
    private sealed class ReportStateReads : DbCommandInterceptor
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
            lock (_commands)
            {
                _commands.Add(command.CommandText);
            }

            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}
