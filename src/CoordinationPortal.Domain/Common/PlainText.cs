using System.Text;

namespace CoordinationPortal.Domain.Common;

/// <summary>
/// What typed text may hold once stored: letters, digits, punctuation, tabs and line breaks.
/// Word pastes U+000B for Shift+Enter and other control characters that XML (so .docx and .xlsx)
/// refuses; they are turned into line breaks or dropped on the way in, so every page and document
/// that shows the text later can trust it. Documents clean again on the way out, for text stored
/// before this rule.
/// </summary>
public static class PlainText
{
    public static string? Clean(string? text)
    {
        if (string.IsNullOrEmpty(text) || !NeedsCleaning(text))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '\r':
                    builder.Append('\n');
                    if (i + 1 < text.Length && text[i + 1] == '\n')
                    {
                        i++;
                    }

                    break;
                case '\u000B' or '\u000C' or '\u0085' or '\u2028' or '\u2029':
                    builder.Append('\n'); // vertical tab, form feed, next line, line and paragraph separators end a line
                    break;
                case '\t' or '\n':
                    builder.Append(c);
                    break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                    {
                        builder.Append(c).Append(text[++i]);
                    }
                    else if (!char.IsControl(c) && !char.IsSurrogate(c) && c is not '\uFFFE' and not '\uFFFF')
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        return builder.ToString();
    }

    private static bool NeedsCleaning(string text)
    {
        foreach (var c in text)
        {
            if ((char.IsControl(c) && c != '\n' && c != '\t') || char.IsSurrogate(c) || c is '\u2028' or '\u2029' or '\uFFFE' or '\uFFFF')
            {
                return true;
            }
        }

        return false;
    }
}
