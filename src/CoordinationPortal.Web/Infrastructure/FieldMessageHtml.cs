using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace CoordinationPortal.Web.Infrastructure;

/// <summary>
/// A field's validation message in the forms' style, the same markup as
/// <c>Html.ValidationMessage(name, new { @class = "text-danger small" })</c>. The report form has
/// about seventy of them, nearly always empty placeholders for the browser's checks; MVC builds each
/// through a TagBuilder and a dictionary of attributes, about a seventh of what the form allocated
/// (issue 14). An empty one is written here as it is; a field with an error still goes through MVC.
/// </summary>
public static class FieldMessageHtml
{
    private const string CssClass = "text-danger small";

    /// <summary>The message of <paramref name="name"/>; <paramref name="lineError"/> marks it for the form's script (data-line-error).</summary>
    public static IHtmlContent FieldMessage(this IHtmlHelper html, string name, string? lineError = null)
    {
        ArgumentNullException.ThrowIfNull(html);
        ArgumentException.ThrowIfNullOrEmpty(name);
        var viewData = html.ViewData;
        var plain = html.ViewContext.ClientValidationEnabled
            && viewData.TemplateInfo.HtmlFieldPrefix.Length == 0
            && !(viewData.ModelState.TryGetValue(name, out var entry) && entry.Errors.Count > 0);
        if (plain)
        {
            return new EmptyMessage(name, lineError);
        }

        return lineError is null
            ? html.ValidationMessage(name, new { @class = CssClass })
            : html.ValidationMessage(name, new { @class = CssClass, data_line_error = lineError });
    }

    private sealed class EmptyMessage(string name, string? lineError) : IHtmlContent
    {
        public void WriteTo(TextWriter writer, HtmlEncoder encoder)
        {
            writer.Write("<span class=\"" + CssClass + " field-validation-valid\"");
            if (lineError is not null)
            {
                writer.Write(" data-line-error=\"");
                encoder.Encode(writer, lineError);
                writer.Write('"');
            }

            writer.Write(" data-valmsg-for=\"");
            encoder.Encode(writer, name);
            writer.Write("\" data-valmsg-replace=\"true\"></span>");
        }
    }
}
