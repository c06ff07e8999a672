using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Domain.Plans;
using CoordinationPortal.Web.Infrastructure;

namespace CoordinationPortal.Web.Features.PlanEditing;

/// <summary>How a new plan starts: an empty draft, or a copy of an earlier plan (Plan.CopyForYear).</summary>
public enum PlanStart
{
    Blank = 1,
    Copy = 2,
}

/// <summary>The "Kế hoạch mới" page's choices, from its query string (step 1 of the page).</summary>
public sealed class NewPlanQuery
{
    public PlanStart? Start { get; set; }

    public int? SourcePlanId { get; set; }

    public int? Year { get; set; }
}

/// <summary>What "Kế hoạch mới" posts. Text is checked by the command, which says what is missing in the reader's language.</summary>
public sealed class NewPlanForm
{
    public PlanStart? Start { get; set; }

    public int? SourcePlanId { get; set; }

    public int? Year { get; set; }

    public int? ProgrammeId { get; set; }

    public string? Number { get; set; }

    public DateOnly? IssuedOn { get; set; }

    public string? Place { get; set; }

    public string? Title { get; set; }

    /// <summary>The rendered form's token: sending it twice creates one plan (docs/decisions/0016).</summary>
    public Guid? FormToken { get; set; }
}

/// <summary>"Chương trình mới": a coordination programme; where to go back to once it exists.</summary>
public sealed class ProgrammeForm
{
    public string? Number { get; set; }

    public DateOnly? SignedOn { get; set; }

    public int? FirstYear { get; set; }

    public int? LastYear { get; set; }

    public string? Title { get; set; }

    public Guid? FormToken { get; set; }

    /// <summary>The plan year the person was preparing when they found no programme covering it (back to "Kế hoạch mới" after).</summary>
    public int? ForYear { get; set; }

    public PlanStart? Start { get; set; }

    public int? SourcePlanId { get; set; }
}

/// <summary>
/// Every part's form carries the plan's version it was shown with and a stamp of the part as it was
/// shown: another part saved meanwhile is no conflict, this part changed meanwhile is (docs/decisions/0023).
/// </summary>
public abstract class PartForm
{
    public int? Version { get; set; }

    public string? Stamp { get; set; }
}

/// <summary>Number, date, place, title, programme. In a published plan only the title is posted.</summary>
public sealed class HeaderForm : PartForm
{
    public string? Number { get; set; }

    public DateOnly? IssuedOn { get; set; }

    public string? Place { get; set; }

    public string? Title { get; set; }

    public int? ProgrammeId { get; set; }
}

/// <summary>Section I (preamble and purposes), section III (funding) and the recipients; lists are one item per line.</summary>
public sealed class TextForm : PartForm
{
    public string? Preamble { get; set; }

    public string? Purposes { get; set; }

    public string? FundingText { get; set; }

    public string? Recipients { get; set; }
}

/// <summary>Section IV (each agency's duties, one per line) and the signature blocks.</summary>
public sealed class OrganisationForm : PartForm
{
    /// <summary>Agency id -> that agency's duties, one per line.</summary>
    public Dictionary<int, string?> Duties { get; set; } = [];

    public List<SignatoryForm> Signatories { get; set; } = [];
}

public sealed class SignatoryForm
{
    public int? AgencyId { get; set; }

    public string? AgencyHeading { get; set; }

    public string? AuthorityLine { get; set; }

    public string? TitleLine { get; set; }

    public string? FullName { get; set; }

    public bool IsBlank =>
        string.IsNullOrWhiteSpace(AgencyHeading) && string.IsNullOrWhiteSpace(AuthorityLine) && string.IsNullOrWhiteSpace(TitleLine) && string.IsNullOrWhiteSpace(FullName);
}

/// <summary>A new activity of a draft: what it needs to exist; the rest is filled on its own page.</summary>
public sealed class AddActivityForm
{
    public string? Title { get; set; }

