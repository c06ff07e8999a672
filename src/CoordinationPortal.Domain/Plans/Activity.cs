using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Domain.Common;

namespace CoordinationPortal.Domain.Plans;

/// <summary>One numbered item of a plan's section II ("Nội dung hoạt động").</summary>
public sealed class Activity
{
    public const int MaxTitleLength = 1000;
    public const int MaxTextLength = 4000;
    public const int MaxScheduleTextLength = 200;

    private readonly List<ActivityTask> _tasks = [];
    private readonly List<Assignment> _assignments = [];
    private readonly List<AgencyStatement> _statements = [];

    internal Activity(int number, string title, QuarterWindow window, string scheduleText)
    {
        Number = number;
        Title = Guard.Text(title, MaxTitleLength, "Activity title");
        Window = window ?? throw new DomainRuleException("An activity needs a quarter window.");
        ScheduleText = Guard.Text(scheduleText, MaxScheduleTextLength, "Schedule text");
    }

    private Activity()
    {
        Title = string.Empty;
        ScheduleText = string.Empty;
        Window = null!;
    }

    public int Id { get; private set; }

    public int PlanId { get; private set; }

    /// <summary>The activity's number in the plan (1-7 in Plan 468).</summary>
    public int Number { get; private set; }

    public string Title { get; private set; }

    /// <summary>A short English title for the English UI; the plan's text itself stays Vietnamese.</summary>
    public string? EnglishTitle { get; private set; }

    /// <summary>"Nội dung" paragraph, where the plan gives one apart from the bullets.</summary>
    public string? Content { get; private set; }

    /// <summary>"Hình thức" paragraph: the form the activity takes, where the plan gives one.</summary>
    public string? Form { get; private set; }

    /// <summary>The plan's own wording of the time frame ("Quý IV (dự kiến tháng 10/2024).").</summary>
    public string ScheduleText { get; private set; }

    public QuarterWindow Window { get; private set; }

    /// <summary>
    /// Whether provincial branches report on the activity. A central-only activity (Plan 468's
    /// central workshop and central review) has no line in a quarterly report and no provincial
    /// figures in the dashboard or the year-end report (docs/decisions/0021).
    /// </summary>
    public bool ProvincesReport { get; private set; } = true;

    /// <summary>Goes up by one on every change; an edit form that started from an older version is refused.</summary>
    public int Version { get; private set; } = 1;

    public IReadOnlyList<ActivityTask> Tasks => _tasks;

    public IReadOnlyList<Assignment> Assignments => _assignments;

    public IReadOnlyList<AgencyStatement> Statements => _statements;

    /// <summary>True when nobody leads: both agencies carry the activity jointly.</summary>
    public bool IsJoint => _assignments.Count > 0 && _assignments.TrueForAll(a => a.Role == AssignmentRole.Joint);

    /// <summary>True when the activity has no roles of its own and each task names its lead (activity 7).</summary>
    public bool HasLeadsPerTask => _assignments.Count == 0 && _tasks.Exists(t => t.Assignments.Count > 0);

    public void Describe(string? content, string? form, string? englishTitle)
    {
        Content = Guard.OptionalText(content, MaxTextLength, "Content");
        Form = Guard.OptionalText(form, MaxTextLength, "Form");
        EnglishTitle = Guard.OptionalText(englishTitle, MaxTitleLength, "English title");
    }

    public ActivityTask AddTask(string text)
    {
        var task = new ActivityTask(_tasks.Count + 1, text);
        _tasks.Add(task);
        return task;
    }

    /// <summary>Whether provinces report on the activity (see <see cref="ProvincesReport"/>).</summary>
    public void SetProvincesReport(bool provincesReport) => ProvincesReport = provincesReport;

    internal void Renumber(int number) => Number = number;

    internal void Reword(string title, string? englishTitle, string? content, string? form, string scheduleText)
    {
        Title = Guard.Text(title, MaxTitleLength, "Activity title");
        ScheduleText = Guard.Text(scheduleText, MaxScheduleTextLength, "Schedule text");
        Describe(content, form, englishTitle);
    }

    internal void MoveTo(QuarterWindow window) => Window = window ?? throw new DomainRuleException("An activity needs a quarter window.");

