using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace CoordinationPortal.Web.Infrastructure;

/// <summary>
/// A list of a form's errors above it, or nothing at all when there are none. MVC's own summary for
/// all fields writes an inline style (a hidden list item), which the page's CSP refuses.
/// </summary>
public static class ErrorSummaryHtml
{
    public static IHtmlContent ErrorSummary(this IHtmlHelper html, Func<string, bool> forField)
    {
        ArgumentNullException.ThrowIfNull(html);
        ArgumentNullException.ThrowIfNull(forField);
        var messages = html.ViewData.ModelState
            .Where(entry => forField(entry.Key))
            .SelectMany(entry => entry.Value?.Errors.Select(e => e.ErrorMessage) ?? [])
            .Where(m => !string.IsNullOrWhiteSpace(m))
            .Distinct()
            .ToList();
        if (messages.Count == 0)
        {
            return HtmlString.Empty;
        }

        var builder = new HtmlContentBuilder();
        builder.AppendHtml("<div class=\"alert alert-danger\" role=\"alert\"><ul class=\"mb-0\">");
        foreach (var message in messages)
        {
            builder.AppendHtml("<li>").Append(message).AppendHtml("</li>");
        }

        builder.AppendHtml("</ul></div>");
        return builder;
    }
}
