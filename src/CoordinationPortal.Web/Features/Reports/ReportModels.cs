using System.ComponentModel.DataAnnotations;
using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Domain.Progress;
using CoordinationPortal.Domain.Reporting;
using CoordinationPortal.Web.Features.Evidence;
using CoordinationPortal.Web.Features.Progress;
using CoordinationPortal.Web.Infrastructure;

namespace CoordinationPortal.Web.Features.Reports;

/// <summary>What a province may post for one activity's line.</summary>
public sealed class LineForm
{
    public ActivityStatus? Status { get; set; }

    [StringLength(ReportLine.MaxTextLength, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Report.Results")]
    public string? Results { get; set; }

    [StringLength(ReportLine.MaxTextLength, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Report.Difficulties")]
    public string? Difficulties { get; set; }

    [StringLength(ReportLine.MaxTextLength, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Report.Proposals")]
    public string? Proposals { get; set; }

    public Dictionary<int, string?> Values { get; set; } = [];
}

/// <summary>The whole report form: a line per activity (keyed by activity id), the version it started from, save or submit.</summary>
public sealed class ReportForm
{
    public Dictionary<int, LineForm> Lines { get; set; } = [];

    public int Version { get; set; }

    public const string SubmitIntent = "submit";

    /// <summary>"save" keeps a draft; "submit" saves and sends it for review.</summary>
    [StringLength(20)]
    public string? Intent { get; set; }

    /// <summary>The person answered "submit?" (the dialog, or the page shown without JavaScript).</summary>
    public bool Confirmed { get; set; }
}

public sealed class StartReportForm
{
    public int PlanId { get; set; }

    /// <summary>The quarter (posted as its key, 20242 for Q2/2024).</summary>
    [Required(ErrorMessage = "Validation.QuarterRequired")]
    public Quarter? Quarter { get; set; }
}

public sealed class ReviewForm
{
    /// <summary>Checked by the report itself (required to return or reopen, at most 2,000 characters), so the page keeps what was typed.</summary>
    public string? Comment { get; set; }

    /// <summary>The reviewer answered the question naming the report and what follows.</summary>
    public bool Confirmed { get; set; }
}

/// <summary>Who wrote a report, for when, and where it stands.</summary>
public sealed record ReportHeader(
    int Id,
    int PlanId,
    string PlanNumber,
    Quarter Quarter,
    string ProvinceName,
    string AgencyCode,
    ReportState State,
    DateTime? FirstSubmittedAtUtc,
    DateOnly? DueOn,
    bool? OnTime,
    int Version)
{
    /// <summary>Returned by reopening an approved report: shown as "reopened", with the reason.</summary>
    public bool Reopened { get; init; }

    /// <summary>The label's resource key: reopened reports are not called "returned".</summary>
    public string StateKey => Reopened ? "ReportState.Reopened" : "ReportState." + State;
}

public sealed record LineView(
    int LineId,
    int ActivityId,
    int ActivityNumber,
    string ActivityTitle,
    ActivityStatus? Status,
    string? Results,
    string? Difficulties,
    string? Proposals,
    IReadOnlyList<ValueView> Values,
    IReadOnlyList<EvidenceView> Files);

/// <summary>The read-only report, its history, and what the caller may do next.</summary>
public sealed record ReportPage(
    ReportHeader Header,
    IReadOnlyList<LineView> Lines,
    IReadOnlyList<ReportTransition> History,
    bool CanEdit,
    bool CanReview)
{
    /// <summary>A review comment that was refused (too long, missing), shown again in its box with the reason.</summary>
    public ReviewDraft? Review { get; init; }
}

public sealed record ReviewDraft(ReportAction Action, string? Comment);

public sealed record LineEditor(int LineId, int ActivityId, int ActivityNumber, string ActivityTitle, IReadOnlyList<IndicatorField> Indicators, IReadOnlyList<EvidenceView> Files);

public sealed record ReportEditPage(
    ReportHeader Header,
    IReadOnlyList<LineEditor> Lines,
    ReportForm Form,
    ConflictView? Conflict,
    IReadOnlyList<ReportTransition> History);

/// <summary>One quarter on "my reports": its calendar, the report's state, and what to do next.</summary>
public sealed record MyQuarterRow(
    Quarter Quarter,
    DateOnly DataFrom,
    DateOnly DataTo,
    DateOnly DueOn,
    DateOnly LocksOn,
    bool Locked,
    DateOnly? ExemptUntil,
    int? ReportId,
    ReportState? State,
    bool? OnTime,
    string NextStep)
{
    /// <summary>Returned by reopening an approved report.</summary>
    public bool Reopened { get; init; }
}

public sealed record PlanChoice(int Id, string Number, int Year);

public sealed record MyReportsPage(IReadOnlyList<PlanChoice> Plans, int? PlanId, string ProvinceName, string AgencyCode, IReadOnlyList<MyQuarterRow> Quarters, IReadOnlyList<HistoryRow> History)
{
    /// <summary>This year (Vietnam time) when no plan of it is published yet: its quarters open once one is.</summary>
    public int? YearWithoutPlan { get; init; }
}

/// <summary>A report of a unit that merged into the officer's province: its history, opened read-only.</summary>
public sealed record HistoryRow(int ReportId, string ProvinceName, Quarter Quarter, ReportState State, bool? OnTime);

/// <summary>A report waiting for its central agency, oldest first.</summary>
public sealed record QueueRow(int ReportId, string ProvinceName, Quarter Quarter, DateTime SubmittedAtUtc, int DaysWaiting, bool Resubmitted, bool? OnTime);

public sealed record ReviewQueuePage(string AgencyCode, IReadOnlyList<QueueRow> Rows);

public sealed class ReportFilter
{
    public int? PlanId { get; set; }

    public Quarter? Quarter { get; set; }

    public int? AgencyId { get; set; }

    public int? ProvinceId { get; set; }

    public ReportState? State { get; set; }

    /// <summary>Only reports sent at least once (what the dashboard counts as received).</summary>
    public bool? Received { get; set; }

    public const string OnTime = "OnTime";
    public const string Late = "Late";

    /// <summary>"OnTime" or "Late" against the quarter's due date; needs a quarter.</summary>
    [RegularExpression("^(OnTime|Late)$", ErrorMessage = "Validation.Choice")]
    public string? Timeliness { get; set; }

    public int Page { get; set; } = 1;
}

public sealed record ReportListRow(int Id, Quarter Quarter, string ProvinceName, string AgencyCode, ReportState State, DateTime? FirstSubmittedAtUtc, bool? OnTime);

public sealed record ReportListPage(ReportFilter Filter, IReadOnlyList<ReportListRow> Rows, int Total, int PageCount, IReadOnlyList<PlanChoice> Plans, IReadOnlyList<(int Id, string Name)> Provinces, IReadOnlyList<(int Id, string Code)> Agencies);
