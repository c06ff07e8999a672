using CoordinationPortal.Domain.Common;

namespace CoordinationPortal.Domain.Plans;

/// <summary>Where a yearly plan is: being drafted, or published (signed, and open for reports by its calendar).</summary>
public enum PlanState
{
    Draft = 1,
    Published = 2,
}

public enum PlanAction
{
    Publish = 1,
}

/// <summary>
/// A plan is drafted (often copied from last year's), checked and published; only a published plan
/// receives reports. A published plan is not taken back to a draft: its reports rest on it.
/// </summary>
public static class PlanWorkflow
{
    private static readonly Dictionary<(PlanState From, PlanAction Action), PlanState> Transitions = new()
    {
        [(PlanState.Draft, PlanAction.Publish)] = PlanState.Published,
    };

    public static bool IsAllowed(PlanState from, PlanAction action) => Transitions.ContainsKey((from, action));

    public static PlanState Next(PlanState from, PlanAction action) =>
        Transitions.TryGetValue((from, action), out var to)
            ? to
            : throw new DomainRuleException("Rule.PlanWrongState", $"A {from} plan cannot be {action}ed.", from, action);
}

/// <summary>Something that stops a plan from being published, with what the page needs to say it.</summary>
public sealed record PlanProblem(string Code, params object[] Arguments);
