using System.ComponentModel.DataAnnotations;
using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Domain.Progress;
using CoordinationPortal.Web.Features.Evidence;
using CoordinationPortal.Web.Infrastructure;

namespace CoordinationPortal.Web.Features.Progress;

/// <summary>What an officer may post for a progress entry; agency, author and activity come from the server.</summary>
public sealed class ProgressForm
{
    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Progress.ReportedOn")]
    public DateOnly? ReportedOn { get; set; }

    [Display(Name = "Progress.Task")]
    public int? TaskId { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Progress.Status")]
    public ActivityStatus? Status { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [Range(0, 100, ErrorMessage = "Validation.Percent")]
    [Display(Name = "Progress.Percent")]
    public int? PercentComplete { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(ProgressEntry.MaxTextLength, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Progress.Done")]
    public string? Done { get; set; }

    [StringLength(ProgressEntry.MaxTextLength, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Progress.Difficulties")]
    public string? Difficulties { get; set; }

    [StringLength(ProgressEntry.MaxTextLength, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Progress.NextSteps")]
    public string? NextSteps { get; set; }

    /// <summary>Indicator id -> the number as typed.</summary>
    public Dictionary<int, string?> Values { get; set; } = [];

    /// <summary>The entry version the form started from (edits only).</summary>
    public int Version { get; set; }

    /// <summary>The rendered form's token: posting it twice creates one entry.</summary>
    public Guid? FormToken { get; set; }
}

public sealed record TaskChoice(int Id, int Number, string Text);

/// <summary>The new/edit entry page: the activity it is about, the form, and a conflict when someone saved first.</summary>
public sealed record ProgressFormPage(
    int ActivityId,
    int ActivityNumber,
    string ActivityTitle,
    string PlanNumber,
    int? EntryId,
    ProgressForm Form,
    IReadOnlyList<TaskChoice> Tasks,
    IReadOnlyList<IndicatorField> Indicators,
    IReadOnlyList<EvidenceView> Files,
    ConflictView? Conflict,
    DateOnly ReportableFrom,
    DateOnly ReportableTo);

/// <summary>An entry as the activity journal shows it.</summary>
public sealed record JournalEntry(
    int Id,
    DateOnly ReportedOn,
    ActivityStatus Status,
    int PercentComplete,
    string AgencyCode,
    string AuthorName,
    int? TaskNumber,
    string Done,
    string? Difficulties,
    string? NextSteps,
    IReadOnlyList<ValueView> Values,
    IReadOnlyList<EvidenceView> Files,
    DateTime CreatedAtUtc,
    DateTime UpdatedAtUtc,
    string? UpdatedByName,
    bool CanCorrect);

/// <summary>An indicator's value as pages show it.</summary>
public sealed record ValueView(string Name, long Value, Domain.Indicators.IndicatorUnit Unit);

/// <summary>Where an activity stands, as its pages show it.</summary>
public sealed record ProgressSummary(ActivityStatus Status, int PercentComplete, DateOnly? LastReportedOn, bool Overdue)
{
    public bool Flagged => Overdue || Status.NeedsAttention();

    /// <summary>
    /// What each involved agency last reported, beside the derived status, so that "40% reported,
    /// shown 0%" reads as the rule at work (a supporting agency's figure, or a silent lead).
    /// </summary>
    public IReadOnlyList<AgencyWord> Words { get; init; } = [];
}

/// <summary>
/// What an activity's derived status needs of it (ActivityProgress): its plan, window and roles,
/// without its tasks and texts. The lead, if any, and every agency involved on it or its tasks, in order.
/// </summary>
public sealed record ActivityRoles(int Id, int PlanId, QuarterWindow Window, int? LeadAgencyId, IReadOnlyList<int> InvolvedAgencyIds);

/// <summary>One involved agency's latest entry (null when it has written none) and whether its word decides the status and percentage.</summary>
public sealed record AgencyWord(int AgencyId, bool Decides, AgencyProgress? Latest);

/// <summary>The "latest word" block: each involved agency's last status, percentage and date, named by its code.</summary>
public sealed record LatestWordsView(ProgressSummary Summary, IReadOnlyDictionary<int, string> AgencyCodes, bool Compact);
