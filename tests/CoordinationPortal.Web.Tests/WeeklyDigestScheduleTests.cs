using CoordinationPortal.Data.Notifications;
using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Domain.Notifications;
using CoordinationPortal.Domain.Reporting;
using CoordinationPortal.Web.Features.Notifications;
using CoordinationPortal.Web.Infrastructure.Scheduling;
using CoordinationPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CoordinationPortal.Web.Tests;

/// <summary>
/// The weekly digest on the persisted schedule (ADR 0043): Monday 17/06/2024 08:00 Vietnam time,
/// once, across restarts of the app on the same database, with two instances racing for it, and
/// after a run that crashed holding the job. Q2/2024 (due 20/06) is the quarter it reports on.
/// </summary>
public sealed class WeeklyDigestScheduleTests : IAsyncLifetime
{
    private readonly string _directory = PortalFactory.NewDataDirectory();
    private readonly List<PortalFactory> _factories = [];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        foreach (var factory in _factories)
        {
            await factory.DisposeAsync();
        }

        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static DateTimeOffset Vietnam(int month, int day, int hour, int minute = 0, int second = 0) => new(2024, month, day, hour, minute, second, TimeSpan.FromHours(7));

    /// <summary>A start of the app on the shared database, with its own clock set to <paramref name="now"/>.</summary>
    private (PortalFactory Factory, FakeTimeProvider Clock) Start(DateTimeOffset now)
    {
        var clock = new FakeTimeProvider(now);
        var factory = new PortalFactory(_directory) { ConfigureServices = services => services.AddSingleton<TimeProvider>(clock) };
        _factories.Add(factory);
        return (factory, clock);
    }

    private static Task<List<Notification>> DigestsAsync(PortalFactory factory) =>
        factory.WithDbAsync(db => db.Notifications.AsNoTracking().Where(n => n.Kind == NotificationKind.WeeklyDigest).OrderBy(n => n.Id).ToListAsync(Ct));

    private static Task<int> RunAtAsync(PortalFactory factory, FakeTimeProvider clock, DateTimeOffset at)
    {
        clock.SetUtcNow(at);
        return factory.Services.GetRequiredService<ScheduleRunner>().RunDueAsync(Ct);
    }

    private sealed record Readers(TestAccount Leader, string Leadership, string CentralVwu, string CentralCema, string DisabledCentral, string[] NotTold);

