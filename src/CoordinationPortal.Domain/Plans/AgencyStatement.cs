using CoordinationPortal.Domain.Common;

namespace CoordinationPortal.Domain.Plans;

/// <summary>
/// What the plan says one agency does on an activity, in the plan's own words
/// ("Trung ương Hội LHPN Việt Nam: Chủ trì xây dựng kế hoạch, ...").
/// </summary>
public sealed class AgencyStatement
{
    public const int MaxTextLength = 2000;

    public AgencyStatement(int agencyId, string text)
    {
        AgencyId = agencyId > 0 ? agencyId : throw new DomainRuleException("A statement needs a saved agency.");
        Text = Guard.Text(text, MaxTextLength, "Statement");
    }

    public int AgencyId { get; private set; }

    public string Text { get; private set; }

    internal void Reword(string text) => Text = Guard.Text(text, MaxTextLength, "Statement");
}
