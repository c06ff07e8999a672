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

    private readonly List<ProvinceTarget> _provinceTargets = [];

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

    /// <summary>What the plan aims for in its year, nationally; null when it sets no number.</summary>
    public long? Target { get; private set; }

    /// <summary>Targets set for single provinces (optional, on top of the national one).</summary>
    public IReadOnlyList<ProvinceTarget> ProvinceTargets => _provinceTargets;

    /// <summary>Goes up by one on every change; an edit form that started from an older version is refused.</summary>
    public int Version { get; private set; } = 1;

    public void Rename(string name, string? englishName)
    {
        Name = Guard.Text(name, MaxNameLength, "Indicator name");
        EnglishName = Guard.OptionalText(englishName, MaxNameLength, "Indicator English name");
        Version++;
    }

    /// <summary>
    /// The year's targets: national (null: none) and per province (only those given). Targets are
    /// not reported figures, so they may change in any state of the plan; the audit trail keeps
    /// the earlier numbers.
    /// </summary>
    /// <returns>Whether anything changed.</returns>
    public bool SetTargets(long? national, IReadOnlyDictionary<int, long> byProvince)
    {
        ArgumentNullException.ThrowIfNull(byProvince);
        if (national is { } n)
        {
            CheckTarget(n);
        }

        foreach (var (provinceId, value) in byProvince)
        {
            if (provinceId <= 0)
            {
                throw new DomainRuleException("A province target needs a saved province.");
            }

            CheckTarget(value);
        }

        var changed = Target != national;
        Target = national;
        changed |= _provinceTargets.RemoveAll(t => !byProvince.ContainsKey(t.ProvinceId)) > 0;
        foreach (var (provinceId, value) in byProvince)
        {
            var existing = _provinceTargets.Find(t => t.ProvinceId == provinceId);
            if (existing is null)
            {
                _provinceTargets.Add(new ProvinceTarget(provinceId, value));
                changed = true;
            }
            else if (existing.Value != value)
            {
                existing.Value = value;
                changed = true;
            }
        }

        if (changed)
        {
            Version++;
        }

        return changed;
    }

    /// <summary>The target of one province, if the plan sets one.</summary>
    public long? TargetFor(int provinceId) => _provinceTargets.Find(t => t.ProvinceId == provinceId)?.Value;

    /// <summary>
    /// The same indicator on the copy of its activity in next year's plan: code, names, unit and
    /// order. Targets are the year's own and start empty; a retired indicator is not copied.
    /// </summary>
    public Indicator CopyTo(int activityId) =>
        IsRetired ? throw new DomainRuleException("A retired indicator is not copied.") : new Indicator(activityId, Code, Name, EnglishName, Unit, SortOrder);

    private static void CheckTarget(long value)
    {
        if (value is < 0 or > IndicatorValue.MaxValue)
        {
            throw new DomainRuleException("Rule.IndicatorValue", "A target is a whole number from 0.", value);
        }
    }

    public void Retire()
    {
        IsRetired = true;
        Version++;
    }

    public void Restore()
    {
        IsRetired = false;
        Version++;
    }
}

/// <summary>An indicator's target for one province in the plan's year.</summary>
public sealed class ProvinceTarget
{
    internal ProvinceTarget(int provinceId, long value)
    {
        ProvinceId = provinceId;
        Value = value;
    }

    public int ProvinceId { get; private set; }

    public long Value { get; internal set; }
}

/// <summary>How far a figure has come against its target: the percentage reached, when there is a target above zero.</summary>
public static class TargetProgress
{
    private const decimal Ceiling = 999_999m; // far past any plausible overshoot; keeps the figure printable

    /// <summary>Whole percent reached (may pass 100), or null without a target to measure against.</summary>
    public static int? PercentReached(long actual, long? target) =>
        target is > 0 ? (int)Math.Min(Ceiling, Math.Round(actual * 100m / target.Value, MidpointRounding.AwayFromZero)) : null;
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
