using CoordinationPortal.Domain.Common;

namespace CoordinationPortal.Domain.Calendar;

/// <summary>
/// When an activity is to be carried out: a run of quarters ("Từ quý II đến quý IV/2024"),
/// optionally with the month it is expected in ("Quý IV, dự kiến tháng 10/2024").
/// </summary>
public sealed record QuarterWindow
{
    public QuarterWindow(Quarter first, Quarter last, int? expectedMonth = null)
    {
        if (last < first)
        {
            throw new DomainRuleException($"A window cannot end ({last}) before it starts ({first}).");
        }

        if (expectedMonth is { } month && !ContainsMonth(first, last, month))
        {
            throw new DomainRuleException($"Expected month {month} is outside the window {first}-{last}.");
        }

        First = first;
        Last = last;
        ExpectedMonth = expectedMonth;
    }

    public Quarter First { get; }

    public Quarter Last { get; }

    /// <summary>Month (1-12) of the window's last year in which the activity is expected, if the plan names one.</summary>
    public int? ExpectedMonth { get; }

    public DateOnly StartsOn => First.FirstDay;

    public DateOnly EndsOn => Last.LastDay;

    public IEnumerable<Quarter> Quarters => Quarter.Range(First, Last);

    public bool Contains(DateOnly date) => date >= StartsOn && date <= EndsOn;

    public bool Contains(Quarter quarter) => quarter >= First && quarter <= Last;

    /// <summary>True once the last day of the window is behind <paramref name="today"/>.</summary>
    public bool HasEndedBy(DateOnly today) => today > EndsOn;

    public bool HasStartedBy(DateOnly today) => today >= StartsOn;

    private static bool ContainsMonth(Quarter first, Quarter last, int month) =>
        month is >= 1 and <= 12 && Quarter.Of(new DateOnly(last.Year, month, 1)) is var q && q >= first && q <= last;
}
