using System.Globalization;
using CoordinationPortal.Data;
using CoordinationPortal.Domain.Access;
using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Domain.Notifications;
using CoordinationPortal.Domain.Reporting;
using CoordinationPortal.Web.Features.Provinces;
using CoordinationPortal.Web.Infrastructure.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CoordinationPortal.Web.Features.Notifications;

/// <summary>
/// Monday 08:00 (Vietnam time): tells leadership (both agencies) and each central officer (their
/// agency's branches) how the current reporting quarter stands: reports received of those
/// expected, on time, missing, waiting for review, with a link to the dashboard or the review
/// queue. Its key names the ISO week and the figures' scope, so the week's digest is told once.
/// </summary>
public sealed class WeeklyDigestJob(
    NotificationWriter writer,
    ProvinceDirectory directory,
    LinkGenerator links,
    IOptions<NotificationOptions> options) : IScheduledJob
{
    public const string JobName = "notifications.weekly-digest";

    public string Name => JobName;

    public DateTime NextSlotAfter(DateTime afterUtc) => VietnamSlots.NextWeekly(afterUtc, options.Value.DigestDay, options.Value.DigestTime);

    /// <summary>A digest missed while the portal was down still goes out the same week, never the next.</summary>
    public bool IsStale(DateTime slotUtc, DateTime nowUtc) => WeekOf(slotUtc) != WeekOf(nowUtc);

    public async Task RunAsync(PortalDbContext db, JobRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(run);
        var now = new DateTimeOffset(DateTime.SpecifyKind(run.NowUtc, DateTimeKind.Utc), TimeSpan.Zero);
        var quarters = await ReportingCalendar.ExpectedQuartersAsync(db, cancellationToken);
        if (CurrentOf(quarters, now) is not { } current)
        {
            return;
        }

        var readers = NotificationAudience.OfWeeklyDigest(await NotificationCandidates.LoadAsync(db.Users, cancellationToken));
        if (readers.Count == 0)
        {
            return;
        }

        var (planId, period, quarter) = (current.PlanId, current.Period, current.Quarter);
        var units = (await directory.LoadAsync(cancellationToken)).CountingIn(quarter).Select(p => p.Id).ToHashSet();
        var agencies = await db.Agencies.AsNoTracking().ToDictionaryAsync(a => a.Id, a => a.Code, cancellationToken);
        var reports = await db.QuarterlyReports.AsNoTracking()
            .Where(r => r.PlanId == planId && r.Quarter == quarter)
            .Select(r => new { r.ProvinceId, r.AgencyId, r.State, r.FirstSubmittedAtUtc })
            .ToListAsync(cancellationToken);
        var week = WeekOf(run.SlotUtc);

        foreach (var group in readers)
        {
            // The dashboard's counting: expected = units reporting that quarter x branches; received = sent at least once.
            var branches = group.Key is { } only ? [only] : agencies.Keys.ToList();
            var inScope = reports.Where(r => branches.Contains(r.AgencyId) && units.Contains(r.ProvinceId)).ToList();
            var expected = units.Count * branches.Count;
            var received = inScope.Count(r => r.FirstSubmittedAtUtc is not null);
            var onTime = inScope.Count(r => r.FirstSubmittedAtUtc is { } sent && period.IsOnTime(sent));
            var waiting = inScope.Count(r => r.State == ReportState.Submitted);
            var agencyCode = group.Key is { } id ? agencies[id] : null;

            var arguments = NotificationText.Arguments(province: null, agencyCode, quarter, comment: null);
            arguments.AddRange(new[] { received, expected, onTime, expected - received, waiting }.Select(n => n.ToString(CultureInfo.InvariantCulture)));
            var link = group.Key is null
                ? links.GetPathByName(RouteNames.Dashboard, new { planId, quarter = quarter.Key }) ?? "/dashboard"
                : links.GetPathByName(RouteNames.ReviewQueue, new { planId, quarter = quarter.Key }) ?? "/reports/review";
            var eventKey = $"{NotificationKind.WeeklyDigest}:{week}:{agencyCode ?? "all"}";
            await writer.AddAsync(new NotificationEvent(NotificationKind.WeeklyDigest, ReportId: null, link, arguments, eventKey), [.. group], cancellationToken);
        }
    }

    /// <summary>
    /// The quarter the digest is about: the open quarter (not locked) whose data period has begun
    /// and whose due date comes first; when none is open, the one that locked last.
    /// </summary>
    public static ExpectedQuarter? CurrentOf(IReadOnlyList<ExpectedQuarter> quarters, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(quarters);
        var today = VietnamTime.Today(now);
        return quarters.Where(q => q.Period.DataFrom <= today && !q.Period.IsLocked(now)).MinBy(q => q.Period.DueOn)
            ?? quarters.Where(q => q.Period.IsLocked(now)).MaxBy(q => q.Period.LocksOn);
    }

    /// <summary>The ISO week of an instant's Vietnam day ("2024-W24").</summary>
    public static string WeekOf(DateTime utc)
    {
        var day = VietnamTime.Today(new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc), TimeSpan.Zero)).ToDateTime(TimeOnly.MinValue);
        return string.Create(CultureInfo.InvariantCulture, $"{ISOWeek.GetYear(day)}-W{ISOWeek.GetWeekOfYear(day):00}");
    }
}
