using CoordinationPortal.Domain.Plans;
using Microsoft.AspNetCore.Html;
using Microsoft.Extensions.Localization;

namespace CoordinationPortal.Web.Features.Plans;

/// <summary>
/// Years in a copied plan's wording that moved with the copy (<see cref="YearMentions"/>), shown
/// highlighted for a person to check: inside the plan's text, and beside an edit field (a text box
/// cannot hold a highlight, so the hint repeats the words around each year).
/// </summary>
public static class YearMarks
{
    private const int Context = 32;

    public static int Count(string? text, int? copiedFromYear) => YearMentions.ToReview(text, copiedFromYear).Count;

    public static int Count(IEnumerable<string?> texts, int? copiedFromYear) => texts.Sum(t => Count(t, copiedFromYear));

    /// <summary>The text, encoded, with each year to check in a &lt;mark&gt;.</summary>
    public static IHtmlContent Marked(string? text, int? copiedFromYear)
    {
        var builder = new HtmlContentBuilder();
        if (string.IsNullOrEmpty(text))
        {
            return builder;
        }

        var at = 0;
        foreach (var (start, length) in YearMentions.ToReview(text, copiedFromYear))
        {
            builder.Append(text[at..start]);
            builder.AppendHtml("<mark>").Append(text.Substring(start, length)).AppendHtml("</mark>");
            at = start + length;
        }

        return builder.Append(text[at..]);
    }

    /// <summary>
    /// "Kiểm tra năm: …Kế hoạch năm <mark>2025</mark>…" beside a field, with <paramref name="id"/> for
    /// the field's aria-describedby; nothing when the text names no year to check.
    /// </summary>
    public static IHtmlContent Hint(IStringLocalizer localizer, string? text, int? copiedFromYear, string id)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        var mentions = YearMentions.ToReview(text, copiedFromYear);
        var builder = new HtmlContentBuilder();
        if (mentions.Count == 0 || text is null)
        {
            return builder;
        }

        builder.AppendHtml("<div class=\"year-check\" data-year-check id=\"").Append(id).AppendHtml("\"><strong>")
            .Append(localizer["YearCheck.Label", mentions.Count].Value).AppendHtml("</strong> ");
        foreach (var (from, to) in Snippets(text, mentions))
        {
            builder.AppendHtml("<span class=\"year-snippet\">");
            if (from > 0)
            {
                builder.Append("…");
            }

            var at = from;
            foreach (var (start, length) in mentions.Where(m => m.Start >= from && m.Start + m.Length <= to))
            {
                builder.Append(text[at..start]).AppendHtml("<mark>").Append(text.Substring(start, length)).AppendHtml("</mark>");
                at = start + length;
            }

            builder.Append(text[at..to]);
            if (to < text.Length)
            {
                builder.Append("…");
            }

            builder.AppendHtml("</span> ");
        }

        return builder.AppendHtml("</div>");
    }

    /// <summary>The words around each mention, neighbouring ones joined into one snippet.</summary>
    private static List<(int From, int To)> Snippets(string text, IReadOnlyList<(int Start, int Length)> mentions)
    {
        var snippets = new List<(int From, int To)>();
        foreach (var (start, length) in mentions)
        {
            var from = WordStart(text, Math.Max(0, start - Context));
            var to = WordEnd(text, Math.Min(text.Length, start + length + Context));
            if (snippets.Count > 0 && from <= snippets[^1].To)
            {
                snippets[^1] = (snippets[^1].From, to);
            }
            else
            {
                snippets.Add((from, to));
            }
        }

        return snippets;
    }

    private static int WordStart(string text, int index)
    {
        while (index > 0 && !char.IsWhiteSpace(text[index - 1]))
        {
            index--;
        }

        return index;
    }

    private static int WordEnd(string text, int index)
    {
        while (index < text.Length && !char.IsWhiteSpace(text[index]))
        {
            index++;
        }

        return index;
    }
}
