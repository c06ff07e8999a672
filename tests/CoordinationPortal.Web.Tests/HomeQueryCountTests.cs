using CoordinationPortal.Data.Identity;
using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Domain.Progress;
using CoordinationPortal.Domain.Reporting;
using CoordinationPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CoordinationPortal.Web.Tests;

/// <summary>Each role's home page sends the same number of SQL commands however much data there is.</summary>
public sealed class HomeQueryCountTests
{
    private static readonly DateTimeOffset Now = new(2024, 6, 10, 1, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Reports of <paramref name="provinces"/> provinces in the first two quarters, both branches, half
    /// of them returned (the persona's own branch among them); <paramref name="entries"/> progress entries
    /// per activity and agency; <paramref name="accounts"/> accounts without an authenticator.
    /// </summary>
    private static async Task<int> CountAsync(Persona persona, int provinces, int entries, int accounts)
    {
        var counter = new CommandCounter();
        await using var factory = new PortalFactory
        {
            ConfigureServices = services =>
            {
                services.AddSingleton<IInterceptor>(counter);
                services.AddSingleton<TimeProvider>(new FakeTimeProvider(Now));
            },
        };
        var client = await factory.SignedInClientAsync(persona);
        await factory.WithBulkDbAsync(async db =>
        {
            var plan = await db.Plans.Include(p => p.Activities).SingleAsync();
            var provinceIds = (await db.Provinces.OrderBy(p => p.Code).ToListAsync()).Where(p => p.IsValidOn(new DateOnly(2024, 6, 1))).Select(p => p.Id).Take(provinces).ToList();
            var agencies = await db.Agencies.Select(a => a.Id).ToListAsync();
            var sent = new DateTime(2024, 6, 1, 3, 0, 0, DateTimeKind.Utc);
            var n = 0;
            foreach (var quarter in new[] { new Quarter(2024, 1), new Quarter(2024, 2) })
            {
                foreach (var province in provinceIds)
                {
                    foreach (var agency in agencies)
                    {
                        var report = QuarterlyReport.Start(plan, quarter, province, agency, "t", sent);
                        report.Write(report.Lines.ToDictionary(l => l.ActivityId, _ => new LineContent(ActivityStatus.OnTrack, "r", null, null, [])), "t", sent);
                        report.Submit("t", "t", sent);
                        if (n++ % 2 == 0)
                        {
                            report.Return("r", "Người duyệt", sent.AddHours(1), "Bổ sung số liệu");
                        }

                        db.QuarterlyReports.Add(report);
                    }
                }
            }

            foreach (var activity in plan.Activities)
            {
                foreach (var agency in activity.InvolvedAgencyIds)
                {
                    for (var i = 0; i < entries; i++)
                    {
                        db.ProgressEntries.Add(new ProgressEntry(activity.Id, null, agency, "t", "t", sent,
                            new ProgressContent(new DateOnly(2024, 4, 1).AddDays(i), ActivityStatus.OnTrack, 10, "d", null, null, [])));
                    }
                }
            }

            for (var i = 0; i < accounts; i++)
            {
                db.Users.Add(PortalUser.Create($"khach{i}@test.local", $"Khách {i}", Domain.Access.PortalRole.Leadership, null, null, null, sent));
            }

            return await db.SaveChangesAsync();
        });

        counter.Reset();
        var page = await client.GetDocumentAsync("/");
        Assert.Equal("Việc cần làm", page.QuerySelector("h1")!.TextContent.Trim());
        return counter.Count;
    }

    /// <summary>
    /// Expected commands, each including 1 for the caller's session (docs/decisions/0025), 1 for the
    /// bell's unread count in the header (docs/decisions/0042) and 3 for the
    /// home plan, its number and this year's notice: a province adds "Báo cáo của đơn vị"'s reads and its
    /// returned reports (with their owned steps and line comments, one command each); a central officer the review queue's (with its filter choices: agencies,
    /// plans and the province catalogue), the plan's activities and the agency's entries of the quarter; leadership the dashboard's figures and the waiting count; an
    /// administrator the plan's quarters and periods and two account lists and a count. The province
    /// catalogue (units with their former names) is one command, read once per process and again only
    /// after a unit changed (docs/decisions/0051): the provincial officer's sign-in read it already; the
    /// dashboard's figures read the indicators' shown columns only, not their province targets, and the
    /// activities with their roles in one command. The published plans and the agencies are kept in
    /// memory too (ADR 0061): the central officer's queue takes them from there (18 before). Each count
    /// follows a write, so a plan's kept data is read again: its number, activities, periods and
    /// indicators, four commands once per change of plan data (the number was added for the report
    /// form's header, which no longer asks the database for it on every open).
    /// </summary>
    [Theory]
    [InlineData(Persona.ProvincialHaGiangVwu, 19)]
    [InlineData(Persona.CentralVwu, 16)]
    [InlineData(Persona.Leadership, 18)]
    [InlineData(Persona.Administrator, 11)]
    public async Task The_home_page_query_count_does_not_grow_with_the_data(Persona persona, int expected)
    {
        var small = await CountAsync(persona, provinces: 3, entries: 1, accounts: 1);
        var large = await CountAsync(persona, provinces: 40, entries: 8, accounts: 30);

        Assert.True(small > 0, "no SQL command was counted: is the counter wired in?");
        Assert.Equal(small, large);
        Assert.Equal(expected, small);
        TestContext.Current.TestOutputHelper?.WriteLine($"{persona} home SQL commands: {small}");
    }
}
