using System.Text;
using CoordinationPortal.Domain.Common;

namespace CoordinationPortal.Web.Features.Exports;

/// <summary>
/// Text on its way into a generated document (.docx, .xlsx). Every text passes through
/// <see cref="Clean"/>, so that whatever was stored, even before input was cleaned, the document is
/// well-formed XML. <see cref="Width"/> measures a text in Times New Roman, the font of every
/// document we make, to draw Decree 30's lines and size Excel rows.
/// </summary>
public static class DocumentText
{
    // Advance widths of ASCII 32-126 in thousandths of an em, from Liberation Serif, which has
    // the metrics of Times New Roman (and so lays out the same in Word and LibreOffice).
    private static readonly short[] RegularAscii =
    [
        250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250, 278, 500, 500, 500, 500, 500, 500, 500, 500,
        500, 500, 278, 278, 564, 564, 564, 444, 921, 722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722,
        556, 722, 667, 556, 611, 722, 722, 944, 722, 722, 611, 333, 278, 333, 469, 500, 333, 444, 500, 444, 500, 444, 333, 500,
        500, 278, 278, 500, 278, 778, 500, 500, 500, 500, 333, 389, 278, 500, 500, 722, 500, 500, 444, 480, 200, 480, 541,
    ];

    private static readonly short[] BoldAscii =
    [
        250, 333, 555, 500, 500, 1000, 833, 278, 333, 333, 500, 570, 250, 333, 250, 278, 500, 500, 500, 500, 500, 500, 500, 500,
        500, 500, 333, 333, 570, 570, 570, 500, 930, 722, 667, 722, 722, 667, 611, 778, 778, 389, 500, 778, 667, 944, 722, 778,
        611, 778, 722, 556, 667, 722, 722, 1000, 722, 722, 667, 333, 278, 333, 581, 500, 333, 500, 556, 444, 556, 444, 333, 500,
        556, 278, 333, 556, 278, 833, 556, 500, 556, 556, 444, 389, 333, 556, 500, 722, 500, 500, 444, 394, 220, 394, 520,
    ];

    // Up to the end of Latin Extended Additional (U+1EFF), where Vietnamese letters live: a letter
    // with diacritics is as wide as its base letter, plus a little for the horn of ơ and ư.
    private static readonly short[] Regular = Table(RegularAscii, horn: 35);
    private static readonly short[] Bold = Table(BoldAscii, horn: 50);

    /// <summary>
    /// The text with what XML cannot hold, or a document should not, taken out: tabs and line
    /// breaks are kept (line breaks as \n, whatever their origin: \r\n, \r, and Word's Shift+Enter
    /// U+000B, which pasted text carries), every other control character and any half of a
    /// surrogate pair is removed.
    /// </summary>
    public static string Clean(string? text) => PlainText.Clean(text) ?? string.Empty; // the same rule as on input

    /// <summary>The width of a single line of text in ems of Times New Roman (regular or bold).</summary>
    public static double Width(string text, bool bold = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        var table = bold ? Bold : Regular;
        var thousandths = 0;
        foreach (var c in text)
        {
            thousandths += c < table.Length ? table[c] : 1000; // beyond Vietnamese: assume a full em, rather too wide than too narrow
        }

        return thousandths / 1000.0;
    }

    /// <summary>How many lines the text takes when wrapped at spaces into a width (in ems), as Word and Excel wrap it.</summary>
    public static int LineCount(string text, double widthEm, bool bold = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        var space = Width(" ", bold);
        var lines = 0;
        foreach (var paragraph in text.Split('\n'))
        {
            lines++;
            var used = 0.0;
            foreach (var word in paragraph.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
            {
                var width = Width(word, bold);
                if (used > 0 && used + space + width <= widthEm)
                {
                    used += space + width;
                    continue;
                }

                if (used > 0)
                {
                    lines++;
                }

                // A word wider than the column is broken across lines.
                var whole = widthEm > 0 ? (int)Math.Floor(width / widthEm) : 0;
                lines += width > widthEm ? whole : 0;
                used = width > widthEm ? width - (whole * widthEm) : width;
            }
        }

        return lines;
    }

    private static short[] Table(short[] ascii, short horn)
    {
        var table = new short[0x1F00];
        for (var c = 0; c < table.Length; c++)
        {
            var letter = (char)c;
            if (c is >= 0x20 and < 0x7F)
            {
                table[c] = ascii[c - 0x20];
                continue;
            }

            var decomposed = letter.ToString().Normalize(NormalizationForm.FormD);
            var baseLetter = letter switch { 'đ' => 'd', 'Đ' => 'D', _ => decomposed[0] };
            table[c] = baseLetter is >= ' ' and < '\u007F'
                ? (short)(ascii[baseLetter - 0x20] + (decomposed.Contains('\u031B', StringComparison.Ordinal) ? horn : 0))
                : (short)(char.IsControl(letter) ? 0 : 500); // other symbols: about half an em
        }

        return table;
    }
}
