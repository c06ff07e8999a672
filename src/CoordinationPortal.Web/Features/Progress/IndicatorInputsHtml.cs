using System.Text.Encodings.Web;
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
/// (issue 14). The markup goes straight to the page's writer, text through the page's encoder, as
/// in a view, without building a list of pieces first (a fifth of what the form allocated).
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

        // Names and messages now, while the view runs (ModelState, the request's language); the text later.
        var inputs = new Input[model.Fields.Count];
        for (var i = 0; i < inputs.Length; i++)
        {
            var field = model.Fields[i];
            var name = $"{model.Prefix}[{field.Id}]";
            inputs[i] = new Input(
                field,
                name,
                $"{model.IdPrefix}-indicator-{field.Id}",
                Display.English && field.EnglishName is not null ? field.EnglishName : field.Name,
                localizer["Unit." + field.Unit],
                model.Values.GetValueOrDefault(field.Id),
                html.FieldMessage(name));
        }

        return new Inputs(
            localizer["Indicators.Legend"],
            model.HintKey is { } hint ? localizer[hint].Value : null,
            localizer["Indicators.Help"],
            localizer["Indicators.Retired"],
            inputs);
    }

    private sealed record Input(IndicatorField Field, string Name, string Id, string Label, string Unit, string? Value, IHtmlContent Message);

    private sealed class Inputs(string legend, string? hint, string help, string retired, Input[] inputs) : IHtmlContent
    {
        public void WriteTo(TextWriter writer, HtmlEncoder encoder)
        {
            writer.Write("<fieldset class=\"indicator-inputs\">\n<legend class=\"fs-6 fw-semibold\">");
            encoder.Encode(writer, legend);
            writer.Write("</legend>\n");
            if (hint is not null)
            {
                writer.Write("<p class=\"form-text mt-0 fw-semibold\" data-indicator-hint>");
                encoder.Encode(writer, hint);
                writer.Write("</p>\n");
            }

            writer.Write("<p class=\"form-text mt-0\">");
            encoder.Encode(writer, help);
            writer.Write("</p>\n<div class=\"row g-2\">\n");
            foreach (var input in inputs)
            {
                writer.Write("<div class=\"col-sm-6 col-lg-4\">\n<label for=\"");
                encoder.Encode(writer, input.Id);
                writer.Write("\" class=\"form-label small\">");
                encoder.Encode(writer, input.Label);
                writer.Write(" <span class=\"text-muted\">(");
                encoder.Encode(writer, input.Unit);
                writer.Write(")</span>");
                if (input.Field.IsRetired)
                {
                    encoder.Encode(writer, " · " + retired);
                }

                writer.Write("</label>\n<input id=\"");
                encoder.Encode(writer, input.Id);
                writer.Write("\" name=\"");
                encoder.Encode(writer, input.Name);
                writer.Write('"');
                if (input.Value is { } value)
                {
                    // As a view writes value="@x": no attribute at all for nothing typed.
                    writer.Write(" value=\"");
                    encoder.Encode(writer, value);
                    writer.Write('"');
                }

                writer.Write(" class=\"form-control form-control-sm numeric\" inputmode=\"numeric\" autocomplete=\"off\">\n");
                input.Message.WriteTo(writer, encoder);
                writer.Write("\n</div>\n");
            }

            writer.Write("</div>\n</fieldset>\n");
        }
    }
}
