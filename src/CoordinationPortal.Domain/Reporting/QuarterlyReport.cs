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
    private readonly List<ReportLineComment> _lineComments = [];
    private readonly List<ReportSubmission> _submissions = [];

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

    /// <summary>
    /// What a step said about single lines: a reviewer's comment on a line when returning or
    /// approving, the province's answer to it when submitting again. Author and time are the step's.
    /// </summary>
    public IReadOnlyList<ReportLineComment> LineComments => _lineComments;

    /// <summary>
    /// The content as sent at each submission (ADR 0035), for "what changed since the last one".
    /// Not loaded with the report: read it through its own query; <see cref="Submit"/> appends.
    /// </summary>
    public IReadOnlyList<ReportSubmission> Submissions => _submissions;

    /// <summary>The province's answer to the overall comment of the step that handed the report back, while it is written; sent with the next submission.</summary>
    public string? Reply { get; private set; }

    /// <summary>The step that handed the report back (a return or a reopening) and is still open: the one the province answers.</summary>
    public ReportTransition? HandedBackBy => HandedBackIn(State, _transitions);

    /// <summary>The same, from a state and the steps (for pages that read the steps without the report).</summary>
    public static ReportTransition? HandedBackIn(ReportState state, IEnumerable<ReportTransition> steps) =>
        state == ReportState.Returned ? steps.Where(t => t.To == ReportState.Returned).MaxBy(t => t.Number) : null;

    /// <summary>
    /// Handed back after approval (the workflow's Returned, reached by reopening): the province is told
    /// it was reopened, and why, rather than that its report was found wanting.
    /// </summary>
    public bool IsReopened => IsReopenedAfter(State, _transitions.Count == 0 ? null : _transitions.MaxBy(t => t.Number)!.Action);

    /// <summary>The same, from a state and the last step taken (for projections that do not load the report).</summary>
    public static bool IsReopenedAfter(ReportState state, ReportAction? lastAction) => state == ReportState.Returned && lastAction == ReportAction.Reopen;

    public bool IsEditable => ReportWorkflow.IsEditable(State);

    /// <summary>
    /// A new draft of a published plan, with an empty line for each activity that runs in the quarter
    /// and that provinces report on (central-only activities have no line). Started from
    /// <paramref name="previous"/> (the same branch's report of an earlier quarter of the same plan),
    /// each line that activity had takes its results and difficulties text, marked for review until
    /// edited; statuses, reasons, proposals and numbers start empty, as they belong to the new quarter.
    /// </summary>
    public static QuarterlyReport Start(Plan plan, Quarter quarter, int provinceId, int agencyId, string createdById, DateTime nowUtc, QuarterlyReport? previous = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.IsDraft)
        {
            throw new DomainRuleException("Rule.PlanNotPublished", $"Plan {plan.Number} is a draft and receives no reports yet.", plan.Number);
        }

        var activities = ProvincialActivities(plan, quarter);
        if (activities.Count == 0)
        {
            throw new DomainRuleException("Rule.NothingToReport", $"No activity of plan {plan.Number} runs in {quarter}.", quarter);
        }

        if (previous is not null && !IsPreviousOf(previous, plan.Id, quarter, provinceId, agencyId))
        {
            throw new DomainRuleException("Rule.NotAPreviousReport", "A report starts only from its own branch's report of an earlier quarter of the same plan.");
        }

        var report = new QuarterlyReport(plan.Id, quarter, provinceId, agencyId, createdById, nowUtc);
        report._lines.AddRange(activities.Select(a => new ReportLine(a.Id)));
        if (previous is not null)
        {
            foreach (var line in report._lines)
            {
                if (previous._lines.Find(l => l.ActivityId == line.ActivityId) is { } earlier)
                {
                    line.CarryOver(earlier);
                }
            }
        }

        return report;
    }

    /// <summary>Whether <paramref name="report"/> may seed the branch's report of <paramref name="quarter"/>: same plan, same branch, an earlier quarter.</summary>
    public static bool IsPreviousOf(QuarterlyReport report, int planId, Quarter quarter, int provinceId, int agencyId)
    {
        ArgumentNullException.ThrowIfNull(report);
        return report.PlanId == planId && report.ProvinceId == provinceId && report.AgencyId == agencyId && report.Quarter < quarter;
    }

    /// <summary>The activities a provincial report of <paramref name="quarter"/> has a line for, in the plan's order.</summary>
    public static IReadOnlyList<Activity> ProvincialActivities(Plan plan, Quarter quarter)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return [.. plan.Activities.Where(a => a.ProvincesReport && a.Window.Contains(quarter)).OrderBy(a => a.Number)];
    }

    /// <summary>
    /// Saves what the province typed (any number of times while editable). Only what differs from
    /// the stored report is changed; a save that changes nothing leaves the report, its version and
    /// its history as they were.
    /// </summary>
    /// <returns>Whether anything changed.</returns>
    public bool Write(IReadOnlyDictionary<int, LineContent> contentByActivity, string byName, DateTime nowUtc, ProvinceReply? reply = null)
    {
        ArgumentNullException.ThrowIfNull(contentByActivity);
        if (!IsEditable)
        {
            throw new DomainRuleException("Rule.ReportReadOnly", $"A {State} report is read-only.", State);
        }

        if (contentByActivity.Keys.Any(id => !_lines.Exists(l => l.ActivityId == id)))
        {
            throw new DomainRuleException("Rule.NoSuchLine", "The report has no line for that activity.");
        }

        var changed = false;
        foreach (var line in _lines)
        {
            if (contentByActivity.TryGetValue(line.ActivityId, out var content))
            {
                changed |= line.Write(content);
            }
        }

        if (reply is not null)
        {
            changed |= WriteReply(reply);
        }

        if (changed)
        {
            Touch(byName, nowUtc);
        }

        return changed;
    }

    /// <summary>Whether <paramref name="contentByActivity"/> says exactly what the report holds now.</summary>
    public bool Holds(IReadOnlyDictionary<int, LineContent> contentByActivity, ProvinceReply? reply = null)
    {
        ArgumentNullException.ThrowIfNull(contentByActivity);
        return _lines.TrueForAll(l => !contentByActivity.TryGetValue(l.ActivityId, out var content) || l.Holds(content))
            && (reply is null || (Reply == Stored(reply.Overall) && _lines.TrueForAll(l => !reply.Lines.TryGetValue(l.ActivityId, out var text) || l.Reply == Stored(text))));
    }

    /// <summary>
    /// Keeps the province's answers to the comments that handed the report back: to the overall
    /// comment and to each line's. Only a handed-back report has anything to answer.
    /// </summary>
    private bool WriteReply(ProvinceReply reply)
    {
        if (reply.Lines.Keys.Any(id => !_lines.Exists(l => l.ActivityId == id)))
        {
            throw new DomainRuleException("Rule.NoSuchLine", "The report has no line for that activity.");
        }

        var overall = Guard.OptionalText(reply.Overall, MaxCommentLength, "Reply");
        var lines = reply.Lines.ToDictionary(p => p.Key, p => Guard.OptionalText(p.Value, MaxCommentLength, "Reply"));
        if (HandedBackBy is null && (overall is not null || lines.Values.Any(v => v is not null)))
        {
            throw new DomainRuleException("Rule.NothingToAnswer", "Only a report that was handed back has comments to answer.");
        }

        var changed = Reply != overall;
        Reply = overall;
        foreach (var line in _lines)
        {
            if (lines.TryGetValue(line.ActivityId, out var text))
            {
                changed |= line.Reply != text;
                line.Reply = text;
            }
        }

        return changed;
    }

    /// <summary>The activities still missing a status, which must be given before submitting.</summary>
    public IReadOnlyList<int> ActivitiesMissingStatus => [.. _lines.Where(l => l.Status is null).Select(l => l.ActivityId)];

    /// <summary>
    /// The activities that say neither what was done nor why nothing was: a status alone is not a
    /// report, so each line needs its results or a reason there are none before submitting.
    /// </summary>
    public IReadOnlyList<int> ActivitiesMissingResults => [.. _lines.Where(l => !l.HasResultsOrReason).Select(l => l.ActivityId)];

    /// <summary>Whether every line is complete enough to be sent (a draft may be saved in any state).</summary>
    public bool IsReadyToSubmit => ActivitiesMissingStatus.Count == 0 && ActivitiesMissingResults.Count == 0;

    public void Submit(string byId, string byName, DateTime nowUtc)
    {
        if (ActivitiesMissingStatus.Count > 0)
        {
            throw new DomainRuleException("Rule.StatusNeeded", "Every activity needs a status before the report is submitted.");
        }

        if (ActivitiesMissingResults.Count > 0)
        {
            throw new DomainRuleException("Rule.ResultsOrReasonNeeded", "Every activity needs its results, or a reason there are none, before the report is submitted.");
        }

        // The answers written since the report was handed back go out with it, as this step's words.
        var answers = _lines.Where(l => l.Reply is not null).ToDictionary(l => l.ActivityId, l => l.Reply);
        Move(ReportAction.Submit, byId, byName, nowUtc, Reply, answers);
        Reply = null;
        _lines.ForEach(l => l.Reply = null);
        FirstSubmittedAtUtc ??= nowUtc;
        LastSubmittedAtUtc = nowUtc;
        _submissions.Add(new ReportSubmission(_transitions[^1].Number, nowUtc, [.. _lines.Select(SubmittedLine.Of)]));
    }

    public void Approve(string byId, string byName, DateTime nowUtc, string? comment = null, IReadOnlyDictionary<int, string?>? lineComments = null) =>
        Move(ReportAction.Approve, byId, byName, nowUtc, comment, lineComments);

    /// <summary>Hands the report back to the province: at least one comment, overall or on a line, says what to fix.</summary>
    public void Return(string byId, string byName, DateTime nowUtc, string? comment, IReadOnlyDictionary<int, string?>? lineComments = null) =>
        Move(ReportAction.Return, byId, byName, nowUtc, comment, lineComments);

    public void Reopen(string byId, string byName, DateTime nowUtc, string reason) =>
        Move(ReportAction.Reopen, byId, byName, nowUtc, reason);

    private void Move(ReportAction action, string byId, string byName, DateTime nowUtc, string? comment, IReadOnlyDictionary<int, string?>? lineComments = null)
    {
        var to = ReportWorkflow.Next(State, action);
        var onLines = LineTexts(lineComments);
        if (onLines.Count > 0 && action == ReportAction.Reopen)
        {
            throw new DomainRuleException("Rule.NoLineComments", "A reopening gives its reason for the whole report.");
        }

        if (ReportWorkflow.RequiresComment(action) && string.IsNullOrWhiteSpace(PlainText.Clean(comment)) && onLines.Count == 0)
        {
            throw new DomainRuleException("Rule.CommentNeeded", $"{action} needs a comment saying why.", action);
        }

        var number = _transitions.Count + 1;
        _transitions.Add(new ReportTransition(
            number,
            State,
            to,
            action,
            Guard.Text(byId, 450, "User"),
            Guard.Text(byName, 256, "User name"),
            nowUtc,
            Guard.OptionalText(comment, MaxCommentLength, "Comment")));
        _lineComments.AddRange(onLines.Select(p => new ReportLineComment(number, p.Key, p.Value)));
        State = to;
        Touch(byName, nowUtc);
    }

    /// <summary>
    /// Comments on lines, cleaned, the empty ones left out. A comment on a line the report does not
    /// have is refused; one too long names its line, so the page shows the reason in that box.
    /// </summary>
    private Dictionary<int, string> LineTexts(IReadOnlyDictionary<int, string?>? lineComments)
    {
        var texts = new Dictionary<int, string>();
        foreach (var (activityId, text) in lineComments ?? new Dictionary<int, string?>())
        {
            if (!_lines.Exists(l => l.ActivityId == activityId))
            {
                throw new DomainRuleException("Rule.NoSuchLine", "The report has no line for that activity.");
            }

            var cleaned = Stored(text);
            if (cleaned is null)
            {
                continue;
            }

            if (cleaned.Length > MaxCommentLength)
            {
                throw new DomainRuleException("Rule.LineCommentTooLong", $"The comment on activity {activityId} is longer than {MaxCommentLength} characters.", activityId, MaxCommentLength);
            }

            texts[activityId] = cleaned;
        }

        return texts;
    }

    private static string? Stored(string? text) => string.IsNullOrWhiteSpace(PlainText.Clean(text)) ? null : PlainText.Clean(text)!.Trim();

    private void Touch(string byName, DateTime nowUtc)
    {
        UpdatedAtUtc = nowUtc;
        UpdatedByName = byName;
        Version++;
    }
}

