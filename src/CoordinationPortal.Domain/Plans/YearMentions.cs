using System.Globalization;
using System.Text.RegularExpressions;

namespace CoordinationPortal.Domain.Plans;

/// <summary>
/// Years named in a plan's wording ("năm 2024", "Quý IV/2024"). A plan copied from last year keeps
/// its text as it was; pages mark the years that moved with the copy for a person to review rather
/// than rewrite them silently (a "2024" may be a date that must stay, as in a cited decision).
/// </summary>
public static partial class YearMentions
{
    /// <summary>
    /// Start and length of each mention, in <paramref name="text"/>, of the source plan's year or the
    /// year after it (Plan 468 of 2024 prepares "Kế hoạch năm 2025"): in a copy for a later year those
    /// are the mentions that probably need changing. None when the plan is not a copy.
    /// </summary>
    public static IReadOnlyList<(int Start, int Length)> ToReview(string? text, int? copiedFromYear)
    {
        if (string.IsNullOrEmpty(text) || copiedFromYear is not { } from)
        {
            return [];
        }

        return [.. Year().Matches(text)
            .Where(m => int.Parse(m.Value, CultureInfo.InvariantCulture) is var y && (y == from || y == from + 1))
            .Select(m => (m.Index, m.Length))];
    }

    [GeneratedRegex(@"(?<!\d)20\d{2}(?!\d)")]
    private static partial Regex Year();
}
