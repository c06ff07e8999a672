using CoordinationPortal.Domain.Common;

namespace CoordinationPortal.Domain.Plans;

/// <summary>A bullet point (nhiệm vụ) inside an activity. Its own assignments, when it has any, override the activity's.</summary>
public sealed class ActivityTask
{
    public const int MaxTextLength = 4000;

    private readonly List<Assignment> _assignments = [];

    internal ActivityTask(int number, string text)
    {
        Number = number;
        Text = Guard.Text(text, MaxTextLength, "Task text");
    }

    private ActivityTask()
    {
        Text = string.Empty;
    }

    public int Id { get; private set; }

    public int ActivityId { get; private set; }

    /// <summary>Position of the bullet within its activity, from 1.</summary>
    public int Number { get; private set; }

    public string Text { get; private set; }

    public IReadOnlyList<Assignment> Assignments => _assignments;

    public void Assign(int agencyId, AssignmentRole role) => Assignment.AddTo(_assignments, agencyId, role);

    internal void Renumber(int number) => Number = number;

    internal void Reword(string text) => Text = Guard.Text(text, MaxTextLength, "Task text");

    /// <summary>Replaces the task's own roles (none: the activity's apply).</summary>
    internal void ReplaceAssignments(IEnumerable<(int AgencyId, AssignmentRole Role)> roles)
    {
        _assignments.Clear();
        foreach (var (agencyId, role) in roles)
        {
            Assignment.AddTo(_assignments, agencyId, role);
        }
    }
}
