using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Domain.Indicators;
using CoordinationPortal.Domain.Provinces;
using CoordinationPortal.Web.Features.Plans;
using CoordinationPortal.Web.Features.Provinces;
using CoordinationPortal.Web.Features.Progress;
using CoordinationPortal.Web.Features.Reports;

namespace CoordinationPortal.Web.Features.Dashboard;

/// <summary>The dashboard's filters, from the query string.</summary>
public sealed class DashboardFilter
{
    public int? PlanId { get; set; }

    /// <summary>A quarter (posted as its key, 20242), or null for the whole year.</summary>
    public Quarter? Quarter { get; set; }

    public int? AgencyId { get; set; }

    /// <summary>The indicator whose totals by region the chart shows.</summary>
    public int? IndicatorId { get; set; }

    /// <summary>Today's units (the default) or the units as they were when they reported.</summary>
    public ProvinceBoundaries? Boundaries { get; set; }
}

/// <summary>What a province's cell in the grid says, by text and mark as well as colour.</summary>
public enum CellState
{
    NotSubmitted = 1,
    Draft = 2,
    SubmittedOnTime = 3,
    SubmittedLate = 4,
    Returned = 5,
    Approved = 6,

    /// <summary>The unit did not exist in that quarter (before or after the 2025 reorganisation): nothing was expected.</summary>
    NotExpected = 7,

    /// <summary>Approved, then reopened for changes: never shown as returned (ADR 0037).</summary>
    Reopened = 8,
}

public sealed record AgencyChoice(int Id, string Code);

public sealed record DashboardActivity(
    int Id,
    int Number,
    bool ProvincesReport,
    string Title,
    string? EnglishTitle,
    QuarterWindow Window,
    RoleSummaryKind RoleSummary,
    string? LeadCode,
    IReadOnlyList<string> SupportingCodes,
    ProgressSummary Progress);

/// <summary>Reports received and on time, against those expected (provinces that exist in the quarter).</summary>
public sealed record ReportingNumbers(Quarter Quarter, int? AgencyId, string? AgencyCode, int Expected, int Received, int OnTime, int Late, int Approved)
{
    public int Missing => Expected - Received;

    public double Completeness => Expected == 0 ? 0 : (double)Received / Expected;

    public double Timeliness => Expected == 0 ? 0 : (double)OnTime / Expected;
}

public sealed record GridCell(Quarter Quarter, int AgencyId, string AgencyCode, CellState State, int? ReportId);

public sealed record GridRow(int ProvinceId, string ProvinceCode, string Province, SocioEconomicRegion? Region, IReadOnlyList<GridCell> Cells)
{
    /// <summary>The unit the row is placed under: today's unit, or the row's own unit "as it was".</summary>
    public int GroupId { get; init; }

    public string GroupName { get; init; } = string.Empty;
}

public sealed record MissingBranch(int ProvinceId, string Province, int AgencyId, string AgencyCode);

/// <summary>Where an indicator's figures come from.</summary>
public enum IndicatorSource
{
    /// <summary>The provinces' quarterly reports that count (sent and not handed back).</summary>
    Provinces = 1,

    /// <summary>
    /// The central agencies' progress entries, for an activity the central offices carry out alone:
    /// each agency logs its own cumulative figure, so the actual is the sum over agencies of each
    /// one's latest figure (docs/decisions/0022).
    /// </summary>
    CentralOffices = 2,
}

/// <summary>
/// An indicator's figures: by quarter for the quarters shown (provincial indicators only; a central
/// figure is cumulative), the year's actual to date, and the year's target (national, or a
/// province's own on its view).
/// </summary>
public sealed record IndicatorTotals(int IndicatorId, int ActivityNumber, string Name, string? EnglishName, IndicatorUnit Unit, IReadOnlyDictionary<Quarter, long> ByQuarter)
{
    public IndicatorSource Source { get; init; } = IndicatorSource.Provinces;

    /// <summary>What the year has reached so far, whichever quarter is shown: what a yearly target is compared with.</summary>
    public long YearToDate { get; init; }

    /// <summary>The year's target; null when the plan sets none.</summary>
    public long? Target { get; init; }

    /// <summary>Whole percent of the target reached by <see cref="YearToDate"/>; null without a target above zero.</summary>
    public int? PercentReached => TargetProgress.PercentReached(YearToDate, Target);
}

/// <summary>A region's total; a null region is "Chưa xác định vùng" (a merged unit whose region nobody has set yet).</summary>
public sealed record RegionTotal(SocioEconomicRegion? Region, long Value);

public sealed record FundsByQuarter(Quarter Quarter, long StateBudget, long Mobilised);

public sealed record DashboardPage(
    DashboardFilter Filter,
    int PlanId,
    string PlanNumber,
    int PlanYear,
    IReadOnlyList<PlanChoice> Plans,
    IReadOnlyList<AgencyChoice> Agencies,
    IReadOnlyList<Quarter> Quarters,
    Quarter? TodayQuarter,
    Quarter Focus,
    IReadOnlyList<DashboardActivity> Activities,
    IReadOnlyList<ReportingNumbers> Reporting,
    IReadOnlyList<ReportingNumbers> ReportingByQuarter,
    IReadOnlyList<GridRow> Grid,
    IReadOnlyList<MissingBranch> Missing,
    IReadOnlyList<IndicatorTotals> Indicators,
    IndicatorTotals? ChartIndicator,
    IReadOnlyList<RegionTotal> ChartByRegion,
    IReadOnlyList<FundsByQuarter> Funds,
    IReadOnlyList<QueueRow> Waiting,
    DateOnly Today)
{
    /// <summary>Whether the viewer may draft plans (then a missing plan for this year comes with a link to draft it).</summary>
    public bool CanDraftPlans { get; init; }
}

/// <summary>A province's own view: its reports and deadlines, and the totals it has reported.</summary>
public sealed record ProvinceDashboardPage(MyReportsPage Reports, IReadOnlyList<IndicatorTotals> Totals);
