using CoordinationPortal.Data.Identity;
using CoordinationPortal.Data.Notifications;
using CoordinationPortal.Domain.Auditing;
using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Domain.Evidence;
using CoordinationPortal.Domain.Indicators;
using CoordinationPortal.Domain.Notifications;
using CoordinationPortal.Domain.Progress;
using CoordinationPortal.Domain.Reporting;
using CoordinationPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CoordinationPortal.Web.Tests;

/// <summary>
/// The main signed-in pages beside the dashboard, the home page and the report pages (which have
/// tests of their own) send the same number of SQL commands however much data there is: a page that
/// read one more row set per report, entry, file, indicator, notification, session or account
/// (an N+1) would count more on the larger data set.
/// </summary>
public sealed class PageQueryCountTests
{
    private static readonly DateTimeOffset Now = new(2024, 6, 10, 1, 0, 0, TimeSpan.Zero);

    /// <summary>No main page needs more; each count includes the session read and the bell's count.</summary>
    private const int MaxCommands = 25;

    private static readonly (string Name, Persona Persona, string Path)[] Pages =
    [
        ("plans", Persona.Leadership, "/plans"),
        ("plan", Persona.Leadership, "/plans/{plan}"),
        ("activity", Persona.CentralVwu, "/activities/{activity}"),
        ("review queue", Persona.CentralVwu, "/reports/review"),
        ("notifications", Persona.CentralVwu, "/notifications"),
        ("account", Persona.CentralVwu, "/account"),
        ("audit", Persona.Administrator, "/audit"),
        ("users", Persona.Administrator, "/admin/users"),
        ("calendar", Persona.Administrator, "/admin/calendar"),
        ("indicators", Persona.CentralVwu, "/admin/indicators"),
    ];

    /// <summary>
    /// Submitted reports of <paramref name="n"/> provinces in every quarter of 2024 (both branches, every
    /// other one returned); per activity <paramref name="n"/> progress entries per involved agency with
    /// values, a file on each entry of activity 1, and n/2 more indicators; n notifications, n more open
    /// sessions for the central officer; n accounts and 5n audit events. Then each page once, counted.
    /// </summary>
    private static async Task<Dictionary<string, int>> CountAsync(int n)
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
        var clients = new Dictionary<Persona, HttpClient>();
        foreach (var persona in Pages.Select(p => p.Persona).Distinct())
        {
            clients[persona] = await factory.SignedInClientAsync(persona);
        }

        var central = await factory.AccountAsync(Persona.CentralVwu);
        var (planId, activityId) = await factory.WithBulkDbAsync(async db =>
        {
            var plan = await db.Plans.Include(p => p.Activities).SingleAsync(p => p.Number == Scenario.Plan468);
            foreach (var activity in plan.Activities)
            {
                for (var i = 0; i < n / 2; i++)
                {
                    db.Indicators.Add(new Indicator(activity.Id, $"A{activity.Number}.N{i}", $"Chỉ tiêu thêm {i}", null, IndicatorUnit.Count, 100 + i));
                }
            }

            await db.SaveChangesAsync();
            var indicators = await db.Indicators.AsNoTracking().ToListAsync();
            var provinceIds = (await db.Provinces.OrderBy(p => p.Code).ToListAsync()).Where(p => p.IsValidOn(new DateOnly(2024, 6, 1))).Select(p => p.Id).Take(n).ToList();
            var agencies = await db.Agencies.Select(a => a.Id).ToListAsync();
            var sent = new DateTime(2024, 6, 1, 3, 0, 0, DateTimeKind.Utc);
            var k = 0;
            foreach (var report in Scenario.SubmittedReportsOf2024(plan, provinceIds, agencies, indicators, sent, 3))
            {
                if (k++ % 2 == 0)
                {
                    report.Return("r", "Người duyệt", sent.AddHours(1), "Bổ sung số liệu");
                }

                db.QuarterlyReports.Add(report);
            }

            var entries = new List<ProgressEntry>();
            foreach (var activity in plan.Activities)
            {
                foreach (var agency in activity.InvolvedAgencyIds)
                {
                    for (var i = 0; i < n; i++)
                    {
                        var entry = new ProgressEntry(activity.Id, null, agency, "t", "t", sent,
                            new ProgressContent(new DateOnly(2024, 4, 1).AddDays(i), ActivityStatus.OnTrack, 10 + i, "d", null, null,
                                [.. indicators.Where(x => x.ActivityId == activity.Id).Select(x => new IndicatorValue(x.Id, 5 + i))]));
                        db.ProgressEntries.Add(entry);
                        if (activity.Number == 1)
                        {
                            entries.Add(entry);
                        }
                    }
                }
            }

            for (var i = 0; i < n; i++)
            {
                db.Users.Add(PortalUser.Create($"khach{i}@test.local", $"Khách {i}", Domain.Access.PortalRole.Leadership, null, null, null, sent));
                db.Notifications.Add(Notification.WithLink(central.Id, NotificationKind.ReportSubmitted, "/reports/review", ["Hà Giang", "Quý 2/2024"], sent.AddMinutes(i)));
                db.UserSessions.Add(new UserSession($"other-{i}", central.Id, [1, 2, 3], sent, Now.UtcDateTime.AddMinutes(20), "10.0.0." + i, "Firefox"));
                for (var j = 0; j < 5 + (60 / n); j++)
                {
                    db.RecordEvent(AuditAction.SignInSucceeded, "Account", central.Id, central.Id, "Cán bộ", null);
                }
            }

            await db.SaveChangesAsync();
            foreach (var entry in entries)
            {
                db.EvidenceFiles.Add(new EvidenceFile(EvidenceOwner.ProgressEntry, entry.Id, "bien-ban.pdf", $"{Guid.NewGuid():N}.pdf", "application/pdf", 100, "t", "t", sent));
            }

            await db.SaveChangesAsync();
            return (plan.Id, plan.Activities.Single(a => a.Number == 1).Id);
        });

        var counts = new Dictionary<string, int>();
        foreach (var (name, persona, path) in Pages)
        {
            counter.Reset();
            var page = await clients[persona].GetDocumentAsync(path.Replace("{plan}", $"{planId}", StringComparison.Ordinal).Replace("{activity}", $"{activityId}", StringComparison.Ordinal));
            counts[name] = counter.Count;
            Assert.NotNull(page.QuerySelector("main h1, main h2"));
        }

        return counts;
    }

    [Fact]
    public async Task The_main_pages_send_a_fixed_number_of_SQL_commands_whatever_the_data()
    {
        var small = await CountAsync(n: 2);
        var large = await CountAsync(n: 12);

        TestContext.Current.TestOutputHelper?.WriteLine(string.Join(", ", small.Select(c => $"{c.Key}: {c.Value}")));
        foreach (var (name, count) in small)
        {
            Assert.True(count > 0, $"no SQL command was counted for {name}: is the counter wired in?");
            Assert.True(count == large[name], $"the {name} page sends {count} SQL commands on small data and {large[name]} on larger data");
            Assert.True(count <= MaxCommands, $"the {name} page sends {count} SQL commands (at most {MaxCommands})");
        }
    }
}
