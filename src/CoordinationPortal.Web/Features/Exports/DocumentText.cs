using System.Text;

namespace CoordinationPortal.Web.Features.Exports;

/// <summary>
/// Text on its way into a generated document (.docx, .xlsx). Every text passes through
/// <see cref="Clean"/>, so that whatever was stored, even before input was cleaned, the document is
/// well-formed XML.
/// </summary>
public static class DocumentText
{
    /// <summary>
    /// The text with what XML cannot hold, or a document should not, taken out: tabs and line
    /// breaks are kept (line breaks as \n, whatever their origin: \r\n, \r, and Word's Shift+Enter
    /// U+000B, which pasted text carries), every other control character and any half of a
    /// surrogate pair is removed.
    /// </summary>
    public static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        if (!text.Any(NeedsCleaning))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(c).Append(text[++i]);
            }
            else if (c == '\r')
            {
                builder.Append('\n');
                if (i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }
            }
            else if (c is '\v' or '\f' or '\u0085' or '\u2028' or '\u2029')
            {
                builder.Append('\n');
            }
            else if (c is '\t' or '\n' || !(char.IsControl(c) || char.IsSurrogate(c) || c is '\uFFFE' or '\uFFFF'))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    // Anything XML 1.0 cannot hold, a line break to normalise, or a surrogate (paired ones are kept,
    // but they take the careful path).
    private static bool NeedsCleaning(char c) =>
        (c < ' ' && c is not ('\t' or '\n')) || c is >= '\u007F' and <= '\u009F' || char.IsSurrogate(c) || c is '\u2028' or '\u2029' or '\uFFFE' or '\uFFFF';
}
