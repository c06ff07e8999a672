using AngleSharp.Dom;

namespace CoordinationPortal.Web.Tests.Infrastructure;

/// <summary>What a browser would send for a form as it stands on the page: the fields a test then changes and posts.</summary>
public static class FormFields
{
    /// <summary>
    /// The form's successful controls: enabled inputs (ticked boxes and radios only), selects (the
    /// selected option, else the first) and text areas. Where a name repeats (a box and its hidden
    /// "false"), the first one counts, as for MVC's binder.
    /// </summary>
    public static Dictionary<string, string> Of(IDocument page, string formSelector)
    {
        ArgumentNullException.ThrowIfNull(page);
        var form = page.QuerySelector(formSelector);
        Assert.True(form is not null, $"no form {formSelector} on the page");
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var control in form.QuerySelectorAll("input[name], select[name], textarea[name]"))
        {
            if (control.HasAttribute("disabled"))
            {
                continue;
            }

            var name = control.GetAttribute("name")!;
            switch (control.LocalName)
            {
                case "input":
                    var type = control.GetAttribute("type")?.ToLowerInvariant() ?? "text";
                    if (type is "submit" or "button" or "file" || (type is "checkbox" or "radio" && !control.HasAttribute("checked")))
                    {
                        continue;
                    }

                    fields.TryAdd(name, control.GetAttribute("value") ?? (type is "checkbox" or "radio" ? "on" : string.Empty));
                    break;
                case "select":
                    var option = control.QuerySelector("option[selected]") ?? control.QuerySelector("option");
                    fields.TryAdd(name, option?.GetAttribute("value") ?? option?.TextContent ?? string.Empty);
                    break;
                default:
                    fields.TryAdd(name, control.TextContent);
                    break;
            }
        }

        fields.Remove("__RequestVerificationToken");
        return fields;
    }

    /// <summary>The fields with some values replaced or added.</summary>
    public static Dictionary<string, string> With(this Dictionary<string, string> fields, params (string Name, string Value)[] changes)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var copy = new Dictionary<string, string>(fields, StringComparer.Ordinal);
        foreach (var (name, value) in changes)
        {
            copy[name] = value;
        }

        return copy;
    }
}
