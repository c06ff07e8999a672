using System.Globalization;
using System.Text;

namespace CoordinationPortal.Domain.Common;

/// <summary>
/// Folds Vietnamese text for searching: lower case, no tone or vowel marks, "đ" as "d",
/// so "ha giang" finds "Hà Giang" and "Đắk Lắk" is found by "dak lak".
/// </summary>
public static class TextFolding
{
    public static string Fold(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return string.Empty;
        }

        var decomposed = text.Trim().ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        var lastWasSpace = false;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            var isSpace = char.IsWhiteSpace(c);
            if (isSpace && lastWasSpace)
            {
                continue;
            }

            builder.Append(c == 'đ' ? 'd' : isSpace ? ' ' : c);
            lastWasSpace = isSpace;
        }

        return builder.ToString().Normalize(NormalizationForm.FormC);
    }
}