    public Quarter? FirstQuarter { get; set; }

    public Quarter? LastQuarter { get; set; }

    public string? ScheduleText { get; set; }

    public Guid? FormToken { get; set; }
}

/// <summary>A change to the list of activities (move, remove), sent with the list as it was shown.</summary>
public sealed class ActivityListForm : PartForm
{
    /// <summary>"up" or "down" for a move.</summary>
    public string? Direction { get; set; }
}

/// <summary>Who carries out an activity, as the form offers it: the four ways the plans write it.</summary>
public enum RoleChoice
{
    /// <summary>"VWU chủ trì, CEMA phối hợp".</summary>
    VwuLeads = 1,

    /// <summary>"CEMA chủ trì, VWU phối hợp".</summary>
    CemaLeads = 2,

    /// <summary>"Hai cơ quan cùng thực hiện".</summary>
    Joint = 3,

    /// <summary>"Phân công theo từng nhiệm vụ": each task has its own choice (activity 7 of Plan 468).</summary>
    PerTask = 4,
}

/// <summary>
/// One activity and its tasks. Fields a published plan keeps (window, who reports, roles, the list
/// of tasks) are not posted from its page; null then means "as stored".
/// </summary>
public sealed class ActivityForm
{
    public int? Version { get; set; }

    public string? Title { get; set; }

    public string? EnglishTitle { get; set; }

    public string? Content { get; set; }

    public string? Form { get; set; }

    public string? ScheduleText { get; set; }

    public Quarter? FirstQuarter { get; set; }

    public Quarter? LastQuarter { get; set; }

    /// <summary>1-12, or empty for none.</summary>
    public int? ExpectedMonth { get; set; }

    public bool? ProvincesReport { get; set; }

    public RoleChoice? Roles { get; set; }

    public List<TaskForm> Tasks { get; set; } = [];

    /// <summary>Agency id -> what the plan says that agency does on the activity (empty: nothing); wording, in any state.</summary>
    public Dictionary<int, string?> Statements { get; set; } = [];

    /// <summary>A task to add at the end (drafts).</summary>
    public string? NewTask { get; set; }

    public RoleChoice? NewTaskRoles { get; set; }
}

public sealed class TaskForm
{
    public int? Id { get; set; }

    public string? Text { get; set; }

    /// <summary>The task's own roles, when the activity's are set per task.</summary>
    public RoleChoice? Roles { get; set; }

    /// <summary>Where the task should stand, from 1 (drafts).</summary>
    public int? Position { get; set; }

    public bool Remove { get; set; }
}

/// <summary>Publishing, sent with the plan's version its check was shown for.</summary>
public sealed class PublishForm
{
    public int? Version { get; set; }
}

/// <summary>The plan an editing page belongs to: for the heading, the breadcrumb and the year hints.</summary>
public sealed record PlanEditHeading(int Id, string Number, int Year, bool IsDraft, int? CopiedFromYear, string Title);

public sealed record ProgrammeChoice(int Id, string Number, int FirstYear, int LastYear, string Title);

public sealed record SourcePlanChoice(int Id, string Number, int Year, bool IsDraft);

public sealed record AgencyChoice(int Id, CoordinationPortal.Web.Features.Plans.AgencyView Agency);

public sealed record NewPlanPage(
    NewPlanForm Form,
    IReadOnlyList<SourcePlanChoice> Sources,
    SourcePlanChoice? Source,
    IReadOnlyList<ProgrammeChoice> Programmes,
    bool YearIsValid,
    bool CanAddProgramme);

public sealed record NewProgrammePage(ProgrammeForm Form);

/// <summary>What a published plan's header keeps, shown read-only beside the title.</summary>
public sealed record HeaderFacts(string Number, DateOnly IssuedOn, string Place, string ProgrammeNumber, int ProgrammeFirstYear, int ProgrammeLastYear);

