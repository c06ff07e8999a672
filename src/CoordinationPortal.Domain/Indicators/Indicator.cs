using CoordinationPortal.Domain.Common;

namespace CoordinationPortal.Domain.Indicators;

/// <summary>What a number counts: things, people, or Vietnamese dong.</summary>
public enum IndicatorUnit
{
    Count = 1,
    People = 2,
    Vnd = 3,
}

/// <summary>
/// A counted result of an activity (events held, people reached, VND spent). Values point at the
/// indicator's id, so renaming or retiring it never breaks reports already written.
/// </summary>
public sealed class Indicator
{
    public const int MaxNameLength = 300;
    public const int MaxCodeLength = 40;

    public Indicator(int activityId, string code, string name, string? englishName, IndicatorUnit unit, int sortOrder)
    {
        ActivityId = activityId > 0 ? activityId : throw new DomainRuleException("An indicator belongs to a saved activity.");
        Code = Guard.Text(code, MaxCodeLength, "Indicator code");
        Name = Guard.Text(name, MaxNameLength, "Indicator name");
        EnglishName = Guard.OptionalText(englishName, MaxNameLength, "Indicator English name");
        Unit = Enum.IsDefined(unit) ? unit : throw new DomainRuleException($"Unknown unit {unit}.");
        SortOrder = sortOrder;
    }

    private Indicator()
    {
        Code = string.Empty;
        Name = string.Empty;
    }

    public int Id { get; private set; }

    public int ActivityId { get; private set; }

    /// <summary>Stable code for exports and the seed ("A1.EVENTS").</summary>
    public string Code { get; private set; }

    public string Name { get; private set; }

    public string? EnglishName { get; private set; }

    public IndicatorUnit Unit { get; private set; }

    public int SortOrder { get; private set; }

    /// <summary>Retired indicators are not offered on new forms but keep their past values.</summary>
    public bool IsRetired { get; private set; }

    public void Rename(string name, string? englishName)
    {
        Name = Guard.Text(name, MaxNameLength, "Indicator name");
        EnglishName = Guard.OptionalText(englishName, MaxNameLength, "Indicator English name");
    }

    public void Retire() => IsRetired = true;

    public void Restore() => IsRetired = false;
}

/// <summary>One indicator's value on a progress entry or a report line: a whole, non-negative number.</summary>
public sealed class IndicatorValue
{
    public const long MaxValue = 1_000_000_000_000_000; // a quadrillion dong is far beyond any budget line

    public IndicatorValue(int indicatorId, long value)
    {
        IndicatorId = indicatorId;
        Value = value is >= 0 and <= MaxValue ? value : throw new DomainRuleException("Rule.IndicatorValue", "An indicator value is a whole number from 0.", value);
    }

    public int IndicatorId { get; private set; }

    public long Value { get; private set; }

    /// <summary>
    /// Makes <paramref name="target"/> hold exactly <paramref name="values"/>, touching only what
    /// differs: an unchanged value is left alone (so saving the same form twice writes nothing), a
    /// changed one is updated in place, others are added or removed. Refuses two values for one indicator.
    /// </summary>
    /// <returns>Whether anything changed.</returns>
    internal static bool Replace(List<IndicatorValue> target, IEnumerable<IndicatorValue> values)
    {
        var wanted = values.ToList();
        if (wanted.GroupBy(v => v.IndicatorId).Any(g => g.Count() > 1))
        {
            throw new DomainRuleException("Rule.DuplicateIndicator", "An indicator has two values.");
        }

        var changed = target.RemoveAll(v => !wanted.Exists(w => w.IndicatorId == v.IndicatorId)) > 0;
        foreach (var value in wanted)
        {
            var existing = target.Find(v => v.IndicatorId == value.IndicatorId);
            if (existing is null)
            {
                target.Add(new IndicatorValue(value.IndicatorId, value.Value));
                changed = true;
            }
            else if (existing.Value != value.Value)
            {
                existing.Value = value.Value;
                changed = true;
            }
        }

        return changed;
    }
}
