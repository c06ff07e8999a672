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

    /// <summary>Why there are no results yet; a line is sent with its results or with this.</summary>
    [StringLength(ReportLine.MaxReasonLength, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Report.NoResultsReason")]
    public string? NoResultsReason { get; set; }

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

    /// <summary>The answer to the overall comment of the step that handed the report back; checked by the report itself.</summary>
    public string? Reply { get; set; }

    /// <summary>The answers to the lines' comments, by activity id; checked by the report itself.</summary>
    public Dictionary<int, string?> LineReplies { get; set; } = [];
}

public sealed class StartReportForm
{
    public int PlanId { get; set; }

    /// <summary>The quarter (posted as its key, 20242 for Q2/2024).</summary>
    [Required(ErrorMessage = "Validation.QuarterRequired")]
    public Quarter? Quarter { get; set; }

    /// <summary>The branch's earlier report to start from ("Bắt đầu từ báo cáo quý trước"); none for a blank report.</summary>
    public int? FromReportId { get; set; }
}

public sealed class ReviewForm
{
    /// <summary>Checked by the report itself (required to return or reopen, at most 2,000 characters), so the page keeps what was typed.</summary>
    public string? Comment { get; set; }

    /// <summary>The reviewer answered the question naming the report and what follows.</summary>
    public bool Confirmed { get; set; }

    /// <summary>Comments on single lines, by activity id; checked by the report itself (a line it has, at most 2,000 characters).</summary>
    public Dictionary<int, string?> LineComments { get; set; } = [];
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
    public string StateKey => ReportStateLabel.Key(State, Reopened);
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
    IReadOnlyList<EvidenceView> Files)
{
    /// <summary>Why there are no results, when the line has none.</summary>
    public string? NoResultsReason { get; init; }

    /// <summary>Results and difficulties copied from the previous quarter and not edited since.</summary>
    public bool CarriedOver { get; init; }
}

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

    /// <summary>Where the report stands in the review queue it was opened from; null when not opened from it.</summary>
    public QueuePosition? Queue { get; init; }

    /// <summary>The last review step's comments and the province's answers sent since, shown beside the lines.</summary>
    public ReviewRound? Round { get; init; }

    /// <summary>What changed between the previous submission and the last one; null after a first submission.</summary>
    public SubmissionComparison? Comparison { get; init; }

    /// <summary>The lines' comments of every step, for the history.</summary>
    public IReadOnlyList<HistoryLineNote> HistoryLineNotes { get; init; } = [];

    /// <summary>The branch's extension requests for the quarter, and whether the reader may ask for one now.</summary>
    public Extensions.QuarterExtensions? Extensions { get; init; }
}

/// <summary>A review that was refused (a comment too long, none at all), with everything typed, shown again in its boxes.</summary>
public sealed record ReviewDraft(ReportAction Action, string? Comment, IReadOnlyDictionary<int, string?>? LineComments = null);

/// <summary>
/// A review step (return, approval, reopening) with its comments, overall and by activity, and the
/// province's submission that answered it, if any, with its answers.
/// </summary>
public sealed record ReviewRound(ReportTransition Step, IReadOnlyDictionary<int, string> LineComments, ReportTransition? Answer, IReadOnlyDictionary<int, string> LineAnswers)
{
    /// <summary>The resource key of "{name} returned at {time}, comment:" for this step.</summary>
    public string SaidKey => SaidKeyOf(Step.Action);

    public static string SaidKeyOf(ReportAction action) => action switch
    {
        ReportAction.Reopen => "Report.ReopenedBecause",
        ReportAction.Approve => "Review.ApprovedSaying",
        _ => "Report.ReturnedBecause",
    };

    public bool HasAnything => Step.Comment is not null || LineComments.Count > 0;
}

/// <summary>One line's comment in a step of the history.</summary>
public sealed record HistoryLineNote(int Step, int ActivityNumber, string Text);

/// <summary>One field of a line that differs between two submissions (values as shown).</summary>
public sealed record ChangedField(string Label, string? Before, string? After);

/// <summary>The comparison of one line between the previous submission and the last.</summary>
public sealed record LineComparison(IReadOnlyList<ChangedField> Changes)
{
    public bool Unchanged => Changes.Count == 0;
}

/// <summary>What changed between the previous submission and the last one, line by line (by activity id).</summary>
public sealed record SubmissionComparison(DateTime PreviousAtUtc, DateTime LatestAtUtc, IReadOnlyDictionary<int, LineComparison> ByActivity)
{
    public int ChangedLines => ByActivity.Values.Count(l => !l.Unchanged);
}

public sealed record LineEditor(int LineId, int ActivityId, int ActivityNumber, string ActivityTitle, IReadOnlyList<IndicatorField> Indicators, IReadOnlyList<EvidenceView> Files)
{
    /// <summary>Results and difficulties copied from the previous quarter and not edited since: shown as "to review".</summary>
    public bool CarriedOver { get; init; }
}

