using System.Globalization;
using CoordinationPortal.Domain.Common;

namespace CoordinationPortal.Domain.Calendar;

/// <summary>A calendar quarter (Quý) of a year: Q1 = January-March ... Q4 = October-December.</summary>
public readonly record struct Quarter : IComparable<Quarter>
{
    public const int MinYear = 2000;
    public const int MaxYear = 2100;

    private static readonly string[] RomanNumerals = ["I", "II", "III", "IV"];

    public Quarter(int year, int number)
    {
        if (year is < MinYear or > MaxYear)
        {
            throw new DomainRuleException("Rule.YearRange", $"Year {year} is outside {MinYear}-{MaxYear}.", year, MinYear, MaxYear);
        }

        if (number is < 1 or > 4)
        {
            throw new DomainRuleException("Rule.QuarterNumber", $"Quarter number {number} is not between 1 and 4.", number);
        }

        Year = year;
        Number = number;
    }

    public int Year { get; }

    public int Number { get; }

    public int FirstMonth => ((Number - 1) * 3) + 1;

    public int LastMonth => FirstMonth + 2;

    public DateOnly FirstDay => new(Year, FirstMonth, 1);

    public DateOnly LastDay => FirstDay.AddMonths(3).AddDays(-1);

    /// <summary>"II" for Q2: the way Vietnamese documents write quarters ("Quý II/2024").</summary>
    public string Roman => RomanNumerals[Number - 1];

    /// <summary>A sortable whole number (20242 for Q2/2024); how a quarter is stored in the database.</summary>
    public int Key => (Year * 10) + Number;

    public static Quarter Of(DateOnly date) => new(date.Year, ((date.Month - 1) / 3) + 1);

    public static Quarter FromKey(int key) =>
        TryFromKey(key, out var quarter) ? quarter : throw new DomainRuleException("Rule.QuarterKey", $"{key} is not a quarter key (20242 is Q2/2024).", key);

    /// <summary>Reads a stored or posted key (20242 for Q2/2024) without throwing on anything else.</summary>
    public static bool TryFromKey(int key, out Quarter quarter)
    {
        var (year, number) = (key / 10, key % 10);
        quarter = default;
        if (key < 0 || year is < MinYear or > MaxYear || number is < 1 or > 4)
        {
            return false;
        }

        quarter = new Quarter(year, number);
        return true;
    }

    /// <summary>The first and last day a typed date may be: the years quarters can have.</summary>
    public static DateOnly EarliestDay { get; } = new(MinYear, 1, 1);

    public static DateOnly LatestDay { get; } = new(MaxYear, 12, 31);

    public static IEnumerable<Quarter> OfYear(int year) =>
        Range(new Quarter(year, 1), new Quarter(year, 4));

    /// <summary>Every quarter from <paramref name="first"/> to <paramref name="last"/> inclusive, across years.</summary>
    public static IEnumerable<Quarter> Range(Quarter first, Quarter last)
    {
        if (last < first)
        {
            throw new DomainRuleException($"A quarter range cannot end ({last}) before it starts ({first}).");
        }

        for (var q = first; q <= last; q = q.AddQuarters(1))
        {
            yield return q;
        }
    }

    public bool Contains(DateOnly date) => date >= FirstDay && date <= LastDay;

    public Quarter AddQuarters(int count)
    {
        var index = (Year * 4) + (Number - 1) + count;
        return new Quarter(index / 4, (index % 4) + 1);
    }

    public int CompareTo(Quarter other) => Key.CompareTo(other.Key);

    public static bool operator <(Quarter left, Quarter right) => left.CompareTo(right) < 0;

    public static bool operator >(Quarter left, Quarter right) => left.CompareTo(right) > 0;

    public static bool operator <=(Quarter left, Quarter right) => left.CompareTo(right) <= 0;

    public static bool operator >=(Quarter left, Quarter right) => left.CompareTo(right) >= 0;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"Q{Number}/{Year}");
}
