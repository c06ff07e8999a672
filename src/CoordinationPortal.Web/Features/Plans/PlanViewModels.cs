using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Domain.Plans;
using CoordinationPortal.Web.Features.Progress;

namespace CoordinationPortal.Web.Features.Plans;

/// <summary>An agency as named on a given date, in both UI languages.</summary>
public sealed record AgencyView(string Code, string Name, string EnglishName, string Abbreviation);

public sealed record RoleView(AgencyView Agency, AssignmentRole Role);

public sealed record StatementView(AgencyView Agency, string Text);

public sealed record TaskView(int Number, string Text, IReadOnlyList<RoleView> Roles);

/// <summary>How roles on an activity read in a summary: joint, one lead with a supporter, per task, or (a draft's new activity) nobody yet.</summary>
public enum RoleSummaryKind
{
    Joint,
    LeadAndSupporting,
    PerTask,
    None,
}

/// <summary>An activity as the plan pages show it; <see cref="YearsToCheck"/> marks the years a copied draft's wording may still need changed.</summary>
public sealed record ActivityView(
    int Id,
    int Number,
    string Title,
    string? EnglishTitle,
    string? Content,
    string? Form,
    string ScheduleText,
    QuarterWindow Window,
    RoleSummaryKind RoleSummary,
    IReadOnlyList<RoleView> Roles,
    IReadOnlyList<TaskView> Tasks,
    IReadOnlyList<StatementView> Statements)
{
    public AgencyView? Lead => Roles.FirstOrDefault(r => r.Role == AssignmentRole.Lead)?.Agency;

    public IEnumerable<AgencyView> Supporting => Roles.Where(r => r.Role == AssignmentRole.Supporting).Select(r => r.Agency);

    /// <summary>The source year of a copied draft (its years to check are marked), else null.</summary>
    public int? YearsToCheck { get; init; }

    public bool ProvincesReport { get; init; } = true;
}

public sealed record AgencyDutiesView(AgencyView Agency, IReadOnlyList<string> Duties);

public sealed record SignatoryView(string AgencyHeading, string? AuthorityLine, string TitleLine, string FullName);

public sealed record ProgrammeView(string Number, DateOnly SignedOn, int FirstYear, int LastYear, string Title);

/// <summary>The part of a plan an edit screen covers, where a copied draft's years are counted.</summary>
public enum PlanPart
{
    Header = 1,
    Text = 2,
    Organisation = 3,
    Activity = 4,
}

/// <summary>How many years to check one part of a copied draft still names; <see cref="ActivityId"/> for an activity.</summary>
public sealed record PartMentions(PlanPart Part, int Count, int? ActivityId = null, int? ActivityNumber = null);

/// <summary>What the caller may do with the plan from its page.</summary>
public sealed record PlanActions(bool CanEdit, bool CanPublish, bool CanStartPlan);

public sealed record PlanPage(
    int Id,
    int Year,
    string Number,
    DateOnly IssuedOn,
    string Place,
    string Title,
    string Preamble,
    string FundingText,
    ProgrammeView Programme,
    IReadOnlyList<string> Purposes,
    IReadOnlyList<ActivityView> Activities,
    IReadOnlyList<AgencyDutiesView> Duties,
    IReadOnlyList<SignatoryView> Signatories,
    IReadOnlyList<string> Recipients,
    IReadOnlyDictionary<int, ProgressSummary> Progress)
{
    public bool IsDraft { get; init; }

    public DateTime? PublishedAtUtc { get; init; }

    /// <summary>The year of the plan it was copied from; in a draft, its years to check are marked.</summary>
    public int? CopiedFromYear { get; init; }

    /// <summary>The year marks apply to: a copied draft's source year, else none.</summary>
    public int? YearsToCheck => IsDraft ? CopiedFromYear : null;

    public IReadOnlyList<PartMentions> Mentions { get; init; } = [];

    public PlanActions Actions { get; init; } = new(false, false, false);

    /// <summary>Each agency's code by id, to name the agencies of the latest-word block.</summary>
    public IReadOnlyDictionary<int, string> AgencyCodes { get; init; } = new Dictionary<int, string>();
}

/// <summary>This year has no published plan: a draft of it (visible to the caller) may exist; some callers may draft or publish.</summary>
public sealed record ThisYearNotice(int Year, int? DraftId, bool CanDraft, bool CanPublish);

/// <summary>Where an activity sits in its plan, for the breadcrumb and previous/next links.</summary>
public sealed record ActivityNeighbour(int Id, int Number);

public sealed record ActivityPage(
    int PlanId,
    string PlanNumber,
    int PlanYear,
    DateOnly PlanIssuedOn,
    ActivityView Activity,
    ActivityNeighbour? Previous,
    ActivityNeighbour? Next,
    ProgressSummary Progress,
    IReadOnlyList<JournalEntry> Journal,
    bool CanLogProgress)
{
    public bool PlanIsDraft { get; init; }

    public bool CanEdit { get; init; }

    /// <summary>Each agency's code by id, to name the agencies of the latest-word block.</summary>
    public IReadOnlyDictionary<int, string> AgencyCodes { get; init; } = new Dictionary<int, string>();
}

public sealed record PlanListItem(int Id, int Year, string Number, DateOnly IssuedOn, string Title, int ActivityCount, bool IsDraft);

/// <summary>A programme and its plans (newest year first) on the plans page.</summary>
public sealed record ProgrammeGroup(int Id, ProgrammeView Programme, IReadOnlyList<PlanListItem> Plans);

public sealed record PlansPage(IReadOnlyList<ProgrammeGroup> Groups, bool CanStartPlan);
