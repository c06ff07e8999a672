using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Domain.Common;
using CoordinationPortal.Domain.Indicators;
using CoordinationPortal.Domain.Plans;
using CoordinationPortal.Domain.Progress;

namespace CoordinationPortal.Domain.Reporting;

/// <summary>
/// A provincial branch's update for one quarter of a plan: a line per activity that runs in that
/// quarter. The province writes it while it is a draft or returned; the branch's central agency
/// approves or returns it. Every transition is kept, with who, when and why.
/// </summary>
public sealed class QuarterlyReport
{
    public const int MaxCommentLength = 2000;

    private readonly List<ReportLine> _lines = [];
    private readonly List<ReportTransition> _transitions = [];

    private QuarterlyReport(int planId, Quarter quarter, int provinceId, int agencyId, string createdById, DateTime createdAtUtc)
    {
        PlanId = planId;
        Quarter = quarter;
        ProvinceId = provinceId;
        AgencyId = agencyId;
        State = ReportState.Draft;
        CreatedById = createdById;
        CreatedAtUtc = createdAtUtc;
        UpdatedAtUtc = createdAtUtc;
        Version = 1;
    }

    private QuarterlyReport()
    {
        CreatedById = string.Empty;
    }

    public int Id { get; private set; }

    public int PlanId { get; private set; }

    public Quarter Quarter { get; private set; }

    public int ProvinceId { get; private set; }

    /// <summary>The agency whose provincial branch writes the report (and whose central office reviews it).</summary>
    public int AgencyId { get; private set; }

    public ReportState State { get; private set; }

    public string CreatedById { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    public DateTime UpdatedAtUtc { get; private set; }

    /// <summary>Who saved or moved the report last: named when a second editor's save is refused.</summary>
    public string? UpdatedByName { get; private set; }

    /// <summary>Timeliness is judged by the first submission; a resubmission after a return does not make it late.</summary>
    public DateTime? FirstSubmittedAtUtc { get; private set; }

    public DateTime? LastSubmittedAtUtc { get; private set; }

    /// <summary>Goes up by one on every change; a form that started from an older version is refused.</summary>
    public int Version { get; private set; }

    public IReadOnlyList<ReportLine> Lines => _lines;

    public IReadOnlyList<ReportTransition> Transitions => _transitions;

    public bool IsEditable => ReportWorkflow.IsEditable(State);

    /// <summary>A new draft with an empty line for each of the plan's activities that runs in the quarter.</summary>
    public static QuarterlyReport Start(Plan plan, Quarter quarter, int provinceId, int agencyId, string createdById, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var activities = plan.Activities.Where(a => a.Window.Contains(quarter)).OrderBy(a => a.Number).ToList();
        if (activities.Count == 0)
        {
            throw new DomainRuleException($"No activity of plan {plan.Number} runs in {quarter}.");
        }

        var report = new QuarterlyReport(plan.Id, quarter, provinceId, agencyId, createdById, nowUtc);
        report._lines.AddRange(activities.Select(a => new ReportLine(a.Id)));
        return report;
    }

    /// <summary>Saves what the province typed (any number of times while editable).</summary>
    public void Write(IReadOnlyDictionary<int, LineContent> contentByActivity, string byName, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(contentByActivity);
        if (!IsEditable)
        {
            throw new DomainRuleException($"A {State} report is read-only.");
        }

        if (contentByActivity.Keys.Any(id => !_lines.Exists(l => l.ActivityId == id)))
        {
            throw new DomainRuleException("The report has no line for that activity.");
        }

        foreach (var line in _lines)
        {
            if (contentByActivity.TryGetValue(line.ActivityId, out var content))
            {
                line.Write(content);
            }
        }

        Touch(byName, nowUtc);
    }

    /// <summary>The activities still missing a status, which must be given before submitting.</summary>
    public IReadOnlyList<int> ActivitiesMissingStatus => [.. _lines.Where(l => l.Status is null).Select(l => l.ActivityId)];

    public void Submit(string byId, string byName, DateTime nowUtc)
    {
        if (ActivitiesMissingStatus.Count > 0)
        {
            throw new DomainRuleException("Every activity needs a status before the report is submitted.");
        }

        Move(ReportAction.Submit, byId, byName, nowUtc, comment: null);
        FirstSubmittedAtUtc ??= nowUtc;
        LastSubmittedAtUtc = nowUtc;
    }

    public void Approve(string byId, string byName, DateTime nowUtc, string? comment = null) =>
        Move(ReportAction.Approve, byId, byName, nowUtc, comment);

    public void Return(string byId, string byName, DateTime nowUtc, string comment) =>
        Move(ReportAction.Return, byId, byName, nowUtc, comment);

    public void Reopen(string byId, string byName, DateTime nowUtc, string reason) =>
        Move(ReportAction.Reopen, byId, byName, nowUtc, reason);

    private void Move(ReportAction action, string byId, string byName, DateTime nowUtc, string? comment)
    {
        var to = ReportWorkflow.Next(State, action);
        if (ReportWorkflow.RequiresComment(action) && string.IsNullOrWhiteSpace(comment))
        {
            throw new DomainRuleException($"{action} needs a comment saying why.");
        }

        _transitions.Add(new ReportTransition(
            _transitions.Count + 1,
            State,
            to,
            action,
            Guard.Text(byId, 450, "User"),
            Guard.Text(byName, 256, "User name"),
            nowUtc,
            Guard.OptionalText(comment, MaxCommentLength, "Comment")));
        State = to;
        Touch(byName, nowUtc);
    }

    private void Touch(string byName, DateTime nowUtc)
    {
        UpdatedAtUtc = nowUtc;
        UpdatedByName = byName;
        Version++;
    }
}

/// <summary>What the province writes about one activity.</summary>
public sealed record LineContent(ActivityStatus? Status, string? Results, string? Difficulties, string? Proposals, IReadOnlyList<IndicatorValue> Values);

/// <summary>One activity's part of a quarterly report.</summary>
public sealed class ReportLine
{
    public const int MaxTextLength = 4000;

    private readonly List<IndicatorValue> _values = [];

    internal ReportLine(int activityId)
    {
        ActivityId = activityId;
    }

    private ReportLine()
    {
    }

    public int Id { get; private set; }

    public int ReportId { get; private set; }

    public int ActivityId { get; private set; }

    public ActivityStatus? Status { get; private set; }

    public string? Results { get; private set; }

    public string? Difficulties { get; private set; }

    public string? Proposals { get; private set; }

    public IReadOnlyList<IndicatorValue> Values => _values;

    internal void Write(LineContent content)
    {
        if (content.Status is { } status && !Enum.IsDefined(status))
        {
            throw new DomainRuleException($"Unknown status {status}.");
        }

        Status = content.Status;
        Results = Guard.OptionalText(content.Results, MaxTextLength, "Results");
        Difficulties = Guard.OptionalText(content.Difficulties, MaxTextLength, "Difficulties");
        Proposals = Guard.OptionalText(content.Proposals, MaxTextLength, "Proposals");
        IndicatorValue.Replace(_values, content.Values ?? []);
    }
}

/// <summary>One step of a report's history.</summary>
public sealed record ReportTransition(int Number, ReportState From, ReportState To, ReportAction Action, string ById, string ByName, DateTime AtUtc, string? Comment);