/// <summary>The province's answers to the comments that handed its report back: to the overall one, and by activity to each line's.</summary>
public sealed record ProvinceReply(string? Overall, IReadOnlyDictionary<int, string?> Lines);

/// <summary>
/// What a step of the history said about one line (the step's <see cref="ReportTransition.Number"/>):
/// a reviewer's comment, or the province's answer sent with a submission.
/// </summary>
public sealed record ReportLineComment(int Step, int ActivityId, string Text);

/// <summary>What the province writes about one activity; <paramref name="NoResultsReason"/> says why there are no results yet.</summary>
public sealed record LineContent(ActivityStatus? Status, string? Results, string? Difficulties, string? Proposals, IReadOnlyList<IndicatorValue> Values, string? NoResultsReason = null);

/// <summary>One activity's part of a quarterly report.</summary>
public sealed class ReportLine
{
    public const int MaxTextLength = 4000;

    public const int MaxReasonLength = 1000;

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

    /// <summary>Why the line has no results this quarter (not started yet, postponed...): what makes a line without results honest.</summary>
    public string? NoResultsReason { get; private set; }

    /// <summary>
    /// The results and difficulties were copied from the previous quarter's report and not edited
    /// since: the officer is asked to review them, and the reviewer sees they were carried over.
    /// </summary>
    public bool CarriedOver { get; private set; }

