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
    public DateTime DueEndUtc => VietnamTime.ToUtc(DueOn.AddDays(1).ToDateTime(TimeOnly.MinValue));

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

    public void Set(DateOnly dataFrom, DateOnly dataTo, DateOnly dueOn, int lockAfterDays)
    {
        if (dataTo < dataFrom)
        {
            throw new DomainRuleException("The data period cannot end before it starts.");
        }

        if (dueOn < dataTo)
        {
            throw new DomainRuleException("The due date cannot come before the end of the data period.");
        }

        if (lockAfterDays is < 0 or > MaxLockAfterDays)
        {
            throw new DomainRuleException($"Days before locking must be between 0 and {MaxLockAfterDays}.");
        }

        DataFrom = dataFrom;
        DataTo = dataTo;
        DueOn = dueOn;
        LockAfterDays = lockAfterDays;
    }

    public bool IsOnTime(DateTime submittedAtUtc) => submittedAtUtc < DueEndUtc;

    public bool IsLocked(DateTimeOffset now) => VietnamTime.Today(now) >= LocksOn;
}

/// <summary>An administrator's exception for one province's branch: it may write a locked quarter until a date.</summary>
public sealed class LockExemption
{
    public const int MaxReasonLength = 1000;

    public LockExemption(int planId, Quarter quarter, int provinceId, int agencyId, DateOnly until, string reason, string grantedById, string grantedByName, DateTime grantedAtUtc)
    {
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