    private static async Task<Readers> ReadersAsync(PortalFactory factory)
    {
        var disabled = await factory.CreateAccountAsync(Persona.CentralVwu, "vwu-off@test.local");
        await factory.WithDbAsync(db => db.Users.Where(u => u.Id == disabled.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.IsActive, false), Ct));
        var leader = await factory.AccountAsync(Persona.Leadership);
        return new Readers(
            leader,
            leader.Id,
            (await factory.AccountAsync(Persona.CentralVwu)).Id,
            (await factory.AccountAsync(Persona.CentralCema)).Id,
            disabled.Id,
            [(await factory.AccountAsync(Persona.Administrator)).Id, (await factory.AccountAsync(Persona.ProvincialHaGiangVwu)).Id, (await factory.AccountAsync(Persona.ProvincialCaoBangCema)).Id]);
    }

    [Fact]
    public async Task The_digest_goes_once_at_Monday_08_00_across_restarts_not_at_07_59_with_each_readers_figures()
    {
        var (first, clock) = Start(Vietnam(6, 16, 12)); // Sunday
        var readers = await ReadersAsync(first);
        await first.ReportAsync(Persona.ProvincialHaGiangVwu, new Quarter(2024, 2), ReportState.Submitted); // on time, waiting for review
        await first.ReportAsync(Persona.ProvincialCaoBangCema, new Quarter(2024, 2), ReportState.Approved);  // on time, reviewed
        await RunAtAsync(first, clock, Vietnam(6, 16, 12)); // deployed: the jobs go on the schedule
        await RunAtAsync(first, clock, Vietnam(6, 17, 7, 59));
        Assert.Empty(await DigestsAsync(first));
        await first.DisposeAsync();

        // Restarted at 07:59: the schedule is in the database, not in the process.
        var (second, secondClock) = Start(Vietnam(6, 17, 7, 59, 30));
        await RunAtAsync(second, secondClock, Vietnam(6, 17, 7, 59, 30));
        Assert.Empty(await DigestsAsync(second));
        await RunAtAsync(second, secondClock, Vietnam(6, 17, 8));
        var digests = await DigestsAsync(second);
        Assert.Equal(new[] { readers.Leadership, readers.CentralVwu, readers.CentralCema }.Order(StringComparer.Ordinal), digests.Select(n => n.UserId).Order(StringComparer.Ordinal));

        // received, expected, on time, missing, waiting: the 63 units of 2024 per branch.
        string[] Figures(string userId) => [.. digests.Single(n => n.UserId == userId).Arguments.Skip(NotificationText.FirstOwnArgument)];
        Assert.Equal(["2", "126", "2", "124", "1"], Figures(readers.Leadership));
        Assert.Equal(["1", "63", "1", "62", "1"], Figures(readers.CentralVwu));
        Assert.Equal(["1", "63", "1", "62", "0"], Figures(readers.CentralCema));
        Assert.All(digests, n => Assert.Equal(new Quarter(2024, 2), NotificationText.QuarterOf(n.Arguments)));
        Assert.StartsWith("/dashboard?", digests.Single(n => n.UserId == readers.Leadership).Link, StringComparison.Ordinal);
        Assert.StartsWith("/reports/review?", digests.Single(n => n.UserId == readers.CentralVwu).Link, StringComparison.Ordinal);
        Assert.Contains("quarter=20242", digests.Single(n => n.UserId == readers.CentralVwu).Link, StringComparison.Ordinal);

        // Later that morning, and after another restart: nothing more this week.
        await RunAtAsync(second, secondClock, Vietnam(6, 17, 8, 30));
        await second.DisposeAsync();
        var (third, thirdClock) = Start(Vietnam(6, 17, 9));
        await RunAtAsync(third, thirdClock, Vietnam(6, 17, 9));
        await RunAtAsync(third, thirdClock, Vietnam(6, 21, 9));
        Assert.Equal(3, (await DigestsAsync(third)).Count);

        // The next Monday brings the next week's digest.
        await RunAtAsync(third, thirdClock, Vietnam(6, 24, 8));
        Assert.Equal(6, (await DigestsAsync(third)).Count);

        // The words, on the reader's page (signed in to the restarted app).
        using var client = third.NewClient(followRedirects: true);
        await PortalFactory.SignInAsync(client, readers.Leader.Email, readers.Leader.Password);
        var page = await client.GetDocumentAsync("/notifications");
        Assert.Contains("Tổng hợp tuần, báo cáo Quý II/2024: đã nhận 2/126 (đúng hạn 2), còn thiếu 124, chờ duyệt 1.", page.Body!.TextContent, StringComparison.Ordinal);
        var all = await DigestsAsync(third);
        Assert.DoesNotContain(all, n => n.UserId == readers.DisabledCentral || readers.NotTold.Contains(n.UserId));
    }

    [Fact]
    public async Task Two_instances_racing_at_08_00_run_the_digest_once()
    {
        var (factory, clock) = Start(Vietnam(6, 17, 7, 30)); // Monday, after the reminders' 07:00
        await ReadersAsync(factory);
        await RunAtAsync(factory, clock, Vietnam(6, 17, 7, 30));
        clock.SetUtcNow(Vietnam(6, 17, 8));

        var one = ActivatorUtilities.CreateInstance<ScheduleRunner>(factory.Services);
        var other = ActivatorUtilities.CreateInstance<ScheduleRunner>(factory.Services);
        var runs = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => (i % 2 == 0 ? one : other).RunDueAsync(Ct)));

        Assert.Equal(1, runs.Sum());
        Assert.Equal(3, (await DigestsAsync(factory)).Count);
    }

    [Fact]
    public async Task A_run_that_crashed_holding_the_job_is_redone_after_its_lease_and_its_late_finish_writes_nothing()
    {
        var (factory, clock) = Start(Vietnam(6, 17, 7, 30));
        await ReadersAsync(factory);
        await RunAtAsync(factory, clock, Vietnam(6, 17, 7, 30));

        // Instance A takes the digest at 08:00 and stops (killed, or stuck) before finishing.
        clock.SetUtcNow(Vietnam(6, 17, 8));
        var crashed = ActivatorUtilities.CreateInstance<ScheduleRunner>(factory.Services);
        var claim = await crashed.TryClaimAsync(WeeklyDigestJob.JobName, Ct);
        Assert.NotNull(claim);

        // While its lease (10 minutes) holds, nobody else runs the job.
        var survivor = factory.Services.GetRequiredService<ScheduleRunner>();
        Assert.Equal(0, await RunAtAsync(factory, clock, Vietnam(6, 17, 8, 9)));
        Assert.Empty(await DigestsAsync(factory));

        // After it, the job is taken again and the digest goes out once.
        Assert.Equal(1, await RunAtAsync(factory, clock, Vietnam(6, 17, 8, 11)));
        Assert.Equal(3, (await DigestsAsync(factory)).Count);

        // A wakes up and finishes: its claim is gone, so its work is undone, not added.
        Assert.False(await crashed.RunClaimedAsync(claim!, Ct));
        Assert.Equal(3, (await DigestsAsync(factory)).Count);
        Assert.Equal(0, await survivor.RunDueAsync(Ct));
    }
}
