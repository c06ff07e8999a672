using System.Globalization;
using System.Text.RegularExpressions;
using CoordinationPortal.Domain.Indicators;

namespace CoordinationPortal.Web.Features.Admin;

/// <summary>
/// Reads a target as officers type it: a whole number, plain ("1500") or with Vietnamese thousands
/// dots or spaces in their places ("1.500", "1 500 000"). Empty means "no target". A dot anywhere
/// else ("1.5") reads as a fraction someone meant, so it is refused rather than taken as 15.
/// </summary>
public static partial class TargetInput
{
    /// <summary>True when the text is empty (no target) or a whole number; false for anything else.</summary>
    public static bool TryParse(string? text, out long? value)
    {
        value = null;
        var trimmed = (text ?? string.Empty).Trim();
        if (trimmed.Length == 0)
        {
            return true;
        }

        if (trimmed.Length > 32 || !WholeNumber().IsMatch(trimmed))
        {
            return false;
        }

        var digits = string.Concat(trimmed.Where(char.IsAsciiDigit));
        if (digits.Length > 18 || !long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number > IndicatorValue.MaxValue)
        {
            return false;
        }

        value = number;
        return true;
    }

    /// <summary>How a stored target appears in its input: 1.500.</summary>
    public static string Format(long? value) => value?.ToString("#,0", CultureInfo.GetCultureInfo("vi-VN")) ?? string.Empty;

    [GeneratedRegex(@"^([0-9]+|[0-9]{1,3}([. \u00A0][0-9]{3})+)$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex WholeNumber();
}
