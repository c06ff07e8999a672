using CoordinationPortal.Domain.Calendar;
using CoordinationPortal.Domain.Common;

namespace CoordinationPortal.Domain.Reporting;

/// <summary>Where a province's request for more time stands.</summary>
public enum ExtensionState
{
    Pending = 1,
    Granted = 2,
    Declined = 3,
}

/// <summary>What a central officer does with a pending request.</summary>
public enum ExtensionDecision
{
    Grant = 1,
    Decline = 2,
}

/// <summary>
/// Pending -> Granted (with a lock exemption until a date) or Pending -> Declined (a comment is
/// required). A decided request is final: the province asks again if it still needs time.
/// </summary>
public static class ExtensionWorkflow
{
    private static readonly Dictionary<(ExtensionState From, ExtensionDecision Decision), ExtensionState> Transitions = new()
    {
        [(ExtensionState.Pending, ExtensionDecision.Grant)] = ExtensionState.Granted,
        [(ExtensionState.Pending, ExtensionDecision.Decline)] = ExtensionState.Declined,
    };

    public static bool IsAllowed(ExtensionState from, ExtensionDecision decision) => Transitions.ContainsKey((from, decision));

    public static ExtensionState Next(ExtensionState from, ExtensionDecision decision) =>
        Transitions.TryGetValue((from, decision), out var to)
            ? to
            : throw new DomainRuleException("Rule.ExtensionDecided", $"A {from} extension request cannot be decided again.", from, decision);

    /// <summary>
    /// A branch may ask while its report is not yet sent (none, or a draft) and the quarter is locked
    /// for it, or locks within <paramref name="noticeDays"/> days. A returned report needs no
    /// extension (the centre asked for the correction, it stays writable); a sent one nothing to extend.
    /// </summary>
    public static bool MayAsk(ReportState? report, bool writable, DateOnly locksOn, DateOnly today, int noticeDays) =>
        report is null or ReportState.Draft && (!writable || locksOn.DayNumber - today.DayNumber <= noticeDays);
}

/// <summary>
/// A province-branch's request for more time on a quarter that is locked for it, or about to be.
/// Granting it creates the same <see cref="LockExemption"/> an administrator gives, by the same rule.
/// </summary>
public sealed class ExtensionRequest
{
    public const int MaxReasonLength = 2000;
    public const int MaxCommentLength = 2000;

    private ExtensionRequest()
    {
        Reason = string.Empty;
        RequestedById = string.Empty;
        RequestedByName = string.Empty;
    }

    public int Id { get; private set; }

    public int PlanId { get; private set; }

    public Quarter Quarter { get; private set; }

    public int ProvinceId { get; private set; }

    public int AgencyId { get; private set; }

    /// <summary>The branch's report of the quarter when it had one at the time of asking.</summary>
    public int? ReportId { get; private set; }

    public string Reason { get; private set; }

    /// <summary>The last day the province proposes to write until.</summary>
    public DateOnly ProposedUntil { get; private set; }

    public string RequestedById { get; private set; }

    public string RequestedByName { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    public ExtensionState State { get; private set; }

    public string? DecidedById { get; private set; }

    public string? DecidedByName { get; private set; }

    public DateTime? DecidedAtUtc { get; private set; }

    /// <summary>The last day the branch may write, when granted.</summary>
    public DateOnly? GrantedUntil { get; private set; }

    /// <summary>Why it was declined (required), or a note with a grant (optional).</summary>
    public string? DecisionComment { get; private set; }

    /// <summary>The exemption a grant created.</summary>
    public int? ExemptionId { get; private set; }

    public LockExemption? Exemption { get; private set; }

    /// <summary>
    /// Asks for more time. The proposed date runs from today to at most <paramref name="maxDays"/>
    /// ahead, the longest a central officer may grant.
    /// </summary>
    public static ExtensionRequest Ask(int planId, Quarter quarter, int provinceId, int agencyId, int? reportId, string? reason, DateOnly proposedUntil, string byId, string byName, DateTime nowUtc, int maxDays)
    {
        var today = VietnamTime.Today(new DateTimeOffset(DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc)));
        if (proposedUntil < today || proposedUntil > today.AddDays(maxDays))
        {
            throw new DomainRuleException("Rule.ExtensionProposedDate", $"The proposed date runs from today to at most {maxDays} days ahead.", today, today.AddDays(maxDays));
        }

        return new ExtensionRequest
        {
            PlanId = planId,
            Quarter = quarter,
            ProvinceId = provinceId,
            AgencyId = agencyId,
            ReportId = reportId,
            Reason = Guard.Text(reason, MaxReasonLength, "Reason"),
            ProposedUntil = proposedUntil,
            RequestedById = byId,
            RequestedByName = byName,
            CreatedAtUtc = nowUtc,
            State = ExtensionState.Pending,
        };
    }

    /// <summary>Grants the request with the exemption made for it (<see cref="LockExemption"/> checked its date).</summary>
    public void Grant(LockExemption exemption, string? comment, string byId, string byName, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(exemption);
        if (exemption.PlanId != PlanId || exemption.Quarter != Quarter || exemption.ProvinceId != ProvinceId || exemption.AgencyId != AgencyId)
        {
            throw new DomainRuleException("The exemption is for another branch or quarter.");
        }

        var next = ExtensionWorkflow.Next(State, ExtensionDecision.Grant);
        DecisionComment = Guard.OptionalText(comment, MaxCommentLength, "Comment");
        Decide(next, byId, byName, nowUtc);
        GrantedUntil = exemption.Until;
        Exemption = exemption;
    }

    /// <summary>Declines the request; the province is told why.</summary>
    public void Decline(string? comment, string byId, string byName, DateTime nowUtc)
    {
        var next = ExtensionWorkflow.Next(State, ExtensionDecision.Decline);
        if (string.IsNullOrWhiteSpace(PlainText.Clean(comment)))
        {
            throw new DomainRuleException("Rule.CommentNeeded", "Declining a request needs a comment.");
        }

        DecisionComment = Guard.Text(comment, MaxCommentLength, "Comment");
        Decide(next, byId, byName, nowUtc);
    }

    private void Decide(ExtensionState next, string byId, string byName, DateTime nowUtc)
    {
        State = next;
        DecidedById = byId;
        DecidedByName = byName;
        DecidedAtUtc = nowUtc;
    }
}
