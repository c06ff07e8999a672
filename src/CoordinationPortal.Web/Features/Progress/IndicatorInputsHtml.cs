using CoordinationPortal.Web.Infrastructure;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.Extensions.Localization;

namespace CoordinationPortal.Web.Features.Progress;

/// <summary>
/// The markup of a form section's indicator inputs (<see cref="IndicatorInputsModel"/>), for the
/// progress form and for every line of the report form. Written here rather than as a partial view:
/// the report form showed one partial per line, and each partial view is looked up, activated and
/// given its own helpers; that was a good part of what kept the form short of its speed target
/// (issue 14). Text goes through the page's encoder when the page is written, as in a view.
/// </summary>
public static class IndicatorInputsHtml
{
    public static IHtmlContent For(IHtmlHelper html, IStringLocalizer localizer, IndicatorInputsModel model)
    {
        ArgumentNullException.ThrowIfNull(html);
        ArgumentNullException.ThrowIfNull(localizer);
        ArgumentNullException.ThrowIfNull(model);
        if (model.Fields.Count == 0)
        {
            return HtmlString.Empty;
        }

        var markup = new HtmlContentBuilder(16 + (model.Fields.Count * 24));
        markup.AppendHtml("<fieldset class=\"indicator-inputs\">\n<legend class=\"fs-6 fw-semibold\">").Append(localizer["Indicators.Legend"]).AppendHtml("</legend>\n");
        if (model.HintKey is { } hint)
        {
            markup.AppendHtml("<p class=\"form-text mt-0 fw-semibold\" data-indicator-hint>").Append(localizer[hint]).AppendHtml("</p>\n");
        }

        markup.AppendHtml("<p class=\"form-text mt-0\">").Append(localizer["Indicators.Help"]).AppendHtml("</p>\n<div class=\"row g-2\">\n");
        foreach (var field in model.Fields)
        {
            var name = $"{model.Prefix}[{field.Id}]";
            var id = $"{model.IdPrefix}-indicator-{field.Id}";
            markup.AppendHtml("<div class=\"col-sm-6 col-lg-4\">\n<label for=\"").Append(id).AppendHtml("\" class=\"form-label small\">")
                .Append(Display.English && field.EnglishName is not null ? field.EnglishName : field.Name)
                .AppendHtml(" <span class=\"text-muted\">(").Append(localizer["Unit." + field.Unit]).AppendHtml(")</span>");
            if (field.IsRetired)
            {
                markup.Append(" · " + localizer["Indicators.Retired"]);
            }

            markup.AppendHtml("</label>\n<input id=\"").Append(id).AppendHtml("\" name=\"").Append(name).AppendHtml("\"");
            if (model.Values.GetValueOrDefault(field.Id) is { } value)
            {
                // As a view writes value="@x": no attribute at all for nothing typed.
                markup.AppendHtml(" value=\"").Append(value).AppendHtml("\"");
            }

            markup.AppendHtml(" class=\"form-control form-control-sm numeric\" inputmode=\"numeric\" autocomplete=\"off\">\n")
                .AppendHtml(html.ValidationMessage(name, new { @class = "text-danger small" }))
                .AppendHtml("\n</div>\n");
        }

        markup.AppendHtml("</div>\n</fieldset>\n");
        return markup;
    }
}
