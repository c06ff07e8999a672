using System.Net;
using System.Net.Sockets;
using System.Text;
using CoordinationPortal.Data;
using CoordinationPortal.Data.Notifications;
using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Domain.Notifications;
using CoordinationPortal.Domain.Reporting;
using CoordinationPortal.Web.Features.Notifications;
using CoordinationPortal.Web.Infrastructure.Email;
using CoordinationPortal.Web.Infrastructure.Scheduling;
using CoordinationPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using netDumbster.smtp;

namespace CoordinationPortal.Web.Tests;

/// <summary>
/// The daily reminders (ADR 0043) run forward on a fake clock against the seeded 2024 calendar:
/// Q2/2024 is due on Thursday 20/06/2024 and locks on 06/07/2024 (15 days after). Each morning at
/// 07:00 Vietnam time the officers of a province-branch whose report is not submitted are told,
/// and nobody else; e-mail through a real SMTP server respects the reminders opt-out.
/// </summary>
public sealed class ReminderScheduleTests : IAsyncLifetime
{
    private static readonly Quarter Q2 = new(2024, 2);
    private readonly FakeTimeProvider _clock = new(Vietnam(2024, 6, 1, 12));
    private readonly PortalFactory _factory = new();
    private readonly SmtpCatcher _smtp = new();

    public ReminderScheduleTests()
    {
        _factory.ConfigureServices = services => services.AddSingleton<TimeProvider>(_clock);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        _smtp.Dispose();
        await _factory.DisposeAsync();
    }

    private static DateTimeOffset Vietnam(int year, int month, int day, int hour, int minute = 0) => new(year, month, day, hour, minute, 0, TimeSpan.FromHours(7));

    /// <summary>Moves the clock to <paramref name="at"/> and runs whatever the schedule has due, as the background service would.</summary>
    private async Task<int> RunAtAsync(DateTimeOffset at)
    {
        _clock.SetUtcNow(at);
        return await _factory.Services.GetRequiredService<ScheduleRunner>().RunDueAsync(Ct);
    }

    private Task<List<Notification>> RemindersAsync() =>
        _factory.WithDbAsync(db => db.Notifications.AsNoTracking()
            .Where(n => n.Kind == NotificationKind.DeadlineApproaching || n.Kind == NotificationKind.DueToday || n.Kind == NotificationKind.Overdue)
            .OrderBy(n => n.Id).ToListAsync(Ct));

