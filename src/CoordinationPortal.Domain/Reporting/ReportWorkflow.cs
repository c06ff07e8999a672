using CoordinationPortal.Domain.Common;

namespace CoordinationPortal.Domain.Reporting;

/// <summary>Where a quarterly report is in its review.</summary>
public enum ReportState
{
    Draft = 1,
    Submitted = 2,
    Returned = 3,
    Approved = 4,
}

/// <summary>What can be done to a report.</summary>
public enum ReportAction
{
    Submit = 1,
    Approve = 2,
    Return = 3,
    Reopen = 4,
}

/// <summary>
/// docs/product-guide.md, section 5: Draft -> Submitted -> Approved, or Submitted -> Returned (a comment is
/// required) -> Submitted again; an approved report can be reopened with a reason, which hands it
/// back to the province as Returned. Anything else is refused.
/// </summary>
public static class ReportWorkflow
{
    private static readonly Dictionary<(ReportState From, ReportAction Action), ReportState> Transitions = new()
    {
        [(ReportState.Draft, ReportAction.Submit)] = ReportState.Submitted,
        [(ReportState.Returned, ReportAction.Submit)] = ReportState.Submitted,
        [(ReportState.Submitted, ReportAction.Approve)] = ReportState.Approved,
        [(ReportState.Submitted, ReportAction.Return)] = ReportState.Returned,
        [(ReportState.Approved, ReportAction.Reopen)] = ReportState.Returned,
    };

    public static bool IsAllowed(ReportState from, ReportAction action) => Transitions.ContainsKey((from, action));

    public static ReportState Next(ReportState from, ReportAction action) =>
        Transitions.TryGetValue((from, action), out var to)
            ? to
            : throw new DomainRuleException("Rule.WrongState", $"A {from} report cannot be {action}ed.", from, action);

    /// <summary>Returning and reopening say why; approving and submitting may.</summary>
    public static bool RequiresComment(ReportAction action) => action is ReportAction.Return or ReportAction.Reopen;

    /// <summary>The province writes while the report is a draft or has been returned; otherwise it is read-only.</summary>
    public static bool IsEditable(ReportState state) => state is ReportState.Draft or ReportState.Returned;
}
