using System.Globalization;
using CoordinationPortal.Data;
using CoordinationPortal.Domain.Access;
using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Domain.Notifications;
using CoordinationPortal.Domain.Reporting;
using CoordinationPortal.Web.Features.Provinces;
using CoordinationPortal.Web.Features.Reports;
using CoordinationPortal.Web.Infrastructure.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CoordinationPortal.Web.Features.Notifications;

/// <summary>
/// Every morning (07:00 Vietnam time by default), tells the officers of each province-branch whose
/// report for an open quarter is not submitted (none yet, a draft, returned or reopened): the
/// deadline approaches (7 and 1 days before by default), it is due today, or it is overdue (the
/// day after, then every 7 days while the branch may still send it). A day missed while the portal
/// was down is skipped, not sent late (ADR 0043); each reminder's key names its quarter, branch and
/// day rule, so running the day again tells nobody twice.
/// </summary>
public sealed class ReminderJob(
    NotificationWriter writer,
    ProvinceDirectory directory,
    LinkGenerator links,
    IOptions<NotificationOptions> options) : IScheduledJob
{
    public const string JobName = "notifications.reminders";

    private const int OverdueEveryDays = 7;

    public string Name => JobName;

    public DateTime NextSlotAfter(DateTime afterUtc) => VietnamSlots.NextDaily(afterUtc, options.Value.ReminderTime);

    /// <summary>A reminder belongs to its day: a slot from an earlier Vietnam day is skipped.</summary>
    public bool IsStale(DateTime slotUtc, DateTime nowUtc) => VietnamTime.Today(AsInstant(slotUtc)) != VietnamTime.Today(AsInstant(nowUtc));

    public async Task RunAsync(PortalDbContext db, JobRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(run);
        var now = AsInstant(run.NowUtc);
        var today = VietnamTime.Today(now);
        var due = (await ReportingCalendar.ExpectedQuartersAsync(db, cancellationToken))
            .Select(q => (Quarter: q, Rule: RuleOn(q.Period, today)))
            .Where(x => x.Rule is not null)
            .ToList();
        if (due.Count == 0)
        {
            return;
        }

        var catalog = await directory.LoadAsync(cancellationToken);
        var agencies = await db.Agencies.AsNoTracking().OrderBy(a => a.Code).Select(a => new { a.Id, a.Code }).ToListAsync(cancellationToken);

        // Only accounts bound to a province can write its report; Permissions decides which of them.
        var candidates = await NotificationCandidates.LoadAsync(db.Users.Where(u => u.ProvinceId != null), cancellationToken);

        foreach (var (expected, rule) in due)
        {
            var (planId, period, quarter) = (expected.PlanId, expected.Period, expected.Quarter);
            var reports = await db.QuarterlyReports.AsNoTracking()
                .Where(r => r.PlanId == planId && r.Quarter == quarter)
                .Select(r => new { r.Id, r.ProvinceId, r.AgencyId, r.State })
                .ToListAsync(cancellationToken);
            var byBranch = reports.ToDictionary(r => (r.ProvinceId, r.AgencyId));
            var exemptions = await db.LockExemptions.AsNoTracking()
                .Where(e => e.PlanId == planId && e.Quarter == quarter && e.RevokedAtUtc == null)
                .ToListAsync(cancellationToken);
            var startPage = links.GetPathByName(RouteNames.MyReports, new { planId }) ?? "/reports/mine";

            foreach (var unit in catalog.CountingIn(quarter))
            {
                foreach (var agency in agencies)
                {
                    var report = byBranch.GetValueOrDefault((unit.Id, agency.Id));
                    if (report is not null && report.State is not (ReportState.Draft or ReportState.Returned))
                    {
                        continue; // submitted or approved: nothing to remind of
                    }

                    // Overdue reminders stop when the branch can no longer send: the lock, or its exemption's end.
                    var window = ReportingWindows.Of(period, exemptions.Where(e => e.ProvinceId == unit.Id && e.AgencyId == agency.Id), now);
                    if (!window.IsOpen)
                    {
                        continue;
                    }

                    var recipients = NotificationAudience.OfBranch(rule!.Kind, unit.Id, agency.Id, candidates);
                    if (recipients.Count == 0)
                    {
                        continue;
                    }

                    var lastDay = window.Exemption?.Until ?? period.LocksOn.AddDays(-1);
                    var arguments = NotificationText.Arguments(unit.NameOn(quarter.LastDay), agency.Code, quarter, comment: null);
                    arguments.Add(Day(period.DueOn));
                    arguments.Add(rule.Kind == NotificationKind.Overdue ? Day(lastDay) : rule.DaysBefore.ToString(CultureInfo.InvariantCulture));
                    var eventKey = string.Create(CultureInfo.InvariantCulture, $"{rule.Kind}:{planId}:{quarter.Key}:{agency.Id}:{unit.Id}:{rule.Key}");
                    await writer.AddAsync(
                        new NotificationEvent(rule.Kind, report?.Id, report is null ? startPage : null, arguments, eventKey),
                        recipients,
                        cancellationToken);
                }
            }
        }
    }

    /// <summary>Which reminder, if any, <paramref name="today"/> is for this quarter.</summary>
    public ReminderRule? RuleOn(ReportingPeriod period, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(period);
        var daysToDue = period.DueOn.DayNumber - today.DayNumber;
        if (daysToDue == 0)
        {
            return new ReminderRule(NotificationKind.DueToday, "due", 0);
        }

        if (daysToDue > 0)
        {
            return options.Value.DaysBefore.Contains(daysToDue)
                ? new ReminderRule(NotificationKind.DeadlineApproaching, string.Create(CultureInfo.InvariantCulture, $"due-{daysToDue}"), daysToDue)
                : null;
        }

        var daysLate = -daysToDue;
        return (daysLate - 1) % OverdueEveryDays == 0
            ? new ReminderRule(NotificationKind.Overdue, string.Create(CultureInfo.InvariantCulture, $"due+{daysLate}"), 0)
            : null;
    }

    private static string Day(DateOnly day) => day.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    private static DateTimeOffset AsInstant(DateTime utc) => new(DateTime.SpecifyKind(utc, DateTimeKind.Utc), TimeSpan.Zero);
}

/// <summary>One reminder rule: its kind, its key in event keys ("due-7", "due", "due+8") and the days left.</summary>
public sealed record ReminderRule(NotificationKind Kind, string Key, int DaysBefore);