    private async Task<string> DisabledAccountAsync(Persona persona, string email)
    {
        var account = await _factory.CreateAccountAsync(persona, email);
        await _factory.WithDbAsync(db => db.Users.Where(u => u.Id == account.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.IsActive, false), Ct));
        return account.Id;
    }

    [Fact]
    public async Task Reminders_come_seven_and_one_days_before_on_the_day_the_day_after_and_weekly_until_the_lock_to_that_branch_only()
    {
        var haGiang = (await _factory.AccountAsync(Persona.ProvincialHaGiangVwu)).Id;
        var haGiangColleague = (await _factory.CreateAccountAsync(Persona.ProvincialHaGiangVwu, "hagiang2@test.local")).Id;
        var disabled = await DisabledAccountAsync(Persona.ProvincialHaGiangVwu, "hagiang-off@test.local");
        var caoBang = (await _factory.AccountAsync(Persona.ProvincialCaoBangCema)).Id;
        var others = new[] { Persona.CentralVwu, Persona.CentralCema, Persona.Leadership, Persona.Administrator };
        var otherIds = new List<string>();
        foreach (var persona in others)
        {
            otherIds.Add((await _factory.AccountAsync(persona)).Id);
        }

        // The portal is deployed before the first reminder day: the job goes on the schedule, nothing is sent.
        Assert.Equal(0, await RunAtAsync(Vietnam(2024, 6, 12, 12)));

        // Every morning from 13/06 to 13/07, and once more later the same morning (a second pass adds nothing).
        var byDay = new Dictionary<DateOnly, List<Notification>>();
        var seen = 0;
        for (var day = new DateOnly(2024, 6, 13); day <= new DateOnly(2024, 7, 13); day = day.AddDays(1))
        {
            await RunAtAsync(Vietnam(day.Year, day.Month, day.Day, 6, 59));
            Assert.Equal(seen, (await RemindersAsync()).Count); // not before 07:00
            await RunAtAsync(Vietnam(day.Year, day.Month, day.Day, 7));
            await RunAtAsync(Vietnam(day.Year, day.Month, day.Day, 7, 30));
            var all = await RemindersAsync();
            byDay[day] = all.Skip(seen).ToList();
            seen = all.Count;
        }

        var expected = new Dictionary<DateOnly, (NotificationKind Kind, string Own)>
        {
            [new(2024, 6, 13)] = (NotificationKind.DeadlineApproaching, "7"),
            [new(2024, 6, 19)] = (NotificationKind.DeadlineApproaching, "1"),
            [new(2024, 6, 20)] = (NotificationKind.DueToday, "0"),
            [new(2024, 6, 21)] = (NotificationKind.Overdue, "05/07/2024"),
            [new(2024, 6, 28)] = (NotificationKind.Overdue, "05/07/2024"),
            [new(2024, 7, 5)] = (NotificationKind.Overdue, "05/07/2024"),
        };
        foreach (var (day, told) in byDay)
        {
            if (!expected.TryGetValue(day, out var rule))
            {
                Assert.True(told.Count == 0, $"{day:dd/MM}: {told.Count} reminders where none were due");
                continue;
            }

            // The two active Hà Giang VWU officers and the Cao Bằng CEMA officer, each about their own branch.
            Assert.Equal(new[] { caoBang, haGiang, haGiangColleague }.Order(StringComparer.Ordinal), told.Select(n => n.UserId).Order(StringComparer.Ordinal));
            Assert.All(told, n => Assert.Equal(rule.Kind, n.Kind));
            Assert.All(told, n => Assert.Equal("20/06/2024", n.Arguments[NotificationText.FirstOwnArgument]));
            Assert.All(told, n => Assert.Equal(rule.Own, n.Arguments[NotificationText.FirstOwnArgument + 1]));
            Assert.All(told, n => Assert.Equal(Q2, NotificationText.QuarterOf(n.Arguments)));
            Assert.All(told.Where(n => n.UserId == caoBang), n => Assert.Equal(("Cao Bằng", "CEMA"), (n.Arguments[0], n.Arguments[1])));
            Assert.All(told.Where(n => n.UserId != caoBang), n => Assert.Equal(("Hà Giang", "VWU"), (n.Arguments[0], n.Arguments[1])));

            // No report yet: the reminder opens the page where the branch starts it.
            Assert.All(told, n => Assert.Null(n.ReportId));
            Assert.All(told, n => Assert.StartsWith("/reports/mine", n.Link, StringComparison.Ordinal));
        }

        var everyone = await RemindersAsync();
        Assert.DoesNotContain(everyone, n => n.UserId == disabled || otherIds.Contains(n.UserId));

        // The words, in Vietnamese, on the reader's page.
        var province = await _factory.SignedInClientAsync(Persona.ProvincialHaGiangVwu);
        var page = await province.GetDocumentAsync("/notifications");
        Assert.Contains("Báo cáo Quý II/2024 của Hà Giang (Hội LHPN) đến hạn ngày 20/06/2024, còn 7 ngày.", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Hôm nay (20/06/2024) là hạn gửi báo cáo Quý II/2024 của Hà Giang (Hội LHPN).", page.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_submitted_report_stops_the_reminders_and_a_returned_one_is_reminded_with_a_link_to_it()
    {
        var haGiang = (await _factory.AccountAsync(Persona.ProvincialHaGiangVwu)).Id;
        var caoBang = (await _factory.AccountAsync(Persona.ProvincialCaoBangCema)).Id;
        Assert.Equal(0, await RunAtAsync(Vietnam(2024, 6, 12, 12)));
        await RunAtAsync(Vietnam(2024, 6, 13, 7));
        Assert.Equal(2, (await RemindersAsync()).Count);

        await _factory.ReportAsync(Persona.ProvincialHaGiangVwu, Q2, ReportState.Submitted);
        var returned = await _factory.ReportAsync(Persona.ProvincialCaoBangCema, Q2, ReportState.Returned);

        foreach (var day in new[] { 19, 20, 21, 28 })
        {
            await RunAtAsync(Vietnam(2024, 6, day, 7));
        }

        var later = (await RemindersAsync()).Skip(2).ToList();
        Assert.DoesNotContain(later, n => n.UserId == haGiang);
        Assert.Equal(4, later.Count);
        Assert.All(later, n => Assert.Equal(caoBang, n.UserId));
        Assert.All(later, n => Assert.Equal(returned, n.ReportId));
    }

    [Fact]
    public async Task A_day_missed_while_the_portal_was_down_is_skipped_not_sent_late()
    {
        Assert.Equal(0, await RunAtAsync(Vietnam(2024, 6, 12, 12)));
        await _factory.AccountAsync(Persona.ProvincialHaGiangVwu);

        // Down from before 07:00 on 13/06 (seven days before) until 09:00 on 14/06.
        await RunAtAsync(Vietnam(2024, 6, 14, 9));
        Assert.Empty(await RemindersAsync());

        // Down again from 15/06 and back at 10:00 on 19/06 (one day before): that day's reminder still goes, the missed ones do not.
        await RunAtAsync(Vietnam(2024, 6, 19, 10));
        var told = Assert.Single(await RemindersAsync());
        Assert.Equal(NotificationKind.DeadlineApproaching, told.Kind);
        Assert.Equal("1", told.Arguments[NotificationText.FirstOwnArgument + 1]);
    }

    [Fact]
    public async Task An_officer_who_turned_reminder_emails_off_is_told_in_the_portal_only_and_a_rerun_sends_nothing_again()
    {
        _smtp.Start();
        _smtp.Configure(_factory);

        var optedOut = await _factory.AccountAsync(Persona.ProvincialHaGiangVwu);
        var colleague = await _factory.CreateAccountAsync(Persona.ProvincialHaGiangVwu, "hagiang2@test.local");
        await DisabledAccountAsync(Persona.ProvincialHaGiangVwu, "hagiang-off@test.local");
        await _factory.WithDbAsync(db => db.Users.Where(u => u.Id == optedOut.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.EmailReminders, false), Ct));

        Assert.Equal(0, await RunAtAsync(Vietnam(2024, 6, 12, 12)));
        Assert.Equal(1, await RunAtAsync(Vietnam(2024, 6, 13, 7)));
        Assert.Equal(new[] { colleague.Id, optedOut.Id }.Order(StringComparer.Ordinal), (await RemindersAsync()).Select(n => n.UserId).Order(StringComparer.Ordinal));

        // An operator runs the day again (the slot put back): nobody is told twice, in the portal or by mail.
        await _factory.WithDbAsync(db => db.ScheduledJobs.Where(j => j.Name == ReminderJob.JobName).ExecuteUpdateAsync(s => s.SetProperty(j => j.NextRunUtc, Vietnam(2024, 6, 13, 7).UtcDateTime), Ct));
        Assert.Equal(1, await RunAtAsync(Vietnam(2024, 6, 13, 8)));
        Assert.Equal(2, (await RemindersAsync()).Count);

        var sender = _factory.Services.GetRequiredService<OutboxSender>();
        Assert.Equal(1, await sender.SendDueAsync(Ct));
        _clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(0, await sender.SendDueAsync(Ct));

        var mail = Assert.Single(_smtp.Received());
        Assert.Equal(colleague.Email, Assert.Single(mail.To.Mailboxes).Address);
        Assert.Contains("đến hạn ngày 20/06/2024, còn 7 ngày", mail.Subject, StringComparison.Ordinal);
        Assert.Contains("https://portal.test/reports/mine", mail.TextBody, StringComparison.Ordinal);
    }
}