    /// <summary>Replaces the activity's own roles (none: the tasks carry them).</summary>
    internal void ReplaceAssignments(IEnumerable<(int AgencyId, AssignmentRole Role)> roles)
    {
        _assignments.Clear();
        foreach (var (agencyId, role) in roles)
        {
            Assignment.AddTo(_assignments, agencyId, role);
        }
    }

    internal void RemoveTask(ActivityTask task)
    {
        _tasks.Remove(task);
        var number = 1;
        foreach (var remaining in _tasks.OrderBy(t => t.Number))
        {
            remaining.Renumber(number++);
        }
    }

    internal void MoveTask(ActivityTask task, int position)
    {
        var ordered = _tasks.OrderBy(t => t.Number).Where(t => t != task).ToList();
        ordered.Insert(Math.Clamp(position - 1, 0, ordered.Count), task);
        for (var i = 0; i < ordered.Count; i++)
        {
            ordered[i].Renumber(i + 1);
        }
    }

    internal void Touch() => Version++;

    public void Assign(int agencyId, AssignmentRole role)
    {
        if (_tasks.Exists(t => t.Assignments.Count > 0))
        {
            throw new DomainRuleException("This activity's roles are set per task.");
        }

        Assignment.AddTo(_assignments, agencyId, role);
    }

    public void AssignJointly(params int[] agencyIds)
    {
        ArgumentNullException.ThrowIfNull(agencyIds);
        foreach (var agencyId in agencyIds)
        {
            Assign(agencyId, AssignmentRole.Joint);
        }
    }

    public void AddStatement(int agencyId, string text) => _statements.Add(new AgencyStatement(agencyId, text));

    /// <summary>Makes the statements say <paramref name="statements"/>, one per agency: reworded in place, added, or removed.</summary>
    internal void ReplaceStatements(IReadOnlyList<(int AgencyId, string Text)> statements)
    {
        if (statements.GroupBy(s => s.AgencyId).Any(g => g.Count() > 1))
        {
            throw new DomainRuleException("Rule.AgencyTwice", "An agency has one statement on an activity.");
        }

        // Every statement is checked before any changes, so a refused one leaves the activity as it was.
        var wanted = statements.Select(s => new AgencyStatement(s.AgencyId, s.Text)).ToList();
        _statements.RemoveAll(existing => !wanted.Exists(s => s.AgencyId == existing.AgencyId));
        foreach (var (agencyId, text) in wanted.Select(s => (s.AgencyId, s.Text)))
        {
            if (_statements.Find(s => s.AgencyId == agencyId) is { } existing)
            {
                existing.Reword(text);
            }
            else
            {
                _statements.Add(new AgencyStatement(agencyId, text));
            }
        }
    }

    /// <summary>The roles that apply to <paramref name="task"/>: its own, or else the activity's.</summary>
    public IReadOnlyList<Assignment> AssignmentsOf(ActivityTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return task.Assignments.Count > 0 ? task.Assignments : _assignments;
    }

    /// <summary>
    /// The agency's strongest role on the activity: its activity-level role, or for an activity
    /// whose roles are set per task, Lead if it leads any task, else Supporting if it supports one.
    /// </summary>
    public AssignmentRole? RoleOf(int agencyId)
    {
        var own = _assignments.Find(a => a.AgencyId == agencyId);
        if (own is not null)
        {
            return own.Role;
        }

        var roles = _tasks.SelectMany(t => t.Assignments).Where(a => a.AgencyId == agencyId).Select(a => a.Role).ToList();
        return roles.Count == 0 ? null : roles.Min();
    }

    /// <summary>Every agency with a role on the activity or one of its tasks.</summary>
    public IReadOnlyList<int> InvolvedAgencyIds =>
        [.. _assignments.Select(a => a.AgencyId).Concat(_tasks.SelectMany(t => t.Assignments).Select(a => a.AgencyId)).Distinct().Order()];

    /// <summary>The agency that leads the whole activity; null when it is joint or led per task.</summary>
    public int? LeadAgencyId => _assignments.Find(a => a.Role == AssignmentRole.Lead)?.AgencyId;

    /// <summary>Whether the agency has any role on the activity or any of its tasks (it may then log progress).</summary>
    public bool Involves(int agencyId) => RoleOf(agencyId) is not null;
}