public sealed record HeaderPage(PlanEditHeading Plan, HeaderForm Form, HeaderFacts Stored, IReadOnlyList<ProgrammeChoice> Programmes, ConflictView? Conflict);

public sealed record TextPage(PlanEditHeading Plan, TextForm Form, ConflictView? Conflict);

public sealed record OrganisationPage(PlanEditHeading Plan, OrganisationForm Form, IReadOnlyList<AgencyChoice> Agencies, ConflictView? Conflict);

/// <summary>An activity in the list editor; <see cref="RecordsReason"/> says why it cannot be removed, if it cannot.</summary>
public sealed record ActivityListRow(int Id, int Number, string Title, QuarterWindow Window, bool ProvincesReport, string Roles, int TaskCount, string? RecordsReason);

public sealed record ActivitiesPage(
    PlanEditHeading Plan,
    int Version,
    string Stamp,
    IReadOnlyList<ActivityListRow> Rows,
    AddActivityForm Add,
    ConflictView? Conflict);

/// <summary>A task as stored, beside its form: its number and whether progress entries point at it (it then stays).</summary>
public sealed record TaskFacts(int Id, int Number, string Text, bool HasProgress);


public sealed record ActivityEditPage(
    PlanEditHeading Plan,
    int ActivityId,
    int Number,
    QuarterWindow Window,
    bool ProvincesReport,
    RoleChoice? Roles,
    ProgrammeAgencies Agencies,
    IReadOnlyList<TaskFacts> Tasks,
    IReadOnlyList<AgencyChoice> StatementAgencies,
    ActivityForm Form,
    ConflictView? Conflict);

/// <summary>Where a problem that stops publishing is fixed.</summary>
public enum ProblemFix
{
    Plan = 1,
    ActivityList = 2,
    Activity = 3,
    Calendar = 4,
    OtherPlan = 5,
}

/// <summary>One reason the plan cannot be published, said in words, with where it is fixed (<see cref="FixId"/>: the activity or the other plan).</summary>
public sealed record ProblemView(string Code, string Text, ProblemFix Fix, int FixId);

/// <summary>
/// A quarter that will receive reports once published: its due date, how many provincial activities
/// run in it, and the day it locks (a plan published late finds some quarters locked already).
/// </summary>
public sealed record QuarterOpening(Quarter Quarter, DateOnly? DueOn, int ProvincialActivities, DateOnly? LocksOn, bool Locked);

public sealed record PublishPage(PlanEditHeading Plan, int Version, IReadOnlyList<ProblemView> Problems, IReadOnlyList<QuarterOpening> Quarters, bool Published);

/// <summary>The top of an editing page: where it is (breadcrumb), what part, the draft mark, and what a published plan keeps.</summary>
public sealed record PartHeadingView(PlanEditHeading Plan, string Part, string? PublishedNote);

/// <summary>
/// One text field of an editing form: its label, help, limits, and the plan's copied-from year so
/// that the years to check are shown beside it (<see cref="Plans.YearMarks"/>).
/// </summary>
public sealed record TextFieldView(string Name, string Label, string? Value, int MaxLength, string? Help = null, int? CopiedFromYear = null, int Rows = 0)
{
    /// <summary>A single-line input when no rows are asked for.</summary>
    public bool SingleLine => Rows == 0;

    /// <summary>An id usable in HTML for the field's name ("Tasks[0].Text" -> "Tasks_0__Text", as MVC writes it).</summary>
    public string Id => Name.Replace('[', '_').Replace(']', '_').Replace('.', '_');
}

/// <summary>
/// The quarters of an activity's window and its expected month. In a published plan the quarters
/// are shown, not offered (<see cref="Locked"/>): reports rest on them.
/// </summary>
public sealed record WindowFieldsView(int Year, Quarter? First, Quarter? Last, int? ExpectedMonth, bool WithMonth, bool Locked = false, QuarterWindow? Stored = null);
