using CoordinationPortal.Domain.Common;
using CoordinationPortal.Domain.Indicators;

namespace CoordinationPortal.Domain.Progress;

/// <summary>
/// A central agency's dated entry in an activity's journal: where it stands, what was done, what
/// is in the way, what comes next, and the numbers. Any officer of the author's agency may correct it.
/// </summary>
public sealed class ProgressEntry
{
    public const int MaxTextLength = 4000;

    private readonly List<IndicatorValue> _values = [];

    public ProgressEntry(int activityId, int? taskId, int agencyId, string authorId, string authorName, DateTime createdAtUtc, ProgressContent content)
    {
        ActivityId = activityId;
        TaskId = taskId;
        AgencyId = agencyId;
        AuthorId = Guard.Text(authorId, 450, "Author");
        AuthorName = Guard.Text(authorName, 256, "Author name");
        CreatedAtUtc = createdAtUtc;
        UpdatedAtUtc = createdAtUtc;
        Version = 1;
        Done = string.Empty;
        Apply(content);
    }

    private ProgressEntry()
    {
        AuthorId = string.Empty;
        AuthorName = string.Empty;
        Done = string.Empty;
    }

    public int Id { get; private set; }

    public int ActivityId { get; private set; }

    /// <summary>The task (bullet) the entry is about, or null for the activity as a whole.</summary>
    public int? TaskId { get; private set; }

    /// <summary>The agency the entry speaks for: the author's at the time of writing.</summary>
    public int AgencyId { get; private set; }

    public string AuthorId { get; private set; }

    public string AuthorName { get; private set; }

    /// <summary>The date the entry reports on (not when it was typed).</summary>
    public DateOnly ReportedOn { get; private set; }

    public ActivityStatus Status { get; private set; }

    public int PercentComplete { get; private set; }

    public string Done { get; private set; }

    public string? Difficulties { get; private set; }

    public string? NextSteps { get; private set; }

    public IReadOnlyList<IndicatorValue> Values => _values;

    public DateTime CreatedAtUtc { get; private set; }

    public DateTime UpdatedAtUtc { get; private set; }

    public string? UpdatedByName { get; private set; }

    /// <summary>Goes up by one on every change; a form that started from an older version is refused.</summary>
    public int Version { get; private set; }

    public bool CanBeCorrectedBy(int agencyId) => agencyId == AgencyId;

    /// <summary>
    /// The days an entry of a plan's year may report on: within that year, and not in the future
    /// (an entry dated 31/12/9999 would stay "the latest word" for ever).
    /// </summary>
    public static (DateOnly From, DateOnly To) ReportableDays(int planYear, DateOnly today)
    {
        var from = new DateOnly(planYear, 1, 1);
        var yearEnd = new DateOnly(planYear, 12, 31);
        return (from, today < yearEnd ? today : yearEnd);
    }

    /// <summary>
    /// A correction by an officer of the same agency; the previous values stay in the audit trail.
    /// A correction that changes nothing leaves the entry (and its version) as it was.
    /// </summary>
    /// <returns>Whether anything changed.</returns>
    public bool Correct(int correctorAgencyId, string correctorName, DateTime nowUtc, ProgressContent content)
    {
        if (!CanBeCorrectedBy(correctorAgencyId))
        {
            throw new DomainRuleException("Rule.NotYourEntry", "Only the author's agency can correct a progress entry.");
        }

        if (!Apply(content))
        {
            return false;
        }

        UpdatedAtUtc = nowUtc;
        UpdatedByName = correctorName;
        Version++;
        return true;
    }

    private bool Apply(ProgressContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (!Enum.IsDefined(content.Status))
        {
            throw new DomainRuleException("Rule.UnknownStatus", $"Unknown status {content.Status}.", content.Status);
        }

        if (content.PercentComplete is < 0 or > 100)
        {
            throw new DomainRuleException("Rule.Percent", "Percent complete is between 0 and 100.");
        }

        if (content.ReportedOn < Calendar.Quarter.EarliestDay || content.ReportedOn > Calendar.Quarter.LatestDay)
        {
            throw new DomainRuleException("Rule.DateRange", $"{content.ReportedOn:dd/MM/yyyy} is outside the years the portal records.", content.ReportedOn);
        }

        var percent = content.Status == ActivityStatus.Completed ? 100 : content.PercentComplete;
        var done = Guard.Text(content.Done, MaxTextLength, "What was done");
        var difficulties = Guard.OptionalText(content.Difficulties, MaxTextLength, "Difficulties");
        var nextSteps = Guard.OptionalText(content.NextSteps, MaxTextLength, "Next steps");
        var changed = ReportedOn != content.ReportedOn || Status != content.Status || PercentComplete != percent
            || Done != done || Difficulties != difficulties || NextSteps != nextSteps;
        (ReportedOn, Status, PercentComplete, Done, Difficulties, NextSteps) = (content.ReportedOn, content.Status, percent, done, difficulties, nextSteps);
        return IndicatorValue.Replace(_values, content.Values) | changed;
    }
}

/// <summary>What an officer writes in a progress entry.</summary>
public sealed record ProgressContent(
    DateOnly ReportedOn,
    ActivityStatus Status,
    int PercentComplete,
    string Done,
    string? Difficulties,
    string? NextSteps,
    IReadOnlyList<IndicatorValue> Values);