public sealed record ReportEditPage(
    ReportHeader Header,
    IReadOnlyList<LineEditor> Lines,
    ReportForm Form,
    ConflictView? Conflict,
    IReadOnlyList<ReportTransition> History)
{
    /// <summary>The step that handed the report back and its comments: what the province answers now.</summary>
    public ReviewRound? Round { get; init; }

    /// <summary>The lines' comments of every step, for the history.</summary>
    public IReadOnlyList<HistoryLineNote> HistoryLineNotes { get; init; } = [];
}

/// <summary>The history partial's model: the steps, newest first, and what they said about single lines.</summary>
public sealed record HistoryModel(IReadOnlyList<ReportTransition> Steps, IReadOnlyList<HistoryLineNote> LineNotes);

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

    /// <summary>The branch's latest report of an earlier quarter of the plan, which a new report may start from.</summary>
    public (int Id, Quarter Quarter)? Previous { get; init; }
}

public sealed record PlanChoice(int Id, string Number, int Year);

public sealed record MyReportsPage(IReadOnlyList<PlanChoice> Plans, int? PlanId, string ProvinceName, string AgencyCode, IReadOnlyList<MyQuarterRow> Quarters, IReadOnlyList<HistoryRow> History)
{
    /// <summary>This year (Vietnam time) when no plan of it is published yet: its quarters open once one is.</summary>
    public int? YearWithoutPlan { get; init; }

    /// <summary>Each quarter's extension requests and whether the branch may ask for one now.</summary>
    public IReadOnlyDictionary<Quarter, Extensions.QuarterExtensions> Extensions { get; init; } = new Dictionary<Quarter, Extensions.QuarterExtensions>();
}

/// <summary>A report of a unit that merged into the officer's province: its history, opened read-only.</summary>
public sealed record HistoryRow(int ReportId, string ProvinceName, Quarter Quarter, ReportState State, bool? OnTime);


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

public sealed record ReportListRow(int Id, Quarter Quarter, string ProvinceName, string AgencyCode, ReportState State, DateTime? FirstSubmittedAtUtc, bool? OnTime)
{
    /// <summary>Returned by reopening an approved report.</summary>
    public bool Reopened { get; init; }
}

public sealed record ReportListPage(ReportFilter Filter, IReadOnlyList<ReportListRow> Rows, int Total, int PageCount, IReadOnlyList<PlanChoice> Plans, IReadOnlyList<(int Id, string Name)> Provinces, IReadOnlyList<(int Id, string Code)> Agencies)
{
    /// <summary>The branch whose quarter workbook the list links to (a central officer's), for the chosen quarter.</summary>
    public int? WorkbookAgencyId { get; init; }
}

/// <summary>
/// The review queue's GET parameters: what to show, in which order, which page. Every value is
/// checked (<see cref="Problems"/>), so a tampered link is a 400 page, never a 500.
/// </summary>
public sealed class QueueFilter
{
    public const int MaxSearchLength = 100;

    public int? PlanId { get; set; }

    public Quarter? Quarter { get; set; }

    /// <summary>The branch's central agency; none means the caller's own (the reports they may review).</summary>
    public int? AgencyId { get; set; }

    public Domain.Provinces.SocioEconomicRegion? Region { get; set; }

    public int? ProvinceId { get; set; }

    /// <summary>"Submitted" (the default: waiting for review), "Returned", "Approved" or "All".</summary>
    [RegularExpression("^(Submitted|Returned|Approved|All)$", ErrorMessage = "Validation.Choice")]
    public string? State { get; set; }

