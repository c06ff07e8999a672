using System.ComponentModel.DataAnnotations;
using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Domain.Reporting;

namespace CoordinationPortal.Web.Features.Extensions;

/// <summary>What a province types to ask for more time.</summary>
public sealed class AskExtensionForm
{
    public int PlanId { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Report.Quarter")]
    public Quarter? Quarter { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(ExtensionRequest.MaxReasonLength, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Extension.Reason")]
    public string? Reason { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Extension.ProposedUntil")]
    public DateOnly? ProposedUntil { get; set; }

    /// <summary>The rendered form's token: sending it twice asks once.</summary>
    public Guid? FormToken { get; set; }
}

/// <summary>A central officer's grant: until when, and an optional note.</summary>
public sealed class GrantExtensionForm
{
    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Extension.GrantUntil")]
    public DateOnly? Until { get; set; }

    [StringLength(ExtensionRequest.MaxCommentLength, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Extension.GrantComment")]
    public string? Note { get; set; }
}

/// <summary>A central officer's refusal: why (required).</summary>
public sealed class DeclineExtensionForm
{
    [Required(ErrorMessage = "Extension.DeclineNeedsComment")]
    [StringLength(ExtensionRequest.MaxCommentLength, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Extension.DeclineComment")]
    public string? Comment { get; set; }
}

/// <summary>One request as the pages show it.</summary>
public sealed record ExtensionView(
    int Id,
    int PlanId,
    Quarter Quarter,
    string ProvinceName,
    string AgencyCode,
    int? ReportId,
    string Reason,
    DateOnly ProposedUntil,
    string RequestedByName,
    DateTime CreatedAtUtc,
    ExtensionState State,
    string? DecidedByName,
    DateTime? DecidedAtUtc,
    DateOnly? GrantedUntil,
    string? DecisionComment);

/// <summary>The list: pending requests first, then decided ones, newest first.</summary>
public sealed record ExtensionListPage(IReadOnlyList<ExtensionView> Pending, IReadOnlyList<ExtensionView> Decided, bool Decides);

/// <summary>One request, and the forms its deciders fill in while it is pending.</summary>
public sealed record ExtensionPage(ExtensionView Request, bool CanDecide, DateOnly Today, DateOnly LatestGrant)
{
    public GrantExtensionForm Grant { get; init; } = new();

    public DeclineExtensionForm Decline { get; init; } = new();
}

/// <summary>The ask form and what the branch's quarter looks like now.</summary>
public sealed record AskExtensionPage(
    AskExtensionForm Form,
    string PlanNumber,
    string ProvinceName,
    string AgencyCode,
    DateOnly DueOn,
    DateOnly LocksOn,
    bool Locked,
    DateOnly Today,
    DateOnly LatestDate,
    int MaxDays)
{
    /// <summary>A request already waiting for this quarter: the page shows it instead of the form.</summary>
    public ExtensionView? Pending { get; init; }
}

/// <summary>
/// A branch's extension requests for one quarter, for the report page and "my reports": its
/// history, and whether the branch may ask now (no pending one, locked or about to be).
/// </summary>
public sealed record QuarterExtensions(int PlanId, Quarter Quarter, IReadOnlyList<ExtensionView> History, bool MayAsk)
{
    public ExtensionView? Pending => History.FirstOrDefault(r => r.State == ExtensionState.Pending);
}
