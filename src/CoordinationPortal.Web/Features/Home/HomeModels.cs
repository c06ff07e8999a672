using CoordinationPortal.Domain.Access;
using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Domain.Reporting;
using CoordinationPortal.Web.Features.Plans;
using CoordinationPortal.Web.Features.Reports;

namespace CoordinationPortal.Web.Features.Home;

/// <summary>
/// "Việc cần làm": what the caller should look at first, by what they may do. Each part is null
/// for those it does not concern; the plan document stays one link away (<see cref="PlanId"/>).
/// </summary>
public sealed record HomePage(DateOnly Today, int? PlanId, string? PlanNumber, int? PlanYear, ThisYearNotice? ThisYear)
{
    public ProvinceHome? Province { get; init; }

    public CentralHome? Central { get; init; }

    public LeadershipHome? Leadership { get; init; }

    public AdminHome? Admin { get; init; }
}

/// <summary>A quarter a branch may write now (its data period has begun and it is not locked), with its deadline.</summary>
public sealed record OpenQuarter(Quarter Quarter, DateOnly DueOn, int DaysLeft, int? ReportId, ReportState? State, string NextStep)
{
    /// <summary>Returned by reopening an approved report.</summary>
    public bool Reopened { get; init; }
}

/// <summary>A report its central agency handed back, with what the reviewer asked for.</summary>
public sealed record ReturnedReport(int ReportId, Quarter Quarter, string? ByName, DateTime? AtUtc, string? Comment)
{
    /// <summary>Handed back by reopening an approved report: the comment is the reason for reopening.</summary>
    public bool Reopened { get; init; }
}

public sealed record ProvinceHome(string ProvinceName, string AgencyCode, IReadOnlyList<OpenQuarter> Open, IReadOnlyList<ReturnedReport> Returned, OpenQuarter? NextDeadline);

/// <summary>An activity the officer's agency takes part in that has no progress entry of the agency this quarter.</summary>
public sealed record QuietActivity(int Id, int Number, string Title);

public sealed record CentralHome(string AgencyCode, int WaitingCount, IReadOnlyList<QueueItem> Oldest, Quarter Quarter, IReadOnlyList<QuietActivity> Quiet);

/// <summary>The figures leadership asks for first, for one plan and quarter; each links to the list behind it.</summary>
public sealed record LeadershipHome(int PlanId, Quarter Quarter, int OnTrack, int Late, int Expected, int Received, int OnTime, int Missing, int Waiting);

/// <summary>An account an administrator should look at.</summary>
public sealed record AccountFlag(string Id, string FullName, string Email, PortalRole Role);

public sealed record AdminHome(
    int? CalendarPlanId,
    string? CalendarPlanNumber,
    IReadOnlyList<Quarter> QuartersWithoutCalendar,
    IReadOnlyList<AccountFlag> Locked,
    IReadOnlyList<AccountFlag> WithoutAuthenticator,
    int WithoutAuthenticatorCount);
