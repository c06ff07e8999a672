using CoordinationPortal.Data.Auditing;
using CoordinationPortal.Domain.Calendar;

namespace CoordinationPortal.Data.ReadModels;

/// <summary>
/// One indicator's total over the reports that count in results, for one plan, quarter and agency
/// branch: a read model the dashboard reads instead of summing every report line value on every
/// request (ADR 0057). Never written by hand: <see cref="IndicatorTotals"/> recomputes the rows of a
/// plan, quarter and agency in the same transaction as any save that changes what they sum.
/// Unaudited: it records no decision, only a sum of audited rows.
/// </summary>
public sealed class IndicatorQuarterTotal(int planId, Quarter quarter, int agencyId, int indicatorId, long total) : IUnaudited
{
    public int PlanId { get; private set; } = planId;

    public Quarter Quarter { get; private set; } = quarter;

    public int AgencyId { get; private set; } = agencyId;

    public int IndicatorId { get; private set; } = indicatorId;

    public long Total { get; private set; } = total;
}
