using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Domain.Common;

namespace CoordinationPortal.Domain.Reporting;

/// <summary>
/// One quarter of a plan's reporting calendar: the days the data covers, the due date, and how
/// long after it the quarter stays open for late reports. Deadlines are Vietnam days: a report is
/// on time if it arrives before midnight (Asia/Ho_Chi_Minh) at the end of the due date.
/// </summary>
public sealed class ReportingPeriod
{
    public const int DefaultLockAfterDays = 15;
    public const int MaxLockAfterDays = 366;

    public ReportingPeriod(int planId, Quarter quarter, DateOnly dataFrom, DateOnly dataTo, DateOnly dueOn, int lockAfterDays)
    {
        PlanId = planId;
        Quarter = quarter;
        Set(dataFrom, dataTo, dueOn, lockAfterDays);
    }

    private ReportingPeriod()
    {
    }

    public int Id { get; private set; }

    public int PlanId { get; private set; }

    public Quarter Quarter { get; private set; }

    public DateOnly DataFrom { get; private set; }

    public DateOnly DataTo { get; private set; }

    public DateOnly DueOn { get; private set; }

    /// <summary>Days after the due date during which drafts may still be started and submitted (late).</summary>
    public int LockAfterDays { get; private set; }

    /// <summary>The instant the due date ends: 00:00 of the next day in Vietnam, in UTC.</summary>
    public DateTime DueEndUtc => DueEndOf(DueOn);

    /// <summary>The first Vietnam day on which the quarter is locked.</summary>
    public DateOnly LocksOn => DueOn.AddDays(LockAfterDays + 1);

    /// <summary>
    /// The default after Decree 09/2019/NĐ-CP: data from the 15th of the month before the quarter to
    /// the 14th of its last month; due on the 20th of the last month.
    /// </summary>
    public static ReportingPeriod Default(int planId, Quarter quarter, int lockAfterDays = DefaultLockAfterDays)
    {
        var lastMonth = new DateOnly(quarter.Year, quarter.LastMonth, 1);
        var monthBefore = quarter.FirstDay.AddMonths(-1);
        return new ReportingPeriod(
            planId,
            quarter,
            new DateOnly(monthBefore.Year, monthBefore.Month, 15),
            new DateOnly(lastMonth.Year, lastMonth.Month, 14),
            new DateOnly(lastMonth.Year, lastMonth.Month, 20),
            lockAfterDays);
    }

    /// <summary>
    /// Sets the quarter's dates. They must fit the quarter: the data period starts at most three
    /// months before it and ends inside it, and the due date is at most six months after it, so a
    /// typing slip (31/12/9999) is refused instead of breaking every date computed from it.
    /// </summary>
    public void Set(DateOnly dataFrom, DateOnly dataTo, DateOnly dueOn, int lockAfterDays)
    {
        var earliest = Quarter.FirstDay.AddMonths(-3);
        var latestDue = Quarter.LastDay.AddMonths(6);
        if (dataFrom < earliest || dataFrom > Quarter.LastDay || dataTo < earliest || dataTo > Quarter.LastDay)
        {
            throw new DomainRuleException("Rule.DataPeriodOutsideQuarter", $"The data period of {Quarter} must lie between {earliest:dd/MM/yyyy} and {Quarter.LastDay:dd/MM/yyyy}.", earliest, Quarter.LastDay);
        }

        if (dataTo < dataFrom)
        {
            throw new DomainRuleException("Rule.DataPeriodOrder", "The data period cannot end before it starts.");
        }

        if (dueOn < dataTo || dueOn > latestDue)
        {
            throw new DomainRuleException("Rule.DueOnRange", $"The due date of {Quarter} must lie between the end of the data period and {latestDue:dd/MM/yyyy}.", dataTo, latestDue);
        }

        if (lockAfterDays is < 0 or > MaxLockAfterDays)
        {
            throw new DomainRuleException("Rule.LockAfterDays", $"Days before locking must be between 0 and {MaxLockAfterDays}.", MaxLockAfterDays);
        }

        DataFrom = dataFrom;
        DataTo = dataTo;
        DueOn = dueOn;
        LockAfterDays = lockAfterDays;
    }

    public bool IsOnTime(DateTime submittedAtUtc) => IsOnTime(DueOn, submittedAtUtc);

    /// <summary>Sent before the due date ended: 00:00 of the next day in Vietnam.</summary>
    public static bool IsOnTime(DateOnly dueOn, DateTime submittedAtUtc) => submittedAtUtc < DueEndOf(dueOn);

    /// <summary>The instant a due date ends: 00:00 of the next day in Vietnam, in UTC.</summary>
    public static DateTime DueEndOf(DateOnly dueOn) => VietnamTime.ToUtc(dueOn.AddDays(1).ToDateTime(TimeOnly.MinValue));

    public bool IsLocked(DateTimeOffset now) => VietnamTime.Today(now) >= LocksOn;
}

/// <summary>
/// An exception for one province's branch: it may write a locked quarter until a date. Given by an
/// administrator, or by the branch's central officers when they grant an <see cref="ExtensionRequest"/>;
/// both go through this constructor, the one rule for its dates.
/// </summary>
public sealed class LockExemption
{
    public const int MaxReasonLength = 1000;

    /// <summary>An exception is a short reprieve, not a second calendar: at most this long from the day it is given.</summary>
    public const int MaxDays = 366;

    /// <param name="maxDays">
    /// How far ahead this grantor may go: <see cref="MaxDays"/> for an administrator, the configured
    /// extension maximum for a central officer; never beyond <see cref="MaxDays"/>.
    /// </param>
    public LockExemption(int planId, Quarter quarter, int provinceId, int agencyId, DateOnly until, string reason, string grantedById, string grantedByName, DateTime grantedAtUtc, int maxDays = MaxDays)
    {
        var today = VietnamTime.Today(new DateTimeOffset(DateTime.SpecifyKind(grantedAtUtc, DateTimeKind.Utc)));
        var latest = today.AddDays(Math.Clamp(maxDays, 0, MaxDays));
        if (until < today || until > latest)
        {
            throw new DomainRuleException("Rule.ExemptionUntil", $"An exception runs from today to at most {(latest.DayNumber - today.DayNumber)} days ahead.", today, latest);
        }

        PlanId = planId;
        Quarter = quarter;
        ProvinceId = provinceId;
        AgencyId = agencyId;
        Until = until;
        Reason = Guard.Text(reason, MaxReasonLength, "Reason");
        GrantedById = grantedById;
        GrantedByName = grantedByName;
        GrantedAtUtc = grantedAtUtc;
    }

    private LockExemption()
    {
        Reason = string.Empty;
        GrantedById = string.Empty;
        GrantedByName = string.Empty;
    }

    public int Id { get; private set; }

    public int PlanId { get; private set; }

    public Quarter Quarter { get; private set; }

    public int ProvinceId { get; private set; }

    public int AgencyId { get; private set; }

    /// <summary>The last Vietnam day the branch may write.</summary>
    public DateOnly Until { get; private set; }

    public string Reason { get; private set; }

    public string GrantedById { get; private set; }

    public string GrantedByName { get; private set; }

    public DateTime GrantedAtUtc { get; private set; }

    public DateTime? RevokedAtUtc { get; private set; }

    public bool IsActive(DateTimeOffset now) => RevokedAtUtc is null && VietnamTime.Today(now) <= Until;

    public void Revoke(DateTime nowUtc) => RevokedAtUtc ??= nowUtc;
}
