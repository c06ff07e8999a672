using System.Globalization;
using System.Text.RegularExpressions;
using CoordinationPortal.Domain.Indicators;

namespace CoordinationPortal.Web.Infrastructure.Forms;

/// <summary>
/// A figure as officers type it: a whole number, plain ("1500") or with Vietnamese thousands dots or
/// spaces in their places ("1.500", "1 500 000"). A dot anywhere else ("1.5") reads as a fraction
/// someone meant, so it is refused rather than taken as 15. One rule for targets and reported values.
/// </summary>
public static partial class WholeNumberText
{
    /// <summary>True for a whole number within what an indicator may hold; false for anything else, blank included.</summary>
    public static bool TryParse(string? text, out long value)
    {
        value = 0;
        var trimmed = (text ?? string.Empty).Trim();
        if (trimmed.Length is 0 or > 32 || !WholeNumber().IsMatch(trimmed))
        {
            return false;
        }

        var digits = string.Concat(trimmed.Where(char.IsAsciiDigit));
        return digits.Length <= 18
            && long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out value)
            && value <= IndicatorValue.MaxValue;
    }

    /// <summary>How a stored figure appears in an input: 1.234.567.</summary>
    public static string Format(long value) => value.ToString("#,0", LocalizationSetup.FormatCulture);

    [GeneratedRegex(@"^([0-9]+|[0-9]{1,3}([. \u00A0\u202F][0-9]{3})+)$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex WholeNumber();
}