    /// <summary>The line says what was done, or why nothing was.</summary>
    public bool HasResultsOrReason => Results is not null || NoResultsReason is not null;

    public IReadOnlyList<IndicatorValue> Values => _values;

    /// <summary>The province's answer to this line's comment, while the handed-back report is written; see <see cref="QuarterlyReport.Reply"/>.</summary>
    public string? Reply { get; internal set; }

    /// <summary>Takes the text of the same activity's line in an earlier report, marked for review.</summary>
    internal void CarryOver(ReportLine earlier)
    {
        (Results, Difficulties) = (earlier.Results, earlier.Difficulties);
        CarriedOver = Results is not null || Difficulties is not null;
    }

    /// <returns>Whether anything changed.</returns>
    internal bool Write(LineContent content)
    {
        if (content.Status is { } status && !Enum.IsDefined(status))
        {
            throw new DomainRuleException("Rule.UnknownStatus", $"Unknown status {status}.", status);
        }

        var results = Guard.OptionalText(content.Results, MaxTextLength, "Results");
        var difficulties = Guard.OptionalText(content.Difficulties, MaxTextLength, "Difficulties");
        var proposals = Guard.OptionalText(content.Proposals, MaxTextLength, "Proposals");
        var reason = Guard.OptionalText(content.NoResultsReason, MaxReasonLength, "Reason");
        var textEdited = Results != results || Difficulties != difficulties;
        var changed = Status != content.Status || textEdited || Proposals != proposals || NoResultsReason != reason;
        (Status, Results, Difficulties, Proposals, NoResultsReason) = (content.Status, results, difficulties, proposals, reason);
        if (textEdited)
        {
            CarriedOver = false; // edited: the copied text has been looked at
        }

        return IndicatorValue.Replace(_values, content.Values ?? []) | changed;
    }

    /// <summary>Whether the line already says exactly <paramref name="content"/> (text compared as it would be stored).</summary>
    internal bool Holds(LineContent content) =>
        Status == content.Status
        && Results == Stored(content.Results)
        && Difficulties == Stored(content.Difficulties)
        && Proposals == Stored(content.Proposals)
        && NoResultsReason == Stored(content.NoResultsReason)
        && _values.Count == (content.Values ?? []).Count
        && (content.Values ?? []).All(v => _values.Exists(x => x.IndicatorId == v.IndicatorId && x.Value == v.Value));

    private static string? Stored(string? text) => string.IsNullOrWhiteSpace(PlainText.Clean(text)) ? null : PlainText.Clean(text)!.Trim();
}

/// <summary>One step of a report's history.</summary>
public sealed record ReportTransition(int Number, ReportState From, ReportState To, ReportAction Action, string ById, string ByName, DateTime AtUtc, string? Comment);