    /// <summary>Part of a province's name, with or without diacritics ("ha giang" finds "Hà Giang").</summary>
    [StringLength(MaxSearchLength, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Queue.Search")]
    public string? Q { get; set; }

    /// <summary>"waiting" (oldest first, the default), "newest", "province" or "quarter".</summary>
    [RegularExpression("^(waiting|newest|province|quarter)$", ErrorMessage = "Validation.Choice")]
    public string? Sort { get; set; }

    public int Page { get; set; } = 1;

    /// <summary>The state shown; null for every state a central officer may read.</summary>
    public ReportState? StateShown => State switch
    {
        null or "" or nameof(ReportState.Submitted) => ReportState.Submitted,
        nameof(ReportState.Returned) => ReportState.Returned,
        nameof(ReportState.Approved) => ReportState.Approved,
        _ => null,
    };

    /// <summary>Values binding lets through but that name nothing (an enum number out of range).</summary>
    public IEnumerable<string> Problems()
    {
        if (Region is { } region && !Enum.IsDefined(region))
        {
            yield return "Validation.Choice";
        }
    }

    /// <summary>The query string that shows this queue again (without the page when <paramref name="page"/> is null).</summary>
    public string ToQuery(int? page = null)
    {
        var parts = new List<string>();
        void Add(string name, object? value)
        {
            var text = Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture);
            if (!string.IsNullOrEmpty(text))
            {
                parts.Add($"{name}={Uri.EscapeDataString(text)}");
            }
        }

        Add("planId", PlanId);
        Add("quarter", Quarter?.Key);
        Add("agencyId", AgencyId);
        Add("region", Region);
        Add("provinceId", ProvinceId);
        Add("state", State);
        Add("q", Q);
        Add("sort", Sort);
        Add("page", page);
        return string.Join('&', parts);
    }
}

/// <summary>A report waiting for its central agency, oldest first (the dashboard's list).</summary>
public sealed record QueueRow(int ReportId, string ProvinceName, Quarter Quarter, DateTime SubmittedAtUtc, int DaysWaiting, bool Resubmitted, bool? OnTime);

/// <summary>A report in the review queue; <see cref="Selectable"/> when the caller may approve it now.</summary>
public sealed record QueueItem(
    int ReportId,
    int Version,
    string ProvinceName,
    Quarter Quarter,
    ReportState State,
    DateTime SubmittedAtUtc,
    int? DaysWaiting,
    bool Resubmitted,
    bool? OnTime,
    string AgencyCode,
    bool Selectable)
{
    /// <summary>Returned by reopening an approved report.</summary>
    public bool Reopened { get; init; }
}

/// <summary>How many reports of the filtered queue are in each state (the state filter aside).</summary>
public sealed record QueueCounts(int Submitted, int Returned, int Approved)
{
    public int All => Submitted + Returned + Approved;
}

public sealed record ReviewQueuePage(
    string AgencyCode,
    QueueFilter Filter,
    IReadOnlyList<QueueItem> Rows,
    int Total,
    int PageCount,
    QueueCounts Counts,
    IReadOnlyList<PlanChoice> Plans,
    IReadOnlyList<(int Id, string Name)> Provinces,
    IReadOnlyList<(int Id, string Code)> Agencies);

/// <summary>Where a report stands in the queue it was opened from: its neighbours and position.</summary>
public sealed record QueuePosition(QueueFilter Filter, int Index, int Count, int? PreviousId, int? NextId);

/// <summary>A report chosen in the queue, with the version the queue showed.</summary>
public readonly record struct ReportVersion(int Id, int Version)
{
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Id}-{Version}");

    public static bool TryParse(string? text, out ReportVersion value)
    {
        value = default;
        var parts = text?.Split('-');
        if (parts is not { Length: 2 }
            || !int.TryParse(parts[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id)
            || !int.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var version)
            || id <= 0 || version <= 0)
        {
            return false;
        }

        value = new ReportVersion(id, version);
        return true;
    }
}

/// <summary>One report of a bulk approval: what it is and, when it will not be (or was not) approved, why.</summary>
public sealed record BulkItem(ReportVersion Report, string? ProvinceName, Quarter? Quarter, DateTime? SubmittedAtUtc, string? RefusalKey);

/// <summary>The confirmation before a bulk approval, or its outcome (<see cref="Done"/>).</summary>
public sealed record BulkApprovePage(QueueFilter Filter, IReadOnlyList<BulkItem> Items, bool Done)
{
    public IReadOnlyList<BulkItem> Approvable => [.. Items.Where(i => i.RefusalKey is null)];

    public IReadOnlyList<BulkItem> Refused => [.. Items.Where(i => i.RefusalKey is not null)];
}

/// <summary>Why a report chosen for a bulk approval is not approved: one rule, asked before the confirmation and again when approving.</summary>
public static class BulkRefusals
{
    public const string NotFound = "Bulk.Refused.NotFound";
    public const string NotYours = "Bulk.Refused.NotYours";
    public const string Changed = "Bulk.Refused.Changed";
    public const string NotWaiting = "Bulk.Refused.NotWaiting";

    public static string? Of(Domain.Access.Actor actor, int agencyId, ReportState state, int version, int versionShown) =>
        !Domain.Access.Permissions.CanReviewBranchesOf(actor, agencyId) ? NotYours
        : state != ReportState.Submitted ? NotWaiting
        : version != versionShown ? Changed
        : null;
}

/// <summary>The marker a report's address carries when it was opened from the review queue.</summary>
public static class QueueLinks
{
    public const string FromQueue = "queue";
}

/// <summary>
/// Report lines' evidence blocks: each line's files and upload form. The edit page passes all its
/// lines in <see cref="InBlocks"/> (each block in its own element, one view for all of them rather
/// than one per line: issue 14); the answer to a background upload passes its one line without the
/// element, which js/evidence.js fills.
/// </summary>
public sealed record LineEvidenceModel(int ReportId, IReadOnlyList<LineEditor> Lines, bool InBlocks);
