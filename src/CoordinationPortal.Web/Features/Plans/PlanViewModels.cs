using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Domain.Plans;
using CoordinationPortal.Web.Features.Progress;

namespace CoordinationPortal.Web.Features.Plans;

/// <summary>An agency as named on a given date, in both UI languages.</summary>
public sealed record AgencyView(string Code, string Name, string EnglishName, string Abbreviation);

public sealed record RoleView(AgencyView Agency, AssignmentRole Role);

public sealed record StatementView(AgencyView Agency, string Text);

public sealed record TaskView(int Number, string Text, IReadOnlyList<RoleView> Roles);

/// <summary>How roles on an activity read in a summary: joint, one lead with a supporter, or per task.</summary>
public enum RoleSummaryKind
{
    Joint,
    LeadAndSupporting,
    PerTask,
}

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
}

public sealed record AgencyDutiesView(AgencyView Agency, IReadOnlyList<string> Duties);

public sealed record SignatoryView(string AgencyHeading, string? AuthorityLine, string TitleLine, string FullName);

public sealed record ProgrammeView(string Number, DateOnly SignedOn, int FirstYear, int LastYear, string Title);

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
    IReadOnlyDictionary<int, ProgressSummary> Progress);

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
    bool CanLogProgress);

public sealed record PlanListItem(int Id, int Year, string Number, DateOnly IssuedOn, string Title, int ActivityCount);
