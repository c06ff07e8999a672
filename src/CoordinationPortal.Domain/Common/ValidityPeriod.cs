using CoordinationPortal.Domain.Calendar;

namespace CoordinationPortal.Domain.Common;

/// <summary>
/// The days on which something (a province, an agency's name) exists, both ends inclusive.
/// A missing end means "open": from the beginning of records, or still valid today.
/// </summary>
public sealed record ValidityPeriod
{
    public ValidityPeriod(DateOnly? from, DateOnly? to)
    {
        if (from is { } f && to is { } t && t < f)
        {
            throw new DomainRuleException($"A validity period cannot end ({t:dd/MM/yyyy}) before it starts ({f:dd/MM/yyyy}).");
        }

        From = from;
        To = to;
    }

    public static ValidityPeriod Always { get; } = new(null, null);

    public DateOnly? From { get; }

    public DateOnly? To { get; }

    public bool Contains(DateOnly date) =>
        (From is null || date >= From) && (To is null || date <= To);

    /// <summary>
    /// A body counts for a quarter when it exists on the quarter's last day: the day its report is
    /// written for. So the 63 provinces (valid until 30/06/2025) are expected up to Q2/2025 and the
    /// 34 provinces (from 01/07/2025) from Q3/2025, never both in one quarter.
    /// </summary>
    public bool CountsIn(Quarter quarter) => Contains(quarter.LastDay);

    public bool Overlaps(ValidityPeriod other) =>
        (From is null || other.To is null || From <= other.To) &&
        (To is null || other.From is null || other.From <= To);
}
